"""Cooling key relationships in the change feed, worked out by hand (half-life 90 days, meeting
1.0; a pair is cooling when its activity strength fell by more than 0.1 over 90 days).

Account a1 (owned by e1 of team t1, led by e2); k is a key person there, n is not.
- e1 met k and n on 2026-06-01, and nobody since. Until 08-29 the strength 90 days earlier is 0
  (before the meeting): warming. On 08-30, 90 days on: 1 - e^-(0.5^(90/90)) = 0.3935 against
  1 - e^-1 = 0.6321 on 06-01, a fall of 0.2386: cooling from that day, for k; n is no key person.
- e2 also met k on 06-01, then again on 08-20: on 08-30 0.5 + 0.5^(10/90) = 1.4259 ->
  0.7597 against 0.6321: warming, no event.
- e3 met k on 06-01 and marked the meeting private: it counts for nobody else.
"""

from typing import Any
from unittest.mock import patch

from fastapi.testclient import TestClient
from neo4j import Driver

from tests.auth.conftest import create
from tests.conftest import AUTH


def meeting(i: str, day: str, who: str, contacts: list[str]) -> dict[str, Any]:
    return {"id": i, "at": day, "type": "meeting", "employee_ids": [who], "contact_ids": contacts}


def load(client: TestClient) -> None:
    doc = {
        "accounts": [{"id": "a1", "name": "华东电网"}],
        "teams": [{"id": "t1", "name": "能源", "lead_id": "e2"}],
        "employees": [{"id": "e1", "name": "李明", "team_id": "t1"},
                      {"id": "e2", "name": "王芳", "team_id": "t1"},
                      {"id": "e3", "name": "赵敏"}],
        "contacts": [{"id": "k", "account_id": "a1", "name": "K", "key_person": True},
                     {"id": "n", "account_id": "a1", "name": "N"}],
        "relationships": [{"type": "OWNS", "from": "e1", "to": "a1"},
                          {"type": "OWNS", "from": "e3", "to": "a1"}],
        "activities": [meeting("v1", "2026-06-01", "e1", ["k", "n"]),
                       meeting("v2", "2026-06-01", "e2", ["k"]),
                       meeting("v3", "2026-08-20", "e2", ["k"]),
                       meeting("v4", "2026-06-01", "e3", ["k"])]}
    assert client.post("/v1/import", json=doc, headers=AUTH).status_code == 200
    e3 = create(client, role="rep", employee_id="e3")
    assert client.patch("/v1/activities/v4", json={"private": True}, headers=e3).status_code == 200


def cooling(client: TestClient, since: str, until: str, scope: str = "company") -> list[Any]:
    response = client.get("/v1/changes", headers=AUTH, params={
        "scope": scope, "since": since, "until": until, "type": "relationship_cooling"})
    assert response.status_code == 200, response.text
    return [(e["at"], e["account_id"], e["contact_id"], e["employee_id"], e["from"], e["to"])
            for e in response.json()["events"]]


def test_a_key_relationship_turning_cooling_is_an_event_on_that_day(client: TestClient) -> None:
    load(client)
    expected = [("2026-08-30", "a1", "k", "e1", 0.6321, 0.3935)]
    assert cooling(client, "2026-08-24", "2026-08-30") == expected
    assert cooling(client, "2026-08-24", "2026-08-30", scope="team:t1") == expected
    # Still cooling the following week, but it did not turn so then.
    assert cooling(client, "2026-08-31", "2026-09-06") == []
    # Before it turned.
    assert cooling(client, "2026-08-01", "2026-08-29") == []


def test_the_weekly_feed_lists_it_with_the_rest(client: TestClient) -> None:
    load(client)
    response = client.get("/v1/changes", headers=AUTH, params={
        "scope": "company", "since": "2026-08-24", "until": "2026-08-30"})
    assert response.status_code == 200, response.text
    body = response.json()
    assert [e["type"] for e in body["events"]] == ["relationship_cooling"]
    assert body["names"]["e1"] == "李明" and body["names"]["k"] == "K"


def test_the_feed_pages_turns_and_counts_them_all(client: TestClient) -> None:
    load(client)
    # e4 meets k on 06-05: cooling from 09-03, 90 days on (as e1's from 08-30).
    assert client.post("/v1/import", headers=AUTH, json={
        "employees": [{"id": "e4", "name": "孙伟", "team_id": "t1"}],
        "activities": [meeting("v5", "2026-06-05", "e4", ["k"])]}).status_code == 200
    assert [e[0] for e in cooling(client, "2026-08-24", "2026-09-06")] == [
        "2026-09-03", "2026-08-30"]
    settings = client.app.state.settings  # type: ignore[attr-defined]
    # However few records a read takes: the database counts the turns and reads those a page
    # reaches.
    with patch.object(settings, "changes_max_rows", 1):
        pages = [client.get("/v1/changes", headers=AUTH, params={
            "scope": "company", "since": "2026-08-24", "until": "2026-09-06",
            "type": "relationship_cooling", "limit": 1, "offset": offset}).json()
            for offset in (0, 1, 2)]
    assert [(p["total"], p["truncated"]) for p in pages] == [(2, False)] * 3
    assert [[(e["at"], e["employee_id"]) for e in p["events"]] for p in pages] == [
        [("2026-09-03", "e4")], [("2026-08-30", "e1")], []]


def test_a_pair_never_acquainted_by_activity_is_no_cooling_event(
        client: TestClient, raw_driver: Driver) -> None:
    """With a trend delta of 0.05, e5's one e-mail to k on 06-01 (weight 0.2: strength
    1 - e^-0.2 = 0.1813, under the 0.2 of acquaintance) has fallen to 1 - e^-0.1 = 0.0952 on
    08-30, by 0.0861: the pair turns cooling that day, but was never acquainted."""
    load(client)
    settings = client.app.state.settings  # type: ignore[attr-defined]
    with patch.object(settings, "activity_trend_delta", 0.05):
        assert client.post("/v1/import", headers=AUTH, json={
            "employees": [{"id": "e5", "name": "周杰", "team_id": "t1"}],
            "activities": [{"id": "v6", "at": "2026-06-01", "type": "email",
                            "employee_ids": ["e5"], "contact_ids": ["k"]}]}).status_code == 200
        turned = raw_driver.execute_query(
            "MATCH (t:CoolingTurn {contact_id: 'k', employee_id: 'e5'}) RETURN toString(t.day)",
            database_="neo4j").records
        assert [r[0] for r in turned] == ["2026-08-30"]
        assert [e[3] for e in cooling(client, "2026-08-24", "2026-08-30")] == ["e1"]
