// Relationship maps drawn with Cytoscape.js: colour = attitude, badges in the label,
// edge width = strength, rival influence in the rival's colour, third parties (partners,
// design institutes, consultants) as amber hexagons.
import cytoscape from "cytoscape";
import dagre from "cytoscape-dagre";
import { h, onPhone } from "./dom.js";
import { label as valueLabel, t } from "./i18n.js";

cytoscape.use(dagre);

export const ATTITUDE_COLOUR = {
  strong_support: "#1a6e34", support: "#7cc68d", neutral: "#b8bec6",
  oppose: "#f0a15c", strong_oppose: "#b42318", unknown: "#ffffff",
};
export const THIRD_PARTY_COLOUR = "#e09f00";
const RIVAL_COLOURS = ["#8e24aa", "#6d4c41", "#c2185b", "#00838f", "#5d4037", "#ad1457"];

export function rivalColour(competitorId, order) {
  const index = order.indexOf(competitorId);
  return RIVAL_COLOURS[(index < 0 ? 0 : index) % RIVAL_COLOURS.length];
}

export function label(node) {
  const marks = [node.veto ? t("badge.veto") : null, node.approver ? t("badge.approver") : null].filter(Boolean);
  return `${node.name || node.id}${marks.length ? `\n${marks.join(" · ")}` : ""}`;
}

const STYLE = [
  { selector: "node", style: {
    label: "data(label)", "text-wrap": "wrap", "text-max-width": 140, "font-size": 11,
    "text-valign": "bottom", "text-margin-y": 4, color: "#1b1f24",
    "text-background-color": "#ffffff", "text-background-opacity": 0.85, "text-background-padding": 2,
    "background-color": "data(colour)", "border-width": 2, "border-color": "#3b434c",
    width: 30, height: 30,
  } },
  { selector: "node[kind = 'Employee']", style: { shape: "round-rectangle", "background-color": "#0b57c2" } },
  { selector: "node[kind = 'CompetitorStaff']", style: { shape: "diamond" } },
  { selector: "node[kind = 'ThirdParty']", style: { shape: "hexagon", "background-color": THIRD_PARTY_COLOUR } },
  { selector: "node[?unknown]", style: { "border-style": "dashed" } },
  { selector: "node[?target]", style: { width: 44, height: 44, "border-width": 4 } },
  { selector: "node[?veto]", style: { "border-color": "#b42318", "border-width": 6 } },
  { selector: "node[?hidden]", style: { "border-color": "#d4a000", "border-width": 7, "border-style": "double" } },
  { selector: "node[size]", style: { width: "data(size)", height: "data(size)" } },
  { selector: "edge", style: {
    width: "data(width)", "curve-style": "bezier", "line-color": "#5b6570",
    "target-arrow-shape": "triangle", "target-arrow-color": "#5b6570", "arrow-scale": 0.9,
    label: "data(label)", "font-size": 9, color: "#3b434c", "text-rotation": "autorotate",
    "text-background-color": "#ffffff", "text-background-opacity": 0.8,
  } },
  { selector: "edge[type = 'REPORTS']", style: {
    "line-style": "dashed", "target-arrow-shape": "none", "line-color": "#9aa3ad" } },
  { selector: "edge[colour]", style: { "line-color": "data(colour)", "target-arrow-color": "data(colour)" } },
  { selector: ".faded", style: { opacity: 0.18 } },
  { selector: ".lit", style: { "z-index": 10 } },
];

export const strengthWidth = (s) => 1 + 7 * Math.max(0, Math.min(1, s ?? 0.5));

// Third parties influencing the people on a map (rows of a map's third_party_influence): one
// node each, by name and category, and a line to each person they influence.
export function thirdPartyElements(rows, { edgeLabel = () => "" } = {}) {
  const nodes = new Map(rows.map((r) => [r.third_party_id, { data: {
    id: r.third_party_id, kind: "ThirdParty", colour: THIRD_PARTY_COLOUR,
    label: `${r.third_party_name || r.third_party_id}\n${valueLabel("thirdParty", r.category)}`,
  } }]));
  const lines = rows.map((r) => ({ data: {
    id: `p:${r.third_party_id}->${r.contact_id}`, source: r.third_party_id, target: r.contact_id,
    type: "THIRD_PARTY", colour: THIRD_PARTY_COLOUR, width: strengthWidth(r.strength), label: edgeLabel(r),
  } }));
  return [...nodes.values(), ...lines];
}

export const thirdPartyLegend = (rows) => (rows.length ? [[THIRD_PARTY_COLOUR, t("legend.thirdParty")]] : []);

// The smallest zoom at which a map's names can be read on a phone.
const READABLE = 0.8;

export function draw(container, elements, { rankDir = "LR", focus = null } = {}) {
  const phone = onPhone();
  const cy = cytoscape({
    container, elements, minZoom: 0.2, maxZoom: 3,
    // A phone is narrow and tall: paths run down it rather than across, names wrap narrower
    // and are laid out with their nodes, so that neighbours' names do not run into each other.
    style: phone ? [...STYLE, { selector: "node", style: { "text-max-width": 80 } }] : STYLE,
    layout: { name: "dagre", rankDir: phone ? "TB" : rankDir, nodeSep: 30, rankSep: phone ? 60 : 80, padding: 20,
      nodeDimensionsIncludeLabels: phone },
  });
  // Small maps would otherwise be blown up to fill the canvas; on a phone a large one would be
  // shrunk until its names cannot be read: it is drawn readable, to be moved with a finger,
  // its top first (the top of the hierarchy, the start of the paths), or, given a `focus`
  // (the person the paths lead to), that node at the bottom middle, the ways up from it above.
  if (cy.zoom() > 1.1) { cy.zoom(1.1); cy.center(); }
  const larger = phone && cy.zoom() < READABLE;
  // Said under the map when part of it is out of view: a map cut at the screen's edges, with
  // nothing to say so, looked broken.
  const said = container.nextElementSibling?.classList.contains("graph-pan") ? container.nextElementSibling : null;
  if (larger && !said) container.after(h("p", { class: "hint graph-pan" }, t("graph.pan")));
  if (!larger && said) said.remove();
  if (larger) {
    cy.zoom(READABLE);
    const box = cy.elements().boundingBox();
    const end = focus === null ? cy.collection() : cy.getElementById(focus);
    if (end.nonempty()) {
      const at = end.position();
      // A map shorter than the canvas is centred top to bottom (paths of one step left the
      // top half empty); a taller one starts at the person, at the bottom.
      const tall = box.h * READABLE;
      const y = tall < cy.height() - 60 ? (cy.height() - tall) / 2 - box.y1 * READABLE
        : cy.height() - 50 - at.y * READABLE;
      cy.pan({ x: cy.width() / 2 - at.x * READABLE, y });
    } else {
      cy.pan({ x: (cy.width() - box.w * READABLE) / 2 - box.x1 * READABLE, y: 10 - box.y1 * READABLE });
    }
  }
  // What was drawn (and what of it is in view at first), for tests and for tools that read the page.
  container.dataset.nodeIds = JSON.stringify(cy.nodes().map((n) => n.id()).sort());
  container.dataset.edgeIds = JSON.stringify(cy.edges().map((e) => `${e.source().id()}->${e.target().id()}`).sort());
  container.dataset.vetoIds = JSON.stringify(cy.nodes("[?veto]").map((n) => n.id()).sort());
  container.dataset.shownIds = JSON.stringify(cy.nodes().filter((n) => {
    const b = n.renderedBoundingBox();
    return b.x2 > 0 && b.x1 < cy.width() && b.y2 > 0 && b.y1 < cy.height();
  }).map((n) => n.id()).sort());
  return cy;
}

export function highlight(cy, nodeIds) {
  cy.elements().removeClass("faded lit");
  if (!nodeIds) return;
  const keep = new Set(nodeIds);
  cy.nodes().forEach((n) => { n.addClass(keep.has(n.id()) ? "lit" : "faded"); });
  cy.edges().forEach((e) => {
    e.addClass(keep.has(e.source().id()) && keep.has(e.target().id()) ? "lit" : "faded");
  });
}

export function legend(extra = []) {
  const item = (colour, text, border = "#555") => {
    const i = document.createElement("i");
    i.style.background = colour;
    i.style.borderColor = border;
    const span = document.createElement("span");
    span.append(i, text);
    return span;
  };
  const box = document.createElement("div");
  box.className = "legend";
  box.setAttribute("aria-label", t("legend.label"));
  box.append(
    item("#0b57c2", t("legend.employee")),
    ...Object.entries(ATTITUDE_COLOUR).map(([k, c]) => item(c, valueLabel("att", k))),
    ...extra.map(([c, t]) => item(c, t)),
  );
  const note = document.createElement("span");
  note.textContent = t("legend.note");
  box.append(note);
  return box;
}
