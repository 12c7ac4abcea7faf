// Introductions end to end: asking (with a note and a deal), the asked colleague's inbox
// (accept or decline, then mark made), the requester's list (status, who it is once accepted,
// mark helped), and the header's count of requests awaiting the user's answer.
import { api, seg, write } from "../api.js";
import { h, loading, replace } from "../dom.js";
import { dateTime, t, tag } from "../i18n.js";
import { href } from "../route.js";
import { accountDeals, dealOptions } from "./data.js";
import { captureForm, flash, openDialog, options } from "./form.js";

// What awaits the user: a request to answer, or an introduction made for them to say whether it
// helped.
const awaiting = (me, list) => list.filter((i) => (i.status === "requested" && i.colleague_id === me.employee_id)
  || (i.status === "made" && i.requester_id === me.employee_id));

/** The header's link, with the number of requests awaiting the user's answer. */
export async function updateIntroLink(me) {
  const link = document.getElementById("intro-link");
  if (!link) return;
  link.hidden = !me.employee_id;
  if (!me.employee_id) return;
  let count = 0;
  try {
    count = awaiting(me, await api("/v1/introductions")).length;
  } catch {
    return; // the count is a convenience: the page itself reports errors
  }
  link.replaceChildren(t("intro.nav"), count ? h("span", { class: "count", "aria-hidden": "true" }, String(count)) : "");
  if (count) link.setAttribute("aria-label", t("intro.navCount", { n: count }));
  else link.removeAttribute("aria-label");
  link.dataset.count = String(count);
}

/** Ask the colleague behind a path for an introduction, with a note and optionally a deal. */
export async function askIntroduction({ colleague, who, contactId, contactName, accountId, done }) {
  const deals = accountId ? await accountDeals(accountId) : [];
  openDialog(t("intro.askTitle", { who, contact: contactName || contactId }), (close) => {
    const deal = h("select", {}, options([["", t("log.noDeal")], ...dealOptions(deals)], ""));
    const note = h("textarea", { rows: 3, maxlength: 2000 });
    const form = captureForm({
      id: "ask-form", submitLabel: t("intro.ask"), onCancel: close,
      onSubmit: async () => {
        const intro = await write("/v1/introductions", { colleague, contact_id: contactId,
          opportunity_id: deal.value || null, note: note.value.trim() || null });
        close();
        done(intro);
      },
    });
    form.append(form.field("opportunity_id", t("log.deal"), deal), form.field("note", t("intro.askNote"), note));
    return form.form;
  });
}

// A revealed colleague's name: the requester may read their path to the contact.
async function colleagueName(intro) {
  try {
    const found = await api(`/v1/contacts/${seg(intro.contact_id)}/influence-paths`, { params: {
      employee_id: intro.colleague_id, limit: 1 } });
    return found.paths[0]?.nodes[0]?.name || null;
  } catch {
    return null;
  }
}

async function contactName(id) {
  try {
    return (await api(`/v1/contacts/${seg(id)}`)).name || id;
  } catch {
    return id; // the asked colleague may not read the requester's contact
  }
}

// Whom an introduction is to, as the colleague asked needs it to decide: name, title, account.
const described = (intro, contact) => [contact, intro.contact_title, intro.account_name].filter(Boolean).join(" · ");

function step(intro, verb, { title, done, incoming }) {
  const label = t(`intro.${verb}`);
  const primary = verb === "accept" || verb === "helped";
  const button = h("button", { type: "button", class: primary ? "" : "secondary", "data-step": verb }, label);
  // Every step is confirmed in a dialog that shows the other side's words (but a withdrawal,
  // made before any), and may carry a message back.
  button.addEventListener("click", () => openDialog(title, (close) => {
    const message = h("textarea", { rows: 3, maxlength: 2000 });
    const form = captureForm({ id: `${verb}-form`, submitLabel: label, onCancel: close, onSubmit: async () => {
      await write(`/v1/introductions/${seg(intro.id)}/${seg(verb)}`,
        message.value.trim() ? { message: message.value.trim() } : undefined);
      close();
      done(t("intro.done"));
    } });
    const theirs = (intro.messages || []).filter((m) => m.status !== "helped").at(-1);
    const theirWords = incoming ? [t("intro.theirNote"), intro.note] : [t("intro.reply"), theirs?.text];
    // Withdrawn before any answer: there are no words of theirs yet.
    form.append(verb === "withdraw" ? null : h("dl", { class: "facts" },
      h("dt", {}, theirWords[0]), h("dd", {}, theirWords[1] || t("common.none"))),
    // Accepting shows who they are to the requester, on every path from then on.
    verb === "accept" ? h("p", { class: "notice", id: "accept-reveals" }, t("intro.acceptReveals")) : null,
    form.field("message", t("intro.message"), message));
    return form.form;
  }));
  return button;
}

// A step of the history, as the API keeps it: "<status>@<timestamp>".
function historyItem(entry) {
  const [status, at] = entry.split("@");
  return h("li", {}, t("intro.historyItem", { status: t(`intro.status.${status}`), when: dateTime(at) }));
}

// A colleague the request ended without naming, by how it ended.
const UNNAMED = { declined: "intro.notRevealed", withdrawn: "intro.withdrawnUnnamed" };

function item(intro, { incoming, names, colleagueNames, done }) {
  const contact = intro.contact_name || names[intro.contact_id] || intro.contact_id;
  const revealed = !intro.colleague_id.startsWith("colleague-");
  // A colleague not revealed is named by their number, as on the paths: two asked about one
  // person are told apart.
  const who = incoming ? intro.requester_name || intro.requester_id
    : revealed ? colleagueNames[intro.colleague_id] || intro.colleague_id
      : t(UNNAMED[intro.status] || "intro.revealedOnAccept", { tag: tag(intro.colleague_id) });
  const actions = [];
  const on = (verb, key) => step(intro, verb, { title: t(key, { contact, who }), done, incoming });
  if (incoming && intro.status === "requested") {
    actions.push(on("accept", "intro.acceptTitle"), on("decline", "intro.declineTitle"));
  }
  if (incoming && intro.status === "accepted") actions.push(on("made", "intro.madeTitle"));
  if (!incoming && intro.status === "made") actions.push(on("helped", "intro.helpedTitle"));
  // Asked of the wrong colleague, or no longer needed: taken back before they answer.
  if (!incoming && intro.status === "requested") actions.push(on("withdraw", "intro.withdrawTitle"));
  return h("li", { class: "card intro", "data-intro-id": intro.id, "data-status": intro.status },
    h("div", { class: "intro-head" },
      h("strong", {}, incoming ? t("intro.to", { contact: described(intro, contact) })
        : [t("intro.to", { contact: "" }), h("a", { href: href("person", intro.contact_id) }, contact),
          h("span", { class: "hint" }, [intro.contact_title, intro.account_name].filter(Boolean).map((x) => ` · ${x}`).join(""))]),
      h("span", { class: `chip intro-${intro.status}` }, t(`intro.status.${intro.status}`))),
    h("p", { class: "sub" }, incoming ? t("intro.from", { who }) : h("span", { class: "colleague" }, revealed ? t("intro.colleague", { who }) : who),
      intro.opportunity_name || intro.opportunity_id ? [" · ", t("intro.forDeal", { deal: intro.opportunity_name || intro.opportunity_id })] : ""),
    intro.note ? h("p", {}, h("span", { class: "hint" }, `${t("intro.note")}${t("common.colon")}`), intro.note) : null,
    // Every message sent with a step, each with the step it came with.
    (intro.messages || []).map((m) => h("p", { class: "reply" },
      h("span", { class: "hint" }, `${t(`intro.said.${m.status}`)}${t("common.colon")}`), m.text)),
    actions.length ? h("div", { class: "row-actions" }, actions) : null,
    h("details", {}, h("summary", {}, t("intro.history")), h("ul", { class: "plain" }, intro.history.map(historyItem))));
}

export async function renderIntroductions(main, { me, isCurrent, refresh }) {
  replace(main, loading());
  const list = await api("/v1/introductions");
  const incoming = list.filter((i) => i.colleague_id === me.employee_id);
  const outgoing = list.filter((i) => i.requester_id === me.employee_id);
  const contactIds = [...new Set(outgoing.filter((i) => !i.contact_name).map((i) => i.contact_id))];
  const revealed = outgoing.filter((i) => !i.colleague_id.startsWith("colleague-"));
  const [contactNames, colleagueNames] = await Promise.all([
    Promise.all(contactIds.map(contactName)),
    Promise.all(revealed.map(colleagueName)),
  ]);
  if (!isCurrent()) return;
  const names = Object.fromEntries(contactIds.map((id, i) => [id, contactNames[i]]));
  const colleagues = Object.fromEntries(revealed.map((x, i) => [x.colleague_id, colleagueNames[i]]).filter(([, n]) => n));
  const done = (message) => { flash(message); refresh(); };
  const section = (id, title, items, empty, incomingSide) => h("section", { "aria-labelledby": `${id}-title`, id },
    h("h2", { id: `${id}-title` }, t("intro.section", { title, n: items.length })),
    items.length ? h("ul", { class: "plain intros" }, items.map((x) => item(x, { incoming: incomingSide, names, colleagueNames: colleagues, done })))
      : h("p", { class: "sub" }, empty));
  replace(main,
    h("h1", {}, t("intro.title")),
    h("div", { class: "grid" },
      section("intro-incoming", t("intro.incoming"), incoming, t("intro.noneIn"), true),
      section("intro-outgoing", t("intro.outgoing"), outgoing, t("intro.noneOut"), false)));
}
