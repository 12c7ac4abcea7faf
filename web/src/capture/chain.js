// The deal's decision chain: add a member with a role, change a member's role (the current
// edge ends today and a new one starts, in one import), remove a member (end the edge).
import { write } from "../api.js";
import { h } from "../dom.js";
import { date, t } from "../i18n.js";
import { accountPeople, currentEdges } from "./data.js";
import { ROLES, captureForm, openDialog, opener, options, refusal, today } from "./form.js";

const roleSelect = (value) => h("select", { required: true },
  options([...(value ? [] : [["", "—"]]), ...ROLES.map((r) => [r, t(`role.${r}`)])], value || ""));

async function addMember({ deal, members, done }) {
  const inChain = new Set(members.map((m) => m.contact_id));
  const people = (await accountPeople(deal.account_id)).filter((p) => !inChain.has(p.id));
  openDialog(t("chain.addTitle"), (close) => {
    const person = h("select", { required: true }, options([["", "—"],
      ...people.map((p) => [p.id, p.title ? `${p.name || p.id} · ${p.title}` : p.name || p.id])], ""));
    const role = roleSelect(null);
    const form = captureForm({
      id: "member-form", submitLabel: t("chain.addSubmit"), onCancel: close,
      onSubmit: async () => {
        await write("/v1/relationships", { type: "IN_DECISION_CHAIN", from: person.value, to: deal.id,
          role: role.value, since: today() });
        close();
        done(t("chain.added"));
      },
    });
    form.alias("to", "from");
    form.append(people.length ? null : h("p", { class: "hint" }, t("chain.everyoneIn")),
      form.field("from", t("chain.person"), person), form.field("role", t("chain.role"), role));
    return form.form;
  });
}

async function changeRole({ deal, member, name, done }) {
  const edges = (await currentEdges(member.contact_id, "IN_DECISION_CHAIN"))
    .filter((r) => r.to === deal.id && !r.opportunity_id);
  openDialog(t("chain.roleTitle", { name }), (close) => {
    const role = roleSelect(member.role);
    const form = captureForm({
      id: "role-form", submitLabel: t("chain.roleSubmit"), onCancel: close,
      onSubmit: async () => {
        const day = today();
        const edge = (r, props) => ({ type: "IN_DECISION_CHAIN", from: member.contact_id, to: deal.id, ...props });
        // An edge that started today takes the new role itself (same start, same edge).
        const ended = edges.filter((r) => r.since !== day)
          .map((r) => edge(r, { role: r.role, since: r.since || null, until: day }));
        const relationships = [...ended, edge(null, { role: role.value, since: day })];
        form.alias(`relationships[${ended.length}].role`, "role");
        await write("/v1/import", { relationships });
        close();
        done(t("chain.roleChanged"));
      },
    });
    form.append(form.field("role", t("chain.role"), role));
    return form.form;
  });
}

// A line holds from `since` up to the day before `until`: one cannot end before it began, so the
// form says so beside the date instead of sending what the server refuses. Ended on the day it
// began, it held on no day: a member added by mistake is taken back the same day.
async function removeMember({ deal, member, name, done }) {
  const edges = (await currentEdges(member.contact_id, "IN_DECISION_CHAIN"))
    .filter((r) => r.to === deal.id && !r.opportunity_id);
  const latest = edges.map((r) => r.since).filter(Boolean).sort().pop();
  openDialog(t("chain.removeTitle", { name }), (close) => {
    const until = h("input", { type: "date", value: today(), required: true, min: latest || undefined, max: today() });
    const form = captureForm({
      id: "remove-form", submitLabel: t("chain.removeSubmit"), onCancel: close,
      onSubmit: async () => {
        if (latest && until.value < latest) throw refusal("until", t("chain.sameDay", { since: date(latest) }));
        await write("/v1/relationships/end", { type: "IN_DECISION_CHAIN", from: member.contact_id,
          to: deal.id, opportunity_id: null, until: until.value });
        close();
        done(t("chain.removed"));
      },
    });
    form.append(h("p", {}, t("chain.removeConfirm", { name })), form.field("until", t("line.until"), until));
    return form.form;
  });
}

/** The card that edits the chain: each member with its buttons, and "add a member". */
export function chainEditor({ deal, members, names, done }) {
  const run = (fn, args) => (event) => {
    const button = event.currentTarget;
    button.disabled = true;
    Promise.resolve(fn({ deal, done, ...args })).finally(() => { button.disabled = false; });
  };
  return h("section", { class: "card", "aria-labelledby": "chain-edit-title", id: "chain-edit" },
    h("h2", { id: "chain-edit-title" }, t("chain.heading")),
    h("ul", { class: "plain edit-list" }, members.map((m) => {
      const name = names[m.contact_id] || m.contact_id;
      return h("li", { "data-member": m.contact_id },
        h("span", {}, h("strong", {}, name), ` · ${t(`role.${m.role}`)}`),
        h("span", { class: "row-actions", role: "group", "aria-label": t("chain.actions", { name }) },
          opener(t("chain.changeRole"), run(changeRole, { member: m, name }), { "data-action": "role" }),
          opener(t("chain.remove"), run(removeMember, { member: m, name }), { "data-action": "remove" })));
    })),
    opener(t("chain.add"), run(addMember, { members }), { id: "add-member" }));
}
