// Dashboard: the reader's own open actions first, then the influence KPIs and the customer and
// key-person lines for one perspective, with month-on-month, year-on-year, a 12-month trend
// and drill-down lists.
import { api, seg } from "../api.js";
import { amount, attitudeChip, average, DEGREES, delta, firstOf, h, loading, moreButton, num, pct, replace, sideways } from "../dom.js";
import { lineChart } from "../chart.js";
import { date, label, list, month, t } from "../i18n.js";
import { href, setParam } from "../route.js";
import { exportButtons } from "../files.js";

const MY_ACTIONS = 3;

const SERIES = [
  { key: "value_potential", colour: "#0b57c2" },
  { key: "contribution_count", colour: "#1a6e34", dash: "6 3" },
  { key: "contribution_amount", colour: "#8a4b00", dash: "2 3" },
];
// Accounts of the account list asked for at a time.
const ACCOUNTS_PAGE = 100;

/** A KPI card; `show` formats its value (a percentage by default), `parts` a ratio's numerator
 *  and denominator. */
function kpi(name, metric, { show = pct, parts = num, note, fewerIsBetter = false } = {}) {
  const ratio = show === pct;
  const as = ratio ? "points" : show === average ? "average" : "count";
  return h("div", { class: "card kpi", "data-kpi": name },
    h("div", { class: "label" }, t(`kpi.${name}`)),
    h("div", { class: "value", "data-testid": `kpi-${name}` }, show(metric.value)),
    metric.numerator !== null && metric.numerator !== undefined && ratio
      ? h("div", { class: "label" }, t("fmt.of", { a: parts(metric.numerator), b: parts(metric.denominator) })) : null,
    h("div", {}, delta(metric.mom_change, t("fmt.mom"), { as, fewerIsBetter }),
      delta(metric.yoy_change, t("fmt.yoy"), { as, fewerIsBetter })),
    note ? h("div", { class: "label" }, note) : null);
}

export function scopeLabel(scope, names = {}) {
  if (scope === "company") return t("scope.company");
  const [kind, ...rest] = scope.split(":");
  const id = rest.join(":");
  return t(kind === "team" ? "scope.team" : "scope.employee", { name: names[scope] || id });
}

/** The name of a scope the choices lack (a colleague's, opened from search): read from its node. */
async function scopeName(scope) {
  const [kind, ...rest] = scope.split(":");
  const id = rest.join(":");
  try {
    return (await api(kind === "team" ? `/v1/teams/${seg(id)}` : `/v1/employees/${seg(id)}`)).name;
  } catch {
    return null; // the picker shows the id
  }
}

export async function scopeChoices(me) {
  if (me.scopes) return me.scopes.map((s) => ({ value: s, label: scopeLabel(s, me.scope_names) }));
  const teams = await api("/v1/teams", { params: { limit: 100 } });
  return [{ value: "company", label: scopeLabel("company") },
    ...teams.items.map((x) => ({ value: `team:${x.id}`, label: scopeLabel(`team:${x.id}`, { [`team:${x.id}`]: x.name }) }))];
}

function trendBlock(trend) {
  const series = SERIES.map((s) => ({ ...s, label: t(`series.${s.key}`) }));
  return h("section", { class: "card chart", "aria-labelledby": "trend-title" },
    h("h2", { id: "trend-title" }, t("trend.title", { n: trend.points.length })),
    lineChart(trend.points, series, { title: t("trend.chart") }),
    h("div", { class: "legend" }, series.map((s) => h("span", {}, h("i", { style: `background:${s.colour}` }), s.label))),
    h("p", { class: "sub", id: "trend-period" }, trend.period === "ytd" ? t("trend.periodYearToDate")
      : t("trend.periodTrailing", { n: num(trend.period_days) })),
    h("details", {}, h("summary", {}, t("trend.figures")),
      sideways(h("table", { id: "trend-table" },
        h("thead", {}, h("tr", {}, [t("trend.month"), t("kpi.key_persons"), t("trend.acquainted"), t("trend.insighted"),
          ...series.map((s) => s.label)].map((x) => h("th", { scope: "col" }, x)))),
        h("tbody", {}, trend.points.map((p) => h("tr", {},
          h("td", { title: date(p.as_of) }, month(p.as_of)), h("td", { class: "num" }, num(p.key_persons)),
          h("td", { class: "num" }, num(p.acquainted)), h("td", { class: "num" }, num(p.insighted)),
          series.map((s) => h("td", { class: "num" }, pct(p[s.key]))))))), { label: t("trend.figures") })));
}

const personLink = (p) => h("a", { href: href("person", p.contact_id), title: p.contact_id }, p.name || p.contact_id);
// A key person with their company: lists of the company or a team hold namesakes, and one
// deal name may be at several accounts.
const personAt = (p) => [personLink(p), p.account_name ? h("span", { class: "hint" }, ` · ${p.account_name}`) : null];

// A list's title: how many it shows, and of how many when it shows only the first.
const shownOf = (key, n, total) => (total > n ? t(`${key}Of`, { n: num(n), total: num(total) }) : t(key, { n: num(n) }));

function keyPersonLine(keyPersons, q) {
  return h("section", { class: "card", "aria-labelledby": "kp-title" },
    h("h2", { id: "kp-title" }, t("kp.title")),
    exportButtons("/v1/kpis/key-persons", q, { id: "key-persons-export" }),
    h("div", { class: "kpis" },
      kpi("insighted", keyPersons.insighted, { show: num }),
      kpi("not_insighted", keyPersons.not_insighted, { show: num, fewerIsBetter: true })),
    h("details", {}, h("summary", {}, shownOf("kp.notInsightedList", keyPersons.not_insighted_list.length,
      keyPersons.not_insighted.value)),
      h("ul", { class: "plain", id: "not-insighted" }, keyPersons.not_insighted_list.map((p) => h("li", {}, personAt(p))))),
    DEGREES.map((d) => h("details", {}, h("summary", {}, t("kp.by", { degree: t(`degree.${d}`) })),
      ["supportive", "neutral", "opposed", "unknown"].map((b) => h("div", {},
        h("h3", {}, t("kp.bucket", { bucket: t(`bucket.${b}`), n: num(keyPersons.buckets[d][b].value) })),
        h("ul", { class: "plain" }, keyPersons.lists[d][b].map((p) => h("li", {}, personAt(p)))))))));
}

const TIERS = ["excellent", "good", "medium", "poor", "unknown"];
// Tiers an account should leave: more accounts in them is worse.
const FEWER_IS_BETTER = new Set(["poor", "unknown"]);
const BUCKETS = ["supportive", "neutral", "opposed", "unknown"];

// The customer line's tiers per degree: how many accounts, their average (each with its
// month-on-month and year-on-year change) and which accounts.
function customerTiers(customers) {
  const names = Object.fromEntries(customers.account_list.map((a) => [a.account_id, a.name]));
  const account = (id) => h("a", { href: href("account", id), title: id }, names[id] || t("cust.anAccount"));
  return h("section", { class: "card", "aria-labelledby": "tiers-title", id: "tiers" },
    h("h2", { id: "tiers-title" }, t("cust.tiers")),
    DEGREES.map((d) => h("details", {}, h("summary", {}, t("kp.by", { degree: t(`degree.${d}`) })),
      TIERS.map((tier) => {
        const group = customers.tiers[d][tier];
        const fewerIsBetter = FEWER_IS_BETTER.has(tier);
        return h("div", { "data-tier": `${d}-${tier}` },
          h("h3", { id: `tier-${d}-${tier}` }, t("cust.tier", { tier: t(`tier.${tier}`), n: num(group.count.value),
            avg: average(group.average_metric.value) })),
          h("div", {}, delta(group.count.mom_change, t("fmt.mom"), { as: "count", fewerIsBetter }),
            delta(group.count.yoy_change, t("fmt.yoy"), { as: "count", fewerIsBetter })),
          firstOf(h("ul", { class: "plain" }), group.accounts, (id) => h("li", {}, account(id)),
            { first: 20, about: `tier-${d}-${tier}` }));
      }))));
}

// The influence line's acquainted key persons per degree: averages, buckets with their lists;
// and the breakthrough list.
function acquaintedLine(influence) {
  const avg = influence.acquainted_averages;
  return h("section", { class: "card", "aria-labelledby": "acq-line-title", id: "acquainted-line" },
    h("h2", { id: "acq-line-title" }, t("acq.line")),
    h("div", { class: "kpis" }, DEGREES.map((d) => kpi(d, avg[d], { show: average }))),
    DEGREES.map((d) => h("details", {}, h("summary", {}, t("kp.by", { degree: t(`degree.${d}`) })),
      BUCKETS.map((b) => h("div", {},
        h("h3", {}, t("kp.bucket", { bucket: t(`bucket.${b}`), n: num(influence.acquainted_buckets[d][b].value) })),
        h("ul", { class: "plain" }, influence.acquainted_lists[d][b].map((p) => h("li", {}, personAt(p)))))))));
}

function breakthroughList(influence) {
  // Deals of one name at one account (two projects called alike) are numbered, in the order
  // they come, so that the list tells them apart; their ids are in the links' titles.
  const byName = new Map();
  const key = (b) => JSON.stringify([b.account_id, b.opportunity_name]);
  for (const b of influence.breakthrough) {
    const deals = byName.get(key(b)) || [];
    if (!deals.includes(b.opportunity_id)) byName.set(key(b), [...deals, b.opportunity_id]);
  }
  const dealName = (b) => {
    const name = b.opportunity_name || t("bt.theDeal");
    const deals = byName.get(key(b));
    return deals.length > 1 ? t("bt.sameName", { name, k: deals.indexOf(b.opportunity_id) + 1 }) : name;
  };
  return h("section", { class: "card", "aria-labelledby": "bt-title" },
    h("h2", { id: "bt-title" }, t("bt.title", { n: influence.breakthrough.length, total: influence.breakthrough_total })),
    influence.breakthrough.length ? h("div", { class: "table-wrap" }, h("table", { id: "breakthrough" },
      h("thead", {}, h("tr", {}, ["col.person", "bt.deal", "bt.role", "bt.degrees"].map((k) => h("th", { scope: "col" }, t(k))))),
      h("tbody", {}, influence.breakthrough.map((b) => h("tr", {},
        h("td", {}, personAt(b)),
        h("td", {}, h("a", { href: href("deal", b.opportunity_id), title: b.opportunity_id }, dealName(b))),
        h("td", {}, t(`role.${b.role}`)),
        h("td", {}, list(b.degrees.map((g) => t(`degree.${g}`))))))))) : h("p", { class: "sub" }, t("bt.none")));
}

// The first page of the account list, and a button for each next one.
function accountTable(customers, q) {
  const heads = [t("col.account"), t("col.openAmount"), t("col.openDeals"), t("col.keyPersons"),
    ...DEGREES.map((d) => t(`col.${d}`))];
  const row = (a) => h("tr", {},
    h("td", {}, h("a", { href: href("account", a.account_id), title: a.account_id }, a.name || a.account_id),
      a.focus ? h("span", { class: "badge key" }, t("badge.focus")) : ""),
    h("td", { class: "num" }, amount(a.open_amount.value, customers.currency)), h("td", { class: "num" }, num(a.open_count.value)),
    h("td", { class: "num" }, num(a.key_persons.value)),
    DEGREES.map((d) => h("td", { class: "num" }, average(a[d].value))));
  const body = h("tbody", {}, customers.account_list.map(row));
  const more = moreButton("accounts-more", "accounts-title", ACCOUNTS_PAGE, customers.account_list.length,
    customers.account_list_total, async (offset) => {
      const next = await api("/v1/kpis/customers", { params: { ...q, offset, limit: ACCOUNTS_PAGE } });
      body.append(...next.account_list.map(row));
      body.rows[offset]?.querySelector("a")?.focus();
      return next.account_list.length;
    });
  return h("section", { class: "card", "aria-labelledby": "accounts-title" },
    h("h2", { id: "accounts-title" }, t("acc.title", { n: num(customers.account_list_total) })),
    exportButtons("/v1/kpis/customers", q, { id: "account-list-export" }),
    h("table", { id: "account-list" },
      h("thead", {}, h("tr", {}, heads.map((x, i) => h("th", { scope: "col", class: i ? "num" : "" }, x)))),
      body),
    more);
}

function influenceTable(influence, q) {
  const heads = [t("col.person"), t("col.company"), t("col.department"), t("col.position"), t("col.closeness")];
  return h("section", { class: "card", "aria-labelledby": "acq-title" },
    h("h2", { id: "acq-title" }, shownOf("acq.title", influence.influence_list.length, influence.acquainted.value)),
    exportButtons("/v1/kpis/influence", q, { id: "influence-list-export" }),
    h("table", { id: "influence-list" },
      h("thead", {}, h("tr", {}, heads.map((x) => h("th", { scope: "col" }, x)))),
      h("tbody", {}, influence.influence_list.map((p) => h("tr", {},
        h("td", {}, personLink(p)), h("td", {}, p.company || ""),
        h("td", {}, p.department || ""), h("td", {}, p.position || ""), h("td", {}, attitudeChip(p.closeness)))))));
}

// An employee scope's own network: the key persons they know themselves, at any account (a lead
// judging whether a rep has real customer relationships; a colleague outside sales, whose
// scope holds no account, sees here what they have said they know). A person at an account
// outside the reader's perspective has no page they may open: named, not linked.
function ownNetwork(influence, scope, me) {
  if (!influence.own_network) return null;
  const employeeId = scope.slice("employee:".length);
  const mine = employeeId === me.employee_id;
  const heads = [t("col.person"), t("col.company"), t("col.department"), t("col.position"), t("col.closeness")];
  const list = influence.own_network;
  return h("section", { class: "card", "aria-labelledby": "own-network-title", id: "own-network" },
    h("h2", { id: "own-network-title" }, t("own.title", { n: num(list.length) })),
    h("p", { class: "sub" }, t("own.sub"), " ", h("a", { href: href("network", employeeId) }, t("own.open"))),
    list.length ? sideways(h("table", {},
      h("thead", {}, h("tr", {}, heads.map((x) => h("th", { scope: "col" }, x)))),
      h("tbody", {}, list.map((p) => h("tr", {},
        h("td", {}, p.name || p.contact_id), h("td", {}, p.company || ""),
        // Null outside the reader's perspective: not said, which is not "unknown".
        h("td", {}, p.department || ""), h("td", {}, p.position || ""), h("td", {}, p.closeness ? attitudeChip(p.closeness) : "—"))))),
    { labelledBy: "own-network-title" })
      : h("p", { class: "sub" }, t(mine ? "own.noneMine" : "own.none")));
}

// The signed-in colleague's own open actions, earliest due first: what a working day starts
// with, before the figures (the weekly review holds them all, and their changes).
function myActions(actions) {
  if (!actions) return null;
  const overdue = actions.actions.filter((a) => a.overdue).length;
  return h("section", { class: "card", id: "my-actions", "aria-labelledby": "my-actions-title" },
    h("h2", { id: "my-actions-title" }, t("dash.myActions", { n: num(actions.total) })),
    actions.total ? [
      overdue ? h("p", { class: "notice" }, t("dash.myOverdue", { n: num(overdue) })) : null,
      h("ul", { class: "plain" }, actions.actions.slice(0, MY_ACTIONS).map((a) => h("li", { class: a.overdue ? "overdue" : null },
        h("strong", {}, date(a.due)), " · ", label("principle", a.kind), a.note ? [t("common.colon"), a.note] : null))),
      h("p", {}, h("a", { href: href("review") }, t("dash.toReview")))]
      : h("p", {}, t("dash.noActions")));
}

export async function renderDashboard(main, { params, asOf, me, isCurrent }) {
  replace(main, loading());
  const scope = params.get("scope") || me.default_scope;
  const q = { scope, as_of: asOf };
  const [choices, influence, customers, keyPersons, trend, ownName, mine] = await Promise.all([
    scopeChoices(me),
    api("/v1/kpis/influence", { params: q }),
    api("/v1/kpis/customers", { params: { ...q, limit: ACCOUNTS_PAGE } }),
    api("/v1/kpis/key-persons", { params: q }),
    api("/v1/kpis/trend", { params: { ...q, months: 12 } }),
    me.scope_names?.[scope] || scope === "company" ? null : scopeName(scope),
    me.employee_id ? api("/v1/actions", { params: { owner_id: me.employee_id, status: "open" } }) : null,
  ]);
  if (!isCurrent()) return;
  const options = choices.some((c) => c.value === scope) ? choices
    : [{ value: scope, label: scopeLabel(scope, { [scope]: ownName }) }, ...choices];
  const picker = h("select", { id: "scope", "aria-label": t("dash.perspective") },
    options.map((c) => h("option", { value: c.value, selected: c.value === scope }, c.label)));
  picker.addEventListener("change", () => setParam("scope", picker.value));
  const avg = customers.averages;

  replace(main,
    h("h1", {}, t("dash.title")),
    h("p", { class: "sub" }, h("label", {}, `${t("dash.perspective")} `, picker), ` · ${t("common.asOf", { date: date(influence.as_of) })}`),
    myActions(mine),
    h("section", { "aria-labelledby": "influence-title" },
      h("h2", { id: "influence-title" }, t("dash.influence")),
      h("div", { class: "kpis" },
        kpi("value_potential", influence.value_potential),
        kpi("contribution_count", influence.contribution_count,
          { note: influence.period === "ytd" ? t("kpi.yearToDate", { date: date(influence.period_start) })
            : t("kpi.trailing", { n: influence.period_days }) }),
        kpi("contribution_amount", influence.contribution_amount,
          { parts: (v) => amount(v, influence.currency) }),
        kpi("acquainted", influence.acquainted, { show: num }),
        kpi("acquainted_not_insighted", influence.acquainted_not_insighted, { show: num, fewerIsBetter: true }),
        kpi("key_persons", influence.key_persons, { show: num }))),
    ownNetwork(influence, scope, me),
    trendBlock(trend),
    h("div", { class: "grid" },
      h("section", { class: "card", "aria-labelledby": "customers-title" },
        h("h2", { id: "customers-title" }, t("cust.title")),
        h("div", { class: "kpis" },
          kpi("accounts", customers.accounts, { show: num }),
          DEGREES.map((d) => kpi(d, avg[d], { show: average })))),
      keyPersonLine(keyPersons, q)),
    h("div", { class: "grid" }, acquaintedLine(influence), customerTiers(customers)),
    breakthroughList(influence),
    accountTable(customers, q),
    influenceTable(influence, q));
}
