// "I know this person": the user's own acquaintance, INFLUENCES from their employee id, with
// its strength. An existing acquaintance is updated in place (same start date, same edge).
import { write } from "../api.js";
import { h } from "../dom.js";
import { t } from "../i18n.js";
import { currentEdges } from "./data.js";
import { captureForm, openDialog, today } from "./form.js";

export async function declareAcquaintance({ me, contactId, name, done }) {
  const mine = (await currentEdges(contactId, "INFLUENCES")).find((r) => r.from === me.employee_id);
  openDialog(t("know.title", { name }), (close) => {
    const strength = h("input", { type: "number", min: 0, max: 1, step: 0.05, required: true,
      inputmode: "decimal", value: mine?.strength ?? 0.5 });
    const since = h("input", { type: "date", value: mine?.since || today(), max: today() });
    const form = captureForm({
      id: "know-form", submitLabel: t("know.submit"), onCancel: close,
      onSubmit: async () => {
        const value = Number(strength.value);
        await write("/v1/relationships", { type: "INFLUENCES", from: me.employee_id, to: contactId,
          strength: Number.isFinite(value) ? value : strength.value, since: since.value || null });
        close();
        done(t("know.done"));
      },
    });
    form.append(
      mine ? h("p", { class: "notice" }, t("know.yours", { s: mine.strength ?? "?" })) : null,
      h("div", { class: "field-row" },
        form.field("strength", t("know.strength"), strength, { hint: t("know.strengthHelp") }),
        form.field("since", t("know.since"), since)));
    return form.form;
  });
}
