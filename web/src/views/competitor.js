// A competitor's perspective: for a scope and a date, the key persons' three degrees toward the
// rival, the ones it holds (closeness support or better, or its staff influence them) and the
// held ones we can reach too (contested), with our best path strength.
import { api, seg } from "../api.js";
import { attitudeChip, average, DEGREES, h, loading, num, replace, strength, vote } from "../dom.js";
import { date, t } from "../i18n.js";
import { href, setParam } from "../route.js";
import { scopeChoices, scopeLabel } from "./dashboard.js";

const NUMERIC = new Set(["rival.col.staff", "rival.col.ours"]);

export async function renderCompetitor(main, { id, params, asOf, me, isCurrent }) {
  replace(main, loading());
  const scope = params.get("scope") || me.default_scope;
  const [view, choices, accounts] = await Promise.all([
    api(`/v1/competitors/${seg(id)}/perspective`, { params: { scope, as_of: asOf } }),
    scopeChoices(me),
    api("/v1/accounts", { params: { limit: 100 } }),
  ]);
  if (!isCurrent()) return;
  const accountNames = Object.fromEntries(accounts.items.map((a) => [a.id, a.name]));
  const options = choices.some((c) => c.value === scope) ? choices
    : [{ value: scope, label: scopeLabel(scope, me.scope_names || {}) }, ...choices];
  const picker = h("select", { id: "scope", "aria-label": t("dash.perspective") },
    options.map((c) => h("option", { value: c.value, selected: c.value === scope }, c.label)));
  picker.addEventListener("change", () => setParam("scope", picker.value));
  const rows = view.key_person_views;
  const person = (p) => h("a", { href: href("person", p.contact_id), title: p.contact_id }, p.name || p.contact_id);
  const account = (aid) => (accountNames[aid]
    ? h("a", { href: href("account", aid), title: aid }, accountNames[aid]) : t("common.none"));
  const held = rows.filter((p) => p.held);
  const contested = rows.filter((p) => p.contested);
  const people = (list, listId, empty) => (list.length
    ? h("ul", { class: "plain", id: listId }, list.map((p) => h("li", {}, person(p),
      p.our_best_strength === null || p.our_best_strength === undefined ? ""
        : ` · ${t("rival.ours", { s: strength(p.our_best_strength) })}`)))
    : h("p", { class: "sub" }, empty));

  replace(main,
    h("h1", {}, t("rival.title", { name: view.name || id })),
    h("p", { class: "sub" }, h("label", {}, `${t("dash.perspective")} `, picker), ` · ${t("common.asOf", { date: date(view.as_of) })}`),
    h("section", { "aria-labelledby": "rival-avg-title" },
      h("h2", { id: "rival-avg-title" }, t("rival.averages")),
      h("div", { class: "kpis" },
        h("div", { class: "card kpi" }, h("div", { class: "label" }, t("kpi.key_persons")),
          h("div", { class: "value", "data-testid": "rival-key-persons" }, num(view.key_persons))),
        DEGREES.map((d) => h("div", { class: "card kpi" }, h("div", { class: "label" }, t(`rival.avg.${d}`)),
          h("div", { class: "value", "data-testid": `rival-${d}` }, average(view.averages[d])))),
        h("div", { class: "card kpi" }, h("div", { class: "label" }, t("rival.held")),
          h("div", { class: "value", "data-testid": "rival-held" }, num(view.held.length))),
        h("div", { class: "card kpi" }, h("div", { class: "label" }, t("rival.contested")),
          h("div", { class: "value", "data-testid": "rival-contested" }, num(view.contested.length)))),
      h("p", { class: "sub" }, t("rival.how"))),
    h("div", { class: "grid" },
      h("section", { class: "card", "aria-labelledby": "rival-held-title" },
        h("h2", { id: "rival-held-title" }, t("rival.heldList", { n: num(held.length), total: num(view.held.length) })),
        people(held, "rival-held-list", t("rival.noneHeld"))),
      h("section", { class: "card", "aria-labelledby": "rival-contested-title" },
        h("h2", { id: "rival-contested-title" }, t("rival.contestedList", { n: num(contested.length), total: num(view.contested.length) })),
        people(contested, "rival-contested-list", t("rival.noneContested")))),
    h("section", { class: "card", "aria-labelledby": "rival-views-title" },
      h("h2", { id: "rival-views-title" }, t("rival.views", { n: num(rows.length), total: num(view.key_persons) })),
      h("table", { id: "rival-views" },
        h("thead", {}, h("tr", {}, ["col.person", "col.account", "rival.col.closeness", "rival.col.solution",
          "rival.col.price", "rival.col.staff", "rival.col.held", "rival.col.ours", "rival.col.contested"]
          .map((k) => h("th", { scope: "col", class: NUMERIC.has(k) ? "num" : "" }, t(k))))),
        h("tbody", {}, rows.map((p) => h("tr", {},
          h("td", {}, person(p)), h("td", {}, account(p.account_id)),
          DEGREES.map((d) => h("td", {}, attitudeChip(p[d]))),
          h("td", { class: "num" }, num(p.staff_ids.length)), h("td", {}, vote(p.held)),
          h("td", { class: "num" }, strength(p.our_best_strength)), h("td", {}, vote(p.contested))))))));
}
