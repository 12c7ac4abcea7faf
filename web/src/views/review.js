// Weekly review (销售周会): for a scope and a period (this week by default), who met the scope's
// customers (per colleague, the quiet ones of a team too, and the latest activities), what
// changed grouped by account and deal, the key persons due for re-assessment, the open and
// overdue actions ("done" on each, and a change of due day or owner, or dropping it) and the
// suggestions of the deals that changed ("track this" on each).
import { api, seg } from "../api.js";
import { firstOf, h, loading, moreButton, pct, replace, sideways, strength, vote } from "../dom.js";
import { colleague, colleagueShort, date, label, list, listed, num, t, tLinked, tn } from "../i18n.js";
import { href, setParam } from "../route.js";
import { exportButtons } from "../files.js";
import { captureForm, flash, openDialog, refusal, today } from "../capture/form.js";
import { scopeChoices, scopeLabel } from "./dashboard.js";
import { detailShown, FIRST_ACTIONS, owners, principleLegend, trackControl } from "./actions.js";

const DAY = 86_400_000;
const iso = (ms) => new Date(ms).toISOString().slice(0, 10);
const daysAfter = (day, n) => iso(Date.parse(day) + n * DAY);
const SUGGESTED_DEALS = 5;
const DUE_PAGE = 100;
const CHANGES_PAGE = 100;
const ACTIVITY_PAGE = 20;
const COLLEAGUES_FIRST = 10;
const ACCOUNTS_FIRST = 10;
// A file holds what the API gives at most: every colleague or account, the period's first
// 1,000 activities.
const FILE_LIST = 10_000;
const FILE_ACTIVITIES = 1_000;


// A table's header row in the reader's words; the columns from `numFrom` up to `numTo` (not
// included) hold figures.
const head = (keys, numFrom = 0, numTo = 0) => h("thead", {}, h("tr", {}, keys.map((key, i) =>
  h("th", { scope: "col", class: i >= numFrom && i < numTo ? "num" : null }, t(key)))));

// Names by id, as the change feed and the action list give them; the id stays in the tooltip.
const link = (view) => (id, names) => (id ? h("a", { href: href(view, id), title: id }, names[id] || id) : null);
const person = link("person");
const deal = link("deal");
const account = link("account");
// An owner the viewer may not see comes as a reference, with no name: shown by its number.
const owner = (id, names) => (id in names ? names[id] || id : colleague(id));

// `choices`: the scopes the principal may pick, as the dashboard offers them (an executive's
// include every team).
function controls(scope, since, until, choices, me) {
  const change = (key) => (event) => setParam(key, event.target.value);
  const listed = choices.some((c) => c.value === scope) ? choices
    : [{ value: scope, label: scopeLabel(scope, me.scope_names) }, ...choices];
  return h("form", { class: "card controls", id: "review-controls", onsubmit: (e) => e.preventDefault() },
    h("label", {}, t("review.scope"), " ", h("select", { id: "review-scope", onchange: change("scope") },
      listed.map((c) => h("option", { value: c.value, selected: c.value === scope }, c.label)))),
    h("label", {}, " ", t("review.from"), " ", h("input", { type: "date", id: "review-since", value: since, max: until, onchange: change("since") })),
    h("label", {}, " ", t("review.to"), " ", h("input", { type: "date", id: "review-until", value: until, min: since, onchange: change("until") })));
}

// An event in the reader's language, from its fields (the feed's `detail` is the server's
// English sentence): text and the person it is about, linked where the sentence names them.
function eventText(e, names) {
  const name = names[e.contact_id] || e.contact_id || "";
  const att = (v) => label("att", v || "unknown");
  const role = (v) => label("role", v);
  const say = {
    assessment_changed: () => ({ feature: label("feature", e.feature), from: att(e.from), to: att(e.to) }),
    vote_changed: () => ({ feature: label("feature", e.feature), from: vote(e.from), to: vote(e.to) }),
    member_added: () => ({ from: role(e.from), to: role(e.to) }),
    member_removed: () => ({ from: role(e.from) }),
    coverage_dropped: () => ({ from: pct(e.from), to: pct(e.to) }),
    action_overdue: () => ({ to: date(e.to) }),
    relationship_cooling: () => ({ employee: names[e.employee_id] || colleague(e.employee_id),
                                   from: strength(e.from), to: strength(e.to) }),
    line_added: () => ({ from: names[e.from] || e.from, strength: strength(e.to) }),
    line_ended: () => ({ from: names[e.from] || e.from }),
  }[e.type];
  const key = e.type === "member_added" && e.from ? "change.role_changed"
    : e.type.startsWith("line_") ? `change.${e.type}.${e.feature}` : `change.${e.type}`;
  return tLinked(key, { name, ...(say ? say() : {}) }, { name: e.contact_id ? person(e.contact_id, names) : null });
}

// The events grouped by account, then by deal (an account's events about no deal first, so that
// none reads as under a deal's heading); each event knows its place in the feed.
function grouped(events, names) {
  const byAccount = new Map();
  events.forEach((e, index) => {
    const account = e.account_id || "–";
    if (!byAccount.has(account)) byAccount.set(account, new Map([["", []]]));
    const deals = byAccount.get(account);
    const key = e.opportunity_id || "";
    if (!deals.has(key)) deals.set(key, []);
    deals.get(key).push([e, index]);
  });
  return [...byAccount].map(([accountId, deals]) => h("div", { class: "group" },
    h("h3", {}, t("review.account"), " ", accountId === "–" ? accountId : account(accountId, names)),
    [...deals].filter(([, listed]) => listed.length).map(([dealId, listed]) => h("div", {},
      dealId ? h("h4", {}, t("review.deal"), " ", deal(dealId, names))
        : deals.size > 1 ? h("h4", {}, t("review.accountWide")) : null,
      h("ul", { class: "plain" }, listed.map(([e, index]) => h("li", {
        class: "event", dataset: { type: e.type, contact: e.contact_id || "", deal: e.opportunity_id || "", index },
      }, h("strong", {}, label("event", e.type)), " ", date(e.at), " ",
      eventText(e, names))))))));
}

// The first page of the changes, and a button for each next one (the groups drawn again with it;
// the keyboard goes on from the first event added).
function changesBlock(feed, query) {
  const events = [...feed.events];
  const names = { ...feed.names };
  const body = h("div", { id: "changes-list" }, grouped(events, names));
  const more = moreButton("changes-more", "changes-title", CHANGES_PAGE, events.length, feed.total, async (offset) => {
    const next = await api("/v1/changes", { params: { ...query, offset, limit: CHANGES_PAGE } });
    events.push(...next.events);
    Object.assign(names, next.names);
    replace(body, grouped(events, names));
    const added = body.querySelector(`li.event[data-index="${offset}"]`);
    if (added) {
      added.tabIndex = -1;
      added.focus();
    }
    return next.events.length;
  });
  return h("section", { class: "card", "aria-labelledby": "changes-title" },
    h("h2", { id: "changes-title" }, t("review.changes", { n: feed.total })),
    feed.truncated ? h("p", { class: "notice", id: "changes-truncated" }, t("review.truncated")) : null,
    events.length ? [exportButtons("/v1/changes", query, { id: "changes-export" }), body, more]
      : h("p", {}, t("review.nothing")));
}

// Activities of a type, in the reader's words: "拜访 3 · 电话 2".
const kinds = (byType) => Object.entries(byType).sort(([, a], [, b]) => b - a)
  .map(([type, n]) => `${label("act", type)} ${num(n)}`).join(" · ") || "—";

function colleagueRow(c, names) {
  // The scope's members, then a line, then the other colleagues; a quiet member greyed.
  const kind = [c.member ? "member" : null, c.activities ? null : "quiet"].filter(Boolean).join(" ");
  return h("tr", { class: kind || null, dataset: { employee: c.employee_id } },
    // A colleague the viewer may see opens on their network; a reference has no page.
    h("td", {}, c.employee_id in names ? h("a", { href: href("network", c.employee_id) }, names[c.employee_id] || c.employee_id)
      : h("span", { title: colleague(c.employee_id) }, colleagueShort(c.employee_id))),
    h("td", { class: "num" }, num(c.activities)),
    // A member's work with other accounts' people, beside: quiet here is not idle.
    h("td", { class: "num" }, c.elsewhere == null ? "" : num(c.elsewhere)),
    h("td", { class: "num" }, num(c.contacts)),
    h("td", { class: "num" }, num(c.accounts)),
    h("td", {}, kinds(c.by_type)));
}

// One activity on a line: when, what, their people (linked) and accounts, ours by name, the
// deal, the summary; one private to the reader says so.
function activityLine(a, names) {
  const theirs = a.contacts.map((c) => h("a", { href: href("person", c.id), title: c.id }, c.name || c.id));
  const accounts = [...new Set(a.contacts.map((c) => c.account_id).filter(Boolean))];
  return h("li", { class: "activity", dataset: { activity: a.id } },
    h("strong", {}, label("act", a.type)), " ", date(a.at), " · ",
    listed(theirs),
    accounts.length ? [" · ", listed(accounts.map((id) => account(id, names)))] : null,
    " · ", list(a.employee_ids.map((e) => owner(e, names))),
    a.opportunity_id ? [" · ", deal(a.opportunity_id, names)] : null,
    a.summary ? [" · ", a.summary] : null,
    a.private ? [" · ", h("em", {}, t("review.private"))] : null);
}

// The scope's members (all, the quiet ones greyed), then the ten most active other colleagues
// and the rest on request; a company's answer names the most active only.
function colleaguesTable(feed, names, query) {
  const members = feed.by_colleague.filter((c) => c.member);
  const others = feed.by_colleague.filter((c) => !c.member);
  const [rows, all] = firstOf(h("tbody", {}), [...members, ...others], (c) => colleagueRow(c, names),
    { first: members.length + COLLEAGUES_FIRST, about: "activity-title" });
  return [exportButtons("/v1/activities", { ...query, rows: "colleagues", colleagues_limit: FILE_LIST },
    { id: "activity-colleagues-export" }),
  sideways(h("table", { id: "activity-colleagues" },
    head(["review.colleague", "review.activities", "review.elsewhere", "review.people", "review.accounts", "review.kinds"], 1, 5),
    rows), { labelledBy: "activity-title" }),
  all,
  h("p", { class: "hint", id: "activity-hint" }, t("review.countedEach"),
    members.some((c) => !c.activities) ? [" ", t("review.greyed")] : null),
  feed.colleagues_total > feed.by_colleague.length
    ? h("p", { class: "sub" }, t("review.mostActive", { shown: num(feed.by_colleague.length), n: num(feed.colleagues_total) })) : null];
}

function accountRow(a, names) {
  return h("tr", { class: a.activities ? null : "quiet", dataset: { account: a.account_id } },
    h("td", {}, account(a.account_id, names),
      a.focus ? [" ", h("span", { class: "badge key" }, t("badge.focus"))] : null),
    h("td", {}, a.last_at ? date(a.last_at) : t("review.neverMet")),
    h("td", { class: "num" }, num(a.activities)),
    h("td", { class: "num" }, num(a.contacts)),
    h("td", { class: "num" }, num(a.colleagues)));
}

// The scope's accounts, the longest unmet first (the ten first, the rest on request): which
// customers nobody has met lately, the quiet ones of the period greyed; the day last met beside
// the name, the answer a phone shows before scrolling.
function accountsTable(feed, names, query) {
  const [rows, all] = firstOf(h("tbody", {}), feed.by_account, (a) => accountRow(a, names),
    { first: ACCOUNTS_FIRST, about: "activity-accounts-title" });
  return [h("h3", { id: "activity-accounts-title" }, t("review.byAccount")),
    h("p", { class: "sub", id: "activity-quiet" },
      tn("review.quietAccounts", feed.accounts_total, { quiet: num(feed.accounts_quiet) })),
    exportButtons("/v1/activities", { ...query, rows: "accounts", accounts_limit: FILE_LIST },
      { id: "activity-accounts-export" }),
    sideways(h("table", { id: "activity-accounts" },
      head(["review.account", "review.lastMet", "review.activities", "review.contactsMet", "review.colleagues"], 2, 5), rows),
    { labelledBy: "activity-accounts-title" }),
    all,
    feed.accounts_total > feed.by_account.length
      ? h("p", { class: "sub" }, t("review.longestUnmet", { shown: num(feed.by_account.length), n: num(feed.accounts_total) })) : null];
}

// Who met the scope's people over the period: the totals, each colleague (colleaguesTable),
// each account (accountsTable), then the latest activities with a button for more.
function activityBlock(feed, query) {
  const names = { ...feed.names };
  const lines = h("ul", { class: "plain", id: "activity-list" }, feed.activities.map((a) => activityLine(a, names)));
  const more = moreButton("activity-more", "activity-title", ACTIVITY_PAGE, feed.activities.length, feed.overall.activities, async (offset) => {
    const next = await api("/v1/activities", { params: { ...query, offset, limit: ACTIVITY_PAGE } });
    Object.assign(names, next.names);
    lines.append(...next.activities.map((a) => activityLine(a, names)));
    lines.children[offset]?.querySelector("a")?.focus();
    return next.activities.length;
  });
  const o = feed.overall;
  return h("section", { class: "card", "aria-labelledby": "activity-title" },
    h("h2", { id: "activity-title" }, t("review.activity", { n: num(o.activities) })),
    feed.truncated ? h("p", { class: "notice", id: "activity-truncated" }, t("review.activityTruncated", { n: num(o.activities) })) : null,
    o.activities ? h("p", { class: "sub", id: "activity-reach" }, tn("review.reach", o.accounts, { people: num(o.contacts) }), " · ", kinds(o.by_type)) : null,
    feed.by_colleague.length ? colleaguesTable(feed, names, query) : null,
    feed.by_account.length ? accountsTable(feed, names, query) : null,
    o.activities ? [h("h3", {}, t("review.latest")),
      exportButtons("/v1/activities", { ...query, limit: FILE_ACTIVITIES }, { id: "activity-export" }),
      lines, more] : h("p", {}, t("review.noActivity")));
}

// A key person due: the features never assessed first (due at once), then by due day.
function dueRow(p) {
  const features = [...p.features_due].sort((a, b) => (a.due_on || "").localeCompare(b.due_on || ""));
  return h("tr", {},
    h("td", {}, h("a", { href: href("person", p.contact_id) }, p.name || p.contact_id)),
    h("td", {}, h("a", { href: href("account", p.account_id) }, p.account_name || p.account_id)),
    h("td", {}, list(features.map((f) => (f.due_on
      ? t("review.dueSince", { feature: label("feature", f.feature), day: date(f.due_on) })
      : label("feature", f.feature))))),
    h("td", {}, p.never_assessed ? t("review.never") : date(p.last_assessed)));
}

// The first page of the due list, and a button for each next one.
function dueBlock(due, query) {
  const rows = h("tbody", {}, due.key_persons.map(dueRow));
  const more = moreButton("due-more", "due-title", DUE_PAGE, due.key_persons.length, due.total, async (offset) => {
    const next = await api("/v1/reviews/due", { params: { ...query, offset, limit: DUE_PAGE } });
    rows.append(...next.key_persons.map(dueRow));
    rows.rows[offset]?.querySelector("a")?.focus();
    return next.key_persons.length;
  });
  return h("section", { class: "card", "aria-labelledby": "due-title" },
    h("h2", { id: "due-title" }, t("review.due", { n: due.total })),
    due.truncated ? h("p", { class: "notice", id: "due-truncated" }, t("review.dueTruncated")) : null,
    due.key_persons.length ? [sideways(h("table", { id: "due" },
      head(["review.person", "review.account", "review.features", "review.last"]), rows), { labelledBy: "due-title" }), more]
      : h("p", {}, t("review.nobody")));
}

// A text with the first mention of `name` in it as `node` (a link to whom it names); without
// one, the text and the node after it.
function mentioning(text, name, node) {
  const at = name ? text.indexOf(name) : -1;
  return at < 0 ? [text, " · ", node] : [text.slice(0, at), node, text.slice(at + name.length)];
}

function actionsBlock(actions, query, me, refresh) {
  // A done action is never open again (the workflow), and a lead may close a member's: asked
  // once more, naming the action and its owner, rather than done on one tap.
  const done = (action, line) => openDialog(t("review.doneTitle"), (close) => {
    const form = captureForm({
      id: "done-form", submitLabel: t("review.done"), onCancel: close,
      onSubmit: async () => {
        await api(`/v1/actions/${seg(action.id)}`, { method: "PATCH", body: { status: "done" } });
        close();
        flash(t("review.doneSaid"));
        await refresh();
      },
    });
    form.append(h("p", {}, line), h("p", { class: "hint" }, t("review.doneFinal")));
    return form.form;
  });
  // Put off, handed to another or dropped: what the API allows, from the same line.
  const change = (action, line) => openDialog(t("review.changeTitle"), (close) => {
    // Not put off to a day gone by (an overdue action may keep its day).
    const due = h("input", { type: "date", value: action.due, required: true,
      min: action.due < today() ? action.due : today() });
    // The present owner, and whom this principal may give an action to (its scopes' people).
    const choices = [...new Set([action.owner_id, ...owners(me)])];
    const named = (o) => (me.scope_names || {})[`employee:${o}`] || owner(o, actions.names);
    const who = h("select", {}, choices.map((o) => h("option", { value: o, selected: o === action.owner_id }, named(o))));
    const drop = h("input", { type: "checkbox", id: "drop-action" });
    const form = captureForm({
      id: "change-form", submitLabel: t("common.save"), onCancel: close,
      onSubmit: async () => {
        // Another day than its own is not one gone by (an overdue action may keep its day).
        if (due.value !== action.due && due.value < today()) {
          throw refusal("due", t("form.notBefore", { date: date(today()) }));
        }
        const body = {
          ...(due.value !== action.due ? { due: due.value } : {}),
          ...(who.value !== action.owner_id ? { owner_id: who.value } : {}),
          ...(drop.checked ? { status: "dropped" } : {}),
        };
        if (!Object.keys(body).length) { close(); return; } // nothing changed: nothing to write
        await api(`/v1/actions/${seg(action.id)}`, { method: "PATCH", body });
        close();
        flash(t(drop.checked ? "review.droppedSaid" : "review.changedSaid"));
        await refresh();
      },
    });
    form.append(h("p", {}, line),
      form.field("due", t("review.newDue"), due),
      choices.length > 1 ? form.field("owner_id", t("review.owner"), who) : null,
      form.field("status", t("review.drop"), drop, { hint: t("review.dropFinal"), check: true }));
    return form.form;
  });
  const describe = (a) => t(a.note ? "review.actionLine" : "review.actionLineBare",
    { kind: label("principle", a.kind), note: a.note, due: date(a.due), owner: owner(a.owner_id, actions.names) });
  // An open action: its words with its person once (the first mention of their name is the
  // link to them), and its deal; on a teammate's account the reader may not open, those as
  // words, with the account and whom to ask.
  const actionLine = (a) => {
    const said = describe(a);
    const away = a.account_visible === false;
    const named = (id, link) => (away ? actions.names[id] || id : link(id, actions.names));
    const author = a.created_by?.employee_id;
    const account = actions.names[a.account_id] || a.account_id;
    return [a.overdue ? [h("strong", {}, t("review.overdue")), " · "] : null,
      a.contact_id ? mentioning(said, actions.names[a.contact_id] || a.contact_id, named(a.contact_id, person)) : said,
      a.opportunity_id ? [" · ", named(a.opportunity_id, deal)] : null,
      away ? [" · ", h("em", { class: "not-yours" }, author
        ? t("review.notYoursAsk", { account, who: owner(author, actions.names) }) : t("review.notYours", { account }))] : null,
      me.can_write ? [" ", h("button", { type: "button", class: "done", onclick: () => done(a, said) }, t("review.done")),
        " ", h("button", { type: "button", class: "secondary change", onclick: () => change(a, said) },
          t("review.change"))] : null];
  };
  return h("section", { class: "card", "aria-labelledby": "open-title" },
    h("h2", { id: "open-title" }, t("review.open", { n: actions.total })),
    actions.actions.length ? exportButtons("/v1/actions", query, { id: "actions-export" }) : null,
    actions.actions.length ? h("ul", { class: "plain", id: "open-actions" }, actions.actions.map((a) => h("li", {
      class: a.overdue ? "action overdue" : "action", dataset: { id: a.id, contact: a.contact_id || "" },
    }, actionLine(a))))
      : h("p", {}, t("review.noActions")));
}

// The suggestions of the deals that changed, taking turns: the first few, the rest on request
// (each has a form of its own), and what their principles mean.
function suggestionsBlock(lists, names, me, refresh) {
  // Each deal's first, then each one's second, ...: the first screen holds every changed deal.
  const items = [];
  for (let i = 0; lists.some((list) => i < list.actions.length); i += 1) {
    for (const list of lists) if (i < list.actions.length) items.push({ list, item: list.actions[i] });
  }
  const line = ([{ list, item }, i]) => h("li", {
    id: `suggested-${i}`, class: "suggestion", dataset: { principle: item.principle, contact: item.contact_id || "", deal: list.opportunity_id },
  }, h("strong", {}, label("principle", item.principle)), t("common.colon"), detailShown(item, names),
  " · ", deal(list.opportunity_id, names),
  " ", trackControl({ opportunity_id: list.opportunity_id }, item, i, { me, names, refresh }));
  return h("section", { class: "card", "aria-labelledby": "suggested-title" },
    h("h2", { id: "suggested-title" }, t("review.suggested")),
    items.length ? [firstOf(h("ul", { class: "plain", id: "suggestions" }), items.map((x, i) => [x, i]), line,
      { first: FIRST_ACTIONS, about: "suggested-title" }),
    principleLegend(items.map(({ item }) => item), "suggested-legend")]
      : h("p", {}, t("review.noSuggestions")));
}

export async function renderReview(main, { params, asOf, me, isCurrent, refresh }) {
  replace(main, loading());
  const scope = params.get("scope") || me.default_scope;
  // The week ending on the header's date, when one is picked there.
  const end = params.get("until") || asOf || today();
  const start = params.get("since") || daysAfter(end, -6);
  // A start picked after the end is the same period, read the right way round.
  const [picked, until] = start <= end ? [start, end] : [end, start];
  const actionQuery = { scope, status: "open" };
  const dueQuery = { scope, as_of: until };
  const load = (since) => Promise.all([
    api("/v1/changes", { params: { scope, since, until, limit: CHANGES_PAGE } }),
    api("/v1/activities", { params: { scope, since, until, limit: ACTIVITY_PAGE } }),
    api("/v1/reviews/due", { params: { ...dueQuery, limit: DUE_PAGE } }),
    api("/v1/actions", { params: actionQuery }),
    scopeChoices(me),
  ]);
  // A period longer than the server reads is shown from as far back as it reads, and said so,
  // rather than as an error in place of the view and its date pickers.
  let since = picked;
  let clamped = null;
  let loaded;
  try {
    loaded = await load(since);
  } catch (err) {
    const max = err.problem?.errors?.find((e) => e.code === "period_too_long")?.params?.max_days;
    if (!max) throw err;
    since = daysAfter(until, -(max - 1));
    clamped = t("review.clamped", { n: num(max), since: date(since) });
    loaded = await load(since);
  }
  const [feed, activity, due, actions, choices] = loaded;
  const changeQuery = { scope, since, until };
  const deals = [...new Set(feed.events.map((e) => e.opportunity_id).filter(Boolean))].slice(0, SUGGESTED_DEALS);
  // Each deal's suggestions, and its chain for the names of the people they are about; a deal
  // the reader may not open (403, 404) has neither, and the rest of the review shows all the same.
  const unless = (read) => read.catch((err) => { if (err.status === 403 || err.status === 404) return null; throw err; });
  const [lists, chains] = (await Promise.all([
    Promise.all(deals.map((id) => unless(api(`/v1/opportunities/${seg(id)}/actions`)))),
    Promise.all(deals.map((id) => unless(api(`/v1/opportunities/${seg(id)}/decision-chain`)))),
  ])).map((found) => found.filter(Boolean));
  const memberNames = Object.fromEntries(chains.flatMap((c) => c.members.map((m) => [m.contact_id, m.name])));
  if (!isCurrent()) return;
  replace(main,
    h("h1", {}, t("review.title")),
    h("p", { class: "sub" }, t("review.period", {
      scope: choices.find((c) => c.value === scope)?.label || scopeLabel(scope, me.scope_names),
      since: date(since), until: date(until) })),
    clamped ? h("p", { class: "notice", id: "period-clamped" }, clamped) : null,
    controls(scope, since, until, choices, me),
    activityBlock(activity, changeQuery),
    h("div", { class: "grid" }, changesBlock(feed, changeQuery), actionsBlock(actions, actionQuery, me, refresh)),
    h("div", { class: "grid" }, suggestionsBlock(lists, { ...memberNames, ...feed.names }, me, refresh), dueBlock(due, dueQuery)));
}
