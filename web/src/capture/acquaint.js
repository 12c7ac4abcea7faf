// "I know this person": the user's own acquaintance, INFLUENCES from their employee id, with
// its strength. A new one counts from the day given; a changed strength counts from today (the
// edge of before ends, so that past views stay as they were). Anyone finds the key persons
// they may say they know company-wide (GET /v1/acquaintance-candidates), also one who owns no
// account and may open no person's page.
import { ApiError, api, write } from "../api.js";
import { h } from "../dom.js";
import { t } from "../i18n.js";
import { currentEdges } from "./data.js";
import { captureForm, openDialog, today } from "./form.js";

/** `known`: the user's own acquaintance ({ strength, since }), null for none, or left out to
 *  be read from the person's edges. */
export async function declareAcquaintance({ me, contactId, name, done, known }) {
  const mine = known !== undefined ? known
    : (await currentEdges(contactId, "INFLUENCES")).find((r) => r.from === me.employee_id) || null;
  openDialog(t("know.title", { name }), (close) => {
    const strength = h("input", { type: "number", min: 0.05, max: 1, step: 0.05, required: true,
      inputmode: "decimal", value: mine?.strength ?? 0.5 });
    const since = h("input", { type: "date", value: today(), max: today() });
    const form = captureForm({
      id: "know-form", submitLabel: t("know.submit"), onCancel: close,
      onSubmit: async () => {
        const value = Number(strength.value);
        if (Number.isFinite(value) && value < MIN_STRENGTH) {
          // 0 is not knowing them: said here, as the server says a bound (an acquaintance is
          // taken back with its own button).
          throw new ApiError(422, { errors: [{ path: "strength", code: "greater_than_equal",
            message: `at least ${MIN_STRENGTH}`, params: { ge: MIN_STRENGTH } }] });
        }
        if (mine && value === mine.strength) {
          close(); // the same again: nothing to write, and the acquaintance keeps its start
          done(t("know.unchanged"));
          return;
        }
        // A new strength from today keeps the note one wrote of them.
        await write("/v1/relationships", { type: "INFLUENCES", from: me.employee_id, to: contactId,
          strength: Number.isFinite(value) ? value : strength.value, since: mine ? today() : since.value || null,
          ...(mine?.note ? { note: mine.note } : {}) });
        close();
        done(mine ? t("know.changed", { from: mine.strength, to: value }) : t("know.done"));
      },
    });
    // One's own acquaintance entered by mistake, or no longer so: ended today (on the day it
    // began, taken back: it counted on no day). It sits apart from Save, and a first tap only
    // asks again: on a phone a tap aimed at one lands on the other.
    const takeBack = mine ? h("button", { type: "button", class: "secondary take-back", id: "know-take-back",
      onclick: async () => {
        if (!takeBack.dataset.confirm) {
          takeBack.dataset.confirm = "1";
          takeBack.textContent = t("know.takeBackConfirm", { name });
          // A double tap is not a second thought: the second tap counts after a moment.
          takeBack.disabled = true;
          setTimeout(() => { takeBack.disabled = false; }, 700);
          return;
        }
        takeBack.disabled = true;
        try {
          await write("/v1/relationships/end", { type: "INFLUENCES", from: me.employee_id, to: contactId,
            until: today() });
        } catch (err) {
          takeBack.disabled = false;
          form.showErrors(err);
          return;
        }
        close();
        done(t("know.takenBack"));
      } }, t("know.takeBack")) : null;
    form.append(
      mine ? h("p", { class: "notice" }, t("know.yours", { s: mine.strength ?? "?" }), " ", t("know.fromToday")) : null,
      h("div", { class: "field-row" },
        form.field("strength", t("know.strength"), strength, { hint: t("know.strengthHelp") }),
        mine ? null : form.field("since", t("know.since"), since, { hint: t("know.sinceHelp") })),
      takeBack);
    return form.form;
  });
}

// Found people shown at once: more means the query should say more.
const SHOWN = 20;
// The least strength one may say: "we have met" is 0.2; 0 is not knowing them.
const MIN_STRENGTH = 0.05;

/** Find a key person by name or company, then say how well one knows them. */
export function findAcquaintance({ me, done }) {
  openDialog(t("know.findTitle"), (close) => {
    const query = h("input", { type: "search", id: "know-query", autocomplete: "off", spellcheck: false,
      "aria-describedby": "know-query-hint" });
    const results = h("ul", { class: "plain choices-list", id: "know-results" });
    const said = h("p", { class: "sub", role: "status", id: "know-status" });
    let asked = 0;
    let timer = null;
    const pick = (c) => {
      close();
      // Named with their title and company: two of one name at two customers are told apart.
      declareAcquaintance({ me, contactId: c.contact_id, done,
        name: [c.name || c.contact_id, c.title, c.account_name].filter(Boolean).join(" · "),
        known: c.known_strength === null ? null : { strength: c.known_strength, since: c.known_since, note: c.known_note } });
    };
    const search = async () => {
      const text = query.value.trim();
      const mine = ++asked;
      if ([...text.replace(/\s/g, "")].length < 2) {
        results.replaceChildren();
        said.textContent = text ? t("know.tooShort") : "";
        return;
      }
      try {
        const found = await api("/v1/acquaintance-candidates", { params: { q: text, limit: SHOWN } });
        if (mine !== asked) return; // a later search is under way
        results.replaceChildren(...found.candidates.map((c) => h("li", {},
          h("button", { type: "button", class: "secondary candidate", "data-contact": c.contact_id, onclick: () => pick(c) },
            h("strong", {}, c.name || c.contact_id),
            h("span", { class: "hint" }, [c.title, c.account_name].filter(Boolean).map((x) => ` · ${x}`).join("")),
            c.known_strength === null ? "" : h("span", { class: "chip" }, t("know.knownAt", { s: c.known_strength }))))));
        const n = found.candidates.length;
        said.textContent = !n ? t("know.noneFound") : t(n >= SHOWN ? "know.foundMany" : "know.found", { n });
      } catch (err) {
        if (mine === asked) said.textContent = err.message;
      }
    };
    query.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(search, 250);
    });
    // A form, so that its field has the focus when the dialog opens and Enter searches at once.
    const form = h("form", { class: "capture", id: "know-find", role: "search" },
      h("div", { class: "field" },
        h("label", { for: "know-query" }, t("know.search")), query,
        h("p", { class: "hint", id: "know-query-hint" }, t("know.searchHint"))),
      said, results,
      h("div", { class: "form-actions" }, h("button", { type: "button", class: "secondary", onclick: close }, t("common.cancel"))));
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      clearTimeout(timer);
      search();
    });
    return form;
  });
}
