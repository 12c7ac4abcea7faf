// Deal view: the decision chain as an org map, coverage, blockers, who can unblock them,
// single-threaded members and the action list.
import { api, seg } from "../api.js";
import { attitudeChip, badges, h, loading, money, pct, replace, strength, vote } from "../dom.js";
import { ATTITUDE_COLOUR, draw, label, legend, rivalColour, strengthWidth } from "../graph.js";
import { href } from "../route.js";
import { actionList } from "./actions.js";
import { captureBar, mayWrite, redraw } from "../capture/bar.js";
import { chainEditor } from "../capture/chain.js";
import { logInteraction } from "../capture/interaction.js";
import { t } from "../i18n.js";

const RATIOS = ["contacted", "insighted", "supportive", "reachable", "competitor_held"];
const RATIO_LABEL = {
  contacted: "Contacted", insighted: "Insighted", supportive: "Supportive",
  reachable: "Reachable", competitor_held: "Held by a competitor",
};

function gauge(name, value, kind) {
  const shown = pct(value);
  return h("div", { class: "gauge" },
    h("div", { class: "row" }, h("span", {}, `${RATIO_LABEL[name]} (${kind})`),
      h("strong", { "data-testid": `coverage-${name}-${kind}` }, shown)),
    h("div", { class: "bar", role: "meter", "aria-valuemin": 0, "aria-valuemax": 100,
      "aria-valuenow": value === null ? undefined : Math.round(value * 100),
      "aria-label": `${RATIO_LABEL[name]} ${kind}: ${shown}` },
    h("div", { class: `fill ${kind}`, style: `width:${Math.round((value || 0) * 100)}%` })));
}

function mapElements(chain, map) {
  const rivals = [...new Set(map.rival_influence.map((r) => r.competitor_id))];
  const nodes = chain.members.map((m) => ({ data: {
    id: m.contact_id, kind: "Contact", colour: ATTITUDE_COLOUR[m.closeness],
    label: `${label({ ...m, name: m.name || m.contact_id })}\n${m.role}`,
    veto: m.veto === true, unknown: m.closeness === "unknown",
  } }));
  // Reporting lines run manager -> report so that the layout puts managers on top.
  const lines = map.edges.map((e) => (e.type === "REPORTS_TO"
    ? { data: { id: `r:${e.from}->${e.to}`, source: e.to, target: e.from, type: "REPORTS", width: 2, label: "" } }
    : { data: { id: `i:${e.from}->${e.to}`, source: e.from, target: e.to, type: "INFLUENCES",
      width: strengthWidth(e.strength), label: e.strength === null ? "" : strength(e.strength) } }));
  const staff = new Map(map.rival_influence.map((r) => [r.staff_id, { data: {
    id: r.staff_id, kind: "CompetitorStaff", colour: rivalColour(r.competitor_id, rivals),
    label: `${r.staff_name || r.staff_id}\n${r.competitor_name || r.competitor_id}`,
  } }]));
  const held = map.rival_influence.map((r) => ({ data: {
    id: `k:${r.staff_id}->${r.contact_id}`, source: r.staff_id, target: r.contact_id, type: "RIVAL",
    colour: rivalColour(r.competitor_id, rivals), width: strengthWidth(r.strength),
    label: r.strength === null ? "" : strength(r.strength),
  } }));
  return { elements: [...nodes, ...staff.values(), ...lines, ...held],
    rivals: rivals.map((k) => [rivalColour(k, rivals), `rival ${k}`]) };
}

export async function renderDeal(main, { id, asOf, me, isCurrent, refresh }) {
  replace(main, loading("deal"));
  const params = { as_of: asOf };
  const [chain, map, influencers, risk, actions] = await Promise.all([
    api(`/v1/opportunities/${seg(id)}/decision-chain`, { params }),
    api(`/v1/opportunities/${seg(id)}/decision-map`, { params }),
    api(`/v1/opportunities/${seg(id)}/influencers`, { params: { ...params, limit: 20 } }),
    api(`/v1/opportunities/${seg(id)}/risk`, { params }),
    api(`/v1/opportunities/${seg(id)}/actions`, { params }),
  ]);
  if (!isCurrent()) return;
  const o = chain.opportunity;
  const names = Object.fromEntries(chain.members.map((m) => [m.contact_id, m.name || m.contact_id]));
  const person = (cid) => h("a", { href: href("person", cid) }, names[cid] || cid);
  const canvas = h("div", { class: "graph", id: "deal-graph", role: "img",
    "aria-label": "Decision-chain map; the member table below lists the same people" });
  const { elements, rivals } = mapElements(chain, map);
  const single = risk.members.filter((m) => m.single_threaded);
  const writable = mayWrite(me) && o.account_id;
  const done = redraw(refresh);

  replace(main,
    h("h1", {}, o.name || o.id),
    h("p", { class: "sub" }, `${o.status || ""} · amount ${money(o.amount)} · `,
      o.account_id ? h("a", { href: href("account", o.account_id) }, `account ${o.account_id}`) : "",
      ` · as of ${chain.as_of}`),
    writable ? captureBar([[t("log.open"), () => logInteraction({ me, accountId: o.account_id, dealId: o.id, done }),
      { id: "open-log" }]]) : null,
    h("div", { class: "split" },
      h("section", { class: "card", "aria-labelledby": "map-title" },
        h("h2", { id: "map-title" }, "Decision chain"),
        canvas, legend(rivals),
        map.truncated ? h("p", { class: "notice" }, "More lines exist than are drawn.") : null),
      h("section", { class: "card", "aria-labelledby": "coverage-title", id: "coverage" },
        h("h2", { id: "coverage-title" }, "Coverage"),
        h("h3", {}, "Plain"), RATIOS.map((r) => gauge(r, chain.coverage[r], "plain")),
        h("h3", {}, "Weighted by role"), RATIOS.map((r) => gauge(r, chain.coverage.weighted[r], "weighted")),
        h("h3", {}, "Against competitors"),
        chain.competitors.length ? h("table", {},
          h("thead", {}, h("tr", {}, ["Competitor", "Closeness", "Solution", "Price"].map((t) => h("th", { scope: "col" }, t)))),
          h("tbody", {}, chain.competitors.map((c) => h("tr", {},
            h("td", {}, c.competitor_id), h("td", {}, c.closeness), h("td", {}, c.solution), h("td", {}, c.price)))))
          : h("p", { class: "sub" }, "No competitor recorded."))),
    h("section", { class: "card", "aria-labelledby": "members-title" },
      h("h2", { id: "members-title" }, `Members (${chain.members.length})`),
      h("table", { id: "members" },
        h("thead", {}, h("tr", {}, ["Person", "Role", "Closeness", "Solution", "Price", "Veto", "Approver",
          "Level", "Reachable", "Held by"].map((t) => h("th", { scope: "col" }, t)))),
        h("tbody", {}, chain.members.map((m) => h("tr", {},
          h("td", {}, person(m.contact_id), badges(m)), h("td", {}, m.role),
          h("td", {}, attitudeChip(m.closeness)), h("td", {}, attitudeChip(m.solution)),
          h("td", {}, attitudeChip(m.price)), h("td", {}, vote(m.veto)), h("td", {}, vote(m.approver)),
          h("td", {}, m.contact_level), h("td", {}, m.reachable ? "yes" : "no"),
          h("td", {}, m.competitor_held.join(", "))))))),
    writable ? chainEditor({ deal: o, members: chain.members, names, done }) : null,
    h("div", { class: "grid" },
      h("section", { class: "card", "aria-labelledby": "blockers-title" },
        h("h2", { id: "blockers-title" }, `Blockers (${chain.blockers.length})`),
        chain.blockers.length ? h("ul", { class: "plain", id: "blockers" }, chain.blockers.map((b) => h("li", {}, person(b))))
          : h("p", {}, "No blockers: every member is supportive on every degree.")),
      h("section", { class: "card", "aria-labelledby": "unblock-title" },
        h("h2", { id: "unblock-title" }, "Who can unblock them"),
        influencers.influencers.length ? h("ol", { id: "unblockers" }, influencers.influencers.map((i) => h("li", {},
          h("strong", {}, i.masked ? "A colleague outside your team" : i.name || i.employee_id),
          ` · reaches ${i.blockers_reachable.map((b) => names[b] || b).join(", ")} · best ${strength(i.best_strength)}`)))
          : h("p", {}, "Nobody in the company reaches the blockers within 3 hops."),
        influencers.truncated ? h("p", { class: "notice" }, "The search met its budget.") : null),
      h("section", { class: "card", "aria-labelledby": "single-title" },
        h("h2", { id: "single-title" }, "Single-threaded members"),
        single.length ? h("ul", { class: "plain", id: "single-threaded" }, single.map((m) => h("li", {},
          person(m.contact_id), ` · only ${m.reachers[0] || "?"} reaches them`)))
          : h("p", {}, "No member hangs on a single colleague."))),
    actionList(actions, names));
  draw(canvas, elements, { rankDir: "TB" });
}
