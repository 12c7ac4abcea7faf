// Files the browser saves: a list read as a spreadsheet (the API's own rows, fetched with the
// tab's credentials, since a bearer token cannot ride on a plain link) and a map as a picture.
import { fetchFile } from "./api.js";
import { errorBox, h, replace } from "./dom.js";
import { lang, t } from "./i18n.js";

export function save(blob, name) {
  const url = URL.createObjectURL(blob);
  const link = h("a", { href: url, download: name, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started from the URL by now; a minute is ample before letting it go.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** A file name from its kind (`file.*`, in the reader's words), ids and dates, in letters
 *  every file system takes. */
export const fileName = (kind, ...parts) =>
  [t(`file.${kind}`), ...parts].filter(Boolean).join("-").replace(/[^\p{L}\p{N}._-]/gu, "_");

function busyButton(text, attrs, run, message) {
  const button = h("button", { type: "button", class: "secondary", ...attrs }, text);
  button.addEventListener("click", async () => {
    button.disabled = true;
    message.replaceChildren();
    try { await run(); } catch (err) { replace(message, errorBox(err)); } finally { button.disabled = false; }
  });
  return button;
}

/** Buttons saving `path` (a list read) as Excel and CSV, with the same parameters as the
 *  table beside them, so the file holds its rows (a line's lists whole, not their first on
 *  screen), headed and said in the reader's language. */
export function exportButtons(path, params, { id } = {}) {
  const message = h("div", { class: "field-error" });
  // A file that holds part of what the page counts (the lists beside the figures hold their
  // first entries) says so here, as the page does.
  const note = h("p", { class: "sub export-note", role: "status" });
  const button = (format) => busyButton(t(`export.${format}`), { class: "secondary export", "data-format": format },
    async () => {
      // A company's lists take seconds to make: the button alone, greyed, would seem dead.
      note.textContent = t("export.preparing");
      try {
        const { blob, name, truncated, rows } = await fetchFile(path, { params: { ...params, format, lang } });
        save(blob, name);
        // How many rows it holds: a list longer than the screen's is whole in the file.
        note.textContent = rows === null ? "" : t(truncated ? "export.truncated" : "export.rows", { n: rows });
      } catch (err) {
        note.replaceChildren();
        throw err;
      }
    }, message);
  return h("div", { class: "tools", role: "group", "aria-label": t("export.label"), id },
    button("xlsx"), button("csv"), message, note);
}

/** A button saving a map as a PNG; `cy` gives the drawn map (drawn after the page is laid out). */
export function pictureButton(cy, name, { id } = {}) {
  const message = h("div", { class: "field-error" });
  return h("div", { class: "tools", id },
    busyButton(t("export.png"), { class: "secondary picture" }, async () => {
      save(cy().png({ output: "blob", full: true, scale: 2, bg: "#ffffff" }), `${name}.png`);
    }, message), message);
}
