import { ApiError, api } from "../api.js";
import { errorBox, h, languagePicker, replace } from "../dom.js";
import { t } from "../i18n.js";

export function renderLogin(main, { onToken }) {
  const input = h("input", { id: "token", name: "token", type: "password", required: true,
    autocomplete: "current-password", "aria-describedby": "token-help" });
  const message = h("div", { "aria-live": "assertive" });
  const form = h("form", { class: "card login", "aria-labelledby": "login-title" },
    h("div", { class: "login-head" }, h("h1", { id: "login-title" }, t("login.title")), languagePicker()),
    h("label", { for: "token" }, t("login.token")),
    input,
    h("p", { id: "token-help", class: "sub" }, t("login.help")),
    h("button", { type: "submit" }, t("login.submit")),
    message);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const token = input.value.trim();
    try {
      await api("/v1/me", { token });
      await onToken(token);
    } catch (err) {
      replace(message, err instanceof ApiError && err.status === 401
        ? h("div", { class: "error", role: "alert" }, h("strong", {}, t("error.401")), " ", t("login.unknown"))
        : errorBox(err));
      input.focus();
    }
  });
  replace(main, form);
  document.body.dataset.view = "login";
  input.focus();
}
