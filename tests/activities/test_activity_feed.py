"""A scope's activity over a period (the weekly review's "who met whom"), worked out by hand.

Team t1 (lead e2) holds a1 (owned by e1: p1, p2) and a3 (a focus account, owned by e2: r1);
team t2 (lead e3) holds a2 (owned by e3: q1). The week is 2026-11-24 to 2026-11-30:

x1 11-24 visit  e1       p1        x5 11-30 message e2  r1
x2 11-25 call   e1       p1, p2    x6 11-27 visit   e3  q1
x3 11-26 dinner e1, e3   p2, q1    x7 11-28 call    e1  p2 (marked private by e1)
x4 11-23 meeting e1      p1 (the week before)
"""

from typing import Any

from fastapi.testclient import TestClient
from neo4j import Driver

from app.config import Settings
from app.data_steps import data_steps
from app.db.graph import run_with_graph
from tests.auth.conftest import create
from tests.conftest import AUTH

WEEK = {"since": "2026-11-24", "until": "2026-11-30"}
ACTIVITIES = [("x1", "2026-11-24", "visit", ["e1"], ["p1"]),
              ("x2", "2026-11-25", "call", ["e1"], ["p1", "p2"]),
              ("x3", "2026-11-26", "dinner", ["e1", "e3"], ["p2", "q1"]),
              ("x4", "2026-11-23", "meeting", ["e1"], ["p1"]),
              ("x5", "2026-11-30", "message", ["e2"], ["r1"]),
              ("x6", "2026-11-27", "visit", ["e3"], ["q1"]),
              ("x7", "2026-11-28", "call", ["e1"], ["p2"])]


def graph() -> dict[str, Any]:
    return {
        "accounts": [{"id": "a1", "name": "华东电网"}, {"id": "a2", "name": "江苏农商银行"},
                     {"id": "a3", "name": "国网江苏", "focus": True}],
        "teams": [{"id": "t1", "name": "能源", "lead_id": "e2"},
                  {"id": "t2", "name": "金融", "lead_id": "e3"}],
        "employees": [{"id": "e1", "name": "李明", "team_id": "t1"},
                      {"id": "e2", "name": "王芳", "team_id": "t1"},
                      {"id": "e3", "name": "赵敏", "team_id": "t2"}],
        "contacts": [{"id": "p1", "account_id": "a1", "name": "王建国"},
                     {"id": "p2", "account_id": "a1", "name": "陈伟"},
                     {"id": "r1", "account_id": "a3", "name": "刘洋"},
                     {"id": "q1", "account_id": "a2", "name": "周杰"}],
        "relationships": [{"type": "OWNS", "from": "e1", "to": "a1"},
                          {"type": "OWNS", "from": "e3", "to": "a2"},
                          {"type": "OWNS", "from": "e2", "to": "a3"}],
        "activities": [{"id": i, "at": at, "type": kind, "employee_ids": ours,
                        "contact_ids": theirs} for i, at, kind, ours, theirs in ACTIVITIES],
    }


def feed(client: TestClient, headers: dict[str, str], **params: Any) -> Any:
    response = client.get("/v1/activities", params={**WEEK, **params}, headers=headers)
    assert response.status_code == 200, response.text
    return response.json()


def tally(body: Any) -> tuple[int, int, int, dict[str, int]]:
    return body["activities"], body["contacts"], body["accounts"], body["by_type"]


def accounts(body: Any) -> list[tuple[str, int, int, int, str | None]]:
    """Each account's activities, people met, colleagues who met them and day last met."""
    return [(a["account_id"], a["activities"], a["contacts"], a["colleagues"], a["last_at"])
            for a in body["by_account"]]


def test_a_teams_week_per_colleague(client: TestClient) -> None:
    assert client.post("/v1/import", json=graph(), headers=AUTH).status_code == 200
    rep, lead = create(client, role="rep", employee_id="e1"), create(client, role="lead",
                                                                      employee_id="e2")
    marked = client.patch("/v1/activities/x7", json={"private": True}, headers=rep)
    assert marked.status_code == 200, marked.text

    team = feed(client, lead, scope="team:t1")
    # x4 is before the week, x6 with a2's person only, x7 private to e1: x1, x2, x3 and x5,
    # which met p1, p2 (a1) and r1 (a3); q1 at x3 is not the team's.
    assert tally(team["overall"]) == (4, 3, 2, {"visit": 1, "call": 1, "dinner": 1,
                                                 "message": 1})
    assert team["truncated"] is False
    colleagues = {c["employee_id"]: tally(c) for c in team["by_colleague"]}
    outsider = next(c for c in colleagues if c not in ("e1", "e2"))  # e3, by reference to e2
    assert colleagues == {"e1": (3, 2, 1, {"visit": 1, "call": 1, "dinner": 1}),
                          "e2": (1, 1, 1, {"message": 1}),
                          outsider: (1, 1, 1, {"dinner": 1})}
    # The team's members first (e2 before the outsider, as busy as they were), then the others.
    assert [(c["employee_id"], c["member"]) for c in team["by_colleague"]] == [
        ("e1", True), ("e2", True), (outsider, False)]
    assert [a["id"] for a in team["activities"]] == ["x5", "x3", "x2", "x1"]
    # The dinner's colleagues in the order of what the lead is shown (a reference sorted by
    # the id behind it would tell how the hidden ids sort).
    dinner = next(a for a in team["activities"] if a["id"] == "x3")
    assert dinner["employee_ids"] == ["e1", outsider]  # whom the lead sees first
    assert team["names"]["e1"] == "李明" and outsider not in team["names"]
    # Per account, the longest unmet first: a1 last met at the dinner (the private call of
    # 11-28 is e1's alone), by e1 and e3; a3 on 11-30.
    assert accounts(team) == [("a1", 3, 2, 2, "2026-11-26"), ("a3", 1, 1, 1, "2026-11-30")]
    assert (team["accounts_total"], team["accounts_quiet"]) == (2, 0)
    assert team["names"]["a3"] == "国网江苏"
    assert [a["focus"] for a in team["by_account"]] == [False, True]
    # The most active alone, on request; the rest counted.
    first = feed(client, lead, scope="team:t1", colleagues_limit=1)
    assert [(c["employee_id"], c["activities"]) for c in first["by_colleague"]] == [("e1", 3)]
    assert (team["colleagues_total"], first["colleagues_total"]) == (3, 3)

    # The rep's own accounts (a1): their private call too, for them alone.
    mine = feed(client, rep, scope="employee:e1")
    assert [(a["id"], a["private"]) for a in mine["activities"]] == [
        ("x7", True), ("x3", False), ("x2", False), ("x1", False)]
    assert tally(mine["overall"]) == (4, 2, 1, {"visit": 1, "call": 2, "dinner": 1})
    assert accounts(mine) == [("a1", 4, 2, 2, "2026-11-28")]
    # At the dinner the rep sees their own account's person only.
    dinner = next(a for a in mine["activities"] if a["id"] == "x3")
    assert dinner["contacts"] == [{"id": "p2", "name": "陈伟", "account_id": "a1"}]
    assert mine["names"]["a1"] == "华东电网" and "a2" not in mine["names"]
    paged = feed(client, rep, scope="employee:e1", offset=1, limit=2)
    assert [a["id"] for a in paged["activities"]] == ["x3", "x2"]
    assert tally(paged["overall"]) == tally(mine["overall"])

    # The company: every activity of the week but the private one.
    company = feed(client, AUTH, scope="company")
    assert tally(company["overall"]) == (5, 4, 3, {"visit": 2, "call": 1, "dinner": 1,
                                                    "message": 1})
    assert {c["employee_id"]: c["activities"] for c in company["by_colleague"]} == {
        "e1": 3, "e2": 1, "e3": 2}
    assert accounts(company) == [("a1", 3, 2, 2, "2026-11-26"), ("a2", 2, 1, 2, "2026-11-27"),
                                 ("a3", 1, 1, 1, "2026-11-30")]
    # The week before holds x4 alone; a period with nothing in it is empty, not an error.
    before = feed(client, AUTH, scope="company", since="2026-11-17", until="2026-11-23")
    assert [a["id"] for a in before["activities"]] == ["x4"]
    # No one has met a2's or a3's people by 11-23: they come first, the focus account a3
    # before a2; the first account alone on request, all three counted.
    assert accounts(before) == [("a3", 0, 0, 0, None), ("a2", 0, 0, 0, None),
                                ("a1", 1, 1, 1, "2026-11-23")]
    assert (before["accounts_total"], before["accounts_quiet"]) == (3, 2)
    first = feed(client, AUTH, scope="company", since="2026-11-17", until="2026-11-23",
                 accounts_limit=1)
    assert accounts(first) == [("a3", 0, 0, 0, None)] and first["accounts_total"] == 3
    empty = feed(client, AUTH, scope="company", since="2025-01-01", until="2025-01-07")
    assert tally(empty["overall"]) == (0, 0, 0, {}) and empty["by_colleague"] == []
    # A team is listed member by member, those who met nobody too: t2 the week before.
    quiet = feed(client, AUTH, scope="team:t2", since="2026-11-17", until="2026-11-23")
    assert [(c["employee_id"], tally(c)) for c in quiet["by_colleague"]] == [
        ("e3", (0, 0, 0, {}))]


def test_a_past_member_the_lead_may_not_see_is_another_colleague(client: TestClient,
                                                                  raw_driver: Driver) -> None:
    # e5 was in t1 until 2026-12-01 and met p1 in the week: on 11-30 a member, today not the
    # lead's to see, so a reference among the other colleagues, not a member. (A document
    # moves an employee from the day it is imported: the past membership is set in the graph.)
    document = graph()
    document["employees"].append({"id": "e5", "name": "孙磊", "team_id": "t1"})
    document["activities"].append({"id": "x8", "at": "2026-11-29", "type": "visit",
                                   "employee_ids": ["e5"], "contact_ids": ["p1"]})
    assert client.post("/v1/import", json=document, headers=AUTH).status_code == 200
    raw_driver.execute_query(
        "MATCH (:Employee {id: 'e5'})-[m:MEMBER_OF]->(:Team {id: 't1'}) "
        "SET m.since = date('2026-01-01'), m.until = date('2026-12-01')", database_="neo4j")
    lead = create(client, role="lead", employee_id="e2")
    team = feed(client, lead, scope="team:t1")
    past = [c for c in team["by_colleague"] if c["employee_id"] not in ("e1", "e2")]
    assert [(c["member"], c["activities"]) for c in past] == [(False, 1), (False, 1)]
    assert all(c["employee_id"].startswith("colleague-") for c in past)
    # The admin sees e5: a member on 11-30.
    assert next(c["member"] for c in feed(client, AUTH, scope="team:t1")["by_colleague"]
                if c["employee_id"] == "e5")


def test_only_who_may_see_an_activity_hears_that_it_exists(client: TestClient) -> None:
    assert client.post("/v1/import", json=graph(), headers=AUTH).status_code == 200
    lead, outsider = create(client, role="lead", employee_id="e2"), create(client, role="rep",
                                                                            employee_id="e3")
    # x1 is at a1, the lead's team's: not theirs to mark, and they may say so.
    assert client.patch("/v1/activities/x1", json={"private": True},
                        headers=lead).status_code == 403
    # e3 sees a2 alone: x1 is as unknown to them as an id that names nothing.
    unseen = client.patch("/v1/activities/x1", json={"private": True}, headers=outsider)
    unknown = client.patch("/v1/activities/x99", json={"private": True}, headers=outsider)
    assert (unseen.status_code, unknown.status_code) == (404, 404)
    assert unseen.json()["detail"].replace("x1", "x99") == unknown.json()["detail"]
    # x6 is e3's own, at a2.
    assert client.patch("/v1/activities/x6", json={"private": True},
                        headers=outsider).status_code == 200


def test_the_scope_and_the_period_are_checked(client: TestClient) -> None:
    assert client.post("/v1/import", json=graph(), headers=AUTH).status_code == 200
    rep = create(client, role="rep", employee_id="e1")
    assert client.get("/v1/activities", params={**WEEK, "scope": "team:t2"},
                      headers=rep).status_code == 403
    assert client.get("/v1/activities", params={**WEEK, "scope": "team:t9"},
                      headers=AUTH).status_code == 404
    backwards = client.get("/v1/activities", headers=AUTH,
                           params={"since": "2026-11-30", "until": "2026-11-24"})
    assert [e["code"] for e in backwards.json()["errors"]] == ["since_after_until"]
    long = client.get("/v1/activities", headers=AUTH,
                      params={"since": "2026-01-01", "until": "2026-11-30"})
    assert [(e["code"], e["params"]) for e in long.json()["errors"]] == [
        ("period_too_long", {"max_days": 92})]
    # One end worked out from the other stays within the dates the service takes.
    last = client.get("/v1/activities", params={"since": "2999-12-31"}, headers=AUTH).json()
    first = client.get("/v1/activities", params={"until": "1900-01-01"}, headers=AUTH).json()
    assert (last["since"], last["until"], first["since"], first["until"]) == (
        "2999-12-31", "2999-12-31", "1900-01-01", "1900-01-01")
    # A week by default: the six days before until, and until itself.
    week = client.get("/v1/activities", params={"until": "2026-11-30"}, headers=AUTH).json()
    assert (week["scope"], week["since"], week["until"]) == ("company", "2026-11-24", "2026-11-30")
    # Nothing is private here: x7 too.
    assert [a["id"] for a in week["activities"]] == ["x5", "x7", "x6", "x3", "x2", "x1"]


def last_met(driver: Driver) -> dict[str, str | None]:
    records, _, _ = driver.execute_query(
        "MATCH (c:Contact) RETURN c.id AS id, toString(c.last_met) AS day ORDER BY id",
        database_="neo4j")
    return {r["id"]: r["day"] for r in records}


def test_each_contacts_last_day_is_kept_through_writes_and_given_to_older_data(
        client: TestClient, raw_driver: Driver, settings: Settings) -> None:
    # The accounts' last days come from each contact's, kept with every write of activities.
    assert client.post("/v1/import", json=graph(), headers=AUTH).status_code == 200
    assert last_met(raw_driver) == {"p1": "2026-11-25", "p2": "2026-11-28", "q1": "2026-11-27",
                                    "r1": "2026-11-30"}
    rep = create(client, role="rep", employee_id="e1")
    # x7 (p2, 11-28) private to e1: p2's shared day is the dinner's; x2 moved to p1 alone.
    assert client.patch("/v1/activities/x7", json={"private": True}, headers=rep).status_code == 200
    moved = {**graph()["activities"][1], "contact_ids": ["p1"]}
    assert client.post("/v1/activities", json=moved, headers=AUTH).status_code == 200
    kept = last_met(raw_driver)
    assert kept == {"p1": "2026-11-25", "p2": "2026-11-26", "q1": "2026-11-27", "r1": "2026-11-30"}
    # Stored before the days were kept (V042): its data step gives them.
    raw_driver.execute_query("MATCH (c:Contact) REMOVE c.last_met", database_="neo4j")
    run_with_graph(settings, data_steps(settings)[42])
    assert last_met(raw_driver) == kept
    # The rep still sees their private call as a1's last day; the lead the dinner.
    assert accounts(feed(client, rep, scope="employee:e1"))[0][4] == "2026-11-28"
    lead = create(client, role="lead", employee_id="e2")
    assert accounts(feed(client, lead, scope="team:t1"))[0][4] == "2026-11-26"


def test_a_members_work_at_other_accounts_is_counted_apart(client: TestClient) -> None:
    # x8: e2 visits q1 (a2, t2's) on 11-29; x9: e1 calls q1 on 11-29, marked private by e1.
    document = graph()
    document["activities"] += [
        {"id": "x8", "at": "2026-11-29", "type": "visit", "employee_ids": ["e2"],
         "contact_ids": ["q1"]},
        {"id": "x9", "at": "2026-11-29", "type": "call", "employee_ids": ["e1"],
         "contact_ids": ["q1"]}]
    assert client.post("/v1/import", json=document, headers=AUTH).status_code == 200
    rep, lead = create(client, role="rep", employee_id="e1"), create(client, role="lead",
                                                                      employee_id="e2")
    assert client.patch("/v1/activities/x9", json={"private": True}, headers=rep).status_code == 200

    def elsewhere(body: Any) -> list[tuple[str, bool, int, int | None]]:
        return [(c["employee_id"], c["member"], c["activities"], c["elsewhere"])
                for c in body["by_colleague"]]

    # The lead's team: e2's visit at a2 is elsewhere; e1's dinner x3 had a1's p2 too, so it is
    # the team's (with x1, x2 and x7); x9 is e1's alone. The other team's colleague is no
    # member: nothing said.
    team = elsewhere(feed(client, lead, scope="team:t1"))
    outsider = team[2][0]
    assert team == [("e1", True, 4, 0), ("e2", True, 1, 1), (outsider, False, 1, None)]
    # The rep's own scope (a1): their private call at a2 is theirs to see.
    assert elsewhere(feed(client, rep, scope="employee:e1"))[0] == ("e1", True, 4, 1)
    # The company has no other accounts.
    assert {c[3] for c in elsewhere(feed(client, AUTH, scope="company"))} == {None}
