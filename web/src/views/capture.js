// My calendar and mail: the signed-in employee uploads their own calendar export (.ics) or
// mailbox (.mbox, or one message as .eml); meetings and mail with known contacts become
// activities. Items the employee may not capture (another team's contacts, meetings they
// were not in) are skipped rather than refusing the whole file, and listed with the reason.
import { upload } from "../api.js";
import { errorBox, h, problemText, replace } from "../dom.js";
import { dateTime, date, t, tn } from "../i18n.js";

const KINDS = {
  calendar: { path: "/v1/capture/calendar", accept: ".ics,text/calendar", files: ".ics",
    type: () => "text/calendar" },
  mail: { path: "/v1/capture/mail", accept: ".mbox,.eml,application/mbox,message/rfc822",
    files: ".mbox .eml",
    type: (name) => (name.toLowerCase().endsWith(".eml") ? "message/rfc822" : "application/mbox") },
};

const when = (at) => (at && at.length > 10 ? dateTime(at) : date(at));

function outcome(result) {
  const counts = ["created", "updated", "unchanged", "removed", "skipped"].map((part) =>
    h("li", { "data-part": part }, tn(`capture.${part}`, result[part].length)));
  return h("div", { class: "capture-result", role: "status" },
    h("ul", { class: "counts" }, counts),
    result.unmatched_addresses.length ? h("section", {},
      h("h3", {}, tn("capture.unmatched", result.unmatched_addresses.length)),
      h("p", {}, t("capture.unmatchedHint")),
      // Addresses are no language: lang="zxx".
      h("ul", { class: "unmatched", lang: "zxx" }, result.unmatched_addresses.map((a) => h("li", {}, a)))) : null,
    result.skipped.length ? h("details", {},
      h("summary", {}, t("capture.skippedWhy")),
      h("ul", { class: "skipped" }, result.skipped.map((s) => {
        const said = problemText({ code: s.code, params: s.params, message: s.reason });
        return h("li", {}, s.at ? `${when(s.at)} · ` : "", s.summary ? [h("strong", {}, s.summary), " · "] : "",
          h("span", { lang: said.lang }, said.text));
      }))) : null);
}

function uploader(kind) {
  const spec = KINDS[kind];
  const out = h("div", { class: "capture-out" });
  const input = h("input", { type: "file", id: `capture-${kind}-file`, accept: spec.accept, required: true });
  const button = h("button", { type: "submit" }, t("capture.send"));
  const form = h("form", { class: "capture-form", onsubmit: async (event) => {
    event.preventDefault();
    const file = input.files[0];
    if (!file) { replace(out, h("p", { class: "error", role: "alert" }, t("capture.chooseFile"))); return; }
    button.disabled = true;
    replace(out, h("p", { class: "loading", role: "status" }, t("capture.sending", { name: file.name })));
    try {
      const result = await upload(spec.path, await file.arrayBuffer(), spec.type(file.name),
        { skip_refused: true });
      replace(out, outcome(result));
    } catch (err) {
      replace(out, errorBox(err));
    } finally {
      button.disabled = false;
    }
  } },
  // File name endings are no language: lang="zxx".
  h("label", { for: input.id }, t(`capture.${kind}File`), " (", h("code", { lang: "zxx" }, spec.files), ")"),
  " ", input, " ", button);
  return h("section", { class: "card", "aria-labelledby": `capture-${kind}-title` },
    h("h2", { id: `capture-${kind}-title` }, t(`capture.${kind}Title`)),
    h("p", {}, t(`capture.${kind}Hint`)), form, out);
}

export async function renderCapture(main, { me }) {
  if (!me.employee_id || !me.can_write) {
    replace(main, h("p", {}, t("capture.notForYou")));
    return;
  }
  replace(main, h("h1", {}, t("capture.title")), h("p", {}, t("capture.intro")),
    uploader("calendar"), uploader("mail"));
}
