// Upload (admins and leads): one part of the import document as a CSV or XLSX file. The part's
// template gives the columns; a refused file shows every error against its row and column
// (nothing was written), an accepted one what was imported.
import { ApiError, fetchFile, seg, upload } from "../api.js";
import { errorBox, h, num, problemText, problemTitle, replace } from "../dom.js";
import { save } from "../files.js";
import { label, lang, t } from "../i18n.js";

// The parts of the import document, in the order data is usually loaded.
export const PARTS = ["accounts", "teams", "employees", "contacts", "competitors", "competitor_staff",
  "opportunities", "relationships", "assessments", "activities", "esp_scores", "exchange_rates"];
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

export const mayUpload = (me) => me?.role === "admin" || me?.role === "lead";

const mediaOf = (file) => (/\.xlsx$/i.test(file.name) ? XLSX : /\.csv$/i.test(file.name) ? "text/csv" : file.type);

// A file's name is no language's words (nor is it checked as Chinese): marked as such inside
// the sentence that names it.
function naming(key, fileName, vars = {}) {
  const [before, after = ""] = t(key, { ...vars, file: "\u0000" }).split("\u0000");
  return [before, h("span", { class: "file-name", lang: "zxx" }, fileName), after];
}

function errorTable(err, fileName) {
  const errors = [...(err.problem.errors || [])].sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  return h("section", { class: "card", "aria-labelledby": "upload-result-title", id: "upload-errors", role: "alert" },
    h("h2", { id: "upload-result-title" }, problemTitle(err)),
    h("p", {}, naming(err.status === 403 ? "upload.refused" : "upload.invalid", fileName, { n: num(errors.length) })),
    errors.length ? h("div", { class: "scroll" }, h("table", { id: "upload-error-table" },
      h("thead", {}, h("tr", {}, ["upload.row", "upload.column", "upload.problem"].map((k) => h("th", { scope: "col" }, t(k))))),
      h("tbody", {}, errors.map((e) => {
        const said = problemText(e);
        return h("tr", { dataset: { row: e.row ?? "", column: e.column ?? "" } },
          h("td", { class: "num" }, e.row === undefined || e.row === null ? t("common.none") : num(e.row)),
          // The file's own column names, as they are; a refused row is refused whole.
          e.column ? h("td", { lang: "en" }, e.column)
            : h("td", e.row ? {} : { lang: "zxx" }, e.row ? t("upload.wholeRow") : e.path || ""),
          h("td", { lang: said.lang }, said.text));
      })))) : null);
}

function imported(result, part, fileName) {
  const counts = Object.entries(result.counts || {}).filter(([, n]) => n);
  return h("section", { class: "card notice", "aria-labelledby": "upload-result-title", id: "upload-done", role: "status" },
    h("h2", { id: "upload-result-title" }, naming("upload.done", fileName)),
    counts.length ? h("table", { id: "upload-counts" },
      h("thead", {}, h("tr", {}, h("th", { scope: "col" }, t("upload.what")), h("th", { scope: "col", class: "num" }, t("upload.count")))),
      h("tbody", {}, counts.map(([kind, n]) => h("tr", { dataset: { kind } },
        h("td", {}, label("part", kind)), h("td", { class: "num" }, num(n))))))
      : h("p", {}, t("upload.nothing", { part: label("part", part) })));
}

export async function renderUpload(main, { me, params }) {
  if (!mayUpload(me)) {
    replace(main, h("h1", {}, t("upload.title")), h("p", { class: "error", role: "alert" }, t("upload.notYours")));
    return;
  }
  const result = h("div", { id: "upload-result", "aria-live": "polite" });
  const chosen = PARTS.includes(params.get("part")) ? params.get("part") : "contacts";
  const part = h("select", { id: "upload-part", name: "part" },
    PARTS.map((p) => h("option", { value: p, selected: p === chosen }, label("part", p))));
  const file = h("input", { id: "upload-file", name: "file", type: "file", required: true,
    accept: ".csv,.xlsx,text/csv," + XLSX });
  const templateMessage = h("div", { class: "field-error" });
  const template = (format) => h("button", { type: "button", class: "secondary template", "data-format": format,
    onclick: async (event) => {
      const button = event.currentTarget;
      button.disabled = true;
      templateMessage.replaceChildren();
      try {
        const { blob, name } = await fetchFile(`/v1/import/${seg(part.value)}/template`, { params: { format, lang } });
        save(blob, name);
      } catch (err) {
        replace(templateMessage, errorBox(err));
      } finally {
        button.disabled = false;
      }
    } }, t(`upload.template.${format}`));
  const submit = h("button", { type: "submit", id: "upload-submit" }, t("upload.submit"));
  const form = h("form", { class: "card", id: "upload-form", novalidate: true },
    h("div", { class: "field" }, h("label", { for: "upload-part" }, t("upload.part")), part),
    h("div", { class: "tools", role: "group", "aria-label": t("upload.templates") },
      template("xlsx"), template("csv"), templateMessage),
    h("p", { class: "hint" }, t("upload.hint")),
    h("div", { class: "field" }, h("label", { for: "upload-file" }, t("upload.file")), file),
    h("div", { class: "form-actions" }, submit));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const chosenFile = file.files[0];
    if (!chosenFile) { replace(result, h("p", { class: "error", role: "alert" }, t("upload.choose"))); return; }
    submit.disabled = true;
    replace(result, h("p", { class: "loading", role: "status" }, t("upload.sending")));
    try {
      const answer = await upload(`/v1/import/${seg(part.value)}`, chosenFile, mediaOf(chosenFile));
      replace(result, imported(answer, part.value, chosenFile.name));
    } catch (err) {
      replace(result, err instanceof ApiError && (err.status === 422 || err.status === 403) && err.problem.errors
        ? errorTable(err, chosenFile.name) : errorBox(err));
    } finally {
      submit.disabled = false;
    }
  });
  replace(main, h("h1", {}, t("upload.title")), h("p", { class: "sub" }, t("upload.intro")), form, result);
}
