// Sign-in: people with their username and password (a session cookie; an initial password is
// changed first), integrations and administrators with an access token.
import { ApiError, api, session } from "../api.js";
import { errorBox, h, languagePicker, replace } from "../dom.js";
import { t } from "../i18n.js";

function field(id, key, attrs = {}) {
  const input = h("input", { id, name: id, required: true, ...attrs });
  return [input, h("label", { for: id }, t(key)), input];
}

function refusal(err, key) {
  if (err instanceof ApiError && err.status === 401) {
    return h("div", { class: "error", role: "alert" }, h("strong", {}, t("login.failed")), " ", t(key));
  }
  if (err instanceof ApiError && err.status === 429) {
    const minutes = Math.max(1, Math.ceil((err.problem.retry_after_s || 60) / 60));
    return h("div", { class: "error", role: "alert" }, t("login.locked", { n: minutes }));
  }
  return errorBox(err);
}

function changePassword(main, current, onSignedIn, csrf, onBack) {
  const [fresh, ...freshField] = field("new-password", "login.new",
    { type: "password", autocomplete: "new-password", minlength: 10 });
  const [again, ...againField] = field("new-password-again", "login.repeat",
    { type: "password", autocomplete: "new-password", minlength: 10 });
  const message = h("div", { "aria-live": "assertive" });
  const form = h("form", { class: "card login", "aria-labelledby": "change-title" },
    h("h1", { id: "change-title" }, t("login.changeTitle")),
    h("p", { class: "sub" }, t("login.changeHelp")),
    ...freshField, ...againField,
    h("div", { class: "form-actions" },
      h("button", { type: "submit" }, t("login.changeSubmit")),
      h("button", { type: "button", class: "secondary", id: "change-back" }, t("login.back"))),
    message);
  // What was said of an earlier try goes once the passwords are edited again.
  for (const input of [fresh, again]) input.addEventListener("input", () => replace(message));
  form.querySelector("#change-back").addEventListener("click", async () => {
    // Someone else's username, or a typo: the half-started session ends on the server.
    session.csrf = csrf;
    await api("/v1/session", { method: "DELETE" }).catch(() => {});
    session.forget();
    onBack();
  });
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (fresh.value !== again.value) {
      replace(message, h("div", { class: "error", role: "alert" }, t("login.mismatch")));
      again.focus();
      return;
    }
    try {
      session.csrf = csrf;  // the change is a write of this session
      await api("/v1/session/password", { method: "POST",
        body: { current_password: current, new_password: fresh.value } });
      await onSignedIn({ csrf });
    } catch (err) {
      replace(message, errorBox(err));
      fresh.focus();
    }
  });
  replace(main, form);
  fresh.focus();
}

export function renderLogin(main, { onSignedIn }) {
  const [username, ...userField] = field("username", "login.username",
    { type: "text", autocomplete: "username", maxlength: 100, autocapitalize: "none",
      autocorrect: "off", spellcheck: "false" });
  const [password, ...passwordField] = field("password", "login.password",
    { type: "password", autocomplete: "current-password", maxlength: 200 });
  const message = h("div", { "aria-live": "assertive" });
  const people = h("form", { class: "card login", "aria-labelledby": "login-title" },
    h("div", { class: "login-head" }, h("h1", { id: "login-title" }, t("login.title")), languagePicker()),
    ...userField, ...passwordField,
    h("button", { type: "submit" }, t("login.submit")),
    message);
  const submit = people.querySelector("button[type=submit]");
  people.addEventListener("submit", async (event) => {
    event.preventDefault();
    // After a few failures the server waits seconds before it answers: a second tap would be
    // another try (six lock the username), so the form says it is checking and takes none.
    if (submit.disabled) return;
    submit.disabled = true;
    replace(tokenMessage);  // one attempt's refusal at a time
    replace(message, h("p", { class: "sub", role: "status" }, t("login.checking")));
    try {
      const started = await api("/v1/session", { method: "POST", token: "",
        body: { username: username.value.trim(), password: password.value } });
      if (started.must_change_password) {
        changePassword(main, password.value, onSignedIn, started.csrf_token,
                       () => renderLogin(main, { onSignedIn }));
        return;
      }
      await onSignedIn({ csrf: started.csrf_token });
    } catch (err) {
      replace(message, refusal(err, "login.wrong"));
      password.select();
    } finally {
      submit.disabled = false;
    }
  });

  const [token, ...tokenField] = field("token", "login.token",
    { type: "password", autocomplete: "off", "aria-describedby": "token-help" });
  const tokenMessage = h("div", { "aria-live": "assertive" });
  const systems = h("form", { class: "card login", "aria-labelledby": "token-title" },
    h("h2", { id: "token-title" }, t("login.withToken")),
    ...tokenField,
    h("p", { id: "token-help", class: "sub" }, t("login.help")),
    h("button", { type: "submit" }, t("login.submitToken")),
    tokenMessage);
  systems.addEventListener("submit", async (event) => {
    event.preventDefault();
    replace(message);
    const value = token.value.trim();
    try {
      await api("/v1/me", { token: value });
      await onSignedIn({ token: value });
    } catch (err) {
      replace(tokenMessage, refusal(err, "login.unknown"));
      token.focus();
    }
  });
  replace(main, people, systems);
  document.body.dataset.view = "login";
  username.focus();
}
