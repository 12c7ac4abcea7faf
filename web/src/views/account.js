// Account view: strategy with facts and tactics, the political map with hidden influencers,
// key persons with their seven features and history, the account's deals and actions.
import { api, seg } from "../api.js";
import { attitudeChip, h, loading, money, replace, vote } from "../dom.js";
import { ATTITUDE_COLOUR, draw, legend, strengthWidth } from "../graph.js";
import { href } from "../route.js";
import { actionList } from "./actions.js";
import { historyTable } from "./person.js";
import { captureBar, mayWrite, redraw } from "../capture/bar.js";
import { logInteraction } from "../capture/interaction.js";
import { addLine, addPerson, endLine } from "../capture/map.js";
import { t } from "../i18n.js";

const KEY_PERSON_LIMIT = 30;

function facts(value) {
  if (value && typeof value === "object") {
    return h("ul", {}, Object.entries(value).map(([k, v]) => h("li", {}, `${k.replaceAll("_", " ")}: `,
      v && typeof v === "object" ? facts(v) : typeof v === "number" ? String(Math.round(v * 1000) / 1000) : String(v))));
  }
  return String(value);
}

function mapElements(map, closeness) {
  const top = Math.max(...map.people.map((p) => p.influence_score), 0.0001);
  const nodes = map.people.map((p) => ({ data: {
    id: p.contact_id, kind: "Contact", hidden: p.hidden,
    colour: ATTITUDE_COLOUR[closeness[p.contact_id] || "unknown"],
    unknown: !closeness[p.contact_id] || closeness[p.contact_id] === "unknown",
    size: Math.round(22 + 30 * (p.influence_score / top)),
    label: `${p.name || p.contact_id}${p.hidden ? "\n★ hidden influencer" : ""}`,
  } }));
  const edges = map.edges.map((e, i) => (e.type === "REPORTS_TO"
    ? { data: { id: `e${i}`, source: e.to, target: e.from, type: "REPORTS", width: 2, label: "" } }
    : { data: { id: `e${i}`, source: e.from, target: e.to, type: "INFLUENCES",
      width: strengthWidth(e.strength), label: "" } }));
  return [...nodes, ...edges];
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
  replace(main, loading("account"));
  const params = { as_of: asOf };
  const [account, strategy, map, actions, deals] = await Promise.all([
    api(`/v1/accounts/${seg(id)}`),
    api(`/v1/accounts/${seg(id)}/strategy`, { params }),
    api(`/v1/accounts/${seg(id)}/political-map`, { params }),
    api(`/v1/accounts/${seg(id)}/actions`, { params }),
    api("/v1/opportunities", { params: { account_id: id, limit: 100 } }),
  ]);
  const keyPeople = map.people.filter((p) => p.key_person).slice(0, KEY_PERSON_LIMIT);
  const portraits = await Promise.all(keyPeople.map((p) =>
    api(`/v1/contacts/${seg(p.contact_id)}/portrait`, { params: { as_of: asOf, limit: 10 } })));
  if (!isCurrent()) return;
  const closeness = Object.fromEntries(portraits.map((p) => [p.contact_id, p.features.closeness]));
  const names = Object.fromEntries(map.people.map((p) => [p.contact_id, p.name || p.contact_id]));
  const done = redraw(refresh);
  const editing = mapEditing(map, names, me, done);
  const canvas = h("div", { class: "graph", id: "account-graph", role: "img",
    "aria-label": "Political map; the people table lists the same people ranked by influence" });

  replace(main,
    h("h1", {}, account.name || id),
    h("p", { class: "sub" }, [account.industry, account.region, account.focus ? "focus account" : null]
      .filter(Boolean).join(" · "), ` · as of ${strategy.as_of}`),
    captureFor(account, id, map, me, done),
    h("div", { class: "grid" },
      h("section", { class: "card", "aria-labelledby": "strategy-title", id: "strategy" },
        h("h2", { id: "strategy-title" }, "Strategy: ", h("span", { "data-testid": "strategy" }, strategy.strategy.replaceAll("_", " "))),
        h("h3", {}, "Tactics"),
        h("ul", {}, strategy.tactics.map((t, i) => h("li", {}, t, h("div", { class: "path-chain", lang: "zh" }, strategy.tactics_zh[i] || "")))),
        h("h3", {}, "Why"), facts(strategy.facts)),
      h("section", { class: "card", "aria-labelledby": "deals-title" },
        h("h2", { id: "deals-title" }, `Deals (${deals.items.length})`),
        h("ul", { class: "plain" }, deals.items.map((o) => h("li", {},
          h("a", { href: href("deal", o.id) }, o.name || o.id), ` · ${o.status || ""} · ${money(o.amount)}`))))),
    h("section", { class: "card", "aria-labelledby": "politics-title" },
      h("h2", { id: "politics-title" }, "Political map"),
      editing.bar,
      canvas, legend([["#ffffff", "gold double border: hidden influencer; size: influence"]]),
      h("h3", {}, `Hidden influencers (${map.hidden.length})`),
      map.hidden.length ? h("ul", { class: "plain", id: "hidden" }, map.hidden.map((c) => h("li", {},
        h("a", { href: href("person", c) }, names[c]), h("span", { class: "badge hidden" }, "HIDDEN"))))
        : h("p", { class: "sub" }, "None: influence follows the reporting line."),
      h("details", {}, h("summary", {}, "Everyone ranked by influence"),
        h("table", {}, h("thead", {}, h("tr", {}, ["Rank", "Person", "Title", "Score", "Depth"].map((t) => h("th", { scope: "col" }, t)))),
          h("tbody", {}, [...map.people].sort((a, b) => a.influence_rank - b.influence_rank).map((p) => h("tr", {},
            h("td", { class: "num" }, p.influence_rank), h("td", {}, h("a", { href: href("person", p.contact_id) }, names[p.contact_id])),
            h("td", {}, p.title || ""), h("td", { class: "num" }, p.influence_score.toFixed(3)),
            h("td", { class: "num" }, p.depth ?? "?"))))))),
    h("section", { class: "card", "aria-labelledby": "keyp-title" },
      h("h2", { id: "keyp-title" }, `Key persons (${portraits.length})`),
      h("table", { id: "key-persons" },
        h("thead", {}, h("tr", {}, ["Person", "Closeness", "Solution", "Price", "Veto", "Approver", "Known", "History"]
          .map((t) => h("th", { scope: "col" }, t)))),
        h("tbody", {}, portraits.map((p) => h("tr", {},
          h("td", {}, h("a", { href: href("person", p.contact_id) }, p.name || p.contact_id), h("div", { class: "path-chain" }, p.title || "")),
          h("td", {}, attitudeChip(p.features.closeness)), h("td", {}, attitudeChip(p.features.solution)),
          h("td", {}, attitudeChip(p.features.price)), h("td", {}, vote(p.features.veto)),
          h("td", {}, vote(p.features.approver)), h("td", { class: "num" }, `${p.features.known}/7`),
          h("td", {}, h("details", {}, h("summary", {}, `${p.history.length} assessments`), historyTable(p)))))))),
    actionList(actions, names));
  editing.wire(draw(canvas, mapElements(map, closeness), { rankDir: "TB" }));
}
