// The account's people and lines: add a person (with their reporting line, one import), draw a
// reporting or influence line between two people, end a line.
import { write } from "../api.js";
import { h } from "../dom.js";
import { date, t } from "../i18n.js";
import { newId } from "./data.js";
import { captureForm, openDialog, options, refusal, today } from "./form.js";

const peopleOptions = (people, first) => options([...(first ? [first] : []),
  ...people.map((p) => [p.contact_id, p.title ? `${p.name || p.contact_id} · ${p.title}` : p.name || p.contact_id])], "");

/** `people`: the political map's people ({contact_id, name, title}). */
export function addPerson({ accountId, accountName, people, done }) {
  openDialog(t("person.title", { account: accountName }), (close) => {
    const name = h("input", { type: "text", required: true, autocomplete: "off" });
    const title = h("input", { type: "text", autocomplete: "off" });
    const department = h("input", { type: "text", autocomplete: "off" });
    const boss = h("select", {}, peopleOptions(people, ["", t("person.nobody")]));
    const key = h("input", { type: "checkbox" });
    // Someone met today counts from today: last month's figures stay as they were reported.
    const since = h("input", { type: "date", value: today(), max: today() });
    const form = captureForm({
      id: "person-form", submitLabel: t("person.submit"), onCancel: close,
      onSubmit: async () => {
        const id = newId("c-");
        const from = since.value || null;
        const doc = { contacts: [{ id, account_id: accountId, name: name.value.trim(),
          title: title.value.trim() || null, department: department.value.trim() || null,
          key_person: key.checked, since: from }] };
        if (boss.value) doc.relationships = [{ type: "REPORTS_TO", from: id, to: boss.value, since: from }];
        await write("/v1/import", doc);
        close();
        done(t("person.done", { name: name.value.trim() }));
      },
    });
    form.append(
      form.field("contacts[0].name", t("person.name"), name),
      h("div", { class: "field-row" },
        form.field("contacts[0].title", t("person.jobTitle"), title),
        form.field("contacts[0].department", t("person.department"), department)),
      form.field("relationships[0]", t("person.reportsTo"), boss),
      form.field("contacts[0].key_person", t("person.key"), key, { check: true }),
      form.field("contacts[0].since", t("person.since"), since, { hint: t("person.sinceHint") }));
    form.alias("relationships[0].since", "contacts[0].since");
    return form.form;
  });
}

/** Draw a line between two people of the map; `from`/`to` preselected when given. */
export function addLine({ people, from = "", to = "", done }) {
  openDialog(t("line.title"), (close) => {
    const a = h("select", { required: true }, peopleOptions(people, ["", "—"]));
    const b = h("select", { required: true }, peopleOptions(people, ["", "—"]));
    a.value = from;
    b.value = to;
    const type = h("select", {}, options([["INFLUENCES", t("rel.INFLUENCES")], ["REPORTS_TO", t("rel.REPORTS_TO")]], "INFLUENCES"));
    const strength = h("input", { type: "number", min: 0, max: 1, step: 0.05, value: 0.6, inputmode: "decimal" });
    const since = h("input", { type: "date", value: today(), max: today() });
    const form = captureForm({
      id: "line-form", submitLabel: t("line.submit"), onCancel: close,
      onSubmit: async () => {
        // Said beside the second person, where the choice is made (the server's problem is
        // the line's as a whole).
        if (a.value && a.value === b.value) throw refusal("to", t("problem.same_endpoints"));
        const body = { type: type.value, from: a.value, to: b.value, since: since.value || null };
        if (type.value === "INFLUENCES" && strength.value !== "") body.strength = Number(strength.value);
        await write("/v1/relationships", body);
        close();
        done(t("line.done"));
      },
    });
    const strengthField = form.field("strength", t("line.strength"), strength, { hint: t("form.strengthRange") });
    type.addEventListener("change", () => { strengthField.hidden = type.value !== "INFLUENCES"; });
    form.append(
      form.field("from", t("line.from"), a),
      form.field("type", t("line.type"), type),
      form.field("to", t("line.to"), b),
      h("div", { class: "field-row" }, strengthField, form.field("since", t("line.since"), since)));
    return form.form;
  });
}

/** End one of the map's current lines (`edges`: the political map's). */
export function endLine({ edges, names, done }) {
  openDialog(t("line.endTitle"), (close) => {
    const describe = (e) => {
      const line = t("line.describe", { from: names[e.from] || e.from, to: names[e.to] || e.to, type: t(`rel.${e.type}`) });
      return e.type === "INFLUENCES" && e.strength !== null
        ? t("line.withStrength", { line, s: Number(e.strength).toFixed(2) }) : line;
    };
    const which = h("select", { required: true }, options([["", "—"], ...edges.map((e, i) => [String(i), describe(e)])], ""));
    const until = h("input", { type: "date", value: today(), required: true, max: today() });
    const form = captureForm({
      id: "end-line-form", submitLabel: t("line.endSubmit"), onCancel: close,
      onSubmit: async () => {
        const e = edges[Number(which.value)];
        if (e && e.since && until.value < e.since) throw refusal("until", t("line.sameDay", { since: date(e.since) }));
        await write("/v1/relationships/end", { type: e.type, from: e.from, to: e.to, opportunity_id: null, until: until.value });
        close();
        done(t("line.ended"));
      },
    });
    for (const p of ["type", "from", "to"]) form.alias(p, "line");
    form.append(form.field("line", t("line.which"), which), form.field("until", t("line.until"), until));
    return form.form;
  });
}
