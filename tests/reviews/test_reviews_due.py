"""The review due list against the cadence (closeness 30 days; solution, price, the two votes
and importance 90 days): worked out by hand on one account's key persons.

a1 (owned by e1, team t1): key persons p1 (never assessed), p2, p3, p4, p6 (left a1 on
2026-06-01) and c5, who is no key person; a2 (owned by e3, team t2): key person q1.
"""

from typing import Any
from unittest.mock import patch

from fastapi.testclient import TestClient
from neo4j import Driver

from app.config import Settings
from app.db.graph import run_with_graph
from app.kpis.rollups import rebuild
from tests.auth.conftest import create
from tests.conftest import AUTH, run_migration

ALL = ["closeness", "solution", "price", "veto", "approver", "importance"]
FIVE = {"closeness": "support", "solution": "support", "price": "neutral", "veto": False,
        "approver": False}


def graph() -> dict[str, Any]:
    judged = {"p2": "2026-06-10", "p3": "2026-05-01", "p4": "2026-01-01"}
    people = [{"id": p, "account_id": "a1", "name": p, "key_person": True,
               **({"importance": "position", "importance_at": judged[p]} if p in judged else {})}
              for p in ("p1", "p2", "p3", "p4", "p6")]
    return {
        "accounts": [{"id": "a1", "name": "华东电网"}, {"id": "a2", "name": "江苏农商银行"}],
        "teams": [{"id": "t1", "name": "能源", "lead_id": "e2"},
                  {"id": "t2", "name": "金融", "lead_id": "e3"}],
        "employees": [{"id": "e1", "name": "李明", "team_id": "t1"},
                      {"id": "e2", "name": "王芳", "team_id": "t1"},
                      {"id": "e3", "name": "赵敏", "team_id": "t2"}],
        "competitors": [{"id": "k1", "name": "远景科技"}],
        "contacts": [*people, {"id": "c5", "account_id": "a1", "name": "c5"},
                     {"id": "q1", "account_id": "a2", "name": "q1", "key_person": True}],
        "opportunities": [{"id": "o1", "account_id": "a1", "name": "数据中台"}],
        "relationships": [
            {"type": "OWNS", "from": "e1", "to": "a1"}, {"type": "OWNS", "from": "e3", "to": "a2"}],
        "assessments": [
            {"contact_id": "p2", "at": "2026-06-10", **FIVE},
            {"contact_id": "p3", "at": "2026-05-01", "closeness": "support", "solution": "support"},
            {"contact_id": "p3", "at": "2026-03-15", "veto": True},
            {"contact_id": "p3", "at": "2026-04-15", "approver": False},
            {"contact_id": "p4", "at": "2026-01-01", **FIVE},
            # For a deal, it counts: closeness re-assessed on 2026-06-20.
            {"contact_id": "p4", "at": "2026-06-20", "opportunity_id": "o1", "closeness": "oppose"},
            # Toward a rival, it does not.
            {"contact_id": "p4", "at": "2026-06-25", "toward": "k1", **FIVE},
        ],
    }


def listed(client: TestClient, as_of: str, headers: dict[str, str] = AUTH,
           **params: str) -> tuple[int, list[tuple[str, bool, list[tuple[str, str | None]]]]]:
    response = client.get("/v1/reviews/due", headers=headers,
                          params={"scope": "team:t1", "as_of": as_of, **params})
    assert response.status_code == 200, response.text
    body = response.json()
    return body["total"], [(p["contact_id"], p["never_assessed"],
                            [(f["feature"], f["due_on"]) for f in p["features_due"]])
                           for p in body["key_persons"]]


def never(contact_id: str) -> tuple[str, bool, list[tuple[str, str | None]]]:
    return contact_id, True, [(f, None) for f in ALL]


def test_key_persons_due_by_cadence_never_assessed_first(client: TestClient) -> None:
    assert client.post("/v1/import", json=graph(), headers=AUTH).status_code == 200
    assert client.post("/v1/relationships/end", headers=AUTH, json={
        "type": "WORKS_AT", "from": "p6", "to": "a1", "until": "2026-06-01"}).status_code == 200
    # On 2026-06-30:
    # p1 never assessed: every feature due at once.
    # p2 assessed 06-10: closeness due 07-10, the rest 09-08: nothing due, not listed.
    # p2's importance judged 06-10: due 09-08 (not).
    # p3 closeness 05-01 + 30 = 05-31 (due); solution 05-01 + 90 = 07-30 (not); price never
    #    (due at once); veto 03-15 + 90 = 06-13 (due); approver 04-15 + 90 = 07-14 (not);
    #    importance judged 05-01: 07-30 (not).
    # p4 closeness 06-20 (on o1) + 30 = 07-20 (not); the others, importance judged the same
    #    day, 01-01 + 90 = 04-01 (due).
    # p6 left a1 on 06-01, c5 is no key person, q1 is at a2 (another team's).
    # Order: never assessed (p1); then a feature due at once (p3); then the earliest due (p4).
    p3 = ("p3", False, [("closeness", "2026-05-31"), ("price", None), ("veto", "2026-06-13")])
    p4 = ("p4", False, [(f, "2026-04-01") for f in ALL[1:]])
    assert listed(client, "2026-06-30") == (3, [never("p1"), p3, p4])
    assert listed(client, "2026-06-30", limit="2", offset="1") == (3, [p3, p4])
    assert listed(client, "2026-06-30", offset="3") == (3, [])
    # On 2026-05-15: p2's assessment and importance are still to come (never assessed), p6
    # still works at a1;
    # p3: closeness due 05-31 (not yet), price never (due), veto due 06-13 (not yet); p4's
    # features all last assessed 01-01 (the deal's closeness comes 06-20): closeness
    # 01-01 + 30 = 01-31, the others 01-01 + 90 = 04-01.
    assert listed(client, "2026-05-15") == (5, [
        never("p1"), never("p2"), never("p6"), ("p3", False, [("price", None)]),
        ("p4", False, [("closeness", "2026-01-31"), *p4[2]])])
    # The day a feature falls due it is listed; the day before, not.
    assert listed(client, "2026-05-31")[1][3] == (
        "p3", False, [("closeness", "2026-05-31"), ("price", None)])
    assert listed(client, "2026-05-30")[1][3] == ("p3", False, [("price", None)])
    # The company adds a2's q1; a rep reads their own scope, not another team's.
    company = client.get("/v1/reviews/due", headers=AUTH,
                         params={"scope": "company", "as_of": "2026-06-30"}).json()
    assert [p["contact_id"] for p in company["key_persons"]] == ["p1", "q1", "p3", "p4"]
    assert company["key_persons"][0]["account_name"] == "华东电网"
    assert company["truncated"] is False
    # Read at most three key persons (the first by account and contact id: a1's p1, p2, p3),
    # the list says it is incomplete: q1 and p4 are not looked at.
    settings = client.app.state.settings  # type: ignore[attr-defined]
    with patch.object(settings, "review_max_key_persons", 3):
        cut = client.get("/v1/reviews/due", headers=AUTH,
                         params={"scope": "company", "as_of": "2026-06-30"}).json()
    assert cut["truncated"] is True
    assert [p["contact_id"] for p in cut["key_persons"]] == ["p1", "p3"]
    rep = create(client, role="rep", employee_id="e1")
    assert listed(client, "2026-06-30", rep, scope="employee:e1")[0] == 3
    assert client.get("/v1/reviews/due", headers=rep,
                      params={"scope": "team:t2"}).status_code == 403


def test_the_cadence_is_the_settings(client: TestClient) -> None:
    # p3 of the scenario above with closeness reviewed every 61 days instead of 30:
    # 05-01 + 61 = 07-01, not due on 06-30; the votes every 30 days: veto 03-15 + 30 = 04-14
    # and approver 04-15 + 30 = 05-15, both due; price never assessed, due at once.
    assert client.post("/v1/import", json=graph(), headers=AUTH).status_code == 200
    settings = client.app.state.settings  # type: ignore[attr-defined]
    with patch.multiple(settings, review_closeness_days=61, review_votes_days=30):
        found = listed(client, "2026-06-30")[1]
    assert ("p3", False, [("price", None), ("veto", "2026-04-14"),
                          ("approver", "2026-05-15")]) in found


LAST_DAYS = ("us_last_assessed", "us_last_closeness", "us_last_solution", "us_last_price",
             "us_last_veto", "us_last_approver")


def last_days(driver: Driver) -> dict[str, list[Any]]:
    records, _, _ = driver.execute_query(
        "MATCH (c:Contact) RETURN c.id AS id, [k IN $keys | toString(c[k])] AS days",
        keys=list(LAST_DAYS), database_="neo4j")
    return {r["id"]: r["days"] for r in records}


def test_contacts_assessed_before_the_last_days_were_kept_get_them_from_the_migration(
        client: TestClient, raw_driver: Driver) -> None:
    assert client.post("/v1/import", json=graph(), headers=AUTH).status_code == 200
    written = last_days(raw_driver)
    # p4: the deal's closeness (06-20) counts, the rival's view (06-25) does not.
    assert written["p4"] == ["2026-06-20", "2026-06-20", *["2026-01-01"] * 4]
    assert written["p3"] == ["2026-05-01", "2026-05-01", "2026-05-01", None, "2026-03-15",
                             "2026-04-15"]
    assert written["p1"] == [None] * 6
    raw_driver.execute_query("MATCH (c:Contact) REMOVE c.us_last_assessed, c.us_last_closeness, "
                             "c.us_last_solution, c.us_last_price, c.us_last_veto, "
                             "c.us_last_approver", database_="neo4j")
    assert set(map(tuple, last_days(raw_driver).values())) == {(None,) * 6}
    run_migration(raw_driver, "V028__last_assessed_days")
    assert last_days(raw_driver) == written


def test_a_value_taken_back_and_a_write_past_the_api_move_the_last_days(
        client: TestClient, raw_driver: Driver, settings: Settings) -> None:
    assert client.post("/v1/import", json=graph(), headers=AUTH).status_code == 200
    # p3's closeness of 05-01 taken back (sent as null): its last closeness is none (due at
    # once), the solution of that day stays.
    assert client.post("/v1/import", headers=AUTH, json={"assessments": [
        {"contact_id": "p3", "at": "2026-05-01", "solution": "support", "closeness": None}]}
    ).status_code == 200
    assert last_days(raw_driver)["p3"][:3] == ["2026-05-01", None, "2026-05-01"]
    assert listed(client, "2026-06-30")[1][:3] == [never("p1"), never("p6"), (
        "p3", False, [("closeness", None), ("price", None), ("veto", "2026-06-13")])]
    # An assessment written by hand (past the API) is not seen until `brm rebuild-kpis`.
    raw_driver.execute_query(
        "MATCH (c:Contact {id: 'p3'}) CREATE (c)-[:HAS_ASSESSMENT]->(:Assessment "
        "{key: 'by-hand', contact_id: 'p3', toward: 'us', at: date('2026-06-29'), "
        "closeness: 'support', price: 'neutral', veto: true})", database_="neo4j")
    assert listed(client, "2026-06-30")[1][2][0] == "p3"
    run_with_graph(settings, lambda g: rebuild(g, settings))
    assert last_days(raw_driver)["p3"] == ["2026-06-29", "2026-06-29", "2026-05-01",
                                           "2026-06-29", "2026-06-29", "2026-04-15"]
    assert "p3" not in [p for p, *_ in listed(client, "2026-06-30")[1]]
