"""The ESP+ view's admin controls, in Chromium with the browser's language zh-CN, on the demo
data: an admin gives an industry a key-account threshold (the API's refusal shown beside the
field) and sets an account's manual override both ways, sees the ranking's key-account mark
follow each change, and clears them again; the ranking's change columns are filled by the
demo's earlier evaluation; an exec sees the same figures read-only, a rep and a lead not at all.
Screenshots: test-artifacts/screenshots/esp-admin-*.png."""

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.sync_api import Browser, Locator, expect

from app.ingestion.schemas import AccountIn
from tests.conftest import ADMIN_TOKEN, AUTH
from tests.web.test_browser import SHOTS, Session, get
from tests.web.test_browser import app_url as app_url
from tests.web.test_browser import browser as browser
from tests.web.test_capture import SIZES, a_rep, axe_clean, principal, unexpected
from tests.web.test_languages import check_chinese
from tests.web.test_review import lead_of

ROOT = Path(__file__).resolve().parents[2]
ESP_VIEW = ROOT / "web" / "src" / "views" / "esp.js"
INDUSTRY = {"banking": "金融", "energy": "能源", "manufacturing": "制造"}
# The ranking's columns: rank, account, industry, four scores, composite, change, rank change,
# resource class, key account.
CHANGE, RANK_CHANGE = 9, 10


@pytest.fixture
def zh(browser: Browser, app_url: str) -> Iterator[Session]:
    context = browser.new_context(viewport=SIZES["desktop"], locale="zh-CN", bypass_csp=True)
    session = Session(context.new_page(), app_url)
    yield session
    context.close()
    assert unexpected(session.errors) == []
    assert [u for u in session.requests if not u.startswith(app_url)] == []


def ranking(url: str, token: str = ADMIN_TOKEN) -> dict[str, Any]:
    return {a["account_id"]: a for a in get(url, "/v1/esp/accounts", token)["accounts"]}


def row(page: Any, account_id: str) -> Locator:
    return page.locator("#esp-ranking tbody tr").filter(has=page.locator(f'a[title="{account_id}"]'))


def expect_key(tab: Session, account_id: str, key: bool, *, by_hand: bool) -> None:
    """The row's key-account mark and its "by hand" badge, and the API's answer alike."""
    cell = row(tab.page, account_id).locator("td").last
    expect(cell.locator("[data-testid=key-account]")).to_have_text("是" if key else "否")
    expect(cell.locator(".badge")).to_have_count(1 if by_hand else 0)
    found = ranking(tab.base)[account_id]
    assert (found["key_account"], found["overridden"]) == (key, by_hand)


def open_dialog(tab: Session, opener: str) -> Locator:
    tab.page.locator(opener).click()
    box = tab.page.locator("dialog[open]")
    box.wait_for()
    assert box.get_attribute("lang") == "zh-CN"
    return box


def save(tab: Session, box: Locator) -> None:
    """Submit; the dialog closes and the view is drawn again from the API."""
    box.locator("button[type=submit]").click()
    expect(tab.page.locator("dialog[open]")).to_have_count(0)
    tab.wait_for("esp")


def override(tab: Session, account_id: str, choice: str) -> None:
    """Choose "true" (key account), "false" (not one) or "ranking" (no override) and save."""
    box = open_dialog(tab, f'[data-override="{account_id}"]')
    box.locator(f'input[value="{choice}"]').check()
    save(tab, box)


def test_the_override_sends_every_field_of_an_account() -> None:
    """The view writes the override with POST /v1/accounts, which replaces the whole record: its
    list of the account's fields is the model's."""
    listed = re.search(r"ACCOUNT_FIELDS = \[([^\]]*)\]", ESP_VIEW.read_text())
    assert listed is not None
    assert sorted(re.findall(r'"(\w+)"', listed.group(1))) == sorted(AccountIn.model_fields)


def test_an_admin_sets_and_clears_a_threshold_and_overrides(zh: Session, app_url: str) -> None:
    before = ranking(app_url)
    # The industry with the most ranked accounts that are not key accounts: a threshold of 100%
    # makes them all key accounts.
    outside = [a for a in before.values() if a["rank"] is not None and not a["key_account"]]
    industry = max(INDUSTRY, key=lambda x: sum(a["industry"] == x for a in outside))
    account = next(a for a in outside if a["industry"] == industry)
    other = next(a for a in outside if a["industry"] != industry)
    stored = get(app_url, f"/v1/accounts/{account['account_id']}")
    zh.sign_in(ADMIN_TOKEN)
    zh.open("esp", "esp")
    page = zh.page
    # The demo's accounts were evaluated last quarter and this one: every change is shown.
    for column in (CHANGE, RANK_CHANGE):
        cells = page.locator(f"#esp-ranking tbody td:nth-child({column})").all_inner_texts()
        assert len(cells) == len(before) and "–" not in cells, cells
    expect(page.locator("#esp-thresholds")).to_have_count(0)
    expect_key(zh, account["account_id"], False, by_hand=False)

    # The threshold: refused beside the field, then saved.
    box = open_dialog(zh, "#open-esp-threshold")
    check_chinese(zh)
    axe_clean(page)
    box.locator("select").select_option(industry)
    top = box.locator("input[type=number]")
    # Said in Chinese from the problem's code and its bound.
    for bad, said in (("0", "应大于 0。"), ("150", "不能大于 100。")):
        top.fill(bad)
        box.locator("button[type=submit]").click()
        error = box.locator(f"#{top.get_attribute('id')}-error")
        expect(error).to_contain_text(said)
        expect(top).to_have_attribute("aria-invalid", "true")
        assert error.get_attribute("id") in (top.get_attribute("aria-describedby") or "")
    zh.shot("esp-admin-threshold-refused")
    top.fill("100")
    save(zh, box)
    expect(page.locator(".flash")).to_contain_text(INDUSTRY[industry])
    expect(page.locator(f'#esp-thresholds tr[data-industry="{industry}"]')).to_contain_text("100%")
    assert get(app_url, "/v1/esp/thresholds") == [{"industry": industry, "top_percent": 100.0}]
    expect_key(zh, account["account_id"], True, by_hand=False)
    check_chinese(zh)
    axe_clean(page)

    # The override: not a key account by hand, then back to the ranking (the threshold's).
    box = open_dialog(zh, f'[data-override="{account["account_id"]}"]')
    expect(box.locator("h2")).to_contain_text(account["name"])
    expect(box.locator('input[value="ranking"]')).to_be_checked()
    check_chinese(zh)
    axe_clean(page)
    box.locator('input[value="false"]').check()
    save(zh, box)
    expect(page.locator(".flash")).to_contain_text(account["name"])
    expect_key(zh, account["account_id"], False, by_hand=True)
    zh.shot("esp-admin-overridden")
    written = get(app_url, f"/v1/accounts/{account['account_id']}")
    assert written["key_account_override"] is False and written["source"] == "web"
    # Every other field as it was.
    assert {k: written.get(k) for k in AccountIn.model_fields if k != "key_account_override"} == {
        k: stored.get(k) for k in AccountIn.model_fields if k != "key_account_override"}
    override(zh, account["account_id"], "ranking")
    expect_key(zh, account["account_id"], True, by_hand=False)
    assert get(app_url, f"/v1/accounts/{account['account_id']}").get("key_account_override") is None

    # A key account by hand, in another industry, and cleared.
    override(zh, other["account_id"], "true")
    expect_key(zh, other["account_id"], True, by_hand=True)
    box = open_dialog(zh, f'[data-override="{other["account_id"]}"]')
    expect(box.locator('input[value="true"]')).to_be_checked()
    box.locator('input[value="ranking"]').check()
    save(zh, box)
    expect_key(zh, other["account_id"], False, by_hand=False)

    # The threshold removed: the industry's accounts join the default pool again.
    page.locator(f'[data-remove-threshold="{industry}"]').click()
    zh.wait_for("esp")
    expect(page.locator("#esp-thresholds")).to_have_count(0)
    assert get(app_url, "/v1/esp/thresholds") == []
    expect_key(zh, account["account_id"], False, by_hand=False)
    after = ranking(app_url)
    assert {k: (a["key_account"], a["overridden"]) for k, a in after.items()} == {
        k: (a["key_account"], a["overridden"]) for k, a in before.items()}


def test_an_exec_reads_the_settings_and_a_rep_and_a_lead_see_no_controls(zh: Session,
                                                                         app_url: str) -> None:
    industry = next(iter(INDUSTRY))
    put = httpx.put(f"{app_url}/v1/esp/thresholds/{industry}", headers=AUTH, timeout=30,
                    json={"top_percent": 50})
    assert put.status_code == 200, put.text
    try:
        made = httpx.post(app_url + "/v1/principals", headers=AUTH, timeout=10,
                          json={"role": "exec", "name": "高管"})
        assert made.status_code == 201, made.text
        zh.sign_in(made.json()["token"])
        zh.open("esp", "esp")
        page = zh.page
        expect(page.locator("#esp-ranking tbody tr").first).to_be_visible()
        expect(page.locator(f'#esp-thresholds tr[data-industry="{industry}"]')).to_contain_text("50%")
        for control in ("[data-override]", "[data-remove-threshold]", "#open-esp-threshold",
                        "#open-esp-weights", ".capture-bar"):
            expect(page.locator(control)).to_have_count(0)
        zh.shot("esp-admin-exec")
        check_chinese(zh)
        axe_clean(page)

        rep, employee = a_rep(app_url)
        for token in (rep, principal(app_url, "lead", lead_of(app_url, employee))):
            page.locator("#logout").click()
            zh.sign_in(token)
            expect(page.locator("#esp-link")).to_be_hidden()
            zh.open("esp", "esp")
            expect(page.locator("#esp-not-for-you")).to_be_visible()
            for control in ("[data-override]", "[data-remove-threshold]", "#open-esp-threshold",
                            "#esp-ranking"):
                expect(page.locator(control)).to_have_count(0)
    finally:
        assert httpx.delete(f"{app_url}/v1/esp/thresholds/{industry}", headers=AUTH,
                            timeout=30).status_code == 204
    zh.page.screenshot(path=SHOTS / "esp-admin-rep.png")
