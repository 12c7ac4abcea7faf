// Deal view: the decision chain as an org map, coverage, blockers, who can unblock them,
// single-threaded members and the action list.
import { api, seg } from "../api.js";
import { amount, attitudeChip, badges, DEGREES, h, loading, pct, replace, strength, vote } from "../dom.js";
import { ATTITUDE_COLOUR, draw, label, legend, rivalColour, strengthWidth, thirdPartyElements, thirdPartyLegend } from "../graph.js";
import { href } from "../route.js";
import { actionList, tracking } from "./actions.js";
import { exportButtons, fileName, pictureButton } from "../files.js";
import { captureBar, mayWrite, redraw } from "../capture/bar.js";
import { chainEditor } from "../capture/chain.js";
import { logInteraction } from "../capture/interaction.js";
import { colleague, date, label as valueLabel, list, t } from "../i18n.js";

// A member is for us on a degree at support or above; anything else keeps them a blocker.
const FOR_US = new Set(["support", "strong_support"]);

const RATIOS = ["contacted", "insighted", "supportive", "reachable", "competitor_held"];
function gauge(name, value, kind) {
  const shown = pct(value);
  const words = { ratio: t(`ratio.${name}`), kind: t(`deal.kind.${kind}`) };
  return h("div", { class: "gauge" },
    h("div", { class: "row" }, h("span", {}, t("deal.gauge", words)),
      h("strong", { "data-testid": `coverage-${name}-${kind}` }, shown)),
    h("div", { class: "bar", role: "meter", "aria-valuemin": 0, "aria-valuemax": 100,
      "aria-valuenow": value === null ? undefined : Math.round(value * 100),
      "aria-label": t("deal.gaugeLabel", { ...words, value: shown }) },
    h("div", { class: `fill ${kind}`, style: `width:${Math.round((value || 0) * 100)}%` })));
}

function mapElements(chain, map, rivalNames) {
  const rivals = [...new Set(map.rival_influence.map((r) => r.competitor_id))];
  const nodes = chain.members.map((m) => ({ data: {
    id: m.contact_id, kind: "Contact", colour: ATTITUDE_COLOUR[m.closeness],
    label: `${label({ ...m, name: m.name || m.contact_id })}\n${t(`role.${m.role}`)}`,
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
  const third = map.third_party_influence || [];
  const parties = thirdPartyElements(third, { edgeLabel: (r) => (r.strength === null ? "" : strength(r.strength)) });
  return { elements: [...nodes, ...staff.values(), ...parties, ...lines, ...held],
    rivals: [...rivals.map((k) => [rivalColour(k, rivals), t("legend.rival", { name: rivalNames[k] || k })]),
      ...thirdPartyLegend(third)] };
}

export async function renderDeal(main, { id, asOf, me, isCurrent, refresh }) {
  replace(main, loading());
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
  const members = Object.fromEntries(chain.members.map((m) => [m.contact_id, m]));
  // Competitors by name: those on the deal, and those whose staff hold a member.
  const rivalNames = Object.fromEntries([
    ...map.rival_influence.map((r) => [r.competitor_id, r.competitor_name]),
    ...chain.competitors.map((c) => [c.competitor_id, c.competitor_name]),
  ].filter(([, name]) => name));
  const rival = (k) => rivalNames[k] || k;
  const rivalLink = (k) => h("a", { href: href("competitor", k), title: k }, rival(k));
  const person = (cid) => h("a", { href: href("person", cid), title: cid }, names[cid] || cid);
  const reacher = (m) => m.reacher_names[0] || colleague(m.reachers[0]);
  const canvas = h("div", { class: "graph", id: "deal-graph", role: "img", "aria-label": t("deal.mapLabel") });
  const { elements, rivals } = mapElements(chain, map, rivalNames);
  const single = risk.members.filter((m) => m.single_threaded);
  const writable = mayWrite(me) && o.account_id;
  const done = redraw(refresh);

  replace(main,
    h("h1", {}, o.name || o.id),
    h("p", { class: "sub" }, o.status ? `${valueLabel("status", o.status)} · ` : "",
      `${t("deal.amount", { amount: amount(o.amount, o.currency) })} · `,
      o.account_id ? [h("a", { href: href("account", o.account_id), title: o.account_id },
        t("deal.account", { name: o.account_name || o.account_id })), " · "] : "",
      t("common.asOf", { date: date(chain.as_of) })),
    writable ? captureBar([[t("log.open"), () => logInteraction({ me, accountId: o.account_id, dealId: o.id, done }),
      { id: "open-log" }]]) : null,
    h("div", { class: "split" },
      h("section", { class: "card", "aria-labelledby": "map-title" },
        h("h2", { id: "map-title" }, t("deal.chain")),
        canvas, legend(rivals),
        pictureButton(() => cy, fileName("decisionMap", o.id, chain.as_of), { id: "deal-graph-png" }),
        map.truncated ? h("p", { class: "notice" }, t("deal.truncated")) : null),
      h("section", { class: "card", "aria-labelledby": "coverage-title", id: "coverage" },
        h("h2", { id: "coverage-title" }, t("deal.coverage")),
        h("h3", {}, t("deal.plain")), RATIOS.map((r) => gauge(r, chain.coverage[r], "plain")),
        h("h3", {}, t("deal.weighted")), RATIOS.map((r) => gauge(r, chain.coverage.weighted[r], "weighted")),
        h("h3", {}, t("deal.against")),
        chain.competitors.length ? h("table", {},
          h("thead", {}, h("tr", {}, ["col.competitor", "col.closeness", "col.solution", "col.price"]
            .map((k) => h("th", { scope: "col" }, t(k))))),
          h("tbody", {}, chain.competitors.map((c) => h("tr", {},
            h("td", {}, rivalLink(c.competitor_id)),
            DEGREES.map((d) => h("td", {}, valueLabel("cmp", c[d])))))))
          : h("p", { class: "sub" }, t("deal.noCompetitor")))),
    h("section", { class: "card", "aria-labelledby": "members-title" },
      h("h2", { id: "members-title" }, t("deal.members", { n: chain.members.length })),
      exportButtons(`/v1/opportunities/${seg(id)}/decision-chain`, params, { id: "members-export" }),
      h("table", { id: "members" },
        h("thead", {}, h("tr", {}, ["col.person", "col.role", "col.closeness", "col.solution", "col.price", "col.veto",
          "col.approver", "col.level", "col.reachable", "col.heldBy"].map((k) => h("th", { scope: "col" }, t(k))))),
        h("tbody", {}, chain.members.map((m) => h("tr", {},
          h("td", {}, person(m.contact_id), badges(m)), h("td", {}, valueLabel("role", m.role)),
          h("td", {}, attitudeChip(m.closeness)), h("td", {}, attitudeChip(m.solution)),
          h("td", {}, attitudeChip(m.price)), h("td", {}, vote(m.veto)), h("td", {}, vote(m.approver)),
          h("td", {}, valueLabel("level", m.contact_level)), h("td", {}, vote(m.reachable)),
          h("td", {}, list(m.competitor_held.map(rival)))))))),
    writable ? chainEditor({ deal: o, members: chain.members, names, done }) : null,
    h("div", { class: "grid" },
      h("section", { class: "card", "aria-labelledby": "blockers-title" },
        h("h2", { id: "blockers-title" }, t("deal.blockers", { n: chain.blockers.length })),
        chain.blockers.length ? [h("p", { class: "sub" }, t("deal.blockersNote")),
          h("ul", { class: "plain", id: "blockers" }, chain.blockers.map((b) => h("li", {}, person(b), " · ",
            // Why: the degrees on which they are not yet for us.
            list(DEGREES.map((d) => [d, members[b]?.[d] || "unknown"]).filter(([, a]) => !FOR_US.has(a))
              .map(([d, a]) => `${t(`degree.${d}`)} ${valueLabel("att", a)}`)))))]
          : h("p", {}, t("deal.noBlockers"))),
      h("section", { class: "card", "aria-labelledby": "unblock-title" },
        h("h2", { id: "unblock-title" }, t("deal.unblock")),
        influencers.influencers.length ? h("p", { class: "sub" }, t("deal.unblockNote")) : null,
        influencers.influencers.length ? h("ol", { id: "unblockers" }, influencers.influencers.map((i) => h("li", {},
          h("strong", { title: i.masked ? null : i.employee_id }, i.masked ? colleague(i.employee_id) : i.name || i.employee_id), " · ",
          t("deal.reaches", { names: list(i.blockers_reachable.map((b) => names[b] || b)), s: strength(i.best_strength) }))))
          : h("p", {}, t("deal.nobody")),
        influencers.truncated ? h("p", { class: "notice" }, t("common.budget")) : null),
      h("section", { class: "card", "aria-labelledby": "single-title" },
        h("h2", { id: "single-title" }, t("deal.single")),
        single.length ? h("ul", { class: "plain", id: "single-threaded" }, single.map((m) => h("li", {},
          person(m.contact_id), " · ", t("deal.onlyOne", { who: reacher(m) }))))
          : h("p", {}, t("deal.noSingle")))),
    actionList(actions, { ...names, ...rivalNames }, tracking(asOf, { opportunity_id: id }, me, refresh)));
  const cy = draw(canvas, elements, { rankDir: "TB" });
}
