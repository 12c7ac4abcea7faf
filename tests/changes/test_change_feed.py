"""The change feed on a dated sequence of writes, worked out by hand for two periods:
A = 2026-03-01..2026-03-10 and B = 2026-03-11..2026-03-31.

Account a1 (owned by rep e1 of team t1, led by e2; e3 is in team t2), deal o1. Its decision
chain: m1 decision maker (weight 3), m2 evaluator (2) who becomes influencer (1) on 03-10,
m3 user (1) from 03-05, m4 coach (1) until 03-20. Contacts x and y leave a1 on 03-08 and
03-28. Who reaches whom: e1 -> m1 until 03-15, e1 -> m2, e2 -> m2 until 03-12, e3 -> m3
from 03-05. Our assessments: on 01-05 m1, m2 and m4 support on all three degrees (m1 also veto
holder); m1's closeness opposes from 03-03 (entered by the rep); m3 neutral on closeness on
03-06; m1 no veto holder from 03-22; m2 opposes on price for o1 on 03-25. A tracked action
due 03-05 is moved to 03-20 on 03-12 and done on 03-25.
"""

import csv
import io
from datetime import date, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from neo4j import Driver

from tests.auth.conftest import create
from tests.conftest import AUTH

A = {"since": "2026-03-01", "until": "2026-03-10"}
B = {"since": "2026-03-11", "until": "2026-03-31"}
THREE = {"closeness": "support", "solution": "support", "price": "support"}


def chain(contact: str, role: str, since: str) -> dict[str, Any]:
    return {"type": "IN_DECISION_CHAIN", "from": contact, "to": "o1", "role": role,
            "since": since}


def knows(employee: str, contact: str, since: str, until: str | None = None) -> dict[str, Any]:
    return {"type": "INFLUENCES", "from": employee, "to": contact, "strength": 0.8,
            "since": since, "until": until}


def scenario(client: TestClient, raw_driver: Driver) -> dict[str, str]:
    people = ["m1", "m2", "m3", "m4", "x", "y"]
    doc = {
        "accounts": [{"id": "a1", "name": "华东电网"}],
        "teams": [{"id": "t1", "name": "能源", "lead_id": "e2"},
                  {"id": "t2", "name": "金融", "lead_id": "e3"}],
        "employees": [{"id": "e1", "name": "李明", "team_id": "t1"},
                      {"id": "e2", "name": "王芳", "team_id": "t1"},
                      {"id": "e3", "name": "赵敏", "team_id": "t2"}],
        "contacts": [{"id": c, "account_id": "a1", "name": c.upper(), "key_person": True}
                     for c in people],
        "opportunities": [{"id": "o1", "account_id": "a1", "name": "数据中台"}],
        "relationships": [
            {"type": "OWNS", "from": "e1", "to": "a1"},
            chain("m1", "decision_maker", "2026-01-01"), chain("m2", "evaluator", "2026-01-01"),
            chain("m3", "user", "2026-03-05"), chain("m4", "coach", "2026-01-01"),
            chain("m2", "influencer", "2026-03-10"),
            knows("e1", "m1", "2026-01-01", "2026-03-15"), knows("e1", "m2", "2026-01-01"),
            knows("e2", "m2", "2026-01-01", "2026-03-12"), knows("e3", "m3", "2026-03-05")],
        "assessments": [
            {"contact_id": "m1", "at": "2026-01-05", **THREE, "veto": True},
            {"contact_id": "m2", "at": "2026-01-05", **THREE},
            {"contact_id": "m4", "at": "2026-01-05", **THREE},
            {"contact_id": "m3", "at": "2026-03-06", "closeness": "neutral"},
            {"contact_id": "m1", "at": "2026-03-22", "veto": False},
            {"contact_id": "m2", "at": "2026-03-25", "opportunity_id": "o1", "price": "oppose"}],
    }
    # m2's role as evaluator ends where the one as influencer begins, on 03-10: a relationship
    # holds once on any day.
    assert client.post("/v1/import", json=doc, headers=AUTH).status_code == 200
    for end in [{"type": "IN_DECISION_CHAIN", "from": "m4", "to": "o1", "until": "2026-03-20"},
                {"type": "WORKS_AT", "from": "x", "to": "a1", "until": "2026-03-08"},
                {"type": "WORKS_AT", "from": "y", "to": "a1", "until": "2026-03-28"}]:
        response = client.post("/v1/relationships/end", json=end, headers=AUTH)
        assert response.status_code == 200 and response.json()["ended"] == 1, (end, response.text)
    rep = create(client, role="rep", employee_id="e1")
    assert client.post("/v1/assessments", headers=rep, json={
        "contact_id": "m1", "at": "2026-03-03", "closeness": "oppose"}).status_code == 200
    # The revisions POST and PATCH /v1/actions keep, as they would stand had the action been
    # created on 02-20 (the API dates revisions today).
    raw_driver.execute_query(
        "CREATE (:TrackedAction {id: 'act-past', account_id: 'a1', opportunity_id: 'o1', "
        "contact_id: 'm1', kind: 'breakthrough', owner_id: 'e1', status: 'done', "
        "due: date('2026-03-20'), created_at: datetime(), updated_at: datetime(), "
        "rev_on: [date('2026-02-20'), date('2026-03-12'), date('2026-03-25')], "
        "rev_status: ['open', 'open', 'done'], "
        "rev_due: [date('2026-03-05'), date('2026-03-20'), date('2026-03-20')], "
        "rev_owner: ['e1', 'e1', 'e1']})", database_="neo4j")
    return {"rep": rep, "lead": create(client, role="lead", employee_id="e2")}


def feed(client: TestClient, period: dict[str, str], headers: dict[str, str] = AUTH,
         **params: Any) -> dict[str, Any]:
    response = client.get("/v1/changes", headers=headers,
                          params={"scope": "team:t1", **period, **params})
    assert response.status_code == 200, response.text
    return dict(response.json())


def rows(body: dict[str, Any]) -> list[tuple[Any, ...]]:
    return [(e["at"], e["type"], e["contact_id"], e["employee_id"], e["from"], e["to"])
            for e in body["events"]]


# Period A, newest first (of one day: in the order of the types). o1 on 03-10 is compared
# with 02-28 (the day before A); each difference is dated on the day it came about.
# - 03-10 member_added m2, its role changed from evaluator to influencer that day.
# - 03-08 contact_left x; 03-06 m3's closeness moved from unknown to neutral, and the action
#   due 03-05 fell overdue (its owner e1).
# - 03-05 member_added m3; blocker_new m3 (a member from that day, unassessed); single_threaded
#   m3, whom e3 alone reaches from that day (m1 was reached by e1 alone already).
# - 03-03 m1's closeness moved from support to oppose, entered by the rep e1; blocker_new m1;
#   coverage_dropped: weighted supportive on 02-28 m1 3 + m2 2 + m4 1 of 6 = 1.0, on 03-03
#   m2 2 + m4 1 of 6 = 0.5, a drop of 0.5 >= 0.1 that day; from and to are the period's ends:
#   on 03-10 m2 1 + m4 1 of m1 3 + m2 1 + m3 1 + m4 1 = 2/6 = 0.3333.
PERIOD_A = [
    ("2026-03-10", "member_added", "m2", None, "evaluator", "influencer"),
    ("2026-03-08", "contact_left", "x", None, None, None),
    ("2026-03-06", "assessment_changed", "m3", None, None, "neutral"),
    ("2026-03-06", "action_overdue", "m1", "e1", None, "2026-03-05"),
    ("2026-03-05", "member_added", "m3", None, None, "user"),
    ("2026-03-05", "blocker_new", "m3", None, None, None),
    ("2026-03-05", "single_threaded", "m3", "e3", None, None),
    ("2026-03-03", "assessment_changed", "m1", "e1", "support", "oppose"),
    ("2026-03-03", "blocker_new", "m1", None, None, None),
    ("2026-03-03", "coverage_dropped", None, None, 1.0, 0.3333),
]
# Period B, o1 on 03-31 against 03-10:
# - 03-28 contact_left y; 03-25 m2's price for o1 moved from the general support to oppose, and
#   so blocker_new m2; 03-22 m1's veto from true to false; 03-21 the action, moved on 03-12 to
#   be due 03-20, fell overdue again.
# - 03-20 member_removed m4 (a coach); coverage_dropped from 2/6 = 0.3333 to m2 1 of m1 3 + m2 1
#   + m3 1 = 1/5 = 0.2 that day (a drop of 0.1333 >= 0.1; nothing else moved it in B).
# - 03-15 reach_lost m1 (e1's line ended); 03-12 single_threaded m2, whom e1 alone reaches
#   after e2's line ended.
PERIOD_B = [
    ("2026-03-28", "contact_left", "y", None, None, None),
    ("2026-03-25", "assessment_changed", "m2", None, "support", "oppose"),
    ("2026-03-25", "blocker_new", "m2", None, None, None),
    ("2026-03-22", "vote_changed", "m1", None, True, False),
    ("2026-03-21", "action_overdue", "m1", "e1", None, "2026-03-20"),
    ("2026-03-20", "member_removed", "m4", None, "coach", None),
    ("2026-03-20", "coverage_dropped", None, None, 0.3333, 0.2),
    ("2026-03-15", "reach_lost", "m1", None, None, None),
    ("2026-03-12", "single_threaded", "m2", "e1", None, None),
]


def test_every_event_type_over_two_periods(client: TestClient, raw_driver: Driver) -> None:
    tokens = scenario(client, raw_driver)
    a = feed(client, A)
    assert rows(a) == PERIOD_A
    assert a["total"] == 10
    assert rows(feed(client, B)) == PERIOD_B
    # The company holds a1 alone: the same events, read by their days rather than by account.
    assert rows(feed(client, A, scope="company")) == PERIOD_A
    assert rows(feed(client, B, scope="company")) == PERIOD_B
    # Since alone: the week from it, 03-04..03-10, compared with 03-03, when m1 already opposed
    # (a blocker then) and the weighted supportive coverage was m2 2 + m4 1 of 6 = 0.5: on 03-05
    # (m3 joins) 3/7 = 0.4286, a drop of 0.0714 only; on 03-10 (m2 an influencer) 0.3333.
    assert rows(feed(client, {"since": "2026-03-04"})) == [
        PERIOD_A[0], ("2026-03-10", "coverage_dropped", None, None, 0.5, 0.3333),
        *PERIOD_A[1:7]]
    by_id = {e["type"]: e for e in feed(client, B)["events"]}
    assert by_id["assessment_changed"]["opportunity_id"] == "o1"
    assert by_id["action_overdue"]["action_id"] == "act-past"
    assert by_id["coverage_dropped"]["opportunity_id"] == "o1"
    # The same answer for the lead of t1, but e3 (team t2) is a colleague reference.
    lead = rows(feed(client, A, tokens["lead"]))
    hidden = lead[6][3]
    assert hidden.startswith("colleague-")
    assert lead == [(*r[:3], hidden, *r[4:]) if r[3] == "e3" else r for r in PERIOD_A]
    # Paged and filtered. A page of one at every offset, of a team and of the company: the
    # database counts the assessments' moves and reads only those a page reaches.
    assert rows(feed(client, A, limit=2, offset=3)) == PERIOD_A[3:5]
    for scope in ("team:t1", "company"):
        pages = [feed(client, A, scope=scope, limit=1, offset=i) for i in range(11)]
        assert [p["total"] for p in pages] == [10] * 11
        assert [r for p in pages for r in rows(p)] == PERIOD_A
    moved = feed(client, A, type=["assessment_changed"], limit=1)
    assert (moved["total"], rows(moved)) == (2, [PERIOD_A[2]])
    only = feed(client, B, type=["reach_lost", "vote_changed"])
    assert (only["total"], rows(only)) == (2, [PERIOD_B[3], PERIOD_B[7]])


def test_a_member_taken_back_on_the_day_they_joined_is_no_event(client: TestClient,
                                                                raw_driver: Driver) -> None:
    """Added to the chain by mistake and ended the same day: the membership held on no day."""
    scenario(client, raw_driver)
    assert client.post("/v1/import", json={"relationships": [chain("y", "coach", "2026-03-12")]},
                       headers=AUTH).status_code == 200
    end = {"type": "IN_DECISION_CHAIN", "from": "y", "to": "o1"}
    early = client.post("/v1/relationships/end", headers=AUTH, json={**end, "until": "2026-03-11"})
    assert early.status_code == 404
    for ended in (1, 0):  # the second time: a retry, found ended that day
        response = client.post("/v1/relationships/end", headers=AUTH,
                               json={**end, "until": "2026-03-12"})
        assert (response.status_code, response.json()) == (200, {"ended": ended})
    assert rows(feed(client, B)) == PERIOD_B
    members = client.get("/v1/opportunities/o1/decision-chain", headers=AUTH,
                         params={"as_of": "2026-03-12"}).json()["members"]
    assert sorted(m["contact_id"] for m in members) == ["m1", "m2", "m3", "m4"]

    def spans(contact: str, rel: str) -> list[tuple[Any, ...]]:
        edges = client.get(f"/v1/contacts/{contact}", headers=AUTH).json()["relationships"]
        return sorted((e["since"] or "", e["until"], e.get("role"), e["ended_by"] is not None)
                      for e in edges if e["type"] == rel)

    # Sent back as a node read shows it, it is taken as it is (until == since).
    taken_back = {**chain("y", "coach", "2026-03-12"), "until": "2026-03-12"}
    assert client.post("/v1/import", json={"relationships": [taken_back]},
                       headers=AUTH).status_code == 200
    assert spans("y", "IN_DECISION_CHAIN") == [("2026-03-12", "2026-03-12", "coach", True)]
    # Entered again from an earlier day, it holds on: the edge taken back ends nothing.
    assert client.post("/v1/import", json={"relationships": [chain("y", "user", "2026-03-11")]},
                       headers=AUTH).status_code == 200
    assert spans("y", "IN_DECISION_CHAIN") == [("2026-03-11", None, "user", False),
                                              ("2026-03-12", "2026-03-12", "coach", True)]
    # A line taken back, then sent again undated (as a sync does): it holds on, undated.
    line = {"type": "INFLUENCES", "from": "e1", "to": "y", "strength": 0.8}
    assert client.post("/v1/import", json={"relationships": [{**line, "since": "2026-03-12"}]},
                       headers=AUTH).status_code == 200
    assert client.post("/v1/relationships/end", headers=AUTH, json={
        "type": "INFLUENCES", "from": "e1", "to": "y", "until": "2026-03-12"}).json() == {"ended": 1}
    assert client.post("/v1/import", json={"relationships": [line]}, headers=AUTH).status_code == 200
    assert spans("y", "INFLUENCES") == [("", None, None, False),
                                       ("2026-03-12", "2026-03-12", None, True)]
    # Taken back, then entered again as it was: the same line, current, with no end left on it.
    other = {**line, "from": "e3", "since": "2026-03-12"}
    assert client.post("/v1/import", json={"relationships": [other]}, headers=AUTH).status_code == 200
    assert client.post("/v1/relationships/end", headers=AUTH, json={
        "type": "INFLUENCES", "from": "e3", "to": "y", "until": "2026-03-12"}).json() == {"ended": 1}
    assert client.post("/v1/import", json={"relationships": [other]}, headers=AUTH).status_code == 200
    edges = client.get("/v1/contacts/y", headers=AUTH).json()["relationships"]
    assert [(e["since"], e["until"], e["ended_by"], e["ended_at"]) for e in edges
            if e["type"] == "INFLUENCES" and e["from"] == "e3"] == [("2026-03-12", None, None, None)]


def test_a_contact_moved_the_day_they_were_entered_left_no_account(client: TestClient,
                                                                   raw_driver: Driver) -> None:
    """Entered at a1 and moved the same day (a mistake put right), or moved before the day
    they were to start: their first link held on no day, and they left nobody."""
    scenario(client, raw_driver)
    today = date.today()
    later = (today + timedelta(days=30)).isoformat()
    assert client.post("/v1/import", headers=AUTH, json={"accounts": [{"id": "a2", "name": "乙"}],
        "contacts": [{"id": "n1", "account_id": "a1", "name": "N1", "since": today.isoformat()},
                     {"id": "n2", "account_id": "a1", "name": "N2", "since": later}]}
    ).status_code == 200
    for moved in ("n1", "n2"):
        assert client.post("/v1/contacts", headers=AUTH, json={
            "id": moved, "account_id": "a2", "name": moved.upper()}).status_code == 200
    links = {c: sorted((e["to"], e["since"], e["until"]) for e in client.get(
        f"/v1/contacts/{c}", headers=AUTH).json()["relationships"] if e["type"] == "WORKS_AT")
        for c in ("n1", "n2")}
    assert links == {"n1": [("a1", today.isoformat(), today.isoformat()),
                            ("a2", today.isoformat(), None)],
                     "n2": [("a1", later, later), ("a2", today.isoformat(), None)]}
    moved_today = feed(client, {"since": today.isoformat(), "until": today.isoformat()},
                       scope="company")
    assert [e for e in moved_today["events"] if e["type"] == "contact_left"] == []


def test_a_past_period_answers_the_same_after_later_writes(client: TestClient,
                                                           raw_driver: Driver) -> None:
    tokens = scenario(client, raw_driver)
    before = feed(client, A)
    # Later writes: a new assessment, a member, a line ended, an action taken on today.
    later = {"assessments": [{"contact_id": "m3", "at": "2026-04-02", **THREE}],
             "relationships": [chain("x", "user", "2026-04-03")]}
    assert client.post("/v1/import", json=later, headers=AUTH).status_code == 200
    assert client.post("/v1/relationships/end", headers=AUTH, json={
        "type": "INFLUENCES", "from": "e3", "to": "m3", "until": "2026-04-04"}).status_code == 200
    assert client.post("/v1/actions", headers=tokens["rep"], json={
        "account_id": "a1", "kind": "custom", "note": "late", "owner_id": "e1",
        "due": "2026-03-01"}).status_code == 201
    assert feed(client, A) == before
    # The action taken on today, due in the past, falls overdue today: this week's feed.
    week = feed(client, {}, tokens["rep"], scope="employee:e1")
    assert [(e["type"], e["to"]) for e in week["events"]] == [("action_overdue", "2026-03-01")]


def test_the_period_and_the_scope_are_checked(client: TestClient, raw_driver: Driver) -> None:
    tokens = scenario(client, raw_driver)
    for params, path in [({"since": "2026-03-11", "until": "2026-03-10"}, "since"),
                         ({"since": "2026-01-01", "until": "2026-06-30"}, "since"),
                         ({"since": "1800-01-01"}, "since"), ({"until": "3000-01-01"}, "until"),
                         ({"type": "nothing"}, "type[0]")]:
        response = client.get("/v1/changes", headers=AUTH, params={"scope": "team:t1", **params})
        assert response.status_code == 422, (params, response.text)
        assert response.headers["content-type"] == "application/problem+json"
        assert [e["path"] for e in response.json()["errors"]] == [path], params
    both = client.get("/v1/changes", headers=AUTH,
                      params={"since": "1800-01-01", "until": "3000-01-01"})
    assert [e["path"] for e in both.json()["errors"]] == ["since", "until"]
    assert client.get("/v1/changes", headers=tokens["rep"],
                      params={"scope": "team:t2"}).status_code == 403
    assert client.get("/v1/changes", headers=AUTH,
                      params={"scope": "team:t9"}).status_code == 404
    # Another scope holds none of a1's events.
    assert feed(client, A, scope="employee:e3")["events"] == []


def test_a_feed_with_more_records_than_it_reads_says_so(client: TestClient, raw_driver: Driver,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    scenario(client, raw_driver)
    assert feed(client, A)["truncated"] is False
    # Period A holds three decision-chain edges begun or ended (m3's, m2's old one and its new
    # one), one contact who left (x) and one tracked action: three of each kind at most.
    settings = client.app.state.settings  # type: ignore[attr-defined]
    monkeypatch.setattr(settings, "changes_max_rows", 3)
    assert feed(client, A)["truncated"] is False
    monkeypatch.setattr(settings, "changes_max_rows", 1)
    cut = feed(client, A)
    assert cut["truncated"] is True
    sheet = client.get("/v1/changes", headers=AUTH, params={"scope": "team:t1", **A,
                                                            "format": "csv"})
    assert sheet.status_code == 200 and sheet.headers["X-BRM-Truncated"] == "true"
    # Of the decision-chain edges, one is read; the assessments' moves (m1's on 03-03, m3's on
    # 03-06) are counted by the database and both listed, however few records a read takes.
    changed = [(e["type"], e["contact_id"]) for e in cut["events"]]
    assert ("assessment_changed", "m3") in changed
    assert ("assessment_changed", "m1") in changed
    assert sum(t in ("member_added", "member_removed") for t, _ in changed) == 1
    monkeypatch.setattr(settings, "changes_max_rows", 10_000)
    # o1 is the one open deal: compared when one deal may be.
    monkeypatch.setattr(settings, "changes_max_deals", 1)
    whole = feed(client, A)
    assert whole["truncated"] is False and rows(whole) == PERIOD_A
    assert "X-BRM-Truncated" not in client.get(
        "/v1/changes", headers=AUTH, params={"scope": "team:t1", **A, "format": "csv"}).headers


def test_what_an_assessment_moved_from_is_known_without_the_history_before_the_period(
        client: TestClient) -> None:
    """A feature moved from the value before it: for a deal, the deal's own last value even if
    assessed before the period, else our general one, whose last value before the period comes
    from the contact's timelines. Worked out by hand for 03-01..03-10."""
    doc = {
        "accounts": [{"id": "a1", "name": "华东电网"}],
        "teams": [{"id": "t1", "name": "能源"}],
        "employees": [{"id": "e1", "name": "李明", "team_id": "t1"}],
        "contacts": [{"id": "k", "account_id": "a1", "name": "K", "key_person": True},
                     {"id": "j", "account_id": "a1", "name": "J", "key_person": True}],
        "competitors": [{"id": "r1", "name": "友商"}],
        "opportunities": [{"id": "o1", "account_id": "a1", "name": "一期"},
                          {"id": "o2", "account_id": "a1", "name": "二期"}],
        "relationships": [{"type": "OWNS", "from": "e1", "to": "a1"}],
        "assessments": [
            {"contact_id": "k", "at": "2026-01-15", "veto": True},
            {"contact_id": "k", "at": "2026-02-01", "closeness": "support", "price": "neutral"},
            {"contact_id": "k", "at": "2026-02-10", "opportunity_id": "o1", "price": "oppose"},
            {"contact_id": "k", "at": "2026-02-20", "closeness": "neutral"},
            {"contact_id": "j", "at": "2026-02-25", "price": "oppose"},
            {"contact_id": "j", "at": "2026-02-27", "toward": "r1", "solution": "strong_oppose"},
            {"contact_id": "j", "at": "2026-02-28", "closeness": "support"},
            # In the period:
            {"contact_id": "k", "at": "2026-03-02", "opportunity_id": "o1", "price": "support"},
            {"contact_id": "k", "at": "2026-03-03", "opportunity_id": "o2", "price": "support"},
            {"contact_id": "k", "at": "2026-03-04", "closeness": "support"},
            {"contact_id": "k", "at": "2026-03-05", "opportunity_id": "o2",
             "closeness": "oppose"},
            {"contact_id": "k", "at": "2026-03-06", "veto": False},
            {"contact_id": "j", "at": "2026-03-01", "closeness": "neutral"},
            {"contact_id": "j", "at": "2026-03-02", "solution": "support"},
            {"contact_id": "j", "at": "2026-03-03", "price": "neutral"}]}
    assert client.post("/v1/import", json=doc, headers=AUTH).status_code == 200
    # Entered after the import, the same day: the later of the two on 02-25 is the one before.
    rep = create(client, role="rep", employee_id="e1")
    assert client.post("/v1/assessments", headers=rep, json={
        "contact_id": "j", "at": "2026-02-25", "price": "support"}).status_code == 200
    want = {
        "k": [
            # Our general veto (01-15) before it.
            ("2026-03-06", "vote_changed", None, "veto", True, False),
            # o2's closeness from the general one of 03-04, in the period.
            ("2026-03-05", "assessment_changed", "o2", "closeness", "support", "oppose"),
            # The general closeness from 02-20's, the last before the period.
            ("2026-03-04", "assessment_changed", None, "closeness", "neutral", "support"),
            # o2 had no price of its own: from the general one (02-01).
            ("2026-03-03", "assessment_changed", "o2", "price", "neutral", "support"),
            # o1's price from its own of 02-10, not from the general neutral.
            ("2026-03-02", "assessment_changed", "o1", "price", "oppose", "support")],
        "j": [
            # From the rep's support entered after the import's oppose, both of 02-25.
            ("2026-03-03", "assessment_changed", None, "price", "support", "neutral"),
            # A competitor's view of j is not ours: no solution of ours before.
            ("2026-03-02", "assessment_changed", None, "solution", None, "support"),
            # On the period's first day, from the day before it.
            ("2026-03-01", "assessment_changed", None, "closeness", "support", "neutral")]}
    for scope in ("company", "team:t1"):
        body = feed(client, {"since": "2026-03-01", "until": "2026-03-10"}, scope=scope,
                    type=["assessment_changed", "vote_changed"])
        for contact, events in want.items():
            assert [(e["at"], e["type"], e["opportunity_id"], e["feature"], e["from"], e["to"])
                    for e in body["events"] if e["contact_id"] == contact] == events, scope


def line(kind: str, start: str, end: str, since: str, **more: Any) -> dict[str, Any]:
    return {"type": kind, "from": start, "to": end, "since": since, **more}


def test_the_political_maps_lines_drawn_and_ended(client: TestClient) -> None:
    """Lines among a1's people, worked out by hand: p influences q (0.7) from 03-05; the third
    party tp influences q (no strength: the default 0.5) from 03-06; z of account a2 influences
    q from 03-08 (a team holding a1 alone does not hold its other end); p influences r for deal
    o1 (0.6) from 03-09; q reports to r until 03-20; q influences r for a2's deal o2 from 03-10
    (the team does not hold that deal: only the company's feed names it). No event: the rep
    e1's own acquaintance with q (their network, not the map), p's line to r taken back the day
    it was drawn (03-07), and r's influence on p edited from 0.4 to 0.9 on 03-04 (it held on
    both sides of that day)."""
    people = [{"id": c, "account_id": "a1", "name": c.upper()} for c in ("p", "q", "r")]
    doc = {
        "accounts": [{"id": "a1", "name": "华东电网"}, {"id": "a2", "name": "江苏农商银行"}],
        "teams": [{"id": "t1", "name": "能源", "lead_id": "e1"}],
        "employees": [{"id": "e1", "name": "李明", "team_id": "t1"}],
        "third_parties": [{"id": "tp", "name": "设计院", "category": "design_institute"}],
        "contacts": [*people, {"id": "z", "account_id": "a2", "name": "Z"}],
        "opportunities": [{"id": "o1", "account_id": "a1", "name": "数据中台"},
                          {"id": "o2", "account_id": "a2", "name": "核心系统"}],
        "relationships": [
            {"type": "OWNS", "from": "e1", "to": "a1"},
            line("INFLUENCES", "p", "q", "2026-03-05", strength=0.7),
            line("INFLUENCES", "q", "r", "2026-03-10", strength=0.2, opportunity_id="o2"),
            line("INFLUENCES", "tp", "q", "2026-03-06"),
            line("INFLUENCES", "z", "q", "2026-03-08", strength=0.3),
            line("INFLUENCES", "p", "r", "2026-03-09", strength=0.6, opportunity_id="o1"),
            line("REPORTS_TO", "q", "r", "2026-01-01", until="2026-03-20"),
            line("INFLUENCES", "e1", "q", "2026-03-05", strength=0.8),
            line("INFLUENCES", "p", "r", "2026-03-07", until="2026-03-07", strength=0.5),
            line("INFLUENCES", "r", "p", "2026-01-01", strength=0.4)]}
    assert client.post("/v1/import", json=doc, headers=AUTH).status_code == 200
    edited = line("INFLUENCES", "r", "p", "2026-03-04", strength=0.9)
    assert client.post("/v1/import", json={"relationships": [edited]},
                       headers=AUTH).status_code == 200
    kinds = {"type": ["line_added", "line_ended"]}
    drawn = [("2026-03-09", "line_added", "r", None, "p", 0.6),
             ("2026-03-06", "line_added", "q", None, "tp", 0.5),
             ("2026-03-05", "line_added", "q", None, "p", 0.7)]
    team = feed(client, A, **kinds)
    assert rows(team) == drawn
    assert [(e["feature"], e["opportunity_id"], e["account_id"]) for e in team["events"]] == [
        ("influences", "o1", "a1"), ("influences", None, "a1"), ("influences", None, "a1")]
    assert team["names"]["tp"] == "设计院" and team["names"]["p"] == "P"
    assert "o2" not in team["names"]
    assert team["events"][2]["detail"] == "P influences Q"
    assert rows(feed(client, A, scope="company", **kinds)) == [
        ("2026-03-10", "line_added", "r", None, "q", 0.2), drawn[0],
        ("2026-03-08", "line_added", "q", None, "z", 0.3), *drawn[1:]]
    assert rows(feed(client, B, **kinds)) == [("2026-03-20", "line_ended", "r", None, "q", None)]
    assert rows(feed(client, B, scope="company", **kinds)) == rows(feed(client, B, **kinds))
    # Said as the weekly review says it, in a person's file.
    said = client.get("/v1/changes", headers=AUTH, params={
        "scope": "team:t1", **B, **kinds, "format": "csv", "lang": "zh-CN"})
    [ended] = list(csv.DictReader(io.StringIO(said.content.decode("utf-8-sig"))))
    assert "Q不再向R汇报" in ended.values()
    assert "汇报关系" in ended.values() and "Q" in ended.values()  # its kind, its start by name
