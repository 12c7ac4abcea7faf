// Small DOM helpers: elements are built with text nodes only (no innerHTML with data).
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith("on") && typeof value === "function") el.addEventListener(key.slice(2), value);
    else if (key === "class") el.className = value;
    else if (key === "dataset") Object.assign(el.dataset, value);
    else el.setAttribute(key, value === true ? "" : String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export function replace(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

export const pct = (v) => (v === null || v === undefined ? "–" : `${Math.round(v * 1000) / 10}%`);
export const num = (v) => (v === null || v === undefined ? "–"
  : Number(v).toLocaleString("en-US", { maximumFractionDigits: 2 }));
// Path strengths are products of step strengths: two decimals are what a person can read.
export const strength = (v) => (v === null || v === undefined ? "–" : Number(v).toFixed(2));
export const money = (v) => (v === null || v === undefined ? "–"
  : Number(v).toLocaleString("en-US", { maximumFractionDigits: 0 }));

const ATTITUDE_LABEL = {
  strong_support: "strong support", support: "support", neutral: "neutral",
  oppose: "oppose", strong_oppose: "strong oppose", unknown: "unknown",
};

export const attitudeChip = (value) => {
  const a = value || "unknown";
  return h("span", { class: `chip att-${a}` }, ATTITUDE_LABEL[a] || a);
};

export const vote = (v) => (v === true ? "yes" : v === false ? "no" : "unknown");

export function badges(person) {
  return [
    person.veto ? h("span", { class: "badge veto", title: "Veto holder" }, "VETO") : null,
    person.approver ? h("span", { class: "badge approver", title: "Approver" }, "APPROVER") : null,
    person.key_person ? h("span", { class: "badge key", title: "Key person" }, "KEY") : null,
  ];
}

export function delta(value, label, { percent = true } = {}) {
  if (value === null || value === undefined) return h("span", { class: "delta" }, `${label} –`);
  const sign = value > 0 ? "▲ +" : value < 0 ? "▼ " : "";
  const shown = percent ? `${Math.round(value * 1000) / 10} pt` : num(value);
  return h("span", { class: `delta ${value > 0 ? "up" : value < 0 ? "down" : ""}` },
    `${label} ${sign}${shown}`);
}

export const loading = (what) => h("p", { class: "loading", role: "status" }, `Loading ${what}…`);

export function errorBox(err) {
  const list = err?.problem?.errors || [];
  return h("div", { class: "error", role: "alert" },
    h("strong", {}, err?.problem?.title || "Something went wrong"), " ",
    err?.message || String(err),
    list.length ? h("ul", {}, list.map((e) => h("li", {}, `${e.path}: ${e.message}`))) : null);
}
