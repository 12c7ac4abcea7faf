// Assess a person's features, in general or for one deal: POST /v1/assessments dated today.
import { api, seg, write } from "../api.js";
import { DEGREES, h } from "../dom.js";
import { t } from "../i18n.js";
import { accountDeals, dealOptions } from "./data.js";
import { attitudeSelect, captureForm, featureText, openDialog, options, today, yesNo, yesNoSelect } from "./form.js";

// What a contact write carries (POST /v1/contacts writes the whole record): the stored values,
// so that judging the importance again changes nothing else.
const CONTACT_FIELDS = ["id", "account_id", "name", "title", "department", "key_person", "behavior",
  "importance", "importance_at", "top_of_hierarchy", "no_known_influencer", "emails", "note"];

/** The contact's importance judged again today, on the record as stored (If-Match: a change
 *  made meanwhile is not overwritten, 412). */
async function judgeImportance(contactId, accountId, importance) {
  const { data, etag } = await api(`/v1/contacts/${seg(contactId)}`, { tagged: true });
  // The record names the account it was last written with: written again for one who no longer
  // works there, it would place them there again.
  if (data.account_id !== accountId) {
    throw Object.assign(new Error(t("assess.notThere")), { problem: { detail: t("assess.notThere") } });
  }
  const record = Object.fromEntries(CONTACT_FIELDS.filter((k) => k in data).map((k) => [k, data[k]]));
  await api("/v1/contacts", { method: "POST", ifMatch: etag,
    body: { ...record, importance, importance_at: today() } });
}

/** `now`: the person's features today (shown beside each field); `importance`: its importance
 *  as shown. */
export async function assessPerson({ contactId, name, accountId, now = {}, importance = "–", done }) {
  const deals = accountId ? await accountDeals(accountId) : [];
  openDialog(t("assess.title", { name }), (close) => {
    const deal = h("select", {}, options([["", t("assess.general")], ...dealOptions(deals)], ""));
    const c = { closeness: attitudeSelect(), solution: attitudeSelect(), price: attitudeSelect(),
      veto: yesNoSelect(), approver: yesNoSelect() };
    const judged = h("select", {}, options([["", t("assess.keepImportance")],
      ...["position", "relationship", "both", "ordinary"].map((v) => [v, t(`importance.${v}`)])], ""));
    const form = captureForm({
      id: "assess-form", submitLabel: t("assess.submit"), onCancel: close,
      onSubmit: async () => {
        const body = { contact_id: contactId, at: today(), toward: "us", opportunity_id: deal.value || null };
        for (const f of DEGREES) if (c[f].value) body[f] = c[f].value;
        for (const f of ["veto", "approver"]) if (c[f].value) body[f] = yesNo(c[f].value);
        if (Object.keys(body).length === 4 && !judged.value) {
          throw Object.assign(new Error(t("assess.empty")), { problem: { detail: t("assess.empty") } });
        }
        if (judged.value) await judgeImportance(contactId, accountId, judged.value);
        if (Object.keys(body).length > 4) await write("/v1/assessments", body);
        close();
        done(t("assess.done"));
      },
    });
    form.append(
      form.field("opportunity_id", t("assess.deal"), deal),
      h("div", { class: "field-row" }, Object.entries(c).map(([f, control]) => form.field(f, t(`feature.${f}`), control,
        { hint: t("assess.now", { value: featureText(f, now[f]) }) }))),
      // Judged for one who works at an account the reader sees today.
      accountId ? form.field("importance", t("assess.importance"), judged, { hint: t("assess.now", { value: importance }) }) : null);
    return form.form;
  });
}
