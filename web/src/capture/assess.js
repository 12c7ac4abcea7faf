// Assess a person's features, in general or for one deal: POST /v1/assessments dated today.
import { write } from "../api.js";
import { h } from "../dom.js";
import { t } from "../i18n.js";
import { accountDeals } from "./data.js";
import { attitudeSelect, captureForm, openDialog, options, today, yesNo, yesNoSelect } from "./form.js";

const shown = (f, v) => (v === null || v === undefined ? t("att.unknown")
  : f === "veto" || f === "approver" ? t(v ? "common.yes" : "common.no") : t(`att.${v}`));

/** `now`: the person's features today (shown beside each field). */
export async function assessPerson({ contactId, name, accountId, now = {}, done }) {
  const deals = accountId ? await accountDeals(accountId) : [];
  openDialog(t("assess.title", { name }), (close) => {
    const deal = h("select", {}, options([["", t("assess.general")], ...deals.map((o) => [o.id, o.name || o.id])], ""));
    const c = { closeness: attitudeSelect(), solution: attitudeSelect(), price: attitudeSelect(),
      veto: yesNoSelect(), approver: yesNoSelect() };
    const form = captureForm({
      id: "assess-form", submitLabel: t("assess.submit"), onCancel: close,
      onSubmit: async () => {
        const body = { contact_id: contactId, at: today(), toward: "us", opportunity_id: deal.value || null };
        for (const f of ["closeness", "solution", "price"]) if (c[f].value) body[f] = c[f].value;
        for (const f of ["veto", "approver"]) if (c[f].value) body[f] = yesNo(c[f].value);
        if (Object.keys(body).length === 4) {
          throw Object.assign(new Error(t("assess.empty")), { problem: { detail: t("assess.empty") } });
        }
        await write("/v1/assessments", body);
        close();
        done(t("assess.done"));
      },
    });
    form.append(
      form.field("opportunity_id", t("assess.deal"), deal),
      h("div", { class: "field-row" }, Object.entries(c).map(([f, control]) => form.field(f, t(`feature.${f}`), control,
        { hint: t("assess.now", { value: shown(f, now[f]) }) }))));
    return form.form;
  });
}
