// An employee's own network: whom they know by declaration and whom by activity, how strongly,
// and whether it is warming or cooling (a lead judging whether a rep has real relationships).
import { api, seg } from "../api.js";
import { findAcquaintance } from "../capture/acquaint.js";
import { redraw } from "../capture/bar.js";
import { h, loading, replace, sideways, strength } from "../dom.js";
import { date, t } from "../i18n.js";
import { href } from "../route.js";

export async function renderNetwork(main, { id, asOf, me, isCurrent, refresh }) {
  const employeeId = id || me.employee_id;
  if (!employeeId) {
    replace(main, h("p", {}, t("network.noEmployee")));
    return;
  }
  replace(main, loading());
  const [employee, network] = await Promise.all([
    api(`/v1/employees/${seg(employeeId)}`),  // the colleague as they are: a record has no as_of
    api(`/v1/employees/${seg(employeeId)}/network`, { params: { as_of: asOf, limit: 500 } }),
  ]);
  if (!isCurrent()) return;
  const name = employee.name || employeeId;
  const rows = network.contacts.map((c) => h("tr", {},
    // A person at an account outside the reader's perspective (named, without its id) has no
    // page the reader may open.
    h("td", {}, c.account_id ? h("a", { href: href("person", c.contact_id), title: c.contact_id },
      c.name || c.contact_id) : c.name || c.contact_id),
    h("td", {}, c.account_id ? h("a", { href: href("account", c.account_id), title: c.account_id },
      c.account_name || c.account_id) : c.account_name || "—"),
    h("td", {}, `${strength(c.strength)} · ${t(`touch.source.${c.source}`)}`),
    h("td", {}, c.declared_strength === null ? "—" : strength(c.declared_strength)),
    h("td", {}, strength(c.activity_strength)),
    h("td", {}, c.last_activity_at ? date(c.last_activity_at) : "—"),
    h("td", {}, String(c.activities_180d)),
    h("td", {}, t(`trend.${c.trend}`))));
  const acquainted = network.contacts.filter((c) => c.acquainted).length;
  // One's own network is where one says whom one knows, whether one owns accounts or not.
  const own = employeeId === me.employee_id && !asOf;
  replace(main,
    h("h1", {}, t("network.title", { name })),
    own ? h("div", { class: "row-actions" }, h("button", { type: "button", id: "open-find-know",
      onclick: () => findAcquaintance({ me, done: redraw(refresh) }) }, t("know.find"))) : null,
    h("p", { class: "sub" }, t("network.sub", { n: network.total, acquainted }), " · ",
      t("common.asOf", { date: date(network.as_of) })),
    h("section", { class: "card", "aria-labelledby": "network-title" },
      h("h2", { id: "network-title" }, t("network.contacts")),
      rows.length ? sideways(h("table", { id: "network" },
        h("thead", {}, h("tr", {}, ["col.contact", "col.account", "touch.strength", "network.declared",
          "network.activity", "touch.last", "touch.recent", "touch.trend"].map((k) => h("th", { scope: "col" }, t(k))))),
        h("tbody", {}, rows)), { labelledBy: "network-title" }) : h("p", { class: "sub" }, t("network.none"))));
}
