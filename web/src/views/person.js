// Person view: who can move this person, drawn as paths from our employees to them.
import { api, seg } from "../api.js";
import { attitudeChip, badges, errorBox, h, loading, pct, replace, strength, vote } from "../dom.js";
import { ATTITUDE_COLOUR, draw, highlight, label, legend, strengthWidth } from "../graph.js";
import { href, setParam } from "../route.js";
import { declareAcquaintance } from "../capture/acquaint.js";
import { assessPerson } from "../capture/assess.js";
import { captureBar, mayWrite, redraw } from "../capture/bar.js";
import { logInteraction } from "../capture/interaction.js";
import { askIntroduction } from "../capture/intros.js";
import { t } from "../i18n.js";

const STEP_LABEL = { INFLUENCES: "influences", REPORTS_TO_DOWN: "manages", REPORTS_TO_UP: "reports to" };

function pathElements(target, paths) {
  const nodes = new Map();
  const edges = new Map();
  for (const path of paths) {
    path.nodes.forEach((n, i) => {
      const isTarget = i === path.nodes.length - 1;
      const colour = n.kind === "Contact" ? ATTITUDE_COLOUR[n.closeness || "unknown"] : "#0b57c2";
      nodes.set(n.id, { data: {
        id: n.id, kind: n.kind, label: label({ ...n, name: n.name || (path.masked && i === 0 ? "colleague (ask)" : n.id) }),
        colour, veto: n.veto === true, approver: n.approver === true,
        unknown: n.kind === "Contact" && (!n.closeness || n.closeness === "unknown"),
        target: isTarget || n.id === target.id,
      } });
      if (i === 0) return;
      const step = path.steps[i - 1];
      const prev = path.nodes[i - 1].id;
      const key = `${prev}->${n.id}`;
      if (!edges.has(key) || edges.get(key).data.strength < step.strength) {
        edges.set(key, { data: {
          id: key, source: prev, target: n.id, strength: step.strength,
          type: step.type === "INFLUENCES" ? "INFLUENCES" : "REPORTS",
          width: strengthWidth(step.strength), label: `${STEP_LABEL[step.type] || step.type} ${strength(step.strength)}`,
        } });
      }
    });
  }
  return [...nodes.values(), ...edges.values()];
}

function features(portrait) {
  const f = portrait.features;
  const row = (name, value) => h("tr", {}, h("th", { scope: "row" }, name), h("td", {}, value));
  return h("section", { class: "card", "aria-labelledby": "features-title" },
    h("h2", { id: "features-title" }, "Seven features"),
    h("table", {}, h("tbody", {},
      row("Closeness", attitudeChip(f.closeness)),
      row("Solution", attitudeChip(f.solution)),
      row("Price", attitudeChip(f.price)),
      row("Veto holder", vote(f.veto)),
      row("Approver", vote(f.approver)),
      row("Reporting line known", f.reporting_known ? "yes" : "no"),
      row("Influence known", f.influence_known ? "yes" : "no"),
      row("Completeness", `${f.known}/7 (${pct(f.completeness)})`),
      row("Insighted", f.insighted ? "yes" : "no"),
      row("Contact level", portrait.contact_level))));
}

export function historyTable(portrait) {
  if (!portrait.history.length) return h("p", { class: "sub" }, "No assessments up to this date.");
  return h("table", {},
    h("thead", {}, h("tr", {}, ["Date", "Toward", "Deal", "Closeness", "Solution", "Price", "Veto", "Approver"]
      .map((t) => h("th", { scope: "col" }, t)))),
    h("tbody", {}, portrait.history.map((a) => h("tr", {},
      h("td", {}, a.at), h("td", {}, a.toward),
      h("td", {}, a.opportunity_id ? h("a", { href: href("deal", a.opportunity_id) }, a.opportunity_id) : "general"),
      h("td", {}, a.closeness ? attitudeChip(a.closeness) : ""),
      h("td", {}, a.solution ? attitudeChip(a.solution) : ""),
      h("td", {}, a.price ? attitudeChip(a.price) : ""),
      h("td", {}, a.veto === null ? "" : vote(a.veto)),
      h("td", {}, a.approver === null ? "" : vote(a.approver))))));
}

function introButton(path, contact, status) {
  const who = path.masked ? t("intro.aColleague") : path.nodes[0].name || path.employee_id;
  const button = h("button", { type: "button", class: "secondary", "data-intro": path.employee_id },
    path.masked ? "Ask for an introduction" : "Ask to introduce");
  button.addEventListener("click", async () => {
    button.disabled = true;
    try {
      await askIntroduction({ colleague: path.employee_id, who, contactId: contact.id, accountId: contact.accountId,
        done: (intro) => replace(status, h("p", { class: "notice", role: "status" },
          `Introduction requested (${intro.id}, status ${intro.status}).`)) });
    } catch (err) {
      replace(status, errorBox(err));
    } finally {
      button.disabled = false;
    }
  });
  return button;
}

function captureFor(portrait, id, me, refresh) {
  if (!mayWrite(me)) return null;
  const name = portrait.name || id;
  const done = redraw(refresh);
  return captureBar([
    portrait.account_id ? [t("log.open"), () => logInteraction({ me, accountId: portrait.account_id, contactId: id, done }),
      { id: "open-log" }] : null,
    [t("assess.open"), () => assessPerson({ contactId: id, name, accountId: portrait.account_id, now: portrait.features, done }), { id: "open-assess" }],
    me.employee_id ? [t("know.open"), () => declareAcquaintance({ me, contactId: id, name, done }), { id: "open-know" }] : null,
  ]);
}

export async function renderPerson(main, { id, params, asOf, me, isCurrent, refresh }) {
  replace(main, loading("person"));
  const maxHops = params.get("max_hops") || "3";
  const avoidOpposed = params.get("avoid_opposed") !== "false";
  const [portrait, found] = await Promise.all([
    api(`/v1/contacts/${seg(id)}/portrait`, { params: { as_of: asOf, limit: 20 } }),
    api(`/v1/contacts/${seg(id)}/influence-paths`,
      { params: { as_of: asOf, max_hops: maxHops, limit: 15, avoid_opposed: avoidOpposed } }),
  ]);
  if (!isCurrent()) return;
  const status = h("div", { "aria-live": "polite" });
  const canvas = h("div", { class: "graph", id: "person-graph", role: "img",
    "aria-label": `Influence paths to ${portrait.name || id}; the list beside it has the same paths` });
  const hops = h("select", { id: "max-hops", "aria-label": "Maximum hops" },
    [1, 2, 3, 4, 5].map((n) => h("option", { value: n, selected: String(n) === maxHops }, `${n} hops`)));
  hops.addEventListener("change", () => setParam("max_hops", hops.value));
  const avoid = h("input", { type: "checkbox", id: "avoid-opposed", checked: avoidOpposed });
  avoid.addEventListener("change", () => setParam("avoid_opposed", avoid.checked ? null : "false"));

  let cy = null;
  let pressed = null;
  const pathItems = found.paths.map((path, index) => {
    const chain = path.nodes.map((n) => n.name || (n.kind === "Employee" && path.masked ? "a colleague" : n.id)).join(" → ");
    const button = h("button", { type: "button", class: "path-btn", "aria-pressed": "false",
      "data-path": index, "data-employee": path.employee_id },
      h("strong", {}, path.masked ? "A colleague outside your team" : path.nodes[0].name || path.employee_id),
      ` · strength ${strength(path.strength)} · ${path.hops} hop${path.hops === 1 ? "" : "s"}`,
      h("div", { class: "path-chain" }, chain));
    button.addEventListener("click", () => {
      const on = pressed !== button;
      if (pressed) pressed.setAttribute("aria-pressed", "false");
      pressed = on ? button : null;
      button.setAttribute("aria-pressed", String(on));
      if (cy) highlight(cy, on ? path.nodes.map((n) => n.id) : null);
    });
    return h("li", {}, button, introButton(path, { id, accountId: portrait.account_id }, status));
  });

  replace(main,
    h("h1", {}, portrait.name || id, badges({ ...portrait.features, key_person: portrait.key_person })),
    h("p", { class: "sub" }, [portrait.title, portrait.department].filter(Boolean).join(" · "), " · ",
      portrait.account_id ? h("a", { href: href("account", portrait.account_id) }, `account ${portrait.account_id}`) : "",
      ` · as of ${found.as_of}`),
    captureFor(portrait, id, me, refresh),
    h("div", { class: "split" },
      h("section", { class: "card", "aria-labelledby": "paths-graph-title" },
        h("h2", { id: "paths-graph-title" }, "Who in our company can move this person"),
        h("div", { class: "legend" }, h("label", {}, "Up to ", hops), " ",
          h("label", {}, avoid, " avoid people who oppose us")),
        canvas, legend()),
      h("section", { class: "card", "aria-labelledby": "paths-list-title" },
        h("h2", { id: "paths-list-title" }, `Paths (${found.paths.length})`),
        found.truncated ? h("p", { class: "notice" }, "The search met its budget: more paths may exist.") : null,
        found.paths.length ? h("ol", { class: "paths", id: "path-list" }, pathItems)
          : h("p", {}, "No employee can reach this person within these hops."),
        status)),
    h("div", { class: "grid" },
      features(portrait),
      h("section", { class: "card", "aria-labelledby": "inbound-title" },
        h("h2", { id: "inbound-title" }, "Influenced directly by"),
        found.influenced_by.length ? h("ul", { class: "plain" }, found.influenced_by.map((p) => h("li", {},
          p.kind === "Contact" ? h("a", { href: href("person", p.id) }, p.name || p.id) : (p.name || p.id),
          ` · ${p.kind === "CompetitorStaff" ? `rival ${p.competitor_id}` : p.title || p.kind}`,
          p.strength === null ? "" : ` · ${strength(p.strength)}`, " ", p.closeness ? attitudeChip(p.closeness) : "")))
          : h("p", { class: "sub" }, "Nobody recorded."))),
    h("section", { class: "card", "aria-labelledby": "history-title" },
      h("h2", { id: "history-title" }, "Assessment history"), historyTable(portrait),
      portrait.history_truncated ? h("p", { class: "sub" }, "Older assessments not shown.") : null));
  if (found.paths.length) cy = draw(canvas, pathElements(found.target, found.paths), { rankDir: "LR" });
}
