// The action list of an account or a deal: each suggestion in the user's language, from its
// principle, person, competitor and gaps; the helpers by name (a colleague the viewer may not
// see by their number, i18n.colleagueShort).
import { api } from "../api.js";
import { errorBox, firstOf, h, strength } from "../dom.js";
import { colleagueShort, date, has, label, list, t, tLinked, tn } from "../i18n.js";
import { href } from "../route.js";
import { newId } from "../capture/data.js";
import { today } from "../capture/form.js";

const DAY = 86_400_000;
export const FIRST_ACTIONS = 8;
const inAWeek = () => new Date(Date.parse(today()) + 7 * DAY).toISOString().slice(0, 10);

/** What actionList needs to track a view's suggestions: only today's are taken on (a view of a
 *  past date shows what was suggested then). */
export const tracking = (asOf, place, me, refresh) => (!asOf || asOf === today() ? { place, me, refresh } : null);

/** The employees a principal may give an action to: its scopes' (none for one who sees the
 *  whole company: no list of thousands to pick from). */
export function owners(me) {
  return (me.scopes || []).filter((s) => s.startsWith("employee:")).map((s) => s.slice(9));
}

/** "Track this" for a suggestion (`place`: its {opportunity_id} or {account_id}; `key` makes
 *  the form's ids unique): an owner, a due day a week on, and its words as the action's note;
 *  or the mark that it is tracked. Nothing for a principal who may not write. */
export function trackControl(place, item, key, { me, names, refresh }) {
  const mark = item.tracked_action_id ? h("span", { class: "tracked" }, "✓ ", trackedBy(item)) : null;
  // One done and still suggested (the gap is open again) may be taken on once more.
  if (mark && item.tracked_status !== "done") return mark;
  const choices = owners(me);
  if (!me.can_write || !choices.length) return mark;
  const due = h("input", { id: `due-${key}`, name: "due", type: "date", value: inAWeek(), min: today(), required: true,
    "aria-describedby": `due-${key}-error` });
  const said = h("span", { class: "field-error", id: `due-${key}-error`, role: "alert", hidden: true });
  const submit = h("button", { type: "submit" }, t("review.track"));
  const named = (o) => (me.scope_names || {})[`employee:${o}`] || o;
  // A rep gives actions to themselves alone: no list of one to pick from.
  const owner = choices.length > 1 ? [h("label", { for: `owner-${key}` }, " ", t("review.owner"), " "),
    h("select", { id: `owner-${key}`, name: "owner" },
      choices.map((o) => h("option", { value: o, selected: o === me.employee_id }, named(o))))]
    : h("input", { type: "hidden", name: "owner", value: choices[0] });
  const form = h("form", { class: "track", novalidate: true }, mark ? [mark, " "] : null, owner,
    h("label", { for: `due-${key}` }, " ", t("review.dueLabel"), " "), due, " ", submit, said);
  // One action however often it is tapped: the button rests while it is saved, and a repeat
  // of the same action (a second tap, a retry after a lost answer) carries the same
  // Idempotency-Key; another owner or day is another action, with a key of its own.
  let once = null;
  let sent = null;
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (submit.disabled) return;
    form.querySelector(".error")?.remove();
    const refused = !due.value ? t("form.required")
      : due.value < today() ? t("form.notBefore", { date: date(today()) }) : null;
    said.hidden = !refused;
    said.textContent = refused || "";
    due.toggleAttribute("aria-invalid", Boolean(refused));
    if (refused) { due.focus(); return; }
    const data = new FormData(form);
    const body = {
      ...place, kind: item.principle, contact_id: item.contact_id, competitor_id: item.competitor_id,
      owner_id: data.get("owner"), due: data.get("due"),
      // The suggestion's own words, so that the action still says what to do.
      note: detail(item, names) };
    if (JSON.stringify(body) !== sent) [once, sent] = [newId("track-"), JSON.stringify(body)];
    submit.disabled = true;
    try {
      await api("/v1/actions", { method: "POST", once, body });
      await refresh(form.closest("li[id]"));
    } catch (err) {
      form.append(errorBox(err));
    } finally {
      submit.disabled = false;
    }
  });
  return form;
}

// Who took a suggestion on and by when, or who did it (a colleague the reader may not see by
// their number).
function trackedBy(item) {
  if (!item.tracked_owner_id) return t("review.tracked");
  const owner = item.tracked_owner_name || colleagueShort(item.tracked_owner_id);
  return item.tracked_status === "done" ? t("review.trackedDone", { owner })
    : t("review.trackedBy", { owner, due: date(item.tracked_due) });
}

/** What the principles of these suggestions mean, folded: their names are the method's
 *  words (100% 原则, 一马当先), not a reader's. */
export function principleLegend(items, id) {
  const principles = [...new Set(items.map((a) => a.principle))].filter((p) => has(`principleHelp.${p}`));
  return principles.length ? h("details", { class: "legend", id },
    h("summary", {}, t("principles.title")),
    h("dl", { class: "facts" }, principles.map((p) => [h("dt", {}, label("principle", p)),
      h("dd", {}, t(`principleHelp.${p}`))]))) : null;
}

const gap = (g) => (has(`degree.${g}`) ? t(`degree.${g}`) : label("gap", g));

const detailKey = (a) => `detail.${a.principle}`;
const detailVars = (a, names) => ({ name: names[a.contact_id] || a.contact_id, gaps: list(a.gaps.map(gap)),
  competitor: a.competitor_name || names[a.competitor_id] || a.competitor_id });

/** A suggestion's words in the reader's language (the server's English sentence for one
 *  the catalogue has no words for): the note of the action that takes it on. */
export function detail(a, names) {
  return has(detailKey(a)) ? t(detailKey(a), detailVars(a, names)) : a.detail;
}

/** The same on screen: the person it is about named once, as the link to them. */
export function detailShown(a, names) {
  const person = a.contact_id
    ? h("a", { href: href("person", a.contact_id), title: a.contact_id }, names[a.contact_id] || a.contact_id) : null;
  if (!has(detailKey(a))) return person ? [a.detail, " · ", person] : a.detail;
  return tLinked(detailKey(a), detailVars(a, names), { name: person });
}

/** `names`: contact and competitor names by id, for what the items point to. `tracking`
 *  ({ place, me, refresh }, where `place` is the list's {opportunity_id} or {account_id}):
 *  each suggestion can be tracked. */
export function actionList(actions, names = {}, tracking = null) {
  const helper = (x) => t("actions.helper", { who: x.masked ? colleagueShort(x.employee_id) : x.name || x.employee_id,
    s: strength(x.strength), hops: tn("fmt.hops", x.hops) });
  // The first few, the rest on request: an account's two dozen, each with its own form,
  // filled five screens of a phone.
  const item = ([a, i]) => h("li", { id: `action-${i}`, dataset: { principle: a.principle, contact: a.contact_id || "" } },
    h("strong", {}, label("principle", a.principle)), t("common.colon"), detailShown(a, names),
    a.helpers.length ? h("div", { class: "path-chain" }, t("actions.helpers", { list: list(a.helpers.map(helper)) })) : "",
    tracking ? trackControl(a.opportunity_id ? { opportunity_id: a.opportunity_id } : tracking.place, a, `list-${i}`,
      { ...tracking, names }) : null);
  return h("section", { class: "card", "aria-labelledby": "actions-title" },
    h("h2", { id: "actions-title" }, t("actions.title", { n: actions.actions.length })),
    actions.actions.length
      ? [firstOf(h("ol", { id: "actions" }), actions.actions.map((a, i) => [a, i]), item,
        { first: FIRST_ACTIONS, about: "actions-title" }),
      principleLegend(actions.actions, "actions-legend")]
      : h("p", {}, t("actions.none")));
}
