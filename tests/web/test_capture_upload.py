"""My calendar and mail in the web app: a rep uploads their own calendar export in Chinese; the
meeting with a contact of their account becomes an activity the API then lists, the address
nobody has is listed, and the page passes axe-core."""

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.sync_api import Browser, expect

from tests.conftest import AUTH
from tests.web.test_browser import Session, get
from tests.web.test_browser import app_url as app_url
from tests.web.test_browser import browser as browser
from tests.web.test_capture import axe_clean, principal, unexpected
from tests.web.test_languages import READABLE, english_left

EMPLOYEE_FIELDS = ("id", "name", "title", "department", "team_id")
CONTACT_FIELDS = ("id", "account_id", "name", "title", "department", "key_person", "behavior",
                  "importance", "top_of_hierarchy", "no_known_influencer")


def with_address(url: str, kind: str, node_id: str, fields: tuple[str, ...], address: str) -> None:
    """The stored person again, with an address (an upsert replaces every field)."""
    node = get(url, f"/v1/{kind}/{node_id}")
    item = {f: node[f] for f in fields if node.get(f) is not None} | {"emails": [address]}
    stored = httpx.post(f"{url}/v1/{kind}", json=item, headers=AUTH, timeout=30)
    assert stored.status_code == 200, stored.text


@pytest.fixture
def rep_with_contact(app_url: str) -> tuple[str, str, str]:
    """(token, employee id, contact id) of a rep and a contact of their account, with addresses."""
    for employee in get(app_url, "/v1/employees", limit=100)["items"]:
        token = principal(app_url, "rep", employee["id"])
        accounts = get(app_url, "/v1/accounts", token, limit=1)["items"]
        if accounts:
            contact = get(app_url, "/v1/contacts", token, account_id=accounts[0]["id"],
                          limit=1)["items"][0]
            with_address(app_url, "employees", employee["id"], EMPLOYEE_FIELDS, "rep@ours.example")
            with_address(app_url, "contacts", contact["id"], CONTACT_FIELDS, "them@customer.example")
            return token, employee["id"], contact["id"]
    raise AssertionError("no rep of the demo data owns an account")


def test_a_rep_uploads_their_calendar_in_chinese(browser: Browser, app_url: str, tmp_path: Path,
                                                 rep_with_contact: tuple[str, str, str]) -> None:
    token, _, contact = rep_with_contact
    # Inside the default window (180 days back, 90 ahead), which the upload uses; at 10:00 with
    # no zone, which is the organisation's (the run's, tests/conftest.py).
    day = date.today() - timedelta(days=10)
    ics = tmp_path / "我的日历.ics"
    ics.write_bytes("\r\n".join([
        "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//t//EN", "BEGIN:VEVENT",
        "UID:web-upload-1", f"DTSTART:{day:%Y%m%d}T100000", "SUMMARY:拜访客户",
        "ORGANIZER:mailto:REP@ours.example", "ATTENDEE:mailto:them@customer.example",
        "ATTENDEE:mailto:nobody@customer.example", "END:VEVENT", "END:VCALENDAR", ""]).encode())
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="zh-CN",
                                  bypass_csp=True)
    tab = Session(context.new_page(), app_url)
    try:
        tab.sign_in(token)
        link = tab.page.locator("#capture-link")
        expect(link).to_be_visible()
        link.click()
        tab.wait_for("capture")
        tab.page.locator("#capture-calendar-file").set_input_files(str(ics))
        tab.page.locator("#capture-calendar-file").press("Tab")
        tab.page.keyboard.press("Enter")  # the upload button, from the keyboard
        result = tab.page.locator(".capture-result")
        result.wait_for()
        expect(result.locator("[data-part=created]")).to_have_text("新建 1 条互动")
        expect(result.locator(".unmatched li")).to_have_text(["nobody@customer.example"])
        tab.shot("zh-capture-desktop")
        assert english_left(tab.page.evaluate(READABLE)) == []
        axe_clean(tab.page)
    finally:
        context.close()
    assert unexpected(tab.errors) == []
    history: Any = get(app_url, f"/v1/contacts/{contact}/activities")
    assert [(a["at"], a["type"], a["source"]) for a in history["activities"]
            if a["summary"] == "拜访客户"] == [(day.isoformat(), "visit", "calendar")]
