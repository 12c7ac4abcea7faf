"""The weekly review in the web app: a lead sees the change a rep's assessment made earlier in
the test, tracks a suggested action for that rep, and the rep sees it among their open actions
and marks it done."""

import io
import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

import httpx
import pytest
from neo4j import Driver
from openpyxl import load_workbook
from playwright.sync_api import Browser, Locator, Page, expect

from tests.conftest import ADMIN_TOKEN, AUTH
from tests.web.test_browser import Session, en_date, get
from tests.web.test_browser import app_url as app_url
from tests.web.test_browser import browser as browser
from tests.web.test_capture import axe_clean, principal, unexpected

TODAY = date.today().isoformat()


@pytest.fixture
def tabs(browser: Browser, app_url: str) -> Iterator[list[Session]]:
    contexts = [browser.new_context(viewport={"width": 1400, "height": 1000}, bypass_csp=True)
                for _ in range(2)]
    sessions = [Session(c.new_page(), app_url) for c in contexts]
    yield sessions
    for context in contexts:
        context.close()
    for session in sessions:
        assert unexpected(session.errors) == []
        assert [u for u in session.requests if not u.startswith(app_url)] == []


def a_rep_with_a_deal(url: str) -> tuple[str, str, str, str]:
    """(token, employee id, deal id, member id) of a rep whose account has an open deal with a
    decision-chain member."""
    for employee in get(url, "/v1/employees", limit=100)["items"]:
        token = principal(url, "rep", employee["id"])
        for account in get(url, "/v1/accounts", token, limit=100)["items"]:
            for deal in get(url, "/v1/opportunities", token, account_id=account["id"],
                            limit=100)["items"]:
                chain = get(url, f"/v1/opportunities/{deal['id']}/decision-chain", token)
                if deal.get("status") == "open" and chain["members"]:
                    member = chain["members"][0]
                    return token, employee["id"], deal["id"], member["contact_id"]
    raise AssertionError("no rep of the demo data has an open deal with members")


def in_a_week() -> str:
    """The day a week on, as the English app says a day."""
    return en_date(date.fromordinal(date.today().toordinal() + 7).isoformat())


def lead_of(url: str, employee_id: str) -> str:
    team = next(e["to"] for e in get(url, f"/v1/employees/{employee_id}")["relationships"]
                if e["type"] == "MEMBER_OF")
    return str(next(e["to"] for e in get(url, f"/v1/teams/{team}")["relationships"]
                    if e["type"] == "LED_BY"))


def test_a_lead_tracks_a_suggestion_from_the_weekly_review_for_the_rep(
        tabs: list[Session], app_url: str) -> None:
    rep_token, rep, deal, member = a_rep_with_a_deal(app_url)
    lead = lead_of(app_url, rep)
    assert lead != rep, "the demo's rep is its team's lead"
    lead_token = principal(app_url, "lead", lead)
    # The rep assesses the member on the deal today: closeness strong_oppose, a short board.
    before = get(app_url, f"/v1/opportunities/{deal}/decision-chain", rep_token)
    was = next(m["closeness"] for m in before["members"] if m["contact_id"] == member)
    now = "oppose" if was == "strong_oppose" else "strong_oppose"
    assessed = httpx.post(app_url + "/v1/assessments", timeout=30,
                          headers={"Authorization": f"Bearer {rep_token}"},
                          json={"contact_id": member, "at": TODAY, "opportunity_id": deal,
                                "closeness": now})
    assert assessed.status_code == 200, assessed.text

    lead_tab, rep_tab = tabs
    lead_tab.sign_in(lead_token)
    lead_tab.open("review", "review")
    event = lead_tab.page.locator(
        f'li.event[data-type="assessment_changed"][data-contact="{member}"][data-deal="{deal}"]')
    expect(event).to_have_count(1)
    # Said in the app's words (English here): the feature and both attitudes by their labels.
    name = next(m["name"] for m in before["members"] if m["contact_id"] == member)
    expect(event).to_contain_text(
        f"{name}: Closeness to us {was.replace('_', ' ')} → {now.replace('_', ' ')}")
    # Named once, and that name is the link to them.
    expect(event.locator(f'a[title="{member}"]')).to_have_text(name)
    assert event.inner_text().count(name) == 1
    axe_clean(lead_tab.page)
    lead_tab.shot("review-lead")

    suggestion = lead_tab.page.locator(
        f'li.suggestion[data-principle="fix_short_boards"][data-contact="{member}"]'
        f'[data-deal="{deal}"]')
    # The first eight, the rest on request; what the principles mean, folded beneath.
    suggestions = lead_tab.page.locator("#suggestions > li")
    all_suggestions = lead_tab.page.locator("section[aria-labelledby=suggested-title] .show-all")
    if all_suggestions.count():
        expect(suggestions).to_have_count(8)
        all_suggestions.click()
    expect(suggestion).to_have_count(1)
    # The deals take turns: each one's first, then each one's second, ...
    order = suggestions.evaluate_all("items => items.map((e) => e.dataset.deal)")
    deals = list(dict.fromkeys(order))
    turns = [d for i in range(len(order)) for d in deals if order.count(d) > i]
    assert order == turns, order
    legend = lead_tab.page.locator("#suggested-legend")
    legend.locator("summary").click()
    expect(legend).to_contain_text("Fix short boards")
    expect(legend).to_contain_text("raise each one who does to at least neutral")
    suggestion.locator("select").select_option(rep)
    shown = suggestions.count()
    was = suggestion.bounding_box()
    lead_tab.page.evaluate("delete document.body.dataset.view")
    suggestion.get_by_role("button", name="Track this").click()
    lead_tab.wait_for("review")
    # Says whom it was given to and by when (a week on, the form's day), where it was done:
    # the list as whole as it was, the legend still open, the item where it was on the screen
    # (the new action is listed above it) and focused.
    rep_name = get(app_url, f"/v1/employees/{rep}")["name"]
    expect(suggestion.locator(".tracked")).to_have_text(
        f"✓ tracked: {rep_name}, due {in_a_week()}")
    expect(suggestions).to_have_count(shown)
    expect(all_suggestions).to_have_count(0)
    expect(legend).to_have_attribute("open", "")
    now = suggestion.bounding_box()
    assert was and now and abs(now["y"] - was["y"]) < 2, (was, now)
    assert suggestion.evaluate("e => e === document.activeElement")
    tracked = get(app_url, "/v1/actions", rep_token, owner_id=rep, status="open")["actions"]
    assert [(a["kind"], a["contact_id"], a["opportunity_id"]) for a in tracked] == [
        ("fix_short_boards", member, deal)]

    rep_tab.sign_in(rep_token)
    # The rep's day starts with it, on the dashboard.
    mine_first = rep_tab.page.locator("#my-actions")
    expect(mine_first.locator("h2")).to_have_text("My open actions (1)")
    expect(mine_first.locator("li")).to_contain_text(tracked[0]["note"])
    rep_tab.open("review", "review")
    mine = rep_tab.page.locator(f'#open-actions li[data-id="{tracked[0]["id"]}"]')
    expect(mine).to_contain_text(f"owner {get(app_url, f'/v1/employees/{rep}')['name']}")
    # The action keeps the suggestion's words.
    assert tracked[0]["note"]
    expect(mine).to_contain_text(tracked[0]["note"])
    # Its person named once, where the words name them, as the link.
    expect(mine.locator(f'a[title="{member}"]')).to_have_text(name)
    assert mine.inner_text().count(name) == 1
    rep_tab.page.evaluate("delete document.body.dataset.view")
    mine.get_by_role("button", name="Done").click()
    # Asked once more: a done action is never opened again.
    confirm = rep_tab.page.locator("dialog[open]")
    expect(confirm).to_contain_text("cannot be opened again")
    expect(confirm).to_contain_text(tracked[0]["note"])
    confirm.locator("button[type=submit]").click()
    rep_tab.wait_for("review")
    expect(rep_tab.page.locator(f'#open-actions li[data-id="{tracked[0]["id"]}"]')).to_have_count(0)
    done = httpx.get(app_url + "/v1/actions", headers=AUTH, timeout=30,
                     params={"owner_id": rep, "status": "done"}).json()["actions"]
    assert [a["id"] for a in done] == [tracked[0]["id"]]


@contextmanager
def team_of_101(app_url: str, raw_driver: Driver, tag: str, assessments: bool = False,
                activities: bool = False) -> Iterator[list[dict[str, Any]]]:
    """A team of its own (t-<tag>, led by e-<tag>, with a member e-<tag>-2) whose one account
    holds 101 key persons c-<tag>-000.. (each with our closeness `support` assessed today for
    the first time, with `assessments`; visited by the lead today, c-<tag>-000 first, with
    `activities`), removed afterwards."""
    people = [{"id": f"c-{tag}-{i:03d}", "account_id": f"a-{tag}", "name": f"复核{tag}{i:03d}",
               "key_person": True} for i in range(101)]
    doc = {"teams": [{"id": f"t-{tag}", "name": f"组{tag}", "lead_id": f"e-{tag}"}],
           "employees": [{"id": f"e-{tag}", "name": f"组长{tag}", "team_id": f"t-{tag}"},
                         {"id": f"e-{tag}-2", "name": f"组员{tag}", "team_id": f"t-{tag}"}],
           "accounts": [{"id": f"a-{tag}", "name": f"客户{tag}"}], "contacts": people,
           "relationships": [{"type": "OWNS", "from": f"e-{tag}", "to": f"a-{tag}"}],
           "assessments": [{"contact_id": p["id"], "at": TODAY, "closeness": "support"}
                           for p in people] if assessments else [],
           # Entered in turn: the latest first on the page, so c-<tag>-000 is entered last.
           "activities": [{"id": f"c-{tag}-visit-{p['id']}", "at": TODAY, "type": "visit",
                           "employee_ids": [f"e-{tag}"], "contact_ids": [p["id"]]}
                          for p in reversed(people)] if activities else []}
    assert httpx.post(app_url + "/v1/import", headers=AUTH, json=doc,
                      timeout=60).status_code == 200
    try:
        yield people
    finally:
        raw_driver.execute_query(
            "MATCH (s:Assessment) WHERE s.contact_id STARTS WITH $contacts DETACH DELETE s",
            contacts=f"c-{tag}-", database_="neo4j")
        raw_driver.execute_query(
            "MATCH (n) WHERE n.id IN $ids OR n.id STARTS WITH $contacts DETACH DELETE n",
            ids=[f"t-{tag}", f"e-{tag}", f"e-{tag}-2", f"a-{tag}"], contacts=f"c-{tag}-",
            database_="neo4j")


def the_last_one_on_request(page: Page, items: Locator, title: str, titled: str,
                            more_button: str) -> None:
    """A list of 101 shows its first 100 under its title, and the last on its button, which
    then hides."""
    assert items.count() == 100
    assert page.locator(title).inner_text() == titled
    more = page.locator(more_button)
    assert more.inner_text() == "Show 1 more"
    more.click()
    expect(items).to_have_count(101)
    expect(more).to_be_hidden()


def test_the_due_list_shows_its_first_hundred_and_the_rest_on_request(
        tabs: list[Session], app_url: str, raw_driver: Driver) -> None:
    # 101 key persons never assessed: all due.
    with team_of_101(app_url, raw_driver, "due") as people:
        tab = tabs[0]
        tab.sign_in(principal(app_url, "lead", "e-due"))
        tab.open("review?scope=team:t-due", "review")
        page = tab.page
        rows = page.locator("#due > tbody > tr")
        the_last_one_on_request(page, rows, "#due-title", "Due for review (101)", "#due-more")
        # The keyboard goes on from the first person added; every person once, in order.
        assert page.evaluate("document.activeElement.closest('tr') === "
                             "document.querySelectorAll('#due > tbody > tr')[100]")
        assert rows.locator("td:first-child a").evaluate_all(
            "links => links.map((a) => a.textContent)") == [p["name"] for p in people]


def test_the_review_says_who_met_the_teams_customers(tabs: list[Session], app_url: str,
                                                     raw_driver: Driver) -> None:
    # The lead visited each of the 101 people today; the member met nobody.
    with team_of_101(app_url, raw_driver, "act", activities=True):
        tab = tabs[0]
        tab.sign_in(principal(app_url, "lead", "e-act"))
        tab.open("review?scope=team:t-act", "review")
        page = tab.page
        assert page.locator("#activity-title").inner_text() == "Activity with customers (101)"
        assert page.locator("#activity-reach").inner_text() == (
            "Met 101 of their people, at 1 account · visit 101")
        rows = page.locator("#activity-colleagues tbody tr")
        assert rows.evaluate_all("rows => rows.map((r) => [r.dataset.employee, r.className, "
                                 "[...r.cells].map((c) => c.textContent)])") == [
            ["e-act", "member", ["组长act", "101", "0", "101", "1", "visit 101"]],
            ["e-act-2", "member quiet", ["组员act", "0", "0", "0", "0", "—"]]]
        items = page.locator("#activity-list li.activity")
        assert items.count() == 20
        assert items.first.get_attribute("data-activity") == "c-act-visit-c-act-000"
        page.locator("#activity-more").click()
        expect(items).to_have_count(40)
        # Every activity once: the next page follows the first.
        assert len(set(items.evaluate_all("items => items.map((li) => li.dataset.activity)"))) == 40
        # A colleague's name opens their network.
        assert rows.first.locator("a").get_attribute("href") == "#/network/e-act"
        # A quiet member is listed, so the page says what grey means.
        assert page.locator("#activity-hint").inner_text() == (
            "An activity several colleagues attended counts once for each. Greyed: members who "
            "met none of these customers' people in the period.")
        # The team's one account, met today by the lead, with its people.
        accounts = page.locator("#activity-accounts tbody tr")
        cells = "[...r.cells].map((c) => c.textContent)"
        assert accounts.evaluate_all("rows => rows.map((r) => [r.dataset.account, r.className, "
                                     f"{cells}.slice(2), {cells}[0]])") == [
            ["a-act", "", ["101", "101", "1"], "客户act"]]
        # The day last met beside the name, where a phone shows it before scrolling.
        assert accounts.locator("td").nth(1).inner_text() not in ("", "never")
        assert page.locator("#activity-quiet").inner_text() == (
            "0 of 1 account: nobody met its people in the period.")
        # The files hold what the screen shows the first of: every activity, every colleague.
        assert saved_rows(page, "#activity-export") == 101
        expect(page.locator("#activity-export .export-note")).to_have_text(
            "The file holds 101 rows.")
        assert saved_rows(page, "#activity-colleagues-export") == 2
        assert saved_rows(page, "#activity-accounts-export") == 1
        tab.shot("review-activity")


def saved_rows(page: Page, tools: str) -> int:
    """The rows (the header aside) of the workbook the Excel button in `tools` saves."""
    with page.expect_download() as saving:
        page.locator(f"{tools} button[data-format=xlsx]").click()
    sheet = load_workbook(io.BytesIO(Path(saving.value.path()).read_bytes())).worksheets[0]
    return sheet.max_row - 1


def test_a_rep_tracks_a_suggestion_from_the_deal_view(tabs: list[Session], app_url: str) -> None:
    token, rep, deal, _ = a_rep_with_a_deal(app_url)
    suggested = get(app_url, f"/v1/opportunities/{deal}/actions", token)["actions"]
    item = next(a for a in suggested if not a.get("tracked_action_id"))
    tab = tabs[0]
    tab.sign_in(token)
    tab.open(f"deal/{deal}", "deal")
    # The list shows its first eight, the rest on request.
    expect(tab.page.locator("#actions > li")).to_have_count(min(8, len(suggested)))
    if suggested.index(item) >= 8:
        tab.page.get_by_role("button", name=f"Show all {len(suggested)}").click()
    entry = tab.page.locator("#actions > li").nth(suggested.index(item))
    # A day gone by is refused beside the field, before anything is sent.
    entry.get_by_label("Due").fill(date.fromordinal(date.today().toordinal() - 1).isoformat())
    entry.get_by_role("button", name="Track this").click()
    expect(entry.locator(".field-error")).to_have_text(re.compile(r"^Not before "))
    entry.get_by_label("Due").fill(date.fromordinal(date.today().toordinal() + 7).isoformat())
    tab.page.evaluate("delete document.body.dataset.view")
    # Tapped twice, as a hurried thumb does: one action.
    entry.get_by_role("button", name="Track this").dblclick()
    tab.wait_for("deal")
    # Still shown whole, if it was, with the item's mark.
    expect(tab.page.locator("#actions > li").nth(suggested.index(item)).locator(".tracked")
           ).to_have_text(f"✓ tracked: {get(app_url, f'/v1/employees/{rep}')['name']}, "
                          f"due {in_a_week()}")
    mine = get(app_url, "/v1/actions", token, owner_id=rep, status="open")["actions"]
    taken = [a for a in mine if a["opportunity_id"] == deal and a["kind"] == item["principle"]
             and a["contact_id"] == item.get("contact_id")]
    assert len(taken) == 1 and taken[0]["note"]
    # Done while it is still suggested (its gap open again): said so, and it may be taken on
    # once more.
    assert httpx.patch(f"{app_url}/v1/actions/{taken[0]['id']}", json={"status": "done"},
                       headers={"Authorization": f"Bearer {token}"}, timeout=30).status_code == 200
    tab.page.evaluate("delete document.body.dataset.view; location.reload()")
    tab.wait_for("deal")
    if suggested.index(item) >= 8:
        tab.page.get_by_role("button", name=f"Show all {len(suggested)}").click()
    again = tab.page.locator("#actions > li").nth(suggested.index(item))
    expect(again.locator(".tracked")).to_have_text(
        f"✓ done ({get(app_url, f'/v1/employees/{rep}')['name']})")
    expect(again.get_by_role("button", name="Track this")).to_have_count(1)


def test_the_changes_show_their_first_hundred_and_the_rest_on_request(
        tabs: list[Session], app_url: str, raw_driver: Driver) -> None:
    # 101 closeness moves from unknown today, listed by contact.
    with team_of_101(app_url, raw_driver, "chg", assessments=True) as people:
        tab = tabs[0]
        tab.sign_in(principal(app_url, "lead", "e-chg"))
        tab.open("review?scope=team:t-chg", "review")
        page = tab.page
        events = page.locator("#changes-list li.event")
        the_last_one_on_request(page, events, "#changes-title", "What changed (101)",
                                "#changes-more")
        # The keyboard goes on from the event added; every person once, in order.
        assert page.evaluate("document.activeElement === "
                             "document.querySelectorAll('#changes-list li.event')[100]")
        assert events.evaluate_all(
            "items => items.map((li) => li.dataset.contact)") == [p["id"] for p in people]


def test_a_period_longer_than_the_server_reads_is_shown_from_as_far_back_as_it_reads(
        tabs: list[Session]) -> None:
    """The server reads 92 days at most: a year asked for shows the last 92 days and says so,
    with the date pickers, instead of an error in place of the view."""
    tab = tabs[0]
    tab.sign_in(ADMIN_TOKEN)
    tab.open("review?since=2026-01-01&until=2026-06-30", "review")
    page = tab.page
    expect(page.locator("main .error")).to_have_count(0)
    # 2026-06-30 and the 91 days before it.
    assert page.locator("#period-clamped").inner_text() == (
        "A period is at most 92 days: shown from Mar 31, 2026.")
    assert (page.locator("#review-since").input_value(),
            page.locator("#review-until").input_value()) == ("2026-03-31", "2026-06-30")


def test_a_period_picked_backwards_is_read_the_right_way_round(tabs: list[Session]) -> None:
    """A start after the end (picked in that order) shows the period, not an error in place of
    the view and its date pickers."""
    tab = tabs[0]
    tab.sign_in(ADMIN_TOKEN)
    tab.open("review?since=2026-03-31&until=2026-03-01", "review")
    page = tab.page
    expect(page.locator("main .error")).to_have_count(0)
    assert (page.locator("#review-since").input_value(),
            page.locator("#review-until").input_value()) == ("2026-03-01", "2026-03-31")
    assert page.locator("#review-since").get_attribute("max") == "2026-03-31"


def test_a_rep_puts_off_then_drops_an_action_from_the_weekly_review(
        tabs: list[Session], app_url: str) -> None:
    token, rep, deal, member = a_rep_with_a_deal(app_url)
    made = httpx.post(app_url + "/v1/actions", headers={"Authorization": f"Bearer {token}"},
                      timeout=30, json={"opportunity_id": deal, "contact_id": member,
                                        "kind": "custom", "owner_id": rep, "due": TODAY,
                                        "note": "call back about the pilot"})
    assert made.status_code == 201, made.text
    action = made.json()
    tab = tabs[0]
    tab.sign_in(token)
    tab.open("review", "review")
    line = tab.page.locator(f'#open-actions li[data-id="{action["id"]}"]')
    # Put off a week: only the due day is sent, the action stays open.
    line.get_by_role("button", name="Change…").click()
    box = tab.page.locator("dialog[open]")
    expect(box).to_contain_text("call back about the pilot")
    later = date.fromordinal(date.today().toordinal() + 7).isoformat()
    # Not to a day gone by: said beside the field.
    box.get_by_label("Due").fill(date.fromordinal(date.today().toordinal() - 3).isoformat())
    box.locator("button[type=submit]").click()
    expect(box.locator(".field-error:not([hidden])")).to_have_text(re.compile(r"^Not before "))
    box.get_by_label("Due").fill(later)
    tab.page.evaluate("delete document.body.dataset.view")
    box.locator("button[type=submit]").click()
    tab.wait_for("review")
    expect(tab.page.locator(".flash")).to_have_text("Action changed.")
    [now] = [a for a in get(app_url, "/v1/actions", token, owner_id=rep, status="open",
                            limit=100)["actions"] if a["id"] == action["id"]]
    assert (now["due"], now["owner_id"]) == (later, rep)
    # Dropped: said final before, gone from the open actions after.
    tab.page.locator(f'#open-actions li[data-id="{action["id"]}"]').get_by_role(
        "button", name="Change…").click()
    box = tab.page.locator("dialog[open]")
    expect(box).to_contain_text("cannot be opened again")
    box.get_by_label("Drop it: no longer followed up").check()
    tab.page.evaluate("delete document.body.dataset.view")
    box.locator("button[type=submit]").click()
    tab.wait_for("review")
    expect(tab.page.locator(".flash")).to_have_text("Action dropped.")
    expect(tab.page.locator(f'#open-actions li[data-id="{action["id"]}"]')).to_have_count(0)
    assert [a["id"] for a in get(app_url, "/v1/actions", token, owner_id=rep, status="dropped",
                                 limit=100)["actions"]] == [action["id"]]


def test_an_action_on_a_teammates_account_says_whom_to_ask(tabs: list[Session], app_url: str) -> None:
    """A lead may ask a rep for help on another member's account: the rep's review lists it,
    its deal by name but not as a link the rep could not open, and says to ask the lead."""
    for employee in get(app_url, "/v1/employees", limit=100)["items"]:
        rep_token = principal(app_url, "rep", employee["id"])
        lead = lead_of(app_url, employee["id"])
        lead_token = principal(app_url, "lead", lead)
        theirs = {a["id"] for a in get(app_url, "/v1/accounts", rep_token, limit=100)["items"]}
        others = [a["id"] for a in get(app_url, "/v1/accounts", lead_token, limit=100)["items"]
                  if a["id"] not in theirs]
        deals = [o for a in others for o in get(app_url, "/v1/opportunities", lead_token,
                                                 account_id=a, limit=100)["items"]]
        if employee["id"] != lead and deals:
            break
    else:
        raise AssertionError("no team of the demo data has a rep and a teammate's deal")
    asked = httpx.post(app_url + "/v1/actions", timeout=30,
                       headers={"Authorization": f"Bearer {lead_token}"},
                       json={"opportunity_id": deals[0]["id"], "kind": "custom",
                             "owner_id": employee["id"], "due": TODAY,
                             "note": "help with the reference visit"})
    assert asked.status_code == 201, asked.text
    tab = tabs[0]
    tab.sign_in(rep_token)
    tab.open("review", "review")
    line = tab.page.locator(f'#open-actions li[data-id="{asked.json()["id"]}"]')
    lead_name = get(app_url, f"/v1/employees/{lead}")["name"]
    expect(line).to_contain_text(deals[0]["name"])
    account_name = get(app_url, f"/v1/accounts/{deals[0]['account_id']}")["name"]
    expect(line.locator(".not-yours")).to_have_text(
        f"on a colleague's account {account_name}: ask {lead_name} for the details")
    expect(line.locator(f'a[href*="{deals[0]["id"]}"]')).to_have_count(0)
