"""Capture in the web app, as a rep, at desktop size and on a 390x844 phone: log a visit with
the attitudes observed, draw a line on the political map, declare an acquaintance, edit the
decision chain, add a person, introductions end to end; field errors from problem+json; no
write controls where the rep may not write, and the API refuses a crafted request. Every new
dialog passes axe-core's WCAG 2 A/AA rules and is photographed at both sizes."""

import json
import re
import secrets
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

import httpx
import pytest
from playwright.sync_api import Browser, Page, Route, ViewportSize, expect

from tests.conftest import ADMIN_TOKEN, AUTH
from tests.web.test_browser import AXE, SHOTS, Session, en_date, get, ui_pct
from tests.web.test_browser import app_url as app_url
from tests.web.test_browser import browser as browser

TODAY = date.today().isoformat()
YESTERDAY = (date.today() - timedelta(days=1)).isoformat()
SIZES: dict[str, ViewportSize] = {"desktop": {"width": 1400, "height": 1000},
                                  "phone": {"width": 390, "height": 844}}


def principal(url: str, role: str, employee_id: str) -> str:
    made = httpx.post(url + "/v1/principals", headers=AUTH, timeout=10,
                      json={"role": role, "employee_id": employee_id})
    assert made.status_code == 201, made.text
    return str(made.json()["token"])


def a_rep(url: str) -> tuple[str, str]:
    """(token, employee id) of a rep who owns accounts."""
    for employee in get(url, "/v1/employees", limit=100)["items"]:
        token = principal(url, "rep", employee["id"])
        if get(url, "/v1/accounts", token, limit=1)["items"]:
            return token, employee["id"]
    raise AssertionError("no employee of the demo data owns an account")


@pytest.fixture(scope="module")
def rep(app_url: str) -> tuple[str, str]:
    return a_rep(app_url)


@pytest.fixture(params=list(SIZES))
def size(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def unexpected(errors: list[str]) -> list[str]:
    """Script errors, leaving out the browser's log of the 403 and 422 answers tests ask for."""
    return [e for e in errors if "status of 403" not in e and "status of 422" not in e]


def new_tab(browser: Browser, base: str, size: str) -> tuple[Session, Any]:
    context = browser.new_context(viewport=SIZES[size], bypass_csp=True, has_touch=size == "phone")
    return Session(context.new_page(), base), context


@pytest.fixture
def tab(browser: Browser, app_url: str, size: str) -> Iterator[Session]:
    session, context = new_tab(browser, app_url, size)
    yield session
    context.close()
    assert unexpected(session.errors) == []
    assert [u for u in session.requests if not u.startswith(app_url)] == []


def axe_clean(page: Page) -> None:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa']}})")
    problems = [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:5]) for v in result["violations"]]
    assert problems == []


def dialog(tab: Session, opener: str, shot: str | None = None) -> Any:
    tab.page.locator(opener).first.click()
    box = tab.page.locator("dialog[open]")
    box.wait_for()
    if shot:
        tab.page.screenshot(path=SHOTS / f"{shot}.png")
    return box


def submit_and_redraw(tab: Session, box: Any, view: str, button: str | None = None) -> None:
    """Submit the dialog's form; the dialog closes and the view is drawn again from the API."""
    tab.page.evaluate("delete document.body.dataset.view")
    (box.locator(f'button[type=submit]:has-text("{button}")') if button
     else box.locator("button[type=submit]")).click()
    box.wait_for(state="detached")
    tab.wait_for(view)


def rep_accounts(url: str, token: str) -> list[str]:
    return [a["id"] for a in get(url, "/v1/accounts", token, limit=100)["items"]]


def contacts(url: str, token: str, account_id: str) -> list[str]:
    return [c["id"] for c in get(url, "/v1/contacts", token, account_id=account_id, limit=100)["items"]]


def roles(url: str, token: str, deal_id: str) -> dict[str, str]:
    chain = get(url, f"/v1/opportunities/{deal_id}/decision-chain", token)
    return {m["contact_id"]: m["role"] for m in chain["members"]}


def opposes(url: str, token: str, contact_id: str) -> bool:
    closeness = get(url, f"/v1/contacts/{contact_id}/portrait", token)["features"]["closeness"]
    return closeness in ("oppose", "strong_oppose")


def paths_of(url: str, token: str, contact_id: str, employee_id: str) -> list[Any]:
    found = get(url, f"/v1/contacts/{contact_id}/influence-paths", token, limit=100)
    return [p for p in found["paths"] if p["employee_id"] == employee_id]


def a_colleague_with_an_address(url: str, me: str, size: str) -> str:
    """An employee other than `me` (one per screen size), given the address <id>@ours.example."""
    others = [e for e in get(url, "/v1/employees", limit=100)["items"] if e["id"] != me]
    colleague = others[list(SIZES).index(size)]
    record = {k: colleague[k] for k in ("id", "name", "title", "department", "team_id")
              if colleague.get(k) is not None}
    stored = httpx.post(url + "/v1/employees", headers=AUTH, timeout=30,
                        json={**record, "emails": [f"{colleague['id']}@ours.example"]})
    assert stored.status_code == 200, stored.text
    return str(colleague["id"])


def test_log_a_visit_with_attitudes_moves_the_deal_coverage_and_the_portrait(
        tab: Session, app_url: str, rep: tuple[str, str], size: str) -> None:
    token, me = rep
    deal_id, member = next(
        (o["id"], m) for a in rep_accounts(app_url, token)
        for o in get(app_url, "/v1/opportunities", token, account_id=a, limit=100)["items"]
        if o.get("status", "open") == "open"
        for m in get(app_url, f"/v1/opportunities/{o['id']}/decision-chain", token)["members"]
        if m["contact_level"] == "none")
    before = get(app_url, f"/v1/opportunities/{deal_id}/decision-chain", token)["coverage"]
    tab.sign_in(token)
    tab.open(f"deal/{deal_id}", "deal")
    box = dialog(tab, "#open-log", f"capture-log-{size}")
    assert box.get_by_label("When").input_value() == TODAY
    assert box.locator(f'input[name=ours][value="{me}"]').is_checked()
    assert box.get_by_label("Deal").input_value() == deal_id
    # Nobody of theirs ticked: said at the list, in the reader's words, before any write.
    box.locator("button[type=submit]").click()
    expect(box.locator(".field-error:not([hidden])")).to_have_text(
        "Tick at least one of their attendees.")
    assert get(app_url, f"/v1/opportunities/{deal_id}/decision-chain", token)["coverage"] == before
    box.locator(f'input[name=theirs][value="{member["contact_id"]}"]').check()
    # A colleague the rep does not see joins by address; one nobody has is said at the field.
    colleague = a_colleague_with_an_address(app_url, me, size)
    others = box.get_by_label("Other colleagues who attended (e-mail addresses)")
    others.fill(f"nobody-{size}@ours.example")
    box.locator("button[type=submit]").click()
    expect(box.locator(".field-error:not([hidden])")).to_have_text(
        f"No colleague has the address “nobody-{size}@ours.example”.")
    assert others.get_attribute("aria-invalid") == "true"
    others.fill(f"{colleague}@Ours.example")
    # An interaction that has not happened yet is said at the date, before any write.
    when = box.get_by_label("When")
    when.fill((date.fromisoformat(TODAY) + timedelta(days=1)).isoformat())
    box.locator("button[type=submit]").click()
    expect(box.locator(".field-error:not([hidden])")).to_have_text(re.compile(r"^Not after "))
    assert when.get_attribute("aria-invalid") == "true"
    assert get(app_url, f"/v1/opportunities/{deal_id}/decision-chain", token)["coverage"] == before
    when.fill(TODAY)
    person = box.locator(f'fieldset[data-contact="{member["contact_id"]}"]')
    # Beside each feature, what we see of them now: on the deal chosen, its own; without a
    # deal, the general one.
    def words(value: str | None) -> str:
        return (value or "unknown").replace("_", " ")

    expect(person.locator(".hint").first).to_have_text(
        f"Now, on this deal: {words(member['closeness'])}")
    now = get(app_url, f"/v1/contacts/{member['contact_id']}/portrait", token)["features"]
    box.get_by_label("Deal").select_option("")
    expect(person.locator(".hint").first).to_have_text(f"Now: {words(now['closeness'])}")
    box.get_by_label("Deal").select_option(deal_id)
    expect(person.locator(".hint").first).to_have_text(
        f"Now, on this deal: {words(member['closeness'])}")
    person.get_by_label("Closeness to us").select_option("strong_support")
    person.get_by_label("Our solution").select_option("support")
    box.get_by_label("Note").fill("Visited with the team; asked for a pilot.")
    axe_clean(tab.page)
    submit_and_redraw(tab, box, "deal")
    tab.page.get_by_role("status").filter(has_text="Interaction logged").wait_for()
    after = get(app_url, f"/v1/opportunities/{deal_id}/decision-chain", token)["coverage"]
    assert after["contacted"] > before["contacted"]
    for name in ("contacted", "supportive"):
        assert tab.page.get_by_test_id(f"coverage-{name}-plain").inner_text() == ui_pct(after[name])
    tab.shot(f"capture-log-done-{size}")

    logged = get(app_url, f"/v1/contacts/{member['contact_id']}/activities",
                 as_of=TODAY)["activities"]
    assert any(set(a["employee_ids"]) == {me, colleague} and a["at"] == TODAY for a in logged)
    portrait = get(app_url, f"/v1/contacts/{member['contact_id']}/portrait", token)
    assert portrait["contact_level"] != "none"
    newest = portrait["history"][0]
    assert (newest["at"], newest["opportunity_id"], newest["closeness"], newest["solution"]) == (
        TODAY, deal_id, "strong_support", "support")
    tab.open(f"person/{member['contact_id']}", "person")
    features = tab.page.locator('section[aria-labelledby="features-title"]')
    assert features.locator("tr", has_text="Contact level").inner_text().endswith(portrait["contact_level"])
    first_row = tab.page.locator('section[aria-labelledby="history-title"] tbody tr').first
    deal_name = get(app_url, f"/v1/opportunities/{deal_id}", token)["name"]
    assert first_row.inner_text().startswith(en_date(TODAY)) and deal_name in first_row.inner_text()


def test_importance_judged_again_from_the_assess_dialog_leaves_the_rest_of_the_person(
        tab: Session, app_url: str, rep: tuple[str, str], size: str) -> None:
    # The review due list asks for importance every 90 days: the person view judges it again.
    token, _ = rep
    contact_id = contacts(app_url, token, rep_accounts(app_url, token)[0])[0]
    # A note on the record, which the write must keep.
    stored = get(app_url, f"/v1/contacts/{contact_id}", token)
    record = {k: stored[k] for k in ("id", "account_id", "name", "title", "department",
                                     "key_person", "emails") if k in stored}
    assert httpx.post(app_url + "/v1/contacts", headers=AUTH, timeout=30,
                      json={**record, "note": "来自展会的介绍"}).status_code == 200
    before = get(app_url, f"/v1/contacts/{contact_id}", token)
    assert before["note"] == "来自展会的介绍"
    history = get(app_url, f"/v1/contacts/{contact_id}/portrait", token)["history"]
    judged = "relationship" if before.get("importance") != "relationship" else "position"
    tab.sign_in(token)
    tab.open(f"person/{contact_id}", "person")
    box = dialog(tab, "#open-assess")
    box.get_by_label("Importance, judged again today").select_option(judged)
    submit_and_redraw(tab, box, "person")
    after = get(app_url, f"/v1/contacts/{contact_id}", token)
    assert (after["importance"], after["importance_at"]) == (judged, TODAY)
    # Nothing else of the record moved (but who wrote it, and from where), and no assessment
    # was written.
    kept = [k for k in before if k not in ("importance", "importance_at", "relationships",
                                           "features", "contact_level", "source")
            and not k.startswith("entered_")]
    assert {k: after.get(k) for k in kept} == {k: before[k] for k in kept}
    assert get(app_url, f"/v1/contacts/{contact_id}/portrait", token)["history"] == history
    features = tab.page.locator('section[aria-labelledby="features-title"]')
    assert features.locator("tr", has_text="Importance").inner_text().endswith(
        f"by {judged} (judged {en_date(TODAY)})")
    # Importance is not dated history: a view of yesterday shows today's judgement as later.
    tab.open(f"person/{contact_id}?as_of={YESTERDAY}", "person")
    assert features.locator("tr", has_text="Importance").inner_text().endswith(
        f"by {judged} (judged later, on {en_date(TODAY)}: today's judgement)")


def test_an_influence_line_drawn_on_the_map_opens_a_new_path(
        tab: Session, app_url: str, rep: tuple[str, str], size: str) -> None:
    token, me = rep
    account_id, via, target = next(
        (a, via, target) for a in rep_accounts(app_url, token)
        for people in [contacts(app_url, token, a)]
        for via in people
        if any(p["hops"] == 1 for p in paths_of(app_url, token, via, me)) and not opposes(app_url, token, via)
        for target in people if target != via and not paths_of(app_url, token, target, me))
    tab.sign_in(token)
    tab.open(f"account/{account_id}", "account")
    box = dialog(tab, "#open-line", f"capture-line-{size}")
    box.get_by_label("From").select_option(via)
    box.get_by_label("Line").select_option("INFLUENCES")
    box.get_by_label("To").select_option(target)
    box.get_by_label("Strength (0–1)").fill("0.9")
    submit_and_redraw(tab, box, "account")
    _, edges = tab.drawn("#account-graph")
    assert f"{via}->{target}" in edges
    tab.open(f"person/{target}", "person")
    mine = tab.page.locator(f'#path-list button.path-btn[data-employee="{me}"]')
    assert mine.count() == 1
    path = paths_of(app_url, token, target, me)[0]
    assert [n["id"] for n in path["nodes"]][-2:] == [via, target]
    nodes, _ = tab.drawn("#person-graph")
    assert {me, via, target} <= nodes
    tab.shot(f"capture-line-path-{size}")


def test_i_know_this_person_from_the_keyboard_and_field_errors_inline(
        tab: Session, app_url: str, rep: tuple[str, str], size: str) -> None:
    token, me = rep
    # Someone the rep reaches no better than 0.8 (the rep may know them from meetings already):
    # declaring 0.8 makes it the rep's best path.
    contact_id = next(c for a in rep_accounts(app_url, token) for c in contacts(app_url, token, a)
                      if all(p["strength"] < 0.8 for p in paths_of(app_url, token, c, me)))
    tab.sign_in(token)
    tab.open(f"person/{contact_id}", "person")
    page = tab.page
    page.locator("#open-know").focus()
    page.keyboard.press("Enter")
    box = page.locator("dialog[open]")
    box.wait_for()
    assert page.evaluate("document.activeElement.type") == "number"
    page.keyboard.press("Control+A")
    page.keyboard.type("2")
    page.keyboard.press("Enter")
    error = box.locator(".field-error:not([hidden])")
    error.wait_for()
    # Said from the problem's code and its bound (errors[].code, params), in the reader's words.
    assert error.inner_text() == "At most 1."
    strength = box.get_by_label("How well (0–1)")
    assert strength.get_attribute("aria-invalid") == "true"
    assert page.evaluate("document.activeElement.type") == "number"
    tab.page.screenshot(path=SHOTS / f"capture-know-error-{size}.png")
    axe_clean(page)
    page.keyboard.press("Control+A")
    page.keyboard.type("0.8")
    page.evaluate("delete document.body.dataset.view")
    page.keyboard.press("Enter")
    tab.wait_for("person")
    mine = paths_of(app_url, token, contact_id, me)
    assert [(p["hops"], round(p["strength"], 2)) for p in mine] == [(1, 0.8)]
    assert "strength 0.80 · 1 hop" in page.locator(f'#path-list button[data-employee="{me}"]').inner_text()
    # The rep's own way in has nobody to ask for an introduction.
    assert page.locator(f'#path-list button[data-intro="{me}"]').count() == 0


def test_a_colleague_who_owns_no_account_says_whom_they_know_from_their_network(
        tab: Session, app_url: str, size: str) -> None:
    """Found by name among every account's key persons (the person's page is not theirs to
    open), then said how well: the network lists them, and a second time says they are known."""
    for employee in get(app_url, "/v1/employees", limit=100)["items"]:
        token = principal(app_url, "rep", employee["id"])
        if not get(app_url, "/v1/accounts", token, limit=1)["items"]:
            me = employee["id"]
            break
    else:
        raise AssertionError("every employee of the demo data owns an account")
    known = {c["contact_id"] for c in get(app_url, f"/v1/employees/{me}/network", limit=500)["contacts"]}
    person = next(c for c in get(app_url, "/v1/contacts", limit=100)["items"]
                  if c.get("key_person") and c["id"] not in known and len(c["name"]) >= 2)
    assert httpx.get(f"{app_url}/v1/contacts/{person['id']}", timeout=10,
                     headers={"Authorization": f"Bearer {token}"}).status_code == 403
    tab.sign_in(token)
    tab.open("network", "network")
    page = tab.page

    def find() -> Any:
        box = dialog(tab, "#open-find-know")
        assert page.evaluate("document.activeElement.id") == "know-query"
        page.keyboard.type(person["name"])
        page.keyboard.press("Enter")
        choice = box.locator(f'button.candidate[data-contact="{person["id"]}"]')
        choice.wait_for()
        return choice

    choice = find()
    tab.page.screenshot(path=SHOTS / f"capture-find-know-{size}.png")
    axe_clean(page)
    choice.click()
    box = page.locator("dialog[open]")
    box.get_by_label("How well (0–1)").fill("0.7")
    submit_and_redraw(tab, box, "network")
    row = page.locator("#network tr", has_text=person["name"])
    expect(row).to_have_count(1)
    assert "0.70" in row.inner_text()
    axe_clean(page)
    # Known now: said in the list, and a new strength counts from today.
    choice = find()
    assert "known, 0.7" in choice.inner_text()
    choice.click()
    box = page.locator("dialog[open]")
    assert "counts from today" in box.inner_text() and box.get_by_label("Since").count() == 0
    box.get_by_label("How well (0–1)").fill("0.9")
    submit_and_redraw(tab, box, "network")
    mine = [c for c in get(app_url, f"/v1/employees/{me}/network", limit=500)["contacts"]
            if c["contact_id"] == person["id"]]
    assert [c["declared_strength"] for c in mine] == [0.9]
    # Their dashboard, whose scope holds no account, lists whom they know.
    tab.open("dashboard", "dashboard")
    expect(page.locator("#own-network tr", has_text=person["name"])).to_have_count(1)
    axe_clean(page)
    # The same strength again writes nothing (the acquaintance keeps its start); 0 is refused
    # beside the field; taking it back ends it.
    tab.open("network", "network")
    find().click()
    box = page.locator("dialog[open]")
    assert person["name"] in box.locator("h2").inner_text()
    submit_and_redraw(tab, box, "network")
    expect(page.get_by_role("status").filter(has_text="Nothing changed")).to_have_count(1)
    find().click()
    box = page.locator("dialog[open]")
    box.get_by_label("How well (0–1)").fill("0")
    box.locator("button[type=submit]").click()
    expect(box.locator(".field-error:not([hidden])")).to_have_text("At least 0.05.")
    # The first tap only asks again (it sits near Save): nothing is written yet.
    box.locator("#know-take-back").click()
    expect(box.locator("#know-take-back")).to_contain_text("Tap again to take back")
    assert [c for c in get(app_url, f"/v1/employees/{me}/network", limit=500)["contacts"]
            if c["contact_id"] == person["id"] and c["declared_strength"] is not None]
    page.evaluate("delete document.body.dataset.view")
    box.locator("#know-take-back").click()
    tab.wait_for("network")
    expect(page.locator("#network tr", has_text=person["name"])).to_have_count(0)
    assert not [c for c in get(app_url, f"/v1/employees/{me}/network", limit=500)["contacts"]
                if c["contact_id"] == person["id"] and c["declared_strength"] is not None]


def test_decision_chain_add_change_role_remove_and_add_a_person(
        tab: Session, app_url: str, rep: tuple[str, str], size: str) -> None:
    token, _ = rep
    account_id = rep_accounts(app_url, token)[0]
    # Each size edits a deal of its own: each takes back a membership it began today.
    deals = get(app_url, "/v1/opportunities", token, account_id=account_id, limit=10)["items"]
    deal_id = deals[list(SIZES).index(size)]["id"]
    chain = get(app_url, f"/v1/opportunities/{deal_id}/decision-chain", token)
    members = {m["contact_id"] for m in chain["members"]}
    newcomer = next(c for c in contacts(app_url, token, account_id) if c not in members)
    tab.sign_in(token)
    tab.open(f"deal/{deal_id}", "deal")
    box = dialog(tab, "#add-member", f"capture-member-{size}")
    box.get_by_label("Person").select_option(newcomer)
    box.get_by_label("Role").select_option("coach")
    axe_clean(tab.page)
    submit_and_redraw(tab, box, "deal")
    now = roles(app_url, token, deal_id)
    assert now[newcomer] == "coach"
    assert tab.page.locator("#members > tbody > tr").count() == len(now)

    box = dialog(tab, f'#chain-edit li[data-member="{newcomer}"] [data-action=role]', f"capture-role-{size}")
    box.get_by_label("Role").select_option("evaluator")
    submit_and_redraw(tab, box, "deal")
    now = roles(app_url, token, deal_id)
    assert now[newcomer] == "evaluator"
    old = next(iter(sorted(members)))
    box = dialog(tab, f'#chain-edit li[data-member="{old}"] [data-action=role]')
    box.get_by_label("Role").select_option("coach")
    submit_and_redraw(tab, box, "deal")
    now = roles(app_url, token, deal_id)
    assert now[old] == "coach" and len(now) == len(members) + 1
    assert "coach" in tab.page.locator(f'#chain-edit li[data-member="{old}"]').inner_text()

    # A membership that began today cannot end before it: said beside the date, nothing sent.
    box = dialog(tab, f'#chain-edit li[data-member="{old}"] [data-action=remove]')
    box.get_by_label("Ends on").fill(YESTERDAY)
    box.locator("button[type=submit]").click()
    assert "Not before" in box.locator(".field-error:not([hidden])").inner_text()
    assert box.get_by_label("Ends on").get_attribute("aria-invalid") == "true"
    tab.page.screenshot(path=SHOTS / f"capture-remove-before-start-{size}.png")
    tab.page.keyboard.press("Escape")
    box.wait_for(state="detached")
    assert roles(app_url, token, deal_id) == now

    # Ended on the day they were added, the newcomer is taken back (a mistake undone).
    box = dialog(tab, f'#chain-edit li[data-member="{newcomer}"] [data-action=remove]',
                 f"capture-take-back-{size}")
    submit_and_redraw(tab, box, "deal")
    gone = sorted(members - {old})[0]
    box = dialog(tab, f'#chain-edit li[data-member="{gone}"] [data-action=remove]', f"capture-remove-{size}")
    submit_and_redraw(tab, box, "deal")
    now = roles(app_url, token, deal_id)
    assert gone not in now and newcomer not in now and old in now
    assert tab.page.locator(f'#chain-edit li[data-member="{gone}"]').count() == 0

    tab.open(f"account/{account_id}", "account")
    box = dialog(tab, "#open-person", f"capture-person-{size}")
    box.locator("button[type=submit]").click()  # the name is required: said beside the field
    assert "Required" in box.locator(".field-error:not([hidden])").first.inner_text()
    name = f"新联系人 {size}"
    box.get_by_label("Name").fill(name)
    box.get_by_label("Title").fill("采购经理")
    box.get_by_label("Reports to").select_option(newcomer)
    box.get_by_label("Key person").check()
    submit_and_redraw(tab, box, "account")
    people = get(app_url, f"/v1/accounts/{account_id}/political-map", token)
    added = next(p for p in people["people"] if p["name"] == name)
    assert added["key_person"] and ("REPORTS_TO", None) in {
        (e["type"], e["strength"]) for e in people["edges"]
        if (e["from"], e["to"]) == (added["contact_id"], newcomer)}
    # Met today, the person is at the account from today (the form's default), its line too.
    lines = get(app_url, f"/v1/contacts/{added['contact_id']}", token)["relationships"]
    assert {(e["type"], e["since"]) for e in lines if e["from"] == added["contact_id"]} == {
        ("WORKS_AT", people["as_of"]), ("REPORTS_TO", people["as_of"])}
    nodes, edges = tab.drawn("#account-graph")
    assert added["contact_id"] in nodes and f"{newcomer}->{added['contact_id']}" in edges

    # A line that began today cannot end before it (said at the date, not as "not found"), and
    # ended today it is taken back.
    influence = {"type": "INFLUENCES", "from": added["contact_id"], "to": newcomer, "since": TODAY}
    assert httpx.post(app_url + "/v1/relationships", json=influence, timeout=30,
                      headers={"Authorization": f"Bearer {token}"}).status_code == 200
    tab.page.reload()
    tab.wait_for("account")
    box = dialog(tab, "#open-end-line", f"capture-end-line-{size}")
    line = box.get_by_label("Line", exact=True)
    line.select_option(value=line.locator("option", has_text=re.compile(
        rf"^{re.escape(name)} influences ")).get_attribute("value"))
    box.get_by_label("Ends on").fill(YESTERDAY)
    box.locator("button[type=submit]").click()
    expect(box.locator(".field-error:not([hidden])")).to_contain_text("cannot end before")
    box.get_by_label("Ends on").fill(TODAY)
    submit_and_redraw(tab, box, "account")
    lines = {(e["type"], e["from"], e["to"]) for e in get(
        app_url, f"/v1/accounts/{account_id}/political-map", token)["edges"]}
    assert ("INFLUENCES", added["contact_id"], newcomer) not in lines
    assert ("REPORTS_TO", added["contact_id"], newcomer) in lines
    box = dialog(tab, "#open-end-line")
    box.get_by_label("Line", exact=True).select_option(
        label=f"{name} reports to {get(app_url, f'/v1/contacts/{newcomer}', token)['name']}")
    submit_and_redraw(tab, box, "account")
    _, edges = tab.drawn("#account-graph")
    assert f"{newcomer}->{added['contact_id']}" not in edges


def a_masked_path(url: str) -> tuple[tuple[str, str], str, Any, str]:
    """A rep, a contact of theirs and a path to it from a colleague they may not see, and the
    contact's account."""
    for employee in get(url, "/v1/employees", limit=100)["items"]:
        token = principal(url, "rep", employee["id"])
        for account in rep_accounts(url, token):
            for contact in contacts(url, token, account):
                found = get(url, f"/v1/contacts/{contact}/influence-paths", token, limit=15)
                masked = [p for p in found["paths"] if p["masked"]]
                if masked:
                    return (token, employee["id"]), contact, masked[0], account
    raise AssertionError("no rep in the demo data has a masked colleague on a path")


def test_introductions_end_to_end(browser: Browser, app_url: str, size: str) -> None:
    (token, employee_id), contact_id, ref, account_id = a_masked_path(app_url)
    requester = (token, employee_id)
    deal_id = get(app_url, "/v1/opportunities", token, account_id=account_id, limit=1)["items"][0]["id"]
    ask, ask_context = new_tab(browser, app_url, size)
    ask.sign_in(requester[0])
    ask.open(f"person/{contact_id}", "person")
    box = dialog(ask, f'button[data-intro="{ref["employee_id"]}"]', f"capture-ask-{size}")
    # The person asked about by name, not by id.
    contact_name = get(app_url, f"/v1/contacts/{contact_id}", token)["name"]
    assert contact_name in box.locator("h2").inner_text()
    box.get_by_label("Deal").select_option(deal_id)
    box.get_by_label("Note for your colleague (optional)").fill("Could you introduce me before the tender?")
    box.locator("button[type=submit]").click()
    # Said in the path's row, in place of its button; and so again when the page is opened anew.
    asked_row = f'#path-list li:has(button[data-employee="{ref["employee_id"]}"])'
    ask.page.locator(asked_row).get_by_role("status").filter(has_text="Introduction requested").wait_for()
    intro = next(i for i in get(app_url, "/v1/introductions") if i["requester_id"] == requester[1]
                 and i["contact_id"] == contact_id and i["status"] == "requested")
    colleague = intro["colleague_id"]
    ask.page.reload()
    ask.wait_for("person")
    assert ask.page.locator(f'button[data-intro="{ref["employee_id"]}"]').count() == 0
    assert ask.page.locator(asked_row).locator("[data-intro-status]").get_attribute(
        "data-intro-status") == "requested"
    again = httpx.post(app_url + "/v1/introductions", timeout=30, headers={
        "Authorization": f"Bearer {token}"}, json={"colleague": ref["employee_id"], "contact_id": contact_id})
    assert again.status_code == 409 and again.json()["introduction_id"] == intro["id"]
    name = get(app_url, f"/v1/employees/{colleague}")["name"]

    answer, answer_context = new_tab(browser, app_url, size)
    answer.sign_in(principal(app_url, "rep", colleague))
    link = answer.page.locator("#intro-link")
    # The count arrives after sign-in, from a request of its own: waited for, not read at once.
    expect(link).to_have_attribute("data-count", "1")
    expect(link).to_have_attribute("aria-label", "Introductions, 1 awaiting you")
    link.click()
    answer.wait_for("introductions")
    item = answer.page.locator(f'li[data-intro-id="{intro["id"]}"]')
    assert "Could you introduce me before the tender?" in item.inner_text()
    # Whom they are asked about, as they need it to decide: name, title and account.
    person = get(app_url, f"/v1/contacts/{contact_id}")
    account_name = get(app_url, f"/v1/accounts/{account_id}")["name"]
    assert " · ".join(x for x in (person["name"], person.get("title"), account_name) if x) in (
        item.locator("strong").inner_text())
    answer.shot(f"capture-inbox-{size}")
    axe_clean(answer.page)
    requester_name = get(app_url, f"/v1/employees/{employee_id}")["name"]
    box = dialog(answer, f'li[data-intro-id="{intro["id"]}"] [data-step=accept]', f"capture-accept-{size}")
    assert "before the tender" in box.inner_text()
    assert box.locator("h2").inner_text().startswith(f"Accept {requester_name}'s request")
    assert "sees your name" in box.locator("#accept-reveals").inner_text()
    box.get_by_label("Message (optional)").fill("Happy to: I will call them on Monday.")
    axe_clean(answer.page)
    submit_and_redraw(answer, box, "introductions")
    answered = answer.page.locator(f'li[data-intro-id="{intro["id"]}"]')
    assert answered.get_attribute("data-status") == "accepted"
    assert answer.page.locator("#intro-link").get_attribute("data-count") == "0"

    ask.page.locator("#intro-link").click()
    ask.wait_for("introductions")
    mine = ask.page.locator(f'li[data-intro-id="{intro["id"]}"]')
    assert mine.get_attribute("data-status") == "accepted"
    assert name in mine.locator(".colleague").inner_text()
    assert "I will call them on Monday" in mine.locator(".reply").inner_text()
    ask.shot(f"capture-requester-sees-{size}")

    box = dialog(answer, f'li[data-intro-id="{intro["id"]}"] [data-step=made]')
    box.get_by_label("Message (optional)").fill("Met them at the expo.")
    submit_and_redraw(answer, box, "introductions")
    ask.page.reload()  # made: the requester now has something to do, said in their header
    expect(ask.page.locator("#intro-link")).to_have_attribute("data-count", "1")
    ask.page.reload()
    ask.wait_for("introductions")
    box = dialog(ask, f'li[data-intro-id="{intro["id"]}"] [data-step=helped]')
    assert "Met them at the expo." in box.inner_text()  # the colleague's last word, shown
    submit_and_redraw(ask, box, "introductions")
    assert ask.page.locator(f'li[data-intro-id="{intro["id"]}"]').get_attribute("data-status") == "helped"
    edges = get(app_url, f"/v1/employees/{colleague}")["relationships"]
    assert any(e["type"] == "LEVERAGED" and e["to"] == deal_id for e in edges)
    for session, context in ((ask, ask_context), (answer, answer_context)):
        context.close()
        assert unexpected(session.errors) == []


def test_a_request_is_withdrawn_before_the_colleague_answers(
        tab: Session, app_url: str, size: str) -> None:
    (token, _), contact_id, ref, _ = a_masked_path(app_url)
    asked = httpx.post(app_url + "/v1/introductions", timeout=30,
                       headers={"Authorization": f"Bearer {token}"},
                       json={"colleague": ref["employee_id"], "contact_id": contact_id})
    assert asked.status_code in (201, 409), asked.text
    intro_id = asked.json()["id"] if asked.status_code == 201 else asked.json()["introduction_id"]
    tab.sign_in(token)
    tab.open("introductions", "introductions")
    box = dialog(tab, f'li[data-intro-id="{intro_id}"] [data-step=withdraw]')
    assert "Withdraw your request" in box.locator("h2").inner_text()
    submit_and_redraw(tab, box, "introductions")
    item = tab.page.locator(f'li[data-intro-id="{intro_id}"]')
    assert item.get_attribute("data-status") == "withdrawn"
    expect(item.locator(".chip")).to_have_text("withdrawn")
    assert item.locator("[data-step]").count() == 0  # nothing more to do with it
    assert [i["status"] for i in get(app_url, "/v1/introductions", token)
            if i["id"] == intro_id] == ["withdrawn"]


def test_no_write_controls_outside_the_perspective_and_the_api_refuses(
        tab: Session, app_url: str, rep: tuple[str, str], size: str) -> None:
    token, _ = rep
    mine = set(rep_accounts(app_url, token))
    other = next(a["id"] for a in get(app_url, "/v1/accounts", limit=100)["items"] if a["id"] not in mine)
    stranger = get(app_url, "/v1/contacts", account_id=other, limit=1)["items"][0]["id"]
    tab.sign_in(token)
    tab.open(f"account/{other}", "account")
    page = tab.page
    assert "outside this principal's perspective" in page.get_by_role("alert").inner_text()
    assert page.locator(".capture-bar, .capture-open").count() == 0
    tab.open(f"person/{stranger}", "person")
    assert page.locator(".capture-bar, .capture-open").count() == 0
    crafted = httpx.post(app_url + "/v1/import", timeout=30, headers={
        "Authorization": f"Bearer {token}", "X-BRM-Source": "web"},
        json={"assessments": [{"contact_id": stranger, "at": TODAY, "closeness": "support"}]})
    assert crafted.status_code == 403
    assert crafted.headers["content-type"].startswith("application/problem+json")
    assert [e["path"] for e in crafted.json()["errors"]] == ["assessments[0]"]

    # A form whose request is rewritten to name that person shows the server's refusal.
    own = contacts(app_url, token, sorted(mine)[0])[0]

    def reroute(route: Route) -> None:
        body = {**(route.request.post_data_json or {}), "contact_id": stranger}
        assert route.request.headers.get("x-brm-source") == "web"
        route.continue_(post_data=json.dumps(body))

    page.route("**/v1/assessments", reroute)
    tab.open(f"person/{own}", "person")
    box = dialog(tab, "#open-assess", f"capture-assess-{size}")
    axe_clean(page)
    box.get_by_label("Closeness to us").select_option("support")
    box.locator("button[type=submit]").click()
    alert = box.get_by_role("alert")
    alert.wait_for()
    # Said in the reader's language, the refused item too (by its code).
    assert "Not allowed It is outside what you may see or change." in alert.inner_text()
    assert "Outside the accounts you look after." in alert.inner_text()
    assert "outside this principal's accounts" not in alert.inner_text()
    tab.page.screenshot(path=SHOTS / f"capture-refused-{size}.png")


@pytest.mark.parametrize("view", ["person", "account", "deal"])
def test_capture_dialogs_pass_axe(tab: Session, app_url: str, rep: tuple[str, str], size: str,
                                  view: str) -> None:
    token, _ = rep
    account_id = rep_accounts(app_url, token)[0]
    contact_id = get(app_url, "/v1/contacts", token, account_id=account_id, limit=1)["items"][0]["id"]
    deal_id = get(app_url, "/v1/opportunities", token, account_id=account_id, limit=1)["items"][0]["id"]
    route, openers = {
        "person": (f"person/{contact_id}", ["#open-log", "#open-assess", "#open-know"]),
        "account": (f"account/{account_id}", ["#open-log", "#open-person", "#open-line", "#open-end-line"]),
        "deal": (f"deal/{deal_id}", ["#open-log", "#add-member", "#chain-edit [data-action=role]",
                                     "#chain-edit [data-action=remove]"]),
    }[view]
    tab.sign_in(token)
    tab.open(route, view)
    axe_clean(tab.page)
    tab.shot(f"capture-{view}-page-{size}")
    for opener in openers:
        box = dialog(tab, opener, f"capture-{view}-{opener.strip('#').split()[0]}-{size}"
                     if opener.startswith("#open") else None)
        axe_clean(tab.page)
        tab.page.keyboard.press("Escape")
        box.wait_for(state="detached")
        assert tab.page.locator(opener).first.is_visible()


def test_capture_speaks_chinese_when_the_browser_does(browser: Browser, app_url: str,
                                                      rep: tuple[str, str]) -> None:
    token, _ = rep
    account_id = rep_accounts(app_url, token)[0]
    context = browser.new_context(viewport=SIZES["phone"], locale="zh-CN")
    session = Session(context.new_page(), app_url)
    session.sign_in(token)
    session.open(f"account/{account_id}", "account")
    assert session.page.locator("#open-log").inner_text() == "记录一次互动"
    box = dialog(session, "#open-person", "capture-zh-person-phone")
    assert box.get_attribute("lang") == "zh-CN"
    assert box.get_by_label("姓名").is_visible()
    box.locator("button[type=submit]").click()
    assert box.locator(".field-error:not([hidden])").first.inner_text() == "必填。"
    context.close()
    assert unexpected(session.errors) == []


SUMMARY = "WeChat about the pilot: the site survey is set for Thursday\nthen the quote"


def test_a_rep_marks_an_activity_of_theirs_private_and_shares_it_again(
        tab: Session, app_url: str, rep: tuple[str, str], size: str) -> None:
    token, me = rep
    contact = contacts(app_url, token, rep_accounts(app_url, token)[0])[0]
    activity = f"private-{size}-{secrets.token_hex(4)}"
    logged = httpx.post(app_url + "/v1/activities", timeout=30,
                        headers={"Authorization": f"Bearer {token}"},
                        json={"id": activity, "at": YESTERDAY, "type": "message",
                              "employee_ids": [me], "contact_ids": [contact],
                              "summary": SUMMARY})
    assert logged.status_code == 200, logged.text

    def seen(by: str = ADMIN_TOKEN) -> list[bool]:
        """`private` of the activity in the contact's list as `by` reads it (an admin unless
        said)."""
        found = get(app_url, f"/v1/contacts/{contact}/activities", by, limit=100)["activities"]
        return [a["private"] for a in found if a["id"] == activity]

    tab.sign_in(token)
    tab.open(f"person/{contact}", "person")
    # A long summary shows its first words, the whole (said once) on a tap.
    said = tab.page.locator(f'#activity-history tr[data-activity="{activity}"] details.summary summary')
    expect(said).to_have_text(SUMMARY[:30] + "…")
    said.click()
    expect(said).to_have_text(SUMMARY)
    box = tab.page.locator(f'#activity-history input[data-private="{activity}"]')
    expect(box).not_to_be_checked()
    tab.page.evaluate("delete document.body.dataset.view")
    box.check()
    tab.wait_for("person")
    expect(tab.page.locator(f'#activity-history input[data-private="{activity}"]')).to_be_checked()
    # Theirs alone: the rep reads it as private, anyone else no longer reads it.
    assert (seen(token), seen()) == ([True], [])
    tab.page.evaluate("delete document.body.dataset.view")
    # The box's whole cell is its target: a tap beside the box is a tap on it.
    tab.page.locator(f'#activity-history label.private-tap:has(input[data-private="{activity}"])'
                     ).click(position={"x": 3, "y": 3})
    tab.wait_for("person")
    assert (seen(token), seen()) == ([False], [False])


def test_back_closes_a_dialog_and_asks_first_when_something_was_typed(
        tab: Session, app_url: str, rep: tuple[str, str]) -> None:
    """On a phone Back is the way out of a dialog: it closes the dialog and leaves the page
    where it was; with something typed, it asks first, and "no" keeps the dialog and the text."""
    token, _ = rep
    contact_id = contacts(app_url, token, rep_accounts(app_url, token)[0])[0]
    tab.sign_in(token)
    tab.open(f"person/{contact_id}", "person")
    page, address = tab.page, tab.page.url
    dialog(tab, "#open-log")
    page.evaluate("history.back()")
    expect(page.locator("dialog[open]")).to_have_count(0)
    box = dialog(tab, "#open-log")
    # A day gone by: its attitudes count from then, a later assessment stays current.
    expect(box.locator("#log-earlier")).to_have_text("")
    box.get_by_label("When").fill((date.today() - timedelta(days=3)).isoformat())
    expect(box.locator("#log-earlier")).to_contain_text("Dated before today")
    box.get_by_label("Note").fill("met at the site")
    asked: list[str] = []

    def answer(no: bool) -> None:
        page.once("dialog", lambda d: (asked.append(d.message), d.dismiss() if no else d.accept()))

    answer(no=True)
    page.evaluate("history.back()")
    expect(box.get_by_label("Note")).to_have_value("met at the site")
    assert asked == ["Discard what you typed?"]
    answer(no=False)
    page.evaluate("history.back()")
    expect(page.locator("dialog[open]")).to_have_count(0)
    assert len(asked) == 2
    # Closed without Back (Cancel), its history entry goes with it: Back then leaves the page
    # as it would have before the dialog.
    dialog(tab, "#open-log").get_by_role("button", name="Cancel").click()
    expect(page.locator("dialog[open]")).to_have_count(0)
    page.wait_for_function("history.state === null")  # its entry gone (Back runs a moment later)
    assert page.url == address and page.evaluate("document.body.dataset.view") == "person"


def test_back_returns_to_where_the_reader_was_and_a_link_opens_at_the_top(
        tab: Session, app_url: str, rep: tuple[str, str]) -> None:
    """A lead looks at a deal from the weekly review's changes and comes back: the review is
    where they left it, not at its top (a phone's review is many screens tall)."""
    token, _ = rep
    account = rep_accounts(app_url, token)[0]
    contact_id = contacts(app_url, token, account)[0]
    tab.sign_in(token)
    tab.open(f"person/{contact_id}", "person")
    page = tab.page
    low = min(600, page.evaluate("document.documentElement.scrollHeight - window.innerHeight"))
    assert low > 100, "the person's page is too short to scroll"
    page.evaluate(f"window.scrollTo(0, {low})")
    tab.open(f"account/{account}", "account")  # a link's way: the new page at its top
    page.wait_for_function("window.scrollY === 0")
    page.evaluate("delete document.body.dataset.view")
    page.evaluate("history.back()")
    tab.wait_for("person")
    page.wait_for_function(f"Math.abs(window.scrollY - {low}) <= 2")


def test_logging_from_a_deal_lists_its_decision_chain_first(tab: Session, app_url: str,
                                                            rep: tuple[str, str]) -> None:
    """The people met about a deal are mostly its decision chain's: listed first and said so,
    where a box of six rows showed the account's people by name."""
    token, _ = rep
    found = [(deal["id"], members)
             for account_id in rep_accounts(app_url, token)
             if len(contacts(app_url, token, account_id)) > 1
             for deal in get(app_url, "/v1/opportunities", token, account_id=account_id,
                             limit=100)["items"]
             for members in [get(app_url, f"/v1/opportunities/{deal['id']}/decision-chain",
                                 token)["members"]]
             if 0 < len(members) < len(contacts(app_url, token, account_id))]
    assert found, "the rep has no deal with a decision chain short of its account's people"
    deal_id, members = found[0]
    tab.sign_in(token)
    tab.open(f"deal/{deal_id}", "deal")
    box = dialog(tab, "#open-log")
    listed = box.locator("input[name=theirs]").evaluate_all("items => items.map((e) => e.value)")
    assert set(listed[:len(members)]) == {m["contact_id"] for m in members}
    marked = box.locator(".choice", has_text="on the decision chain")
    expect(marked).to_have_count(len(members))
