// What the capture forms offer to pick from: an account's people and deals, the colleagues
// the user may name, one contact's current edges. Loaded when a form opens.
import { api, seg } from "../api.js";
import { date, t } from "../i18n.js";
import { today } from "./form.js";

async function all(path, params, pages = 5) {
  const items = [];
  let after = null;
  for (let i = 0; i < pages; i++) {
    const page = await api(path, { params: { ...params, limit: 100, after } });
    items.push(...page.items);
    after = page.next_after;
    if (!after) break;
  }
  return items;
}

const byName = (a, b) => String(a.name || a.id).localeCompare(String(b.name || b.id));

export const accountPeople = async (accountId) =>
  (await all("/v1/contacts", { account_id: accountId })).sort(byName);

export const accountDeals = async (accountId) =>
  (await all("/v1/opportunities", { account_id: accountId }, 1))
    .sort((a, b) => Number((b.status || "open") === "open") - Number((a.status || "open") === "open"));

/** Colleagues the user may name as attendees, the user first. */
export async function colleagues(me) {
  const items = (await all("/v1/employees", {}, 1)).sort(byName);
  const mine = items.filter((e) => e.id === me.employee_id);
  return [...mine, ...items.filter((e) => e.id !== me.employee_id)];
}

/** The contact's current edges of `type` (from its node read: every edge, with since). */
export async function currentEdges(contactId, type) {
  const node = await api(`/v1/contacts/${seg(contactId)}`);
  // An end after today (planned, by an import) leaves the edge current until then.
  return node.relationships.filter((r) => r.type === type && (!r.until || r.until > today()));
}

/** An id made here, for an object the form creates (activity, contact). */
export function newId(prefix) {
  if (globalThis.crypto?.randomUUID) return `${prefix}${crypto.randomUUID()}`;
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return prefix + Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** A select's [value, label] for each deal: by name, and by the day it was opened too where
 *  two share a name (an account may run two deals called alike); the open ones first, a won
 *  or lost one saying so (a visit is seldom about a deal that is over). */
export function dealOptions(deals) {
  const named = (o) => o.name || o.id;
  const count = new Map();
  for (const o of deals) count.set(named(o), (count.get(named(o)) || 0) + 1);
  const closed = (o) => Boolean(o.status) && o.status !== "open";
  return [...deals.filter((o) => !closed(o)), ...deals.filter(closed)].map((o) => {
    const name = count.get(named(o)) > 1
      ? t("deal.openedOn", { name: named(o), day: o.created_at ? date(o.created_at) : o.id }) : named(o);
    return [o.id, closed(o) ? t("deal.closedOption", { name, status: t(`status.${o.status}`) }) : name];
  });
}
