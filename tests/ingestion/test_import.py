"""POST /v1/import against a real Neo4j: stored, idempotent, validated whole, nothing partial."""

import copy
from datetime import date, timedelta
from typing import Any

from fastapi.testclient import TestClient
from neo4j import Driver

from app.main import create_app
from tests.conftest import AUTH, count, graph_fingerprint, settings_for
from tests.servers import Server


def small_document() -> dict[str, Any]:
    return {
        "accounts": [{"id": "a1", "name": "华东电网", "industry": "energy", "focus": True},
                     {"id": "a2", "name": "江苏农商银行", "industry": "banking"}],
        "teams": [{"id": "t1", "name": "能源行业部", "lead_id": "e1"}],
        "employees": [{"id": "e1", "name": "李明", "title": "销售总监", "team_id": "t1"},
                      {"id": "e2", "name": "赵敏", "title": "售前工程师"}],
        "contacts": [
            {"id": "c1", "account_id": "a1", "name": "王建国", "title": "总经理",
             "key_person": True, "top_of_hierarchy": True},
            {"id": "c2", "account_id": "a1", "name": "陈红梅", "title": "信息中心主任",
             "key_person": True, "behavior": "pragmatic", "importance": "both"},
        ],
        "competitors": [{"id": "k1", "name": "远景科技"}],
        "competitor_staff": [{"id": "ks1", "competitor_id": "k1", "name": "周涛"}],
        "opportunities": [{"id": "o1", "account_id": "a1", "name": "数据中台建设项目",
                           "amount": 1_200_000, "status": "won", "created_at": "2026-01-10",
                           "closed_at": "2026-06-30"}],
        "relationships": [
            {"type": "REPORTS_TO", "from": "c2", "to": "c1", "since": "2024-01-01"},
            {"type": "INFLUENCES", "from": "e1", "to": "c2", "strength": 0.8,
             "since": "2025-03-01"},
            {"type": "INFLUENCES", "from": "c2", "to": "c1"},
            {"type": "OWNS", "from": "e1", "to": "a1"},
            {"type": "IN_DECISION_CHAIN", "from": "c1", "to": "o1", "role": "decision_maker"},
            {"type": "COMPETES_ON", "from": "k1", "to": "o1"},
            {"type": "LEVERAGED", "from": "e1", "to": "o1"},
            {"type": "INFLUENCES", "from": "ks1", "to": "c1", "strength": 0.6,
             "since": "2025-01-01", "until": "2026-02-01"},
        ],
        "assessments": [
            {"contact_id": "c1", "at": "2026-03-31", "closeness": "support", "solution": "neutral",
             "price": "unknown", "veto": True},
            {"contact_id": "c1", "at": "2026-03-31", "toward": "k1", "closeness": "oppose"},
            {"contact_id": "c2", "at": "2026-04-15", "opportunity_id": "o1",
             "closeness": "strong_support"},
        ],
        "activities": [{"id": "act1", "at": "2026-05-01", "type": "visit",
                        "employee_ids": ["e1", "e2"], "contact_ids": ["c1"],
                        "opportunity_id": "o1"}],
    }


def post(client: TestClient, doc: Any) -> Any:
    return client.post("/v1/import", json=doc, headers=AUTH)


def test_document_is_stored_with_counts_per_part(client: TestClient, raw_driver: Driver) -> None:
    response = post(client, small_document())
    assert response.status_code == 200, response.text
    assert response.json()["counts"] == {
        "accounts": 2, "teams": 1, "employees": 2, "contacts": 2, "competitors": 1,
        "competitor_staff": 1, "third_parties": 0, "opportunities": 1, "relationships": 8,
        "assessments": 3, "activities": 1, "esp_scores": 0, "exchange_rates": 0}
    assert count(raw_driver, "MATCH (:Entity) RETURN count(*)") == 11
    assert count(raw_driver, "MATCH (:Assessment) RETURN count(*)") == 3
    # Derived links: contact -> account, employee -> team, team -> lead, staff -> rival, deal -> account.
    assert count(raw_driver, "MATCH (:Contact)-[:WORKS_AT]->(:Account {id: 'a1'}) RETURN count(*)") == 2
    assert count(raw_driver, "MATCH (:Team {id: 't1'})-[:LED_BY]->(:Employee {id: 'e1'}) "
                             "RETURN count(*)") == 1
    # INFLUENCES without a strength gets the default 0.5; others keep theirs.
    assert count(raw_driver, "MATCH (:Contact {id: 'c2'})-[r:INFLUENCES]->(:Contact {id: 'c1'}) "
                             "RETURN r.strength") == 0.5
    assert count(raw_driver, "MATCH (:Employee {id: 'e1'})-[r:INFLUENCES]->() "
                             "RETURN r.since") .to_native() == date(2025, 3, 1)
    assert count(raw_driver, "MATCH (a:Assessment {contact_id: 'c1', toward: 'us'}) "
                             "RETURN [a.closeness_score, a.solution_score, a.price_score]") == [1, 0, None]


def test_reimport_changes_nothing(client: TestClient, raw_driver: Driver) -> None:
    assert post(client, small_document()).status_code == 200
    before = graph_fingerprint(raw_driver)
    assert post(client, small_document()).status_code == 200
    assert graph_fingerprint(raw_driver) == before


def test_newer_document_updates_properties(client: TestClient, raw_driver: Driver) -> None:
    assert post(client, small_document()).status_code == 200
    newer = small_document()
    newer["contacts"][1]["title"] = "首席信息官"
    newer["contacts"][1]["behavior"] = None
    newer["relationships"][1]["strength"] = 0.9
    assert post(client, newer).status_code == 200
    contact = client.get("/v1/contacts/c2", headers=AUTH).json()
    assert contact["title"] == "首席信息官"
    assert "behavior" not in contact or contact["behavior"] is None
    assert count(raw_driver, "MATCH (:Employee {id: 'e1'})-[r:INFLUENCES]->() "
                             "RETURN collect(r.strength)") == [0.9]


def test_every_error_is_listed_and_nothing_is_written(client: TestClient, raw_driver: Driver) -> None:
    assert post(client, small_document()).status_code == 200
    before = graph_fingerprint(raw_driver)
    bad = copy.deepcopy(small_document())
    bad["surprise"] = []
    bad["contacts"].append({"id": "c3", "account_id": "a-missing", "name": "孙磊"})
    bad["contacts"].append({"id": "c4", "account_id": "a1"})  # no name
    bad["contacts"].append({"id": "c5", "account_id": "a1", "name": "x", "behavior": "sly"})
    bad["employees"].append({"id": "c1", "name": "duplicate of a contact id"})
    bad["relationships"] += [
        {"type": "INFLUENCES", "from": "e1", "to": "c1", "strength": 1.5},
        {"type": "REPORTS_TO", "from": "e1", "to": "c1"},
        {"type": "OWNS", "from": "e1", "to": "a1", "since": "2026-05-01", "until": "2026-04-01"},
        {"type": "IN_DECISION_CHAIN", "from": "c1", "to": "o1"},
        {"type": "FRIENDS_WITH", "from": "e1", "to": "c1"},
    ]
    bad["assessments"].append({"contact_id": "c1", "at": "2026-04-01", "toward": "e2"})
    bad["assessments"].append({"contact_id": "c1", "at": "2026-04-02", "closeness": "adores"})
    bad["activities"].append({"id": "act2", "at": "2026-05-02", "type": "visit",
                              "employee_ids": ["e1"], "contact_ids": ["nobody"]})

    response = post(client, bad)

    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == 422 and body["title"] and body["type"]
    by_path: dict[str, list[str]] = {}
    for error in body["errors"]:
        by_path.setdefault(error["path"], []).append(error["message"])
    expected = {
        "surprise", "contacts[2].account_id", "contacts[3].name", "contacts[4].behavior",
        "employees[2].id", "relationships[8].strength", "relationships[9].from",
        "relationships[10]", "relationships[11]", "relationships[12].type",
        "assessments[3].toward", "assessments[4].closeness", "activities[1].contact_ids[0]",
    }
    assert expected <= set(by_path), sorted(by_path)
    assert any("unknown id 'a-missing'" in m for m in by_path["contacts[2].account_id"])
    assert any("Employee" in m and "Contact" in m for m in by_path["relationships[9].from"])
    assert any("until must not be before since" in m for m in by_path["relationships[10]"])
    assert any("role is required" in m for m in by_path["relationships[11]"])
    assert any("duplicate id 'c1'" in m for e in body["errors"] for m in [e["message"]])
    assert any("already exists as Contact" in m for m in by_path["employees[2].id"])
    # Each also by a code, with the values its sentence names, for a client to say it in its
    # users' language (docs/api.md lists the codes).
    said = {(e["path"], e["code"]): e.get("params") for e in body["errors"]}
    assert said[("contacts[2].account_id", "unknown_id")] == {"id": "a-missing",
                                                              "expected": "Account"}
    assert said[("employees[2].id", "id_of_another_kind")] == {"id": "c1", "found": "Contact",
                                                               "expected": "Employee"}
    assert said[("relationships[8].strength", "less_than_equal")] == {"le": 1}
    assert said[("contacts[3].name", "missing")] is None
    assert {("surprise", "unknown_part"), ("relationships[10]", "until_not_after_since"),
            ("relationships[11]", "role_required")} <= set(said)
    assert "'support'" in str(said[("assessments[4].closeness", "enum")]["expected"])
    assert graph_fingerprint(raw_driver) == before


def test_a_record_refused_is_not_said_to_be_missing_too(client: TestClient,
                                                       raw_driver: Driver) -> None:
    """A relationship to a contact of the same document refused for its own e-mail address:
    the address is the problem, not an id that names nothing."""
    before = graph_fingerprint(raw_driver)
    refused = client.post("/v1/import", headers=AUTH, json={
        "accounts": [{"id": "a1", "name": "甲"}],
        "contacts": [{"id": "c1", "account_id": "a1", "name": "王", "emails": ["not-an-address"]}],
        "relationships": [{"type": "REPORTS_TO", "from": "c2", "to": "c1"}]})
    assert refused.status_code == 422
    assert [(e["path"], e["code"]) for e in refused.json()["errors"]] == [
        ("contacts[0].emails[0]", "email_invalid"), ("relationships[0].from", "unknown_id")]
    assert graph_fingerprint(raw_driver) == before


def test_an_id_belongs_to_one_kind_across_documents(client: TestClient, raw_driver: Driver) -> None:
    assert post(client, small_document()).status_code == 200
    response = post(client, {"accounts": [{"id": "e1", "name": "not an account"}]})
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"path": "accounts[0].id", "code": "id_of_another_kind",
         "message": "id 'e1' already exists as Employee, not Account",
         "params": {"id": "e1", "found": "Employee", "expected": "Account"}}]


def test_references_to_stored_nodes_resolve(client: TestClient, raw_driver: Driver) -> None:
    assert post(client, small_document()).status_code == 200
    later = {"relationships": [{"type": "INFLUENCES", "from": "e2", "to": "c1", "strength": 0.7}]}
    assert post(client, later).status_code == 200
    assert count(raw_driver, "MATCH (:Employee {id: 'e2'})-[:INFLUENCES]->(:Contact {id: 'c1'}) "
                             "RETURN count(*)") == 1


def test_a_restarted_relationship_is_a_new_edge_and_history_stays(client: TestClient,
                                                                  raw_driver: Driver) -> None:
    assert post(client, small_document()).status_code == 200
    ended = client.post("/v1/relationships/end", headers=AUTH, json={
        "type": "INFLUENCES", "from": "e1", "to": "c2", "until": "2026-01-01"})
    assert ended.status_code == 200 and ended.json() == {"ended": 1}
    restarted = {"relationships": [{"type": "INFLUENCES", "from": "e1", "to": "c2",
                                    "strength": 0.4, "since": "2026-03-01"}]}
    assert post(client, restarted).status_code == 200
    edges = client.get("/v1/employees/e1", headers=AUTH).json()["relationships"]
    spans = sorted((e["since"], e["until"], e["strength"]) for e in edges
                   if e["type"] == "INFLUENCES" and e["to"] == "c2")
    assert spans == [("2025-03-01", "2026-01-01", 0.8), ("2026-03-01", None, 0.4)]


def influence_spans(client: TestClient) -> list[tuple[Any, Any, Any]]:
    edges = client.get("/v1/employees/e1", headers=AUTH).json()["relationships"]
    return sorted((e["since"], e["until"], e["strength"]) for e in edges
                  if e["type"] == "INFLUENCES" and e["to"] == "c2")


def test_a_relationship_holds_once_on_any_day(client: TestClient, raw_driver: Driver) -> None:
    """Sent from a day on which a stored version holds, an edge is the relationship's next
    version: the stored one ends that day (and says who ended it), unless the two say the
    same, when it goes on and nothing is added (a sync that sends each day what holds)."""
    assert post(client, small_document()).status_code == 200
    stronger = {"type": "INFLUENCES", "from": "e1", "to": "c2", "strength": 0.9,
                "since": "2026-01-01"}
    assert client.post("/v1/relationships", json=stronger, headers=AUTH).status_code == 200
    assert influence_spans(client) == [("2025-03-01", "2026-01-01", 0.8),
                                       ("2026-01-01", None, 0.9)]
    ended = count(raw_driver, "MATCH ()-[r:INFLUENCES {since: date('2025-03-01')}]->"
                              "(:Contact {id: 'c2'}) RETURN r.ended_source")
    assert ended == "api"
    # The same again, dated later, day after day: the version goes on.
    before = graph_fingerprint(raw_driver)
    for day in ("2026-02-01", "2026-03-01"):
        same = stronger | {"since": day}
        assert client.post("/v1/relationships", json=same, headers=AUTH).status_code == 200
    assert graph_fingerprint(raw_driver) == before
    # Ended for good, then the end sent again with the version: it goes on to that end.
    assert client.post("/v1/relationships", headers=AUTH, json=stronger | {
        "since": "2026-04-01", "until": "2026-05-01"}).status_code == 200
    assert influence_spans(client) == [("2025-03-01", "2026-01-01", 0.8),
                                       ("2026-01-01", "2026-05-01", 0.9)]
    assert client.post("/v1/relationships/end", headers=AUTH, json={
        "type": "INFLUENCES", "from": "e1", "to": "c2", "until": "2026-06-01"}).status_code == 404


def test_a_documents_versions_of_a_relationship_read_the_same_in_any_order(
        client: TestClient, raw_driver: Driver) -> None:
    """A document with two versions of a relationship and no ends: the earlier ends where the
    later starts, whichever comes first, and importing it again changes nothing."""
    versions = [{"type": "INFLUENCES", "from": "e2", "to": "c1", "strength": 0.3,
                 "since": "2025-06-01"},
                {"type": "INFLUENCES", "from": "e2", "to": "c1", "strength": 0.7,
                 "since": "2026-02-01"}]
    for order in (versions, versions[::-1]):
        doc = small_document() | {"relationships": order}
        assert post(client, doc).status_code == 200
        edges = client.get("/v1/employees/e2", headers=AUTH).json()["relationships"]
        assert sorted((e["since"], e["until"], e["strength"]) for e in edges
                      if e["type"] == "INFLUENCES") == [("2025-06-01", "2026-02-01", 0.3),
                                                        ("2026-02-01", None, 0.7)]
        imported = graph_fingerprint(raw_driver)
        assert post(client, doc).status_code == 200
        assert graph_fingerprint(raw_driver) == imported
        raw_driver.execute_query("MATCH ()-[r:INFLUENCES]->() WHERE r.key STARTS WITH "
                                 "'INFLUENCES|e2|' DELETE r", database_="neo4j")


def test_ending_needs_a_current_edge_that_started_before(client: TestClient) -> None:
    assert post(client, small_document()).status_code == 200
    # Sent again (a retry of a request that went through): it ended that day; nothing more.
    end = {"type": "INFLUENCES", "from": "e1", "to": "c2", "until": "2026-06-01"}
    assert client.post("/v1/relationships/end", headers=AUTH, json=end).json() == {"ended": 1}
    again = client.post("/v1/relationships/end", headers=AUTH, json=end)
    assert again.status_code == 200 and again.json() == {"ended": 0}
    assert client.post("/v1/relationships/end", headers=AUTH,
                       json={**end, "until": "2026-07-01"}).status_code == 404
    before_start = client.post("/v1/relationships/end", headers=AUTH, json={
        "type": "INFLUENCES", "from": "e1", "to": "c2", "until": "2025-01-01"})
    assert before_start.status_code == 404
    already_ended = client.post("/v1/relationships/end", headers=AUTH, json={
        "type": "INFLUENCES", "from": "ks1", "to": "c1", "until": "2026-05-01"})
    assert already_ended.status_code == 404
    assert already_ended.headers["content-type"] == "application/problem+json"


def test_an_end_after_today_is_planned_and_can_be_moved(client: TestClient) -> None:
    """An edge given an end after today holds until then: it is still the current one, so
    ending it again (today, as a person records a departure that came sooner) moves its end."""
    assert post(client, small_document()).status_code == 200
    today, later = date.today(), date.today() + timedelta(days=60)
    line = {"type": "INFLUENCES", "from": "e1", "to": "c2"}
    planned = client.post("/v1/relationships/end", headers=AUTH,
                          json={**line, "until": later.isoformat()})
    assert planned.json() == {"ended": 1}
    assert influence_spans(client)[-1][1] == later.isoformat()
    sooner = client.post("/v1/relationships/end", headers=AUTH,
                         json={**line, "until": today.isoformat()})
    assert sooner.status_code == 200 and sooner.json() == {"ended": 1}
    assert influence_spans(client)[-1][1] == today.isoformat()


def test_a_contact_who_changes_company_keeps_the_old_employment(client: TestClient) -> None:
    assert post(client, small_document()).status_code == 200
    moved = small_document()["contacts"][1] | {"account_id": "a2"}
    assert client.post("/v1/contacts", json=moved, headers=AUTH).status_code == 200
    edges = client.get("/v1/contacts/c2", headers=AUTH).json()["relationships"]
    works_at = sorted((e["to"], e["since"], e["until"]) for e in edges if e["type"] == "WORKS_AT")
    today = date.today().isoformat()
    assert works_at == [("a1", None, today), ("a2", today, None)]


def test_single_item_errors_name_the_items_own_fields(client: TestClient, raw_driver: Driver) -> None:
    response = client.post("/v1/contacts", headers=AUTH,
                           json={"id": "c9", "account_id": "nowhere", "name": "刘洋"})
    assert response.status_code == 422
    assert [e["path"] for e in response.json()["errors"]] == ["account_id"]
    assert count(raw_driver, "MATCH (n:Entity) RETURN count(n)") == 0


def test_a_name_is_never_blank(client: TestClient, raw_driver: Driver) -> None:
    doc = small_document()
    doc["accounts"][1]["name"] = ""
    doc["contacts"][0]["name"] = "   "
    refused = post(client, doc)
    assert refused.status_code == 422
    assert sorted((e["path"], e["code"]) for e in refused.json()["errors"]
                  if e["path"].endswith(".name")) == [
        ("accounts[1].name", "string_too_short"), ("contacts[0].name", "string_too_short")]
    assert count(raw_driver, "MATCH (n:Entity) RETURN count(n)") == 0
    one = client.post("/v1/contacts", headers=AUTH, json={"id": "c9", "account_id": "a1",
                                                          "name": " \t"})
    assert one.status_code == 422 and one.json()["errors"][0]["path"] == "name"
    # Spaces around a name are let go.
    doc = small_document()
    doc["contacts"][0]["name"] = "  王建国 "
    assert post(client, doc).status_code == 200
    assert client.get("/v1/contacts/c1", headers=AUTH).json()["name"] == "王建国"


def test_assessments_append_and_activities_record(client: TestClient, raw_driver: Driver) -> None:
    assert post(client, small_document()).status_code == 200
    assert client.post("/v1/assessments", headers=AUTH, json={
        "contact_id": "c1", "at": "2026-06-01", "closeness": "strong_support"}).status_code == 200
    assert count(raw_driver, "MATCH (:Contact {id: 'c1'})-[:HAS_ASSESSMENT]->(a) RETURN count(a)") == 3
    for day in ("2026-06-02", "2026-06-03"):
        assert client.post("/v1/activities", headers=AUTH, json={
            "id": f"act-{day}", "at": day, "type": "call", "employee_ids": ["e2"],
            "contact_ids": ["c1"]}).status_code == 200
    assert count(raw_driver, "MATCH (:Employee {id: 'e2'})-[:PARTICIPATED_IN]->(a:Activity) "
                             "RETURN count(a)") == 3


def test_invalid_json_and_non_object_documents(client: TestClient) -> None:
    broken = client.post("/v1/import", headers={**AUTH, "content-type": "application/json"},
                         content=b'{"accounts": [')
    assert broken.status_code == 422
    assert broken.json()["errors"][0]["message"].startswith("invalid JSON")
    listed = post(client, [1, 2])
    assert listed.status_code == 422
    assert listed.json()["errors"] == [{"path": "", "code": "not_an_object",
                                        "message": "the document must be a JSON object"}]


def test_writes_need_a_known_token(client: TestClient) -> None:
    assert client.post("/v1/import", json={}).status_code == 401
    wrong = client.post("/v1/import", json={}, headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401
    assert wrong.json()["title"] == "Unauthorized"
    assert client.get("/v1/accounts").status_code == 401


def test_a_body_over_the_limit_is_refused_with_413(neo4j_server: Server, client: TestClient,
                                                   raw_driver: Driver) -> None:
    small = create_app(settings_for(neo4j_server, max_request_bytes=200))
    with TestClient(small) as api:
        response = api.post("/v1/import", json=small_document(), headers=AUTH)
    assert response.status_code == 413
    assert response.headers["content-type"] == "application/problem+json"
    assert count(raw_driver, "MATCH (n:Entity) RETURN count(n)") == 0


def test_third_parties_influence_contacts_and_are_known_by_employees(
        client: TestClient, raw_driver: Driver) -> None:
    assert post(client, small_document()).status_code == 200
    third = {"third_parties": [{"id": "p1", "name": "华东电力设计院", "category": "design_institute",
                                "title": "电气二所"}],
             "relationships": [{"type": "INFLUENCES", "from": "p1", "to": "c1", "strength": 0.7,
                                "since": "2025-01-01"},
                               {"type": "INFLUENCES", "from": "e1", "to": "p1", "strength": 0.6}]}
    assert post(client, third).status_code == 200
    assert count(raw_driver, "MATCH (:Employee {id: 'e1'})-[:INFLUENCES]->(p:ThirdParty:Entity)"
                             "-[:INFLUENCES]->(:Contact {id: 'c1'}) RETURN count(p)") == 1
    before = graph_fingerprint(raw_driver)
    bad = {"third_parties": [{"id": "p2", "name": "x", "category": "broker"}],
           "relationships": [{"type": "INFLUENCES", "from": "p1", "to": "a1"},
                             {"type": "INFLUENCES", "from": "c1", "to": "p1"},
                             {"type": "INFLUENCES", "from": "p1", "to": "c1", "strength": 0.5,
                              "opportunity_id": "o1"}]}
    response = post(client, bad)
    assert response.status_code == 422
    by_path = {e["path"]: e["message"] for e in response.json()["errors"]}
    assert set(by_path) == {"third_parties[0].category", "relationships[0].to",
                            "relationships[1].from"}, by_path
    assert by_path["relationships[0].to"] == "'a1' is Account; expected Contact or ThirdParty"
    assert "Employee" in by_path["relationships[1].from"]
    assert graph_fingerprint(raw_driver) == before
    # The node read: its properties and both lines.
    body = client.get("/v1/third-parties/p1", headers=AUTH).json()
    assert body["kind"] == "ThirdParty" and body["category"] == "design_institute"
    assert {(e["type"], e["from"], e["to"]) for e in body["relationships"]} == {
        ("INFLUENCES", "p1", "c1"), ("INFLUENCES", "e1", "p1")}
    assert client.get("/v1/third-parties/c1", headers=AUTH).status_code == 404
