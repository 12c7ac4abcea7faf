// Person view: who can move this person, drawn as paths from our employees to them.
import { api, seg } from "../api.js";
import { attitudeChip, badges, errorBox, h, loading, replace, sideways, strength, vote } from "../dom.js";
import { ATTITUDE_COLOUR, draw, highlight, label, legend, strengthWidth, THIRD_PARTY_COLOUR } from "../graph.js";
import { href, setParam } from "../route.js";
import { declareAcquaintance } from "../capture/acquaint.js";
import { assessPerson } from "../capture/assess.js";
import { captureBar, mayWrite, redraw } from "../capture/bar.js";
import { flash, today } from "../capture/form.js";
import { fileName, pictureButton } from "../files.js";
import { logInteraction } from "../capture/interaction.js";
import { askIntroduction } from "../capture/intros.js";
import { colleague, date, elsewhere, isElsewhere, label as valueLabel, list, pct, t, tn } from "../i18n.js";

/** A path's node as the viewer may name it: a colleague or a person elsewhere by number. */
function nodeName(n, path, i) {
  if (n.name) return n.name;
  if (path.masked && i === 0) return colleague(path.employee_id);
  return isElsewhere(n.id) ? elsewhere(n.id) : n.id;
}

function pathElements(target, paths) {
  const nodes = new Map();
  const edges = new Map();
  for (const path of paths) {
    path.nodes.forEach((n, i) => {
      const isTarget = i === path.nodes.length - 1;
      const colour = n.kind === "Contact" ? ATTITUDE_COLOUR[n.closeness || "unknown"] : "#0b57c2";
      nodes.set(n.id, { data: {
        id: n.id, kind: n.kind, label: label({ ...n, name: nodeName(n, path, i) }),
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
          width: strengthWidth(step.strength), label: `${step.source === "activity" ? t("step.activity") : valueLabel("step", step.type)} ${strength(step.strength)}`,
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
    h("h2", { id: "features-title" }, t("feat.title")),
    h("table", {}, h("tbody", {},
      row(t("feature.closeness"), attitudeChip(f.closeness)),
      row(t("feature.solution"), attitudeChip(f.solution)),
      row(t("feature.price"), attitudeChip(f.price)),
      row(t("feature.veto"), vote(f.veto)),
      row(t("feature.approver"), vote(f.approver)),
      row(t("feat.reporting_known"), vote(f.reporting_known)),
      row(t("feat.influence_known"), vote(f.influence_known)),
      row(t("feat.completeness"), `${f.known}/7 (${pct(f.completeness)})`),
      row(t("feat.insighted"), vote(f.insighted)),
      row(t("feat.contactLevel"), valueLabel("level", portrait.contact_level)),
      row(t("feat.importance"), importanceText(portrait)),
      row(t("feat.behavior"), portrait.behavior ? valueLabel("behavior", portrait.behavior) : "–"))));
}

/** The importance as stored and the day it was judged (its review counts from that day). It is
 *  not dated history: a view of an earlier day shows today's judgement, and says it came later. */
export function importanceText(p) {
  if (!p.importance) return "–";
  const value = valueLabel("importance", p.importance);
  if (!p.importance_at) return value;
  const later = p.as_of && p.importance_at > p.as_of;
  return t(later ? "feat.judgedLater" : "feat.judged", { value, day: date(p.importance_at) });
}

export function historyTable(portrait) {
  if (!portrait.history.length) return h("p", { class: "sub" }, t("history.none"));
  return sideways(h("table", {},
    h("thead", {}, h("tr", {}, ["col.date", "col.toward", "col.deal", "col.closeness", "col.solution", "col.price",
      "col.veto", "col.approver"].map((k) => h("th", { scope: "col" }, t(k))))),
    h("tbody", {}, portrait.history.map((a) => h("tr", {},
      h("td", {}, date(a.at)),
      h("td", { title: a.toward === "us" ? null : a.toward }, a.toward === "us" ? t("history.us") : a.toward_name || a.toward),
      h("td", {}, a.opportunity_id ? h("a", { href: href("deal", a.opportunity_id), title: a.opportunity_id },
        a.opportunity_name || a.opportunity_id) : t(a.opportunity_hidden ? "history.elsewhere" : "history.general")),
      h("td", {}, a.closeness ? attitudeChip(a.closeness) : ""),
      h("td", {}, a.solution ? attitudeChip(a.solution) : ""),
      h("td", {}, a.price ? attitudeChip(a.price) : ""),
      h("td", {}, a.veto === null ? "" : vote(a.veto)),
      h("td", {}, a.approver === null ? "" : vote(a.approver)))))), { label: t("person.history") });
}

// Who in our company knows the person, by declaration or by activity, and how recently.
function inTouch(touch) {
  const rows = touch.colleagues.map((c) => h("tr", {},
    h("td", { title: c.employee_id }, c.name
      ? h("a", { href: href("network", c.employee_id) }, c.name) : colleague(c.employee_id)),
    h("td", {}, `${strength(c.strength)} · ${t(`touch.source.${c.source}`)}`),
    h("td", {}, c.last_activity_at ? date(c.last_activity_at) : "—"),
    h("td", {}, String(c.activities_180d)),
    h("td", {}, t(`trend.${c.trend}`))));
  return h("section", { class: "card", "aria-labelledby": "touch-title" },
    h("h2", { id: "touch-title" }, t("touch.title")),
    rows.length ? sideways(h("table", { id: "in-touch" },
      h("thead", {}, h("tr", {}, ["touch.colleague", "touch.strength", "touch.last", "touch.recent", "touch.trend"]
        .map((k) => h("th", { scope: "col" }, t(k))))),
      h("tbody", {}, rows)), { labelledBy: "touch-title" }) : h("p", { class: "sub" }, t("touch.none")));
}

// A summary's first words, the whole on a tap: a long one made a row a screen tall on a phone.
const SUMMARY_SHOWN = 30;
function summaryCell(text) {
  if (!text || (text.length <= SUMMARY_SHOWN && !text.includes("\n"))) return text || "";
  const short = `${text.split("\n")[0].slice(0, SUMMARY_SHOWN)}…`;
  const line = h("summary", {}, short);
  const box = h("details", { class: "summary" }, line);
  // Open, the line is the whole text (its start not said twice); a tap on it closes it again.
  box.addEventListener("toggle", () => { line.textContent = box.open ? text : short; });
  return box;
}

// The person's activities with us, newest first: when, what, who of theirs was there, and
// how many of ours (colleagues the viewer may not see are counted, not named). One who took
// part and may write marks an activity private to them (it then counts for nobody else), or
// shares it again.
export function activityHistory(acts, { me = null, refresh = null } = {}) {
  // One's own alone: an activity other colleagues took part in counts for them too.
  const mine = (a) => Boolean(me?.employee_id && me.can_write && a.employee_ids.length === 1
    && a.employee_ids[0] === me.employee_id);
  const own = refresh && acts.activities.some(mine);
  const privacy = (a) => {
    if (!mine(a)) return a.private ? "✓" : "";
    const box = h("input", { type: "checkbox", checked: a.private, "data-private": a.id,
      "aria-label": t("activity.privateFor", { date: date(a.at), type: t(`act.${a.type}`) }) });
    // The whole cell is the box's to tap (a label around it), a thumb's width.
    const tap = h("label", { class: "private-tap" }, box);
    box.addEventListener("change", async () => {
      box.disabled = true;
      try {
        await api(`/v1/activities/${seg(a.id)}`, { method: "PATCH", body: { private: box.checked } });
        flash(t(box.checked ? "activity.madePrivate" : "activity.madeShared"));
        refresh();
      } catch (err) {
        box.checked = !box.checked;
        box.disabled = false;
        tap.after(errorBox(err));
      }
    });
    return tap;
  };
  return h("section", { class: "card", "aria-labelledby": "activity-title" },
    h("h2", { id: "activity-title" }, t("activity.title")),
    own ? h("p", { class: "sub" }, t("activity.privateHelp")) : null,
    acts.activities.length ? sideways(h("table", { id: "activity-history" },
      // "Only me" beside the type, where a phone's screen still shows it.
      h("thead", {}, h("tr", {}, ["col.date", "activity.type", ...(own ? ["activity.private"] : []),
        "activity.people", "activity.ours", "activity.summary"].map((k) => h("th", { scope: "col" }, t(k))))),
      h("tbody", {}, acts.activities.map((a) => h("tr", { dataset: { activity: a.id } },
        h("td", {}, date(a.at)),
        h("td", {}, t(`act.${a.type}`)),
        own ? h("td", {}, privacy(a)) : null,
        h("td", {}, list(a.contacts.map((c) => c.name || c.id))),
        h("td", {}, String(a.employee_ids.length)),
        h("td", {}, summaryCell(a.summary)))))), { labelledBy: "activity-title" })
      : h("p", { class: "sub" }, t("activity.none")),
    acts.truncated ? h("p", { class: "sub" }, t("activity.older")) : null);
}

// Where the path's colleague was asked already and has not answered for good (`open`: the
// status of the viewer's open introduction by them to this person), that is said in the row
// instead of a button; a request sent from the row is said there too, where the eye is.
function introButton(path, contact, open) {
  const said = (status) => h("p", { class: "notice", role: "status", "data-intro-status": status },
    t("person.requested", { status: t(`intro.status.${status}`) }));
  if (open) return said(open);
  const who = path.masked ? colleague(path.employee_id) : path.nodes[0].name || path.employee_id;
  const button = h("button", { type: "button", class: "secondary", "data-intro": path.employee_id },
    t(path.masked ? "person.askMasked" : "person.askNamed"));
  const slot = h("div", { class: "intro-slot" }, button);
  button.addEventListener("click", async () => {
    button.disabled = true;
    try {
      await askIntroduction({ colleague: path.employee_id, who, contactId: contact.id, contactName: contact.name,
        accountId: contact.accountId,
        done: (intro) => replace(slot, said(intro.status)) });
    } catch (err) {
      slot.append(errorBox(err));
    } finally {
      button.disabled = false;
    }
  });
  return slot;
}

const OPEN_INTRODUCTION = new Set(["requested", "accepted"]);

async function openIntroductions(me, contactId) {
  if (!me.employee_id) return new Map();
  const mine = await api("/v1/introductions", { params: { direction: "outgoing" } });
  return new Map(mine.filter((i) => i.contact_id === contactId && OPEN_INTRODUCTION.has(i.status))
    .map((i) => [i.colleague_id, i.status]));
}

function captureFor(portrait, id, me, refresh, asOf) {
  if (!mayWrite(me)) return null;
  // What is recorded is dated today, and on a past date the portrait names the account the
  // person worked at then (or none a rep may see): recording starts from today's view.
  if (asOf && asOf !== today()) {
    return h("p", { class: "capture-bar", id: "capture-past" }, t("capture.pastDate"), " ",
      h("a", { href: href("person", id, { as_of: null }) }, t("capture.toToday")));
  }
  const name = portrait.name || id;
  const done = redraw(refresh);
  return captureBar([
    portrait.account_id ? [t("log.open"), () => logInteraction({ me, accountId: portrait.account_id, contactId: id, done }),
      { id: "open-log" }] : null,
    [t("assess.open"), () => assessPerson({ contactId: id, name, accountId: portrait.account_id, now: portrait.features,
      importance: importanceText(portrait), done }), { id: "open-assess" }],
    me.employee_id ? [t("know.open"), () => declareAcquaintance({ me, contactId: id, name, done }), { id: "open-know" }] : null,
  ]);
}

export async function renderPerson(main, { id, params, asOf, me, isCurrent, refresh }) {
  replace(main, loading());
  const maxHops = params.get("max_hops") || "3";
  const avoidOpposed = params.get("avoid_opposed") !== "false";
  const [portrait, found, touch, acts, asked] = await Promise.all([
    api(`/v1/contacts/${seg(id)}/portrait`, { params: { as_of: asOf, limit: 20 } }),
    api(`/v1/contacts/${seg(id)}/influence-paths`,
      { params: { as_of: asOf, max_hops: maxHops, limit: 15, avoid_opposed: avoidOpposed } }),
    api(`/v1/contacts/${seg(id)}/in-touch`, { params: { as_of: asOf } }),
    api(`/v1/contacts/${seg(id)}/activities`, { params: { as_of: asOf, limit: 20 } }),
    openIntroductions(me, id),
  ]);
  if (!isCurrent()) return;
  const canvas = h("div", { class: "graph", id: "person-graph", role: "img",
    "aria-label": t("person.graphLabel", { name: portrait.name || id }) });
  const hops = h("select", { id: "max-hops", "aria-label": t("person.maxHops") },
    [1, 2, 3, 4, 5].map((n) => h("option", { value: n, selected: String(n) === maxHops }, tn("fmt.hops", n))));
  hops.addEventListener("change", () => setParam("max_hops", hops.value));
  const avoid = h("input", { type: "checkbox", id: "avoid-opposed", checked: avoidOpposed });
  avoid.addEventListener("change", () => setParam("avoid_opposed", avoid.checked ? null : "false"));

  let cy = null;
  let pressed = null;
  const pathItems = found.paths.map((path, index) => {
    const chain = path.nodes.map((n, i) => nodeName(n, path, i)).join(" → ");
    const button = h("button", { type: "button", class: "path-btn", "aria-pressed": "false",
      "data-path": index, "data-employee": path.employee_id },
      h("strong", {}, path.masked ? colleague(path.employee_id) : path.nodes[0].name || path.employee_id),
      ` · ${t("person.pathMeta", { s: strength(path.strength), hops: tn("fmt.hops", path.hops) })}`,
      // The first step rests on meetings and mail rather than (or as well as) on what someone
      // declared.
      ["activity", "both"].includes(path.steps[0]?.source) ? ` · ${t(`touch.source.${path.steps[0].source}`)}` : "",
      h("div", { class: "path-chain" }, chain));
    button.addEventListener("click", () => {
      const on = pressed !== button;
      if (pressed) pressed.setAttribute("aria-pressed", "false");
      pressed = on ? button : null;
      button.setAttribute("aria-pressed", String(on));
      if (cy) highlight(cy, on ? path.nodes.map((n) => n.id) : null);
    });
    // A path that starts at the viewer is their own way in: nobody to ask.
    const own = !path.masked && me.employee_id && path.employee_id === me.employee_id;
    return h("li", {}, button,
      own ? null : introButton(path, { id, name: portrait.name, accountId: portrait.account_id },
        asked.get(path.employee_id)));
  });

  replace(main,
    h("h1", {}, portrait.name || id, badges({ ...portrait.features, key_person: portrait.key_person })),
    h("p", { class: "sub" }, [portrait.title, portrait.department].filter(Boolean).join(" · "), " · ",
      portrait.account_id ? [h("a", { href: href("account", portrait.account_id), title: portrait.account_id },
        t("deal.account", { name: portrait.account_name || portrait.account_id })), " · "] : "",
      t("common.asOf", { date: date(found.as_of) })),
    captureFor(portrait, id, me, refresh, asOf),
    h("div", { class: "split" },
      h("section", { class: "card", "aria-labelledby": "paths-graph-title" },
        h("h2", { id: "paths-graph-title" }, t("person.who")),
        h("div", { class: "legend" }, h("label", {}, `${t("person.upTo")} `, hops), " ",
          h("label", {}, avoid, ` ${t("person.avoid")}`)),
        canvas, legend(found.paths.some((p) => p.nodes.some((n) => n.kind === "ThirdParty"))
          ? [[THIRD_PARTY_COLOUR, t("legend.thirdParty")]] : []),
        found.paths.length ? pictureButton(() => cy, fileName("paths", id, found.as_of), { id: "person-graph-png" }) : null),
      h("section", { class: "card", "aria-labelledby": "paths-list-title" },
        h("h2", { id: "paths-list-title" }, t("person.paths", { n: found.paths.length })),
        found.truncated ? h("p", { class: "notice" }, t("person.truncated")) : null,
        found.paths.length ? h("ol", { class: "paths", id: "path-list" }, pathItems)
          : h("p", {}, t("person.noPaths")))),
    h("div", { class: "grid" },
      features(portrait),
      h("section", { class: "card", "aria-labelledby": "inbound-title" },
        h("h2", { id: "inbound-title" }, t("person.inbound")),
        h("p", { class: "sub" }, t("person.inboundNote")),
        found.influenced_by.length ? h("ul", { class: "plain" }, found.influenced_by.map((p) => h("li", {},
          isElsewhere(p.id) ? elsewhere(p.id)
            : p.kind === "Contact" ? h("a", { href: href("person", p.id), title: p.id }, p.name || p.id) : (p.name || p.id),
          ` · ${p.kind === "CompetitorStaff" ? t("legend.rival", { name: p.competitor_name || p.competitor_id })
            : p.title || valueLabel("kind", p.kind)}`,
          p.strength === null ? "" : ` · ${strength(p.strength)}`, " ", p.closeness ? attitudeChip(p.closeness) : "")))
          : h("p", { class: "sub" }, t("common.nobody")))),
    inTouch(touch),
    activityHistory(acts, { me, refresh }),
    h("section", { class: "card", "aria-labelledby": "history-title" },
      h("h2", { id: "history-title" }, t("person.history")), historyTable(portrait),
      portrait.history_truncated ? h("p", { class: "sub" }, t("person.older")) : null));
  if (found.paths.length) cy = draw(canvas, pathElements(found.target, found.paths), { rankDir: "LR", focus: found.target.id });
}
