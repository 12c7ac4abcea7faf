// Small DOM helpers: elements are built with text nodes only (no innerHTML with data).
import { ApiError } from "./api.js";
import { LANGUAGES, amount, has, label, lang, num, pct, setLang, t } from "./i18n.js";
/** Whether the screen is a phone's: the width at which app.css lays the page out for one. */
export const onPhone = () => window.matchMedia("(max-width: 600px)").matches;

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

/** A table in a region that scrolls sideways when the table is wider than the screen (a
 *  phone): the region takes focus, so that a keyboard can scroll it, and is named by its
 *  heading's id (`labelledBy`) or by `label`. */
export const sideways = (table, { labelledBy, label: name } = {}) => h("div", {
  class: "table-wrap", tabindex: "0", role: "region", "aria-labelledby": labelledBy, "aria-label": name }, table);

export function replace(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

// Figures in the user's language (web/src/i18n.js). Path strengths are products of step
// strengths, so two decimals are what a person can read; attitude averages (-2 to 2) keep two
// decimals too, so that a column or a list of them lines up ("0.00" above "-0.30", not "0").
export { amount, num, pct };
const twoDecimals = new Intl.NumberFormat(lang, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
export const strength = (v) => (v === null || v === undefined ? "–" : twoDecimals.format(v));
// Rounded half up first, as everywhere in the app; `|| 0` makes a rounded -0 a 0.
export const average = (v) => (v === null || v === undefined ? "–"
  : twoDecimals.format(Math.round(Number(v) * 100) / 100 || 0));

// The three degrees of an attitude, in the order every view shows them.
export const DEGREES = ["closeness", "solution", "price"];

export const attitudeChip = (value) => {
  const a = value || "unknown";
  return h("span", { class: `chip att-${a}` }, label("att", a));
};

export const vote = (v) => t(v === true ? "common.yes" : v === false ? "common.no" : "att.unknown");

export function badges(person) {
  return [
    person.veto ? h("span", { class: "badge veto", title: t("feature.veto") }, t("badge.veto")) : null,
    person.approver ? h("span", { class: "badge approver", title: t("feature.approver") }, t("badge.approver")) : null,
    person.key_person ? h("span", { class: "badge key", title: t("person.key") }, t("badge.key")) : null,
  ];
}

/** A month-on-month or year-on-year change `as` "points" of a percentage, a "count" or an
 *  "average" (two decimals, as the averages themselves); coloured good when it rises, or when
 *  it falls for a figure of what is still missing (`fewerIsBetter`). */
export function delta(value, name, { as = "points", fewerIsBetter = false } = {}) {
  if (value === null || value === undefined) return h("span", { class: "delta" }, `${name} –`);
  // Up or down as shown (a tenth of a point, or two decimals): a change that rounds to nothing
  // is no change ("▼ -0" said nothing). `|| 0` makes a rounded -0 a 0.
  const rounded = (as === "points" ? Math.round(value * 1000) / 10 : Math.round(value * 100) / 100) || 0;
  const sign = rounded > 0 ? "▲ +" : rounded < 0 ? "▼ " : "";
  const shown = as === "points" ? t("fmt.points", { n: num(rounded) }) : as === "average" ? average(rounded) : num(rounded);
  const direction = rounded > 0 ? "up" : rounded < 0 ? "down" : "";
  return h("span", { class: `delta ${direction}${direction && fewerIsBetter ? " fewer-is-better" : ""}` },
    `${name} ${sign}${shown}`);
}

export const loading = () => h("p", { class: "loading", role: "status" }, t("common.loading"));

/** The first `first` of `items` rendered into `into` (a list or a table body), and a button
 *  that renders the rest (null when there is none), to be placed after it; `about` is the id
 *  of the list's heading, which names the button for a screen reader. A company's dashboard
 *  drew 110,000 elements with every account at once. Focus moves to the first entry added. */
export function firstOf(into, items, render, { first = 100, about } = {}) {
  if (into.id && shownWhole.has(into.id)) first = items.length;
  append(into, items.slice(0, first).map(render));
  if (items.length <= first) return [into, null];
  const more = h("button", { type: "button", class: "show-all", "aria-describedby": about, onclick: () => {
    append(into, items.slice(first).map(render));
    more.remove();
    if (into.id) shownWhole.add(into.id);
    into.children[first]?.querySelector("a")?.focus();
  } }, t("common.showAll", { n: num(items.length) }));
  return [into, more];
}

// The lists (by id) the reader has shown whole on this page: drawn whole again when the page
// is drawn again after a write, so that what they just did stays where they did it. Another
// page starts afresh (forgetShownWhole).
const shownWhole = new Set();
export const forgetShownWhole = () => shownWhole.clear();

// A button that loads the next page of a list of `total` items, `shown` of them on the page:
// `load(offset)` adds the next page's items and gives how many came (none: the list ended).
export function moreButton(id, titleId, pageSize, shown, total, load) {
  const more = h("button", { type: "button", id, "aria-describedby": titleId });
  const update = () => {
    more.hidden = shown >= total;
    more.textContent = t("common.more", { n: Math.min(pageSize, total - shown) });
  };
  more.addEventListener("click", async () => {
    more.disabled = true;
    try {
      const added = await load(shown);
      shown += added;
      if (!added) total = shown;
      update();
    } catch (err) {
      more.after(errorBox(err));
    } finally {
      more.disabled = false;
    }
  });
  update();
  return more;
}

/** The title of a problem by its status, in the user's language; its detail and each error
 *  follow (problemText). */
export function problemTitle(err) {
  const status = err instanceof ApiError ? err.status : null;
  if (status === null) return t("error.generic");
  if (status === 0) return t("error.network");
  if (status >= 500) return t("error.5xx");
  return has(`error.${status}`) ? t(`error.${status}`) : t("error.generic");
}

/** What a problem entry says, in the reader's language: by its code (errors[].code, with the
 *  values it names) where the catalogue has it, else the server's sentence, which is English.
 *  An entry without a code is the app's own, already in the reader's language. */
export function problemText(e) {
  if (e.code && has(`problem.${e.code}`)) {
    const params = e.params?.expected && CHOICES.has(e.code) ? { ...e.params, expected: choices(e.params.expected) } : e.params;
    return { text: t(`problem.${e.code}`, params || {}), lang };
  }
  return { text: e.message, lang: e.code ? "en" : lang };
}

// The values a field takes, as pydantic lists them ("'support', 'neutral' or 'unknown'"), said
// in the reader's words where the app has some (the words a sheet may also hold).
const CHOICES = new Set(["enum", "literal_error"]);
const VALUE_WORDS = ["att", "role", "act", "status"];
const disjunction = new Intl.ListFormat(lang, { type: "disjunction" });
function choices(expected) {
  const values = [...String(expected).matchAll(/'([^']*)'/g)].map((m) => m[1]);
  if (!values.length) return expected;
  const word = (v) => { const ns = VALUE_WORDS.find((p) => has(`${p}.${v}`)); return ns ? label(ns, v) : v; };
  return disjunction.format(values.map(word));
}

/** What an error means beyond its title: the server's detail is English, so in another
 *  language the catalogue says it by status (a read's 422 saved nothing to begin with); an
 *  English reader gets the server's own, which names what it is about. */
export function problemDetail(err) {
  if (!(err instanceof ApiError)) return err?.message ? { text: err.message, lang } : null;
  if (err.status === 0) return { text: t("error.network"), lang };
  const key = err.status === 422 && err.read ? "error.422.readDetail"
    : `error.${err.status >= 500 ? "5xx" : err.status}.detail`;
  const own = has(key) ? { text: t(key), lang } : null;
  const server = err.problem.detail ? { text: err.problem.detail, lang: "en" } : null;
  return lang === "en" ? server || own : own || server;
}

export function errorBox(err) {
  const list = err?.problem?.errors || [];
  const detail = problemDetail(err);
  return h("div", { class: "error", role: "alert" },
    h("strong", {}, problemTitle(err)), " ",
    detail ? h("span", { lang: detail.lang }, detail.text) : null,
    list.length ? h("ul", {}, list.map((e) => {
      const said = problemText(e);
      // The input's path only beside the server's own words: said from its code, a problem
      // needs no parameter name a reader does not know.
      const where = said.lang === "en" && e.path ? [h("code", { lang: "zxx" }, e.path), ": "] : [];
      return h("li", { lang: said.lang }, ...where, said.text);
    })) : null);
}

/** The language switch (header and sign-in): the choice sticks (localStorage). */
export function languagePicker() {
  const picker = h("select", { class: "lang", "aria-label": t("lang.label") },
    LANGUAGES.map(([code, name]) => h("option", { value: code, lang: code, selected: code === lang }, name)));
  picker.addEventListener("change", () => setLang(picker.value));
  return picker;
}

