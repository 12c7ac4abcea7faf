import { ApiError, api } from "../api.js";
import { errorBox, h, replace } from "../dom.js";

export function renderLogin(main, { onToken }) {
  const input = h("input", { id: "token", name: "token", type: "password", required: true,
    autocomplete: "current-password", "aria-describedby": "token-help" });
  const message = h("div", { "aria-live": "assertive" });
  const form = h("form", { class: "card login", "aria-labelledby": "login-title" },
    h("h1", { id: "login-title" }, "Sign in"),
    h("label", { for: "token" }, "Access token"),
    input,
    h("p", { id: "token-help", class: "sub" },
      "Paste the token your administrator gave you (BRM_ADMIN_TOKEN or one from POST /v1/principals)."),
    h("button", { type: "submit" }, "Sign in"),
    message);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const token = input.value.trim();
    try {
      await api("/v1/me", { token });
      await onToken(token);
    } catch (err) {
      const shown = err instanceof ApiError && err.status === 401
        ? new ApiError(401, { title: "Not signed in", detail: "That token is unknown or revoked." })
        : err;
      replace(message, errorBox(shown));
      input.focus();
    }
  });
  replace(main, form);
  document.body.dataset.view = "login";
  input.focus();
}
