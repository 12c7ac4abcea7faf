// The one form helper every capture form uses: labelled fields, a dialog to hold them, and
// problem+json errors shown where they belong (each error's `path` on its field, the rest and
// a 403's message at the top of the form).
import { h, problemDetail, problemText } from "../dom.js";
import { date, lang, t } from "../i18n.js";

let seq = 0;
export const uid = (prefix) => `${prefix}-${++seq}`;

// Today in the organisation's time zone (useZone, from /v1/me): every date of the API is a day
// there, its default as-of date too. A browser elsewhere (a rep travelling, or anyone near
// midnight) would otherwise offer a day the answers are not of, or cap the picker a day short.
// Before the zone is known, the browser's own day (toISOString's would be UTC's: yesterday in
// Shanghai until 08:00). Every view takes today from here.
let inZone = null;
export function useZone(name) {
  try {
    inZone = name ? new Intl.DateTimeFormat("en", {
      timeZone: name, year: "numeric", month: "2-digit", day: "2-digit",
    }) : null;
  } catch {
    inZone = null; // a zone this browser does not know: its own day
  }
}

export function today() {
  const d = new Date();
  if (inZone) {
    const parts = Object.fromEntries(inZone.formatToParts(d).map((p) => [p.type, p.value]));
    return `${parts.year}-${parts.month}-${parts.day}`;
  }
  const pad = (n) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export const ATTITUDES = ["strong_support", "support", "neutral", "oppose", "strong_oppose", "unknown"];
export const ACTIVITY_TYPES = ["visit", "meeting", "call", "dinner", "email", "message", "demo", "event", "other"];
export const ROLES = ["decision_maker", "approver", "evaluator", "influencer", "user", "coach"];

export const options = (pairs, selected) => pairs.map(([value, text]) =>
  h("option", { value, selected: value === selected }, text));

// One message for the next drawing of the view, after a write redraws it.
let pending = null;
/** What a form refuses before sending, shown as the server's 422 would be: on the field. */
export const refusal = (path, message) => Object.assign(new Error(message), { status: 422,
  problem: { detail: message, errors: [{ path, message }] } });

export const flash = (text) => { pending = text; };
export function takeFlash() {
  const text = pending;
  pending = null;
  return text ? h("p", { class: "notice flash", role: "status" }, text) : null;
}

/** A modal <dialog> titled `title`; build(close) returns its content. Esc closes it, and so
 *  does the browser's Back (a phone's usual way out of a dialog), which asks first when
 *  something was typed, instead of leaving the page under it and what was typed with it. */
export function openDialog(title, build) {
  const titleId = uid("dialog-title");
  const dialog = h("dialog", { class: "capture-dialog", "aria-labelledby": titleId, lang });
  const close = () => dialog.close();
  let typed = false;
  let backed = false;
  dialog.addEventListener("input", () => { typed = true; });
  // An entry of the same address for the dialog: Back leaves it, not the page.
  history.pushState({ dialog: titleId }, "");
  const back = () => {
    if (!dialog.open) return;
    if (typed && !window.confirm(t("form.discard"))) {
      history.pushState({ dialog: titleId }, "");
      return;
    }
    backed = true;
    dialog.close();
  };
  window.addEventListener("popstate", back);
  dialog.addEventListener("close", () => {
    window.removeEventListener("popstate", back);
    // Closed otherwise (saved, cancelled, Esc): its entry goes, unless a link moved on from it.
    if (!backed && history.state?.dialog === titleId) history.back();
    dialog.remove();
  });
  dialog.append(
    h("div", { class: "dialog-head" }, h("h2", { id: titleId }, title),
      h("button", { type: "button", class: "secondary close", "aria-label": t("common.close"), onclick: close }, "×")),
    build(close));
  document.body.append(dialog);
  dialog.showModal();
  const first = dialog.querySelector("form input:not([type=hidden]), form select, form textarea");
  (first || dialog.querySelector("button")).focus();
  return dialog;
}

/**
 * A form whose fields are registered under the paths the server reports errors at.
 * `onSubmit()` does the write and throws the ApiError; its errors land on the fields.
 */
export function captureForm({ submitLabel, onSubmit, onCancel, id }) {
  const fields = new Map(); // path -> { control, error, focus }
  const fixed = new Map(); // a server path -> a registered path
  let aliases = new Map(); // the same, set during one submission
  let busy = false;
  const message = h("div", { class: "form-message" });
  const body = h("div", { class: "form-body" });
  const submit = h("button", { type: "submit" }, submitLabel);
  const form = h("form", { class: "capture", novalidate: true, id },
    message, body,
    h("div", { class: "form-actions" }, submit,
      onCancel ? h("button", { type: "button", class: "secondary", onclick: onCancel }, t("common.cancel")) : null));

  function register(path, entry) {
    fields.set(path, entry);
    return entry;
  }

  function lookup(path) {
    const to = (p) => aliases.get(p) ?? fixed.get(p) ?? p;
    let p = path;
    while (p) {
      const aliased = to(p);
      if (fields.has(aliased)) return fields.get(aliased);
      const cut = p.search(/(\[\d+\]|\.[^.[\]]+)$/);
      if (cut <= 0) break;
      p = p.slice(0, cut);
    }
    return null;
  }

  /** Show `said` ({ text, lang }, as problemText gives it) at a field. */
  function mark(entry, { text, lang: language }) {
    entry.error.textContent = entry.error.textContent ? `${entry.error.textContent} ${text}` : text;
    entry.error.lang = language;
    entry.error.hidden = false;
    if (entry.invalidates) entry.control.setAttribute("aria-invalid", "true");
  }

  function clear() {
    message.replaceChildren();
    for (const entry of fields.values()) {
      entry.error.textContent = "";
      entry.error.hidden = true;
      if (entry.invalidates) entry.control.removeAttribute("aria-invalid");
    }
  }

  /** Show an ApiError (or any error): fields first, the rest and the server's detail on top. */
  function showErrors(err) {
    const problems = err?.problem?.errors || [];
    const unplaced = [];
    let first = null;
    for (const e of problems) {
      const entry = err.status === 422 ? lookup(e.path || "") : null;
      if (entry) { mark(entry, problemText(e)); first ??= entry; } else unplaced.push(e);
    }
    const refused = err?.status === 403;
    // What a 403 means in the reader's language, its items listed below; a 422's errors are at
    // their fields or below.
    const detail = refused ? { text: t("error.403.detail"), lang }
      : err?.status === 422 && problems.length ? null : problemDetail(err);
    message.replaceChildren(h("div", { class: "error", role: "alert" },
      h("strong", {}, refused ? t("form.refused") : t("form.failed")), " ",
      detail ? h("span", { lang: detail.lang }, detail.text) : null,
      first ? h("p", {}, t("form.fixBelow")) : null,
      unplaced.length ? h("ul", {}, unplaced.map((e) => {
        const said = problemText(e);
        return h("li", { lang: said.lang }, said.text);
      })) : null));
    if (first) {
      first.focus.focus();
    } else {
      message.firstChild.tabIndex = -1;
      message.firstChild.focus();
    }
  }

  /** What the form refuses before sending: a required field left empty, a date outside the
   *  field's min and max (none after today where a day has to have happened). */
  function locallyInvalid() {
    let first = null;
    for (const entry of fields.values()) {
      const c = entry.control;
      const value = String(c.value ?? "").trim();
      const said = c.required && !value ? t("form.required")
        : c.type !== "date" || !value ? null
          : c.max && value > c.max ? t("form.notAfter", { date: date(c.max) })
            : c.min && value < c.min ? t("form.notBefore", { date: date(c.min) }) : null;
      if (said) { mark(entry, { text: said, lang }); first ??= entry; }
    }
    if (first) {
      message.replaceChildren(h("div", { class: "error", role: "alert" }, t("form.fixBelow")));
      first.focus.focus();
    }
    return Boolean(first);
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (busy) return;
    clear();
    if (locallyInvalid()) return;
    busy = true;
    submit.disabled = true;
    form.setAttribute("aria-busy", "true");
    aliases = new Map();
    try {
      await onSubmit();
    } catch (err) {
      showErrors(err);
    } finally {
      busy = false;
      submit.disabled = false;
      form.removeAttribute("aria-busy");
    }
  });

  const helper = {
    form,
    /** A labelled control registered at `path`; returns its wrapper. */
    field(path, labelText, control, { hint, check = false } = {}) {
      control.id ||= uid("field");
      const error = h("p", { class: "field-error", id: `${control.id}-error`, hidden: true });
      const hintEl = hint ? h("p", { class: "hint", id: `${control.id}-hint` }, hint) : null;
      control.setAttribute("aria-describedby", [hintEl?.id, error.id].filter(Boolean).join(" "));
      const label = h("label", { for: control.id }, labelText);
      register(path, { control, error, focus: control, invalidates: true });
      return h("div", { class: `field${check ? " check" : ""}` },
        check ? [control, label] : [label, control], hintEl, error);
    },
    /** A fieldset registered at `path` (a list of choices, a group of fields). */
    fieldset(path, legend, children, { hint, cls = "" } = {}) {
      const errorId = uid("group-error");
      const error = h("p", { class: "field-error", id: errorId, hidden: true });
      const hintEl = hint ? h("p", { class: "hint" }, hint) : null;
      const set = h("fieldset", { class: cls || undefined, "aria-describedby": errorId },
        h("legend", {}, legend), hintEl, children, error);
      if (path) register(path, { control: set, error, get focus() { return set.querySelector("input, select, textarea") || set; } });
      return set;
    },
    /** The server reports `serverPath` for what the form shows at `path` (during a submission:
     *  for that submission only). */
    alias(serverPath, path) { (busy ? aliases : fixed).set(serverPath, path); },
    append(...nodes) { body.append(...nodes.flat().filter(Boolean)); return helper; },
    showErrors,
  };
  return helper;
}

/** A button that opens a capture dialog; `testid` names it for tests. */
export const opener = (text, onClick, attrs = {}) =>
  h("button", { type: "button", class: "secondary capture-open", onclick: onClick, ...attrs }, text);

/** A feature's value as a reader reads it (unknown where none is known). */
export const featureText = (f, v) => (v === null || v === undefined ? t("att.unknown")
  : f === "veto" || f === "approver" ? t(v ? "common.yes" : "common.no") : t(`att.${v}`));

/** The select of an attitude (or "no change"). */
export const attitudeSelect = (value = "") => h("select", {},
  options([["", t("common.notRecorded")], ...ATTITUDES.map((a) => [a, t(`att.${a}`)])], value));

/** The select of a yes/no feature (or "no change"). */
export const yesNoSelect = () => h("select", {},
  options([["", t("common.notRecorded")], ["true", t("common.yes")], ["false", t("common.no")]], ""));

export const yesNo = (value) => (value === "" ? null : value === "true");
