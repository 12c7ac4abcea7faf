"""The web app in Chinese, in Chromium with the browser's language zh-CN, at desktop size and on
a 390x844 phone: every view (dashboard, person, deal, account, search, introductions both ways,
the weekly review, the upload screen, one's own network)
and every capture dialog is in Chinese, with no word of English left in any text, label,
placeholder or tooltip (names and ids aside), no id shown where a name belongs, nothing wider
than the phone's screen outside the tables and maps that scroll, and axe-core's WCAG 2 A/AA
rules pass. The header's language switch changes the whole app and the choice sticks.
Screenshots: test-artifacts/screenshots/zh-*.png."""

import re
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

import httpx
import pytest
from playwright.sync_api import Browser, BrowserContext, expect

from tests.conftest import ADMIN_TOKEN
from tests.web.test_browser import SHOTS, Session, get
from tests.web.test_browser import app_url as app_url
from tests.web.test_browser import browser as browser
from tests.web.test_capture import SIZES, a_masked_path, axe_clean, principal, unexpected
from tests.web.test_review import lead_of

# Every string a user may read: text (shown or behind a <details>), labels, placeholders,
# tooltips, values read out; what is marked as another language (the switch's "English", the
# server's own messages) aside.
READABLE = """() => {
  const foreign = (el) => { const l = el?.closest("[lang]")?.getAttribute("lang") || "";
                            return !l.startsWith("zh"); };
  const found = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    if (!n.textContent.trim() || el.closest("script, style, noscript") || foreign(el)) continue;
    found.push(["text", n.textContent.trim()]);
  }
  const attributes = ["aria-label", "placeholder", "title", "alt", "aria-valuetext"];
  for (const el of document.querySelectorAll(attributes.map((a) => `[${a}]`).join(","))) {
    if (foreign(el)) continue;
    for (const a of attributes) {
      if (el.hasAttribute(a)) found.push([a, el.getAttribute(a)]);
    }
  }
  return found;
}"""
# Shown, wider than the screen, and not inside something that scrolls sideways (a wide table's
# card, a map's canvas).
OVERFLOWING = """() => {
  const width = document.documentElement.clientWidth;
  const scrolls = (el) => { for (let p = el.parentElement; p; p = p.parentElement) {
    if (["auto", "scroll", "hidden"].includes(getComputedStyle(p).overflowX)) return true; }
    return false; };
  return [...document.querySelectorAll("body *")].filter((el) => {
    const r = el.getBoundingClientRect();
    return r.width && r.right > width + 1 && el.checkVisibility() && !scrolls(el);
  }).map((el) => `${el.tagName.toLowerCase()}.${el.className}: ${el.textContent.trim().slice(0, 40)}`);
}"""
IDS = re.compile(r"\b(?:[a-z]{1,2}-\d{5}|(?:act|intro)-[0-9a-f-]{8,}|colleague-[\w-]{8,})")
LATIN = re.compile(r"[A-Za-z]{2,}")
NAMES = {"BRM", "Excel", "CSV"}  # the product's name; file formats Chinese software names so


def english_left(readable: list[list[str]]) -> list[tuple[str, str]]:
    """What is still in English: Latin words once ids are taken out (a tooltip holds the id)."""
    return [(where, text) for where, text in readable
            if set(LATIN.findall(IDS.sub("", text))) - NAMES]


def ids_shown(page: Any) -> list[str]:
    """Ids in the text a user reads, where names belong (ids stay in links and tooltips)."""
    return sorted(set(IDS.findall(page.evaluate("document.body.innerText"))))


@pytest.fixture(scope="module")
def cast(app_url: str) -> dict[str, Any]:
    """A rep, a contact of theirs with a path from a colleague they may not see (who has been
    asked for an introduction), the contact's account and one of its deals with a chain."""
    (token, employee_id), contact_id, ref, account_id = a_masked_path(app_url)
    # An open deal: a won or lost one asks for nothing, and the review would show no suggestion.
    deals = [o for o in get(app_url, "/v1/opportunities", token, account_id=account_id,
                            limit=100)["items"] if o.get("status", "open") == "open"]
    deal_id = max(deals, key=lambda o: len(get(app_url, f"/v1/opportunities/{o['id']}/decision-chain",
                                                token)["members"]))["id"]
    asked = httpx.post(app_url + "/v1/introductions", timeout=30,
                       headers={"Authorization": f"Bearer {token}"},
                       json={"colleague": ref["employee_id"], "contact_id": contact_id,
                             "opportunity_id": deal_id, "note": "请帮忙引荐"})
    assert asked.status_code == 201, asked.text
    colleague = next(i["colleague_id"] for i in get(app_url, "/v1/introductions")
                     if i["id"] == asked.json()["id"])
    # This week, for the weekly review: the rep moves a member's closeness on the deal and
    # tracks an action for them, so that a change, an open action and suggestions are drawn.
    member = get(app_url, f"/v1/opportunities/{deal_id}/decision-chain", token)["members"][0]
    rep_headers = {"Authorization": f"Bearer {token}"}
    assessed = httpx.post(app_url + "/v1/assessments", timeout=30, headers=rep_headers, json={
        "contact_id": member["contact_id"], "at": date.today().isoformat(), "opportunity_id": deal_id,
        "closeness": "oppose" if member["closeness"] == "strong_oppose" else "strong_oppose"})
    assert assessed.status_code == 200, assessed.text
    tracked = httpx.post(app_url + "/v1/actions", timeout=30, headers=rep_headers, json={
        "opportunity_id": deal_id, "kind": "custom", "contact_id": member["contact_id"],
        "owner_id": employee_id, "due": (date.today() + timedelta(days=7)).isoformat(),
        "note": "拜访信息中心主任"})
    assert tracked.status_code == 201, tracked.text
    return {"rep": token, "colleague": principal(app_url, "rep", colleague),
            "lead": principal(app_url, "lead", lead_of(app_url, employee_id)), "contact": contact_id,
            "contact_name": get(app_url, f"/v1/contacts/{contact_id}")["name"],
            "admin": esp_admin(app_url), "competitor": rival_of(app_url, deal_id),
            "account": account_id, "deal": deal_id}


@pytest.fixture(params=list(SIZES))
def size(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def open_context(browser: Browser, size: str, locale: str) -> BrowserContext:
    return browser.new_context(viewport=SIZES[size], locale=locale, bypass_csp=True,
                               has_touch=size == "phone")


@pytest.fixture
def zh(browser: Browser, app_url: str, size: str) -> Iterator[Session]:
    context = open_context(browser, size, "zh-CN")
    session = Session(context.new_page(), app_url)
    yield session
    context.close()
    assert unexpected(session.errors) == []
    assert [u for u in session.requests if not u.startswith(app_url)] == []


def check_chinese(tab: Session) -> None:
    """The page as drawn fits the screen; its words, with every <details> open, are Chinese."""
    page = tab.page
    assert page.evaluate("document.documentElement.lang") == "zh-CN"
    assert page.evaluate(OVERFLOWING) == []
    page.evaluate("document.querySelectorAll('main details:not([open])')"
                  ".forEach((d) => { d.open = true; d.dataset.opened = ''; })")
    assert english_left(page.evaluate(READABLE)) == []
    assert ids_shown(page) == []
    page.evaluate("document.querySelectorAll('details[data-opened]')"
                  ".forEach((d) => { d.open = false; delete d.dataset.opened; })")


VIEWS = {"dashboard": "dashboard", "person": "person/{contact}", "deal": "deal/{deal}",
         "account": "account/{account}", "search": "search?q={contact_name}",
         "introductions": "introductions", "review": "review", "upload": "upload",
         "network": "network"}
SHOWN = {"dashboard": ["#account-list-export", "#influence-list-export", "#key-persons-export"],
         "deal": ["#members-export", "#deal-graph-png"], "account": ["#account-graph-png"],
         "review": ["li.event", "li.action", "li.suggestion", "#changes-export", "#actions-export"],
         "upload": ["#upload-form", "#upload-part"],
         # The rep's own network (demo data: the rep knows people by declaration).
         "network": ["#network tbody tr"]}
# Who opens each view: the inbox of the colleague asked, the upload screen a lead's.
VIEWERS = {"introductions": "colleague", "upload": "lead"}
OPENERS = {
    "person": ["#open-log", "#open-assess", "#open-know"],
    "deal": ["#open-log", "#add-member", "#chain-edit [data-action=role]",
             "#chain-edit [data-action=remove]"],
    "account": ["#open-log", "#open-person", "#open-line", "#open-end-line"],
    "introductions": ["[data-step]"],
}

# The ESP+ ranking for a company-wide principal (an admin, who also has the weights form), and a
# rival of the cast's deal.
VIEWS.update({"esp": "esp", "competitor": "competitor/{competitor}"})
SHOWN.update({"esp": ["#esp-ranking", "#esp-weights", "#esp-link", "#open-esp-weights",
                      "#open-esp-threshold", "[data-override]"],
              "competitor": ["#rival-views"]})
VIEWERS.update({"esp": "admin"})
OPENERS.update({"esp": ["#open-esp-weights", "#open-esp-threshold", "[data-override]"]})


def esp_admin(url: str) -> str:
    """The admin, after storing an industry's weights (the defaults: no composite changes), so
    that the ESP+ view draws its weights table."""
    stored = httpx.put(url + "/v1/esp/weights/energy", timeout=30,
                       headers={"Authorization": f"Bearer {ADMIN_TOKEN}"},
                       json={"sales": 0.4, "potential": 0.3, "demonstration": 0.1, "winnable": 0.2})
    assert stored.status_code == 200, stored.text
    return ADMIN_TOKEN


def rival_of(url: str, deal_id: str) -> str:
    """A competitor on the deal, else any competitor of the demo data."""
    on_deal = get(url, f"/v1/opportunities/{deal_id}/decision-chain")["competitors"]
    if on_deal:
        return str(on_deal[0]["competitor_id"])
    return str(get(url, "/v1/competitors", limit=1)["items"][0]["id"])


@pytest.mark.parametrize("view", list(VIEWS))
def test_every_view_and_dialog_is_in_chinese(zh: Session, cast: dict[str, Any], size: str, view: str) -> None:
    zh.sign_in(cast[VIEWERS.get(view, "rep")])
    zh.open(VIEWS[view].format(**cast), view)
    for drawn in SHOWN.get(view, []):  # what the checks below must have read
        expect(zh.page.locator(drawn).first).to_be_visible()
    zh.shot(f"zh-{view}-{size}")
    check_chinese(zh)
    axe_clean(zh.page)
    for opener in OPENERS.get(view, []):
        zh.page.locator(opener).first.click()
        box = zh.page.locator("dialog[open]")
        box.wait_for()
        assert box.get_attribute("lang") == "zh-CN"
        zh.page.screenshot(path=SHOTS / f"zh-{view}-{re.sub(r'[^a-z]+', '-', opener).strip('-')}-{size}.png")
        check_chinese(zh)
        axe_clean(zh.page)
        zh.page.keyboard.press("Escape")
        box.wait_for(state="detached")


def test_every_view_of_an_earlier_day_asks_only_what_its_routes_take(
        zh: Session, cast: dict[str, Any], size: str) -> None:
    """Each view a month back (the header's date): the API refuses a parameter a route does
    not take, and the network view sent its date to the colleague's record, which has none."""
    refused: list[str] = []
    zh.page.on("response", lambda r: refused.append(f"{r.status} {r.url}")
               if r.status == 422 and "/v1/" in r.url else None)
    day = (date.today() - timedelta(days=30)).isoformat()
    viewer = None
    for view, route in VIEWS.items():
        if view == "upload":
            continue  # the same today or not
        if VIEWERS.get(view, "rep") != viewer:
            if viewer is not None:
                zh.page.evaluate("sessionStorage.clear()")  # signed in with a token: forgotten
            viewer = VIEWERS.get(view, "rep")
            zh.sign_in(cast[viewer])
        zh.open(route.format(**cast) + ("&" if "?" in route else "?") + f"as_of={day}", view)
        zh.page.wait_for_load_state("networkidle")
        assert zh.page.locator("main .error").count() == 0, view
    assert refused == []


def test_the_requester_sees_the_introduction_in_chinese(zh: Session, cast: dict[str, Any], size: str) -> None:
    zh.sign_in(cast["rep"])
    zh.open("introductions", "introductions")
    zh.shot(f"zh-introductions-requester-{size}")
    check_chinese(zh)
    assert "请帮忙引荐" in zh.page.locator("main").inner_text()


def test_the_admins_dashboard_names_teams_accounts_and_people(zh: Session, app_url: str, size: str) -> None:
    zh.sign_in(ADMIN_TOKEN)
    page = zh.page
    teams = get(app_url, "/v1/teams", limit=100)["items"]
    options = {o.inner_text() for o in page.locator("#scope option").all()}
    assert options >= {f"团队：{t['name']}" for t in teams}
    influence = get(app_url, "/v1/kpis/influence", scope="company")
    shown = page.locator("#influence-list tbody td:first-child").all_inner_texts()
    assert shown == [p["name"] for p in influence["influence_list"]]
    assert all("¥" in x for x in page.locator("#account-list tbody td:nth-child(2)").all_inner_texts())
    assert re.search(r"截至 \d{4}年\d{1,2}月\d{1,2}日", page.locator("main .sub").first.inner_text())
    zh.shot(f"zh-dashboard-admin-{size}")
    check_chinese(zh)


def test_the_language_switch_changes_everything_and_sticks(browser: Browser, app_url: str,
                                                           cast: dict[str, Any]) -> None:
    context = open_context(browser, "desktop", "en-US")
    tab = Session(context.new_page(), app_url)
    page = tab.page
    page.goto(app_url + "/")
    expect(page.locator("#login-title")).to_have_text("Sign in")
    tab.sign_in(cast["rep"])
    assert page.evaluate("document.documentElement.lang") == "en"
    with page.expect_navigation():
        page.locator("header select.lang").select_option("zh-CN")
    tab.wait_for("dashboard")
    assert page.evaluate("document.documentElement.lang") == "zh-CN"
    expect(page.locator("nav [data-nav=dashboard]")).to_have_text("仪表盘")
    expect(page.locator("h1")).to_have_text("仪表盘")
    # Another tab of the same browser, and a sign-in page, keep the choice.
    other = Session(context.new_page(), app_url)
    other.page.goto(app_url + "/")
    expect(other.page.locator("#login-title")).to_have_text("登录")
    assert other.page.evaluate("localStorage.getItem('brm.lang')") == "zh-CN"
    tab.open(f"deal/{cast['deal']}", "deal")
    assert english_left(page.evaluate(READABLE)) == []
    with page.expect_navigation():
        page.locator("header select.lang").select_option("en")
    tab.wait_for("deal")
    expect(page.locator("#coverage-title")).to_have_text("Coverage")
    context.close()
    assert unexpected(tab.errors + other.errors) == []


def test_the_check_finds_english_and_ids() -> None:
    """The checks bite: an English label, a tooltip in English and an id in a name's place."""
    assert english_left([["text", "关键人（3）"], ["title", "c-00002"], ["text", "截至 2026年3月31日"],
                         ["text", "Key persons"], ["aria-label", "图例 Legend"]]) == [
        ("text", "Key persons"), ("aria-label", "图例 Legend")]
    assert IDS.findall("王建国 · c-00002 · k-00002 · e-00014 · 2026-03-31 · colleague-Xy_9-aBcDeF12") == [
        "c-00002", "k-00002", "e-00014", "colleague-Xy_9-aBcDeF12"]


def test_the_esp_view_is_not_for_a_rep_and_a_deals_rival_opens_its_view(zh: Session, app_url: str,
                                                                          cast: dict[str, Any]) -> None:
    zh.sign_in(cast["rep"])
    page = zh.page
    expect(page.locator("#esp-link")).to_be_hidden()
    zh.open("esp", "esp")
    expect(page.locator("#esp-not-for-you")).to_be_visible()
    check_chinese(zh)
    zh.open(f"deal/{cast['deal']}", "deal")
    page.locator(f"#coverage a[href^='#/competitor/{cast['competitor']}']").click()
    zh.wait_for("competitor")
    expect(page.locator("h1")).to_contain_text(get(app_url, f"/v1/competitors/{cast['competitor']}")["name"])
    expect(page.locator("#rival-views")).to_be_visible()
    check_chinese(zh)


def test_an_admin_sets_an_industrys_weights_and_sees_the_apis_refusal(zh: Session, app_url: str) -> None:
    """Weights that do not sum to 1 are refused with the API's own message; the same form then
    saves them (the default weights: nothing else in this module changes) and the table shows them."""
    zh.sign_in(ADMIN_TOKEN)
    zh.open("esp", "esp")
    page = zh.page
    page.locator("#open-esp-weights").click()
    form = page.locator("#esp-weights-form")
    form.locator("select").select_option("banking")
    weights = form.locator("input[type=number]")  # sales, potential, reference value, winnable
    for i, value in enumerate(["0.5", "0.3", "0.1", "0.2"]):
        weights.nth(i).fill(value)
    expect(page.locator("#esp-sum")).to_contain_text("1.1")
    form.locator("button[type=submit]").click()
    expect(form.locator(".form-message [role=alert]")).to_contain_text("权重之和须为 1（现为 1.1）。")
    weights.first.fill("0.4")
    form.locator("button[type=submit]").click()
    expect(page.locator("dialog[open]")).to_have_count(0)
    zh.wait_for("esp")
    expect(page.locator("#esp-weights tbody")).to_contain_text("金融")
    assert {w["industry"] for w in get(app_url, "/v1/esp/weights")} >= {"banking"}


def test_a_third_party_is_drawn_on_the_political_map_by_name(zh: Session, app_url: str,
                                                            size: str) -> None:
    """The demo's design institute, partner and consultant influence key persons: the account's
    map draws them as nodes of their own, the legend names their kind in Chinese, and axe-core
    still passes."""
    account, line = next(
        (a["id"], m["third_party_influence"][0])
        for a in get(app_url, "/v1/accounts", limit=100)["items"]
        if (m := get(app_url, f"/v1/accounts/{a['id']}/political-map"))["third_party_influence"])
    zh.sign_in(ADMIN_TOKEN)
    zh.open(f"account/{account}", "account")
    graph = zh.page.locator("#account-graph")
    expect(graph).to_have_attribute("data-node-ids", re.compile(re.escape(line["third_party_id"])))
    assert f"{line['third_party_id']}->{line['contact_id']}" in graph.get_attribute("data-edge-ids")
    expect(zh.page.locator(".legend[aria-label]").first).to_contain_text("第三方（六边形）")
    check_chinese(zh)
    axe_clean(zh.page)
