// Dashboard: influence KPIs and the customer and key-person lines for one perspective, with
// month-on-month, year-on-year, a 12-month trend and drill-down lists.
import { api } from "../api.js";
import { attitudeChip, delta, h, loading, money, num, pct, replace } from "../dom.js";
import { lineChart } from "../chart.js";
import { href, setParam } from "../route.js";

const SERIES = [
  { key: "value_potential", label: "Value potential", colour: "#0b57c2" },
  { key: "contribution_count", label: "Contribution (count)", colour: "#1a6e34", dash: "6 3" },
  { key: "contribution_amount", label: "Contribution (amount)", colour: "#8a4b00", dash: "2 3" },
];

function kpi(name, title, metric, { ratio = true, note } = {}) {
  return h("div", { class: "card kpi", "data-kpi": name },
    h("div", { class: "label" }, title),
    h("div", { class: "value", "data-testid": `kpi-${name}` }, ratio ? pct(metric.value) : num(metric.value)),
    metric.numerator !== null && metric.numerator !== undefined && ratio
      ? h("div", { class: "label" }, `${num(metric.numerator)} of ${num(metric.denominator)}`) : null,
    h("div", {}, delta(metric.mom_change, "MoM", { percent: ratio }), delta(metric.yoy_change, "YoY", { percent: ratio })),
    note ? h("div", { class: "label" }, note) : null);
}

function scopeLabel(scope) {
  if (scope === "company") return "Whole company";
  const [kind, ...rest] = scope.split(":");
  return `${kind === "team" ? "Team" : "Employee"} ${rest.join(":")}`;
}

async function scopeChoices(me) {
  if (me.scopes) return me.scopes.map((s) => ({ value: s, label: scopeLabel(s) }));
  const teams = await api("/v1/teams", { params: { limit: 100 } });
  return [{ value: "company", label: "Whole company" },
    ...teams.items.map((t) => ({ value: `team:${t.id}`, label: `Team ${t.name || t.id}` }))];
}

function trendBlock(trend) {
  return h("section", { class: "card chart", "aria-labelledby": "trend-title" },
    h("h2", { id: "trend-title" }, `Trend, ${trend.points.length} months`),
    lineChart(trend.points, SERIES, { title: "Value potential and contribution by month" }),
    h("div", { class: "legend" }, SERIES.map((s) => h("span", {}, h("i", { style: `background:${s.colour}` }), s.label))),
    h("details", {}, h("summary", {}, "Figures by month"),
      h("table", { id: "trend-table" },
        h("thead", {}, h("tr", {}, ["Month", "Key persons", "Acquainted", "Insighted", ...SERIES.map((s) => s.label)]
          .map((t) => h("th", { scope: "col" }, t)))),
        h("tbody", {}, trend.points.map((p) => h("tr", {},
          h("td", {}, p.as_of), h("td", { class: "num" }, num(p.key_persons)), h("td", { class: "num" }, num(p.acquainted)),
          h("td", { class: "num" }, num(p.insighted)), SERIES.map((s) => h("td", { class: "num" }, pct(p[s.key])))))))));
}

const personLink = (p) => h("a", { href: href("person", p.contact_id) }, p.name || p.contact_id);

export async function renderDashboard(main, { params, asOf, me, isCurrent }) {
  replace(main, loading("dashboard"));
  const scope = params.get("scope") || me.default_scope;
  const q = { scope, as_of: asOf };
  const [choices, influence, customers, keyPersons, trend] = await Promise.all([
    scopeChoices(me),
    api("/v1/kpis/influence", { params: q }),
    api("/v1/kpis/customers", { params: q }),
    api("/v1/kpis/key-persons", { params: q }),
    api("/v1/kpis/trend", { params: { ...q, months: 12 } }),
  ]);
  if (!isCurrent()) return;
  const options = choices.some((c) => c.value === scope) ? choices : [{ value: scope, label: scopeLabel(scope) }, ...choices];
  const picker = h("select", { id: "scope", "aria-label": "Perspective" },
    options.map((c) => h("option", { value: c.value, selected: c.value === scope }, c.label)));
  picker.addEventListener("change", () => setParam("scope", picker.value));
  const avg = customers.averages;

  replace(main,
    h("h1", {}, "Dashboard"),
    h("p", { class: "sub" }, h("label", {}, "Perspective ", picker), ` · as of ${influence.as_of}`),
    h("section", { "aria-labelledby": "influence-title" },
      h("h2", { id: "influence-title" }, "Influence"),
      h("div", { class: "kpis" },
        kpi("value_potential", "Value potential: acquainted key persons / key persons", influence.value_potential),
        kpi("contribution_count", "Contribution: won deals that used influence (count)", influence.contribution_count,
          { note: `trailing ${influence.period_days} days` }),
        kpi("contribution_amount", "Contribution (amount)", influence.contribution_amount),
        kpi("acquainted", "Acquainted key persons", influence.acquainted, { ratio: false }),
        kpi("acquainted_not_insighted", "Acquainted, not insighted", influence.acquainted_not_insighted, { ratio: false }),
        kpi("key_persons", "Key persons", influence.key_persons, { ratio: false }))),
    trendBlock(trend),
    h("div", { class: "grid" },
      h("section", { class: "card", "aria-labelledby": "customers-title" },
        h("h2", { id: "customers-title" }, "Customers"),
        h("div", { class: "kpis" },
          kpi("accounts", "Accounts", customers.accounts, { ratio: false }),
          kpi("closeness", "Average closeness (−2…2)", avg.closeness, { ratio: false }),
          kpi("solution", "Average solution", avg.solution, { ratio: false }),
          kpi("price", "Average price", avg.price, { ratio: false }))),
      h("section", { class: "card", "aria-labelledby": "kp-title" },
        h("h2", { id: "kp-title" }, "Key persons"),
        h("div", { class: "kpis" },
          kpi("insighted", "Insighted", keyPersons.insighted, { ratio: false }),
          kpi("not_insighted", "Not insighted", keyPersons.not_insighted, { ratio: false })),
        h("details", {}, h("summary", {}, `Not insighted (${keyPersons.not_insighted_list.length} shown)`),
          h("ul", { class: "plain", id: "not-insighted" }, keyPersons.not_insighted_list.map((p) => h("li", {}, personLink(p))))),
        ["closeness", "solution", "price"].map((d) => h("details", {}, h("summary", {}, `By ${d}`),
          ["supportive", "neutral", "opposed", "unknown"].map((b) => h("div", {},
            h("h3", {}, `${b} (${num(keyPersons.buckets[d][b].value)})`),
            h("ul", { class: "plain" }, keyPersons.lists[d][b].map((p) => h("li", {}, personLink(p)))))))))),
    h("section", { class: "card", "aria-labelledby": "accounts-title" },
      h("h2", { id: "accounts-title" }, `Accounts (${customers.account_list.length})`),
      h("table", { id: "account-list" },
        h("thead", {}, h("tr", {}, ["Account", "Open amount", "Open deals", "Key persons", "Closeness", "Solution", "Price"]
          .map((t, i) => h("th", { scope: "col", class: i ? "num" : "" }, t)))),
        h("tbody", {}, customers.account_list.map((a) => h("tr", {},
          h("td", {}, h("a", { href: href("account", a.account_id) }, a.name || a.account_id), a.focus ? h("span", { class: "badge key" }, "FOCUS") : ""),
          h("td", { class: "num" }, money(a.open_amount.value)), h("td", { class: "num" }, num(a.open_count.value)),
          h("td", { class: "num" }, num(a.key_persons.value)),
          ["closeness", "solution", "price"].map((d) => h("td", { class: "num" }, num(a[d].value)))))))),
    h("section", { class: "card", "aria-labelledby": "acq-title" },
      h("h2", { id: "acq-title" }, `Acquainted key persons (${influence.influence_list.length} shown)`),
      h("table", { id: "influence-list" },
        h("thead", {}, h("tr", {}, ["Person", "Company", "Department", "Position", "Closeness"].map((t) => h("th", { scope: "col" }, t)))),
        h("tbody", {}, influence.influence_list.map((p) => h("tr", {},
          h("td", {}, h("a", { href: href("person", p.contact_id) }, p.contact_id)), h("td", {}, p.company || ""),
          h("td", {}, p.department || ""), h("td", {}, p.position || ""), h("td", {}, attitudeChip(p.closeness))))))));
}
