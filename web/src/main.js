// The single-page app: sign-in (username and password, or a token), then person, deal, account and dashboard views,
// each as of the date on the header's time slider.
import { api, session } from "./api.js";
import { flash, takeFlash, today, useZone } from "./capture/form.js";
import { renderIntroductions, updateIntroLink } from "./capture/intros.js";
import { errorBox, forgetShownWhole, h, languagePicker, replace } from "./dom.js";
import { date, t, translatePage } from "./i18n.js";
import { current, go, setParam } from "./route.js";
import { renderAccount } from "./views/account.js";
import { renderCapture } from "./views/capture.js";
import { renderCompetitor } from "./views/competitor.js";
import { renderDashboard } from "./views/dashboard.js";
import { renderDeal } from "./views/deal.js";
import { renderEsp } from "./views/esp.js";
import { renderLogin } from "./views/login.js";
import { renderNetwork } from "./views/network.js";
import { renderPerson } from "./views/person.js";
import { renderReview } from "./views/review.js";
import { renderSearch } from "./views/search.js";
import { mayUpload, renderUpload } from "./views/upload.js";

const VIEWS = {
  dashboard: renderDashboard, person: renderPerson, deal: renderDeal,
  account: renderAccount, search: renderSearch, introductions: renderIntroductions,
  review: renderReview, capture: renderCapture, upload: renderUpload, network: renderNetwork,
  esp: renderEsp, competitor: renderCompetitor,
};
const DAY = 86_400_000;
const main = document.getElementById("main");
const header = document.querySelector("header.top");
let rendering = 0;

const daysFromToday = (iso) => Math.round((Date.parse(iso) - Date.parse(today())) / DAY);
const dateAt = (offset) => new Date(Date.parse(today()) + offset * DAY).toISOString().slice(0, 10);

function syncAsOf(asOf) {
  const slider = document.getElementById("asof-slider");
  const picker = document.getElementById("asof-date");
  const shown = asOf || today();
  slider.value = String(Math.max(Number(slider.min), Math.min(0, daysFromToday(shown))));
  slider.setAttribute("aria-valuetext", date(shown));
  picker.value = shown;
  picker.max = today();
  document.getElementById("asof-value").textContent = asOf ? date(shown) : t("asof.todayValue", { date: date(shown) });
}

function wireHeader() {
  translatePage();
  header.querySelector(".who").prepend(languagePicker());
  const slider = document.getElementById("asof-slider");
  slider.addEventListener("input", () => {
    document.getElementById("asof-value").textContent = date(dateAt(Number(slider.value)));
  });
  // Change fires on release (or per key press), so dragging does not flood the API.
  slider.addEventListener("change", () => {
    const offset = Number(slider.value);
    setParam("as_of", offset === 0 ? null : dateAt(offset));
  });
  document.getElementById("asof-date").addEventListener("change", (event) => {
    const value = event.target.value;
    setParam("as_of", value && value !== today() ? value : null);
  });
  document.getElementById("asof-today").addEventListener("click", () => setParam("as_of", null));
  document.getElementById("search-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const q = new FormData(event.target).get("q").trim();
    if (q) go("search", null, { q });
  });
  header.querySelector("nav").append(h("a", { href: "#/introductions", "data-nav": "introductions",
    id: "intro-link", hidden: true }, t("intro.nav")),
  h("a", { href: "#/network", "data-nav": "network", id: "network-link", hidden: true }, t("nav.network")),
  h("a", { href: "#/capture", "data-nav": "capture", id: "capture-link", hidden: true }, t("capture.nav")),
  h("a", { href: "#/upload", "data-nav": "upload", id: "upload-link", hidden: true }, t("upload.nav")),
  h("a", { href: "#/esp", "data-nav": "esp", id: "esp-link", hidden: true }, t("esp.nav")));
  document.getElementById("logout").addEventListener("click", async () => {
    // A session ends on the server too; a token simply stops being used here.
    if (!session.token && session.csrf) await api("/v1/session", { method: "DELETE" }).catch(() => {});
    session.forget();
    go("login");
  });
}

async function whoAmI() {
  if (!session.signedIn) return null;
  if (!session.me) {
    try {
      session.me = await api("/v1/me");
      useZone(session.me.time_zone);
    } catch (err) {
      if (err.status === 401) session.forget();
      throw err;
    }
  }
  return session.me;
}

async function render() {
  const mine = ++rendering;
  const route = current();
  let me = null;
  try {
    me = await whoAmI();
  } catch (err) {
    if (err.status !== 401) { replace(main, errorBox(err)); return; }
  }
  if (!me || route.view === "login") {
    header.hidden = true;
    if (me && route.view === "login") { go("dashboard"); return; }
    renderLogin(main, { onSignedIn: async ({ token = null, csrf = null }) => {
      // Not forget(): that would drop the CSRF cookie the sign-in has just set.
      session.me = null;
      session.token = token;
      if (csrf) session.csrf = csrf;
      await whoAmI();
      go("dashboard");
    } });
    return;
  }
  header.hidden = false;
  const who = document.getElementById("who");
  const role = t(`principal.${me.role}`);
  who.textContent = me.name ? t("who.line", { name: me.name, role }) : role;
  if (me.employee_id) who.title = me.employee_id; else who.removeAttribute("title");
  for (const a of header.querySelectorAll("[data-nav]")) {
    if (a.dataset.nav === route.view) a.setAttribute("aria-current", "page");
    else a.removeAttribute("aria-current");
  }
  const asOf = route.params.get("as_of");
  if (asOf && asOf > today()) {
    // A day to come has no figures yet (they would be today's, dated later): today's instead.
    flash(t("asof.future", { date: date(asOf) }));
    setParam("as_of", null);
    return;
  }
  syncAsOf(asOf);
  const view = VIEWS[route.view];
  if (!view) { replace(main, h("p", {}, t("error.noPage"), " ", h("a", { href: "#/dashboard" }, t("nav.dashboard")))); return; }
  const isCurrent = () => mine === rendering;
  updateIntroLink(me);
  // One's own calendar and mail: for a signed-in employee who may write.
  document.getElementById("capture-link").hidden = !(me.employee_id && me.can_write);
  document.getElementById("network-link").hidden = !me.employee_id;
  document.getElementById("upload-link").hidden = !mayUpload(me);
  document.getElementById("esp-link").hidden = !me.company_wide;
  try {
    await view(main, { id: route.id, params: route.params, asOf, me, isCurrent, refresh });
  } catch (err) {
    if (!isCurrent()) return;
    if (err.status === 401) { session.forget(); go("login"); return; }
    replace(main, errorBox(err));
  }
  if (!isCurrent()) return;
  const note = takeFlash();
  if (note) {
    document.querySelector(".flash")?.remove();
    main.append(note);
    setTimeout(() => note.remove(), 8000);
  }
  document.body.dataset.view = route.view;
}

// After a write: the same view drawn again from the API, where the reader was on the page:
// the lists they showed whole and the details they opened as they were, and the part they
// acted on (`at`, an element with an id) where it was on the screen, focused; or, without
// it, the page at the same height.
async function refresh(at = null) {
  const y = window.scrollY;
  const place = at?.id ? [at.id, at.getBoundingClientRect().top] : null;
  const opened = [...main.querySelectorAll("details[open][id]")].map((d) => d.id);
  delete document.body.dataset.view;
  await render();
  for (const id of opened) document.getElementById(id)?.setAttribute("open", "");
  const again = place && document.getElementById(place[0]);
  if (!again) { window.scrollTo(0, y); return; }
  window.scrollBy(0, again.getBoundingClientRect().top - place[1]);
  again.tabIndex = -1;
  again.focus({ preventScroll: true });
}

// Where the reader was on each page they left: Back (or Forward) returns them there, as a
// browser does for pages of their own; a link opens its page at the top. A browser without
// the Navigation API cannot tell the two apart, and returns them there either way.
const positions = new Map();
let traversing = !window.navigation;
window.navigation?.addEventListener("navigate", (event) => { traversing = event.navigationType === "traverse"; });

wireHeader();
window.addEventListener("hashchange", (event) => {
  positions.set(event.oldURL, window.scrollY);
  const back = traversing ? positions.get(location.href) : undefined;
  for (const dialog of document.querySelectorAll("dialog[open]")) dialog.close();
  forgetShownWhole();
  delete document.body.dataset.view;
  render().then(() => {
    main.focus({ preventScroll: true });
    window.scrollTo(0, back ?? 0);
  });
});
render();
