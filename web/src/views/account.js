// Account view: strategy with facts and tactics, the political map with hidden influencers,
// key persons with their seven features and history, the account's deals and actions.
import { api, seg } from "../api.js";
import { amount, attitudeChip, average, delta, h, loading, num, pct, replace, sideways, vote } from "../dom.js";
import { ATTITUDE_COLOUR, draw, legend, strengthWidth, thirdPartyElements, thirdPartyLegend } from "../graph.js";
import { href } from "../route.js";
import { actionList, tracking } from "./actions.js";
import { activityHistory, historyTable } from "./person.js";
import { fileName, pictureButton } from "../files.js";
import { captureBar, mayWrite, redraw } from "../capture/bar.js";
import { logInteraction } from "../capture/interaction.js";
import { addLine, addPerson, endLine } from "../capture/map.js";
import { date, has, label as valueLabel, lang, t, tn } from "../i18n.js";

const KEY_PERSON_LIMIT = 30;

// The figures behind the strategy, in words: each fact's name from the catalogue, degrees
// and tiers translated; the trigger is said from the strategy chosen.
function factValue(key, v) {
  if (v === null || v === undefined) return t("common.unknown");
  if (typeof v === "boolean") return vote(v);
  if (typeof v === "number") return key.endsWith("_share") ? pct(v) : num(Math.round(v * 1000) / 1000);
  if (typeof v === "object") {
    return h("ul", {}, Object.entries(v).map(([d, x]) => h("li", {}, valueLabel("degree", d), t("common.colon"),
      key === "tiers" ? valueLabel("tier", x)
        // The API gives the fall (last month's average less this one's): shown as the change,
        // a rise up and a fall down, as every other change in the app.
        : key === "month_on_month_drop" ? delta(-x, "", { as: "average" })
          : key.endsWith("averages") ? average(x) : factValue(d, x))));
  }
  return String(v);
}

function facts(strategy) {
  return h("ul", {}, Object.entries(strategy.facts).filter(([k]) => has(`fact.${k}`)).map(([k, v]) => h("li", {},
    t(`fact.${k}`), t("common.colon"), k === "trigger" ? t(`why.${strategy.strategy}`) : factValue(k, v))));
}

function mapElements(map, closeness) {
  const top = Math.max(...map.people.map((p) => p.influence_score), 0.0001);
  const nodes = map.people.map((p) => ({ data: {
    id: p.contact_id, kind: "Contact", hidden: p.hidden,
    colour: ATTITUDE_COLOUR[closeness[p.contact_id] || "unknown"],
    veto: p.veto === true,
    unknown: !closeness[p.contact_id] || closeness[p.contact_id] === "unknown",
    size: Math.round(22 + 30 * (p.influence_score / top)),
    label: `${p.name || p.contact_id}${p.hidden ? `\n${t("account.hiddenNode")}` : ""}`,
  } }));
  const edges = map.edges.map((e, i) => (e.type === "REPORTS_TO"
    ? { data: { id: `e${i}`, source: e.to, target: e.from, type: "REPORTS", width: 2, label: "" } }
    : { data: { id: `e${i}`, source: e.from, target: e.to, type: "INFLUENCES",
      width: strengthWidth(e.strength), label: "" } }));
  return [...nodes, ...thirdPartyElements(map.third_party_influence || []), ...edges];
}

function captureFor(account, id, map, me, done) {
  if (!mayWrite(me)) return null;
  return captureBar([
    [t("log.open"), () => logInteraction({ me, accountId: id, done }), { id: "open-log" }],
    [t("person.open"), () => addPerson({ accountId: id, accountName: account.name || id, people: map.people, done }),
      { id: "open-person" }],
  ]);
}

// Editing the map: buttons for the keyboard, and two taps on the map (from, then to).
function mapEditing(map, names, me, done) {
  if (!mayWrite(me)) return { bar: null, wire: () => {} };
  const hint = h("p", { class: "hint", "aria-live": "polite", id: "pick-hint" }, t("line.pickHint"));
  const bar = [captureBar([
    [t("line.open"), () => addLine({ people: map.people, done }), { id: "open-line" }],
    map.edges.length ? [t("line.endOpen"), () => endLine({ edges: map.edges, names, done }), { id: "open-end-line" }] : null,
  ]), hint];
  const wire = (cy) => {
    let from = null;
    cy.on("tap", "node", (event) => {
      const picked = event.target.id();
      if (!from || from === picked) {
        from = picked;
        cy.nodes().unselect();
        hint.textContent = t("line.pickedFrom", { name: names[picked] || picked });
        return;
      }
      const to = picked;
      hint.textContent = t("line.pickHint");
      addLine({ people: map.people, from, to, done });
      from = null;
    });
  };
  return { bar, wire };
}

export async function renderAccount(main, { id, asOf, me, isCurrent, refresh }) {
  replace(main, loading());
  const params = { as_of: asOf };
  const [account, strategy, map, actions, deals, acts] = await Promise.all([
    api(`/v1/accounts/${seg(id)}`),
    api(`/v1/accounts/${seg(id)}/strategy`, { params }),
    api(`/v1/accounts/${seg(id)}/political-map`, { params }),
    api(`/v1/accounts/${seg(id)}/actions`, { params }),
    api("/v1/opportunities", { params: { account_id: id, limit: 100 } }),
    api(`/v1/accounts/${seg(id)}/activities`, { params: { as_of: asOf, limit: 30 } }),
  ]);
  const keyPeople = map.people.filter((p) => p.key_person).slice(0, KEY_PERSON_LIMIT);
  const portraits = await Promise.all(keyPeople.map((p) =>
    api(`/v1/contacts/${seg(p.contact_id)}/portrait`, { params: { as_of: asOf, limit: 10 } })));
  if (!isCurrent()) return;
  const closeness = Object.fromEntries(portraits.map((p) => [p.contact_id, p.features.closeness]));
  const names = Object.fromEntries(map.people.map((p) => [p.contact_id, p.name || p.contact_id]));
  const done = redraw(refresh);
  const editing = mapEditing(map, names, me, done);
  const canvas = h("div", { class: "graph", id: "account-graph", role: "img", "aria-label": t("account.mapLabel") });
  const tactics = lang === "zh-CN" ? strategy.tactics_zh : strategy.tactics;
  const person = (cid, name) => h("a", { href: href("person", cid), title: cid }, name || names[cid] || cid);

  replace(main,
    h("h1", {}, account.name || id),
    h("p", { class: "sub" }, [account.industry ? valueLabel("industry", account.industry) : null, account.region,
      account.focus ? t("account.focus") : null, t("common.asOf", { date: date(strategy.as_of) })].filter(Boolean).join(" · ")),
    captureFor(account, id, map, me, done),
    h("div", { class: "grid" },
      h("section", { class: "card", "aria-labelledby": "strategy-title", id: "strategy" },
        h("h2", { id: "strategy-title" }, t("account.strategy"),
          h("span", { "data-testid": "strategy" }, valueLabel("strategy", strategy.strategy))),
        h("h3", {}, t("account.tactics")),
        h("ul", {}, tactics.map((x) => h("li", {}, x))),
        h("h3", {}, t("account.why")), facts(strategy)),
      h("section", { class: "card", "aria-labelledby": "deals-title" },
        h("h2", { id: "deals-title" }, t("account.deals", { n: deals.items.length })),
        h("ul", { class: "plain" }, deals.items.map((o) => h("li", {},
          h("a", { href: href("deal", o.id), title: o.id }, o.name || o.id),
          ` · ${o.status ? `${valueLabel("status", o.status)} · ` : ""}${amount(o.amount, o.currency)}`))))),
    h("section", { class: "card", "aria-labelledby": "politics-title" },
      h("h2", { id: "politics-title" }, t("account.politics")),
      editing.bar,
      canvas, legend([["#ffffff", t("legend.hidden")], ...thirdPartyLegend(map.third_party_influence || [])]),
      pictureButton(() => cy, fileName("politicalMap", id, strategy.as_of), { id: "account-graph-png" }),
      h("h3", {}, t("account.hidden", { n: map.hidden.length })),
      map.hidden.length ? h("ul", { class: "plain", id: "hidden" }, map.hidden.map((c) => h("li", {},
        person(c), h("span", { class: "badge hidden" }, t("badge.hidden")))))
        : h("p", { class: "sub" }, t("account.noHidden")),
      h("details", {}, h("summary", {}, t("account.ranked")),
        h("table", {}, h("thead", {}, h("tr", {}, ["col.rank", "col.person", "col.title", "col.score", "col.depth"]
          .map((k) => h("th", { scope: "col" }, t(k))))),
          h("tbody", {}, [...map.people].sort((a, b) => a.influence_rank - b.influence_rank).map((p) => h("tr", {},
            h("td", { class: "num" }, num(p.influence_rank)), h("td", {}, person(p.contact_id)),
            h("td", {}, p.title || ""), h("td", { class: "num" }, num(Math.round(p.influence_score * 1000) / 1000)),
            h("td", { class: "num" }, p.depth === null || p.depth === undefined ? t("common.unknown") : num(p.depth)))))))),
    h("section", { class: "card", "aria-labelledby": "keyp-title" },
      h("h2", { id: "keyp-title" }, t("account.keyPersons", { n: portraits.length })),
      sideways(h("table", { id: "key-persons" },
        h("thead", {}, h("tr", {}, ["col.person", "col.closeness", "col.solution", "col.price", "col.veto", "col.approver",
          "col.known"].map((k) => h("th", { scope: "col" }, t(k))))),
        h("tbody", {}, portraits.map((p) => h("tr", {},
          h("td", {}, person(p.contact_id, p.name), h("div", { class: "path-chain" }, p.title || "")),
          h("td", {}, attitudeChip(p.features.closeness)), h("td", {}, attitudeChip(p.features.solution)),
          h("td", {}, attitudeChip(p.features.price)), h("td", {}, vote(p.features.veto)),
          h("td", {}, vote(p.features.approver)), h("td", { class: "num" }, `${p.features.known}/7`))))),
      { labelledBy: "keyp-title" }),
      // Each one's assessments below the table, full width, rather than in a last column that a
      // phone's screen leaves out of sight (and whose table would open beside it).
      portraits.length ? h("h3", { id: "keyp-history-title" }, t("account.histories")) : null,
      h("div", { id: "key-person-histories" }, portraits.map((p) => h("details", { "data-contact": p.contact_id },
        h("summary", {}, `${p.name || p.contact_id} · `,
          tn(p.history_truncated ? "account.assessmentsLatest" : "account.assessments", p.history.length)),
        historyTable(p), p.history_truncated ? h("p", { class: "sub" }, t("person.older")) : null)))),
    activityHistory(acts, { me, refresh }),
    actionList(actions, names, tracking(asOf, { account_id: id }, me, refresh)));
  const cy = draw(canvas, mapElements(map, closeness), { rankDir: "TB" });
  editing.wire(cy);
}
