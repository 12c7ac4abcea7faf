// The row of capture buttons a view shows under its title, when the user may write there.
import { errorBox, h, replace } from "../dom.js";
import { t } from "../i18n.js";
import { flash, opener } from "./form.js";

/** Buttons [text, open, attrs]; `open` may be async (it loads what the form offers). */
export function captureBar(buttons) {
  const message = h("div", { class: "field-error" });
  return h("div", { class: "capture-bar", role: "group", "aria-label": t("capture.heading") },
    buttons.filter(Boolean).map(([text, open, attrs = {}]) => {
      const button = opener(text, async () => {
        button.disabled = true;
        message.replaceChildren();
        try { await open(); } catch (err) { replace(message, errorBox(err)); } finally { button.disabled = false; }
      }, attrs);
      return button;
    }), message);
}

/** What a form calls after its write: a message for the next drawing, and the redraw. */
export const redraw = (refresh) => (message) => { flash(message); refresh(); };

export const mayWrite = (me) => Boolean(me?.can_write);
