"""Hostile input: injection-shaped values are data, bounds hold, slow queries end in 504."""

import time
from typing import Any
from urllib.parse import quote

from fastapi.testclient import TestClient
from neo4j import Driver

from app.main import create_app
from tests.conftest import AUTH, count, graph_fingerprint, settings_for
from tests.servers import Server

NASTY = [
    "a'1", 'b"2', "c`3", "d}{4", "e) DETACH DELETE n //", "f'}) MATCH (m) DETACH DELETE m //",
    "g<<label>>", "h$param", "i\\u0000\\n", "名字🙂\u202eRTL", "j" * 254,
]


def test_injection_shaped_values_are_stored_and_returned_verbatim(client: TestClient,
                                                                  raw_driver: Driver) -> None:
    assert client.post("/v1/import", json={"accounts": [{"id": "sentinel", "name": "keep me"}]},
                       headers=AUTH).status_code == 200
    before = graph_fingerprint(raw_driver)
    long_text = "长" * 10_000
    doc: dict[str, Any] = {
        "accounts": [{"id": v, "name": v + " // MATCH (n) DETACH DELETE n", "industry": v}
                     for v in NASTY],
        "contacts": [{"id": "c:" + v, "account_id": v, "name": long_text, "title": v}
                     for v in NASTY],
        "relationships": [{"type": "REPORTS_TO", "from": "c:" + NASTY[0], "to": "c:" + v}
                          for v in NASTY[1:]],
    }
    response = client.post("/v1/import", json=doc, headers=AUTH)
    assert response.status_code == 200, response.text
    for v in NASTY:
        got = client.get(f"/v1/accounts/{quote(v, safe='')}", headers=AUTH)
        assert got.status_code == 200, v
        assert got.json()["name"] == v + " // MATCH (n) DETACH DELETE n"
        contact = client.get(f"/v1/contacts/{quote('c:' + v, safe='')}", headers=AUTH).json()
        assert contact["title"] == v and contact["name"] == long_text
    nodes, edges, _ = graph_fingerprint(raw_driver)
    assert nodes == before[0] + 2 * len(NASTY)
    assert edges == before[1] + len(NASTY) + len(NASTY) - 1  # WORKS_AT links + REPORTS_TO
    assert count(raw_driver, "MATCH (a:Account {id: 'sentinel'}) RETURN a.name") == "keep me"


def test_injection_in_query_parameters_changes_nothing(client: TestClient, raw_driver: Driver) -> None:
    assert client.post("/v1/import", json={"accounts": [{"id": "a1", "name": "x"}]},
                       headers=AUTH).status_code == 200
    before = graph_fingerprint(raw_driver)
    for scope in ("team:x'}) MATCH (n) DETACH DELETE n //", "employee:`x`", "company' OR 1=1"):
        response = client.get("/v1/kpis/influence", headers=AUTH, params={"scope": scope})
        assert response.status_code in (404, 422), (scope, response.text)
    for params in ({"after": "' OR 1=1 //"}, {"account_id": "x') DETACH DELETE n"}):
        assert client.get("/v1/contacts", headers=AUTH, params=params).status_code == 200
    assert graph_fingerprint(raw_driver) == before


def test_strings_past_their_bounds_are_refused(client: TestClient) -> None:
    doc = {"accounts": [{"id": "x" * 257, "name": "n"}, {"id": "ok", "name": "n" * 10_001}]}
    response = client.post("/v1/import", json=doc, headers=AUTH)
    assert response.status_code == 422
    assert {e["path"] for e in response.json()["errors"]} == {"accounts[0].id", "accounts[1].name"}


def test_every_route_caps_the_body(neo4j_server: Server, client: TestClient) -> None:
    with TestClient(create_app(settings_for(neo4j_server, max_request_bytes=300))) as api:
        response = api.post("/v1/assessments", headers=AUTH,
                            json={"contact_id": "c", "at": "2026-01-01", "closeness": "x" * 1000})
    assert response.status_code == 413
    assert response.headers["content-type"] == "application/problem+json"


def dense_graph(people: int = 60) -> dict[str, Any]:
    """Everyone influences everyone: the number of 5-step paths explodes."""
    ids = [f"d{i}" for i in range(people)]
    return {
        "accounts": [{"id": "dense", "name": "dense"}],
        "employees": [{"id": f"de{i}", "name": "e"} for i in range(5)],
        "contacts": [{"id": c, "account_id": "dense", "name": c} for c in ids],
        "relationships": [{"type": "INFLUENCES", "from": a, "to": b, "strength": 0.9}
                          for a in ids for b in ids if a != b]
        + [{"type": "INFLUENCES", "from": f"de{i}", "to": ids[i * 7], "strength": 0.9} for i in range(5)],
    }


def test_a_query_past_its_time_budget_answers_504(neo4j_server: Server, client: TestClient) -> None:
    assert client.post("/v1/import", json=dense_graph(), headers=AUTH).status_code == 200
    settings = settings_for(neo4j_server, read_timeout_s=0.5, path_budget=50_000_000)
    with TestClient(create_app(settings), raise_server_exceptions=False) as api:
        started = time.monotonic()
        response = api.get("/v1/contacts/d59/influence-paths", headers=AUTH, params={"max_hops": 5})
        elapsed = time.monotonic() - started
    assert response.status_code == 504, response.text[:300]
    assert response.headers["content-type"] == "application/problem+json"
    assert elapsed < 10
