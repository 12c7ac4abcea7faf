// Log an interaction: the activity and the attitudes observed, one POST /v1/import (all or
// nothing). Opened from the person, deal and account views.
import { ApiError, api, seg, write } from "../api.js";
import { DEGREES, h } from "../dom.js";
import { t } from "../i18n.js";
import { accountDeals, accountPeople, colleagues, dealOptions, newId } from "./data.js";
import {
  ACTIVITY_TYPES, attitudeSelect, captureForm, featureText, openDialog, options, today, yesNo, yesNoSelect,
} from "./form.js";

const VOTES = ["veto", "approver"];

function checkList(name, items, checked, label) {
  // The ticked ones first: in a box that shows six rows, a person ticked eleventh seemed not to be.
  const ordered = [...items.filter((i) => checked.includes(i.id)), ...items.filter((i) => !checked.includes(i.id))];
  return h("div", { class: "choices" }, ordered.map((item) => h("label", { class: "choice" },
    h("input", { type: "checkbox", name, value: item.id, checked: checked.includes(item.id) }),
    " ", label(item))));
}

const personLabel = (onChain) => (p) => [p.name || p.id,
  p.title ? h("span", { class: "hint" }, ` · ${p.title}`) : null,
  onChain.has(p.id) ? h("span", { class: "hint" }, ` · ${t("log.onChain")}`) : null];

/** Open the dialog. `contactId` and `dealId` are preselected; `done(message)` after the write. */
export async function logInteraction({ me, accountId, contactId = null, dealId = null, done }) {
  const [everyone, deals, staff, chain] = await Promise.all([
    accountPeople(accountId), accountDeals(accountId), colleagues(me),
    dealId ? api(`/v1/opportunities/${seg(dealId)}/decision-chain`).catch(() => null) : null]);
  // Logged from a deal: its decision chain's people first, the ones met about it most.
  const onChain = new Set((chain?.members || []).map((m) => m.contact_id));
  const people = [...everyone.filter((p) => onChain.has(p.id)), ...everyone.filter((p) => !onChain.has(p.id))];
  const names = Object.fromEntries(people.map((p) => [p.id, p.name || p.id]));
  openDialog(t("log.title"), (close) => {
    const at = h("input", { type: "date", value: today(), max: today(), required: true });
    const type = h("select", {}, options(ACTIVITY_TYPES.map((a) => [a, t(`act.${a}`)]), "visit"));
    const ours = checkList("ours", staff, me.employee_id ? [me.employee_id] : [], (e) => e.name || e.id);
    const theirs = checkList("theirs", people, contactId ? [contactId] : [], personLabel(onChain));
    // Colleagues not listed (a rep sees only themselves): named by address, resolved by the API.
    const others = h("input", { type: "text", inputmode: "email", autocomplete: "off", spellcheck: false });
    const deal = h("select", {}, options([["", t("log.noDeal")],
      ...dealOptions(deals)], dealId || ""));
    // A deal's attitudes change the deal's chain, not the person's general ones: said before
    // the write, so that nobody enters them twice.
    const dealOnly = h("p", { class: "hint", id: "log-deal-only" });
    const showDealOnly = () => { dealOnly.textContent = deal.value ? t("log.dealOnly") : ""; };
    deal.addEventListener("change", showDealOnly);
    showDealOnly();
    // What we see of each person now: on the deal chosen, its decision chain's values (the
    // deal's own assessments, else the general ones), else the general ones (the portrait).
    const general = new Map(); // contact id -> Promise of the portrait's features
    const chains = new Map(); // deal id -> Promise of its members' values by contact id
    if (chain) chains.set(dealId, Promise.resolve(Object.fromEntries(chain.members.map((m) => [m.contact_id, m]))));
    const valuesNow = (cid) => {
      if (!general.has(cid)) general.set(cid, api(`/v1/contacts/${seg(cid)}/portrait`, { params: { limit: 1 } }).then((p) => p.features));
      const onDeal = deal.value;
      if (!onDeal) return general.get(cid);
      if (!chains.has(onDeal)) {
        chains.set(onDeal, api(`/v1/opportunities/${seg(onDeal)}/decision-chain`)
          .then((c) => Object.fromEntries(c.members.map((m) => [m.contact_id, m])), () => ({})));
      }
      return chains.get(onDeal).then((members) => members[cid] || general.get(cid));
    };
    const note = h("textarea", { rows: 3 });
    // An attitude of a day gone by counts from that day: a later assessment stays the current
    // one, which a rep logging last week's visit would otherwise expect to see replaced.
    const earlier = h("p", { class: "hint", id: "log-earlier" });
    const showEarlier = () => { earlier.textContent = at.value && at.value < today() ? t("log.earlierDay") : ""; };
    at.addEventListener("input", showEarlier);
    at.addEventListener("change", showEarlier);
    const attitudes = h("div", { class: "attitudes" });
    const perPerson = new Map(); // contact id -> { set, controls }

    const form = captureForm({
      id: "log-form", submitLabel: t("log.submit"), onCancel: close,
      onSubmit: async () => {
        const chosen = (list) => [...list.querySelectorAll("input:checked")].map((i) => i.value);
        const when = at.value;
        const opportunity = deal.value || null;
        const contacts = chosen(theirs);
        if (!contacts.length) {
          throw new ApiError(422, { errors: [{ path: "activities[0].contact_ids", message: t("log.pickContact") }] });
        }
        const addresses = others.value.split(/[\s,;，；、]+/).filter(Boolean);
        const doc = { activities: [{ id: newId("act-"), at: when, type: type.value,
          employee_ids: chosen(ours), ...(addresses.length ? { employee_emails: addresses } : {}),
          contact_ids: contacts, opportunity_id: opportunity, summary: note.value.trim() || null }] };
        const assessments = [];
        for (const cid of contacts) {
          const { controls } = perPerson.get(cid);
          const seen = {};
          for (const f of DEGREES) if (controls[f].value) seen[f] = controls[f].value;
          for (const f of VOTES) if (controls[f].value) seen[f] = yesNo(controls[f].value);
          if (!Object.keys(seen).length) continue;
          const i = assessments.length;
          for (const f of [...DEGREES, ...VOTES]) form.alias(`assessments[${i}].${f}`, `att:${cid}.${f}`);
          form.alias(`assessments[${i}]`, `att:${cid}`);
          form.alias(`assessments[${i}].at`, "activities[0].at");
          form.alias(`assessments[${i}].opportunity_id`, "activities[0].opportunity_id");
          assessments.push({ contact_id: cid, at: when, toward: "us", opportunity_id: opportunity, ...seen });
        }
        if (assessments.length) doc.assessments = assessments;
        await write("/v1/import", doc);
        close();
        done(t(opportunity && assessments.length ? "log.doneOnDeal" : "log.done"));
      },
    });

    function personSet(cid) {
      if (!perPerson.has(cid)) {
        const controls = {};
        const hints = {};
        const field = (f, control) => {
          controls[f] = control;
          const wrapper = form.field(`att:${cid}.${f}`, t(`feature.${f}`), control, { hint: t("assess.now", { value: "…" }) });
          hints[f] = wrapper.querySelector(".hint");
          return wrapper;
        };
        const fields = [...DEGREES.map((f) => field(f, attitudeSelect())), ...VOTES.map((f) => field(f, yesNoSelect()))];
        const set = form.fieldset(`att:${cid}`, t("log.attitudesOf", { name: names[cid] || cid }),
          h("div", { class: "field-row" }, fields), { cls: "person-attitudes" });
        set.dataset.contact = cid;
        perPerson.set(cid, { set, controls, hints });
      }
      showNow(cid);
      return perPerson.get(cid).set;
    }
    // What we see of them now, beside what is entered, as the assess dialog shows it.
    function showNow(cid) {
      const { hints } = perPerson.get(cid);
      const asked = deal.value;
      valuesNow(cid).then((found) => {
        if (deal.value !== asked) return; // another deal chosen meanwhile
        for (const [f, hint] of Object.entries(hints)) {
          hint.textContent = t(asked ? "assess.nowOnDeal" : "assess.now", { value: featureText(f, found[f]) });
        }
      }, () => { for (const hint of Object.values(hints)) hint.textContent = ""; });
    }
    deal.addEventListener("change", () => { for (const cid of perPerson.keys()) showNow(cid); });
    function showAttitudes() {
      const picked = [...theirs.querySelectorAll("input:checked")].map((i) => i.value);
      attitudes.replaceChildren(...(picked.length ? picked.map(personSet)
        : [h("p", { class: "hint" }, t("log.pickTheirs"))]));
    }
    theirs.addEventListener("change", showAttitudes);
    showAttitudes();

    form.append(
      h("div", { class: "field-row" },
        form.field("activities[0].at", t("log.when"), at),
        form.field("activities[0].type", t("log.type"), type)),
      form.fieldset("activities[0].employee_ids", t("log.ours"), ours),
      form.field("activities[0].employee_emails", t("log.others"), others, { hint: t("log.othersHint") }),
      form.fieldset("activities[0].contact_ids", t("log.theirs"), theirs),
      form.field("activities[0].opportunity_id", t("log.deal"), deal), dealOnly,
      form.field("activities[0].summary", t("log.note"), note),
      form.fieldset(null, t("log.attitudes"), [earlier, attitudes], { hint: t("log.attitudesHelp"), cls: "attitudes-set" }));
    return form.form;
  });
}
