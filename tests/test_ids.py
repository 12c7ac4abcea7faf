"""Ids with `/`, `%` and spaces, sent as one encoded path segment, reach every route with an id
in its path as exactly that id."""

import re
from typing import Any
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from neo4j import Driver
from starlette.routing import Match

from app.db.cypher import q
from app.ids import within_segments
from app.main import app
from tests.conftest import AUTH
from tests.ingestion.test_import import small_document

ID_FIELDS = {"id", "account_id", "team_id", "lead_id", "competitor_id", "from", "to",
             "opportunity_id", "contact_id"}


def odd(value: str) -> str:
    """An id with a slash, a space, a percent sign and text that looks like escapes."""
    return f"{value}/x 50%/%2F%41"


def with_odd_ids(doc: dict[str, Any]) -> dict[str, Any]:
    def item(row: dict[str, Any]) -> dict[str, Any]:
        return {k: odd(v) if k in ID_FIELDS or (k == "toward" and v != "us") else
                [odd(x) for x in v] if k in ("employee_ids", "contact_ids") else v
                for k, v in row.items()}
    return {part: [item(row) for row in rows] for part, rows in doc.items()}


# What each id in a path names, by the collection the path starts with; the others are
# looked for and not found (404 naming the id).
EXISTING = {"/v1/accounts/": "a1", "/v1/contacts/": "c1", "/v1/opportunities/": "o1",
            "/v1/competitors/": "k1", "/v1/teams/": "t1", "/v1/employees/": "e1"}
# A part of the import document (`/v1/import/{part}`) is a word of a fixed list, not an id
# anyone chooses (tests/sheets checks an unknown one).
NOT_IDS = ("{part}",)
OPERATIONS = [(method, path) for path, item in app.openapi()["paths"].items()
              if "{" in path and not any(p in path for p in NOT_IDS) for method in item]


def test_the_walk_finds_every_kind_of_id_route() -> None:
    paths = {path for _, path in OPERATIONS}
    assert {"/v1/accounts/{id}/strategy", "/v1/contacts/{id}/influence-paths",
            "/v1/principals/{id}", "/v1/introductions/{id}/accept",
            "/v1/esp/weights/{industry}"} <= paths
    assert len(OPERATIONS) >= 20


@pytest.fixture(scope="module")
def odd_graph(app_client: TestClient, raw_driver: Driver) -> TestClient:
    with raw_driver.session(database="neo4j") as session:
        session.run(q("admin/wipe_data")).consume()
    loaded = app_client.post("/v1/import", json=with_odd_ids(small_document()), headers=AUTH)
    assert loaded.status_code == 200, loaded.text
    return app_client


@pytest.mark.parametrize(("method", "path"), OPERATIONS, ids=[f"{m} {p}" for m, p in OPERATIONS])
def test_an_odd_id_reaches_the_endpoint_whole(odd_graph: TestClient, method: str,
                                              path: str) -> None:
    known = next((id_ for prefix, id_ in EXISTING.items() if path.startswith(prefix)), None)
    value = odd(known or "unknown")
    bodies = {"/v1/esp/weights/{industry}": {"sales": 0.4, "potential": 0.3,
                                             "demonstration": 0.1, "winnable": 0.2},
              "/v1/esp/thresholds/{industry}": {"top_percent": 20},
              "/v1/actions/{id}": {"note": "x"}, "/v1/activities/{id}": {"private": True}}
    body = bodies[path] if method in ("put", "patch") else None
    param = path[path.index("{"):path.index("}") + 1]
    url = path.replace(param, quote(value, safe=""))
    if (method, path) == ("delete", "/v1/esp/thresholds/{industry}"):
        # Deleting what exists: the industry's threshold is set first, under the same odd name.
        assert odd_graph.put(url, headers=AUTH, json=bodies[path]).status_code == 200
        assert odd_graph.delete(url, headers=AUTH).status_code == 204
        assert odd_graph.get("/v1/esp/thresholds", headers=AUTH).json() == []
        return
    response = odd_graph.request(method, url, headers=AUTH, json=body)
    if known or method == "put":
        assert response.status_code == 200, response.text
        assert value in response.text
    else:
        assert response.status_code == 404, response.text
        assert repr(value) in response.json()["detail"]


def test_an_id_ending_like_a_route_is_the_node_not_the_route(odd_graph: TestClient) -> None:
    doc = {"accounts": [{"id": "a9/strategy", "name": "slash"}, {"id": "a9", "name": "plain"}]}
    assert odd_graph.post("/v1/import", json=doc, headers=AUTH).status_code == 200
    node = odd_graph.get("/v1/accounts/a9%2Fstrategy", headers=AUTH)
    assert node.status_code == 200 and node.json()["name"] == "slash"
    strategy = odd_graph.get("/v1/accounts/a9/strategy", headers=AUTH)
    assert strategy.status_code == 200 and strategy.json()["account_id"] == "a9"
    # An unencoded "/" separates segments: there is no such route.
    assert odd_graph.get("/v1/accounts/a9/x", headers=AUTH).status_code == 404


@pytest.mark.parametrize(("raw", "routed"), [
    ("/v1/accounts/a%2Fb/strategy", "/v1/accounts/a%2Fb/strategy"),
    ("/v1/accounts/a%2fb", "/v1/accounts/a%2Fb"),
    ("/v1/accounts/50%25%20off", "/v1/accounts/50%25 off"),
    ("/v1/accounts/%252F", "/v1/accounts/%252F"),
    ("/v1/accounts/%%34%31", "/v1/accounts/%2541"),
    ("/v1/contacts/%E7%8E%8B", "/v1/contacts/王"),
])
def test_the_raw_path_is_decoded_within_segments(raw: str, routed: str) -> None:
    assert within_segments(raw) == routed


def test_no_router_answers_for_another_so_their_order_is_only_speed() -> None:
    # Every operation, its ids filled with one that holds a slash, is matched fully by one
    # included router alone, whatever order app/main.py includes them in.
    for path, item in app.openapi()["paths"].items():
        filled = within_segments(re.sub(r"\{[^}]+\}", quote("x/y", safe=""), path))
        for method in item:
            scope = {"type": "http", "method": method.upper(), "path": filled}
            full = [r for r in app.router.routes if r.matches(scope)[0] == Match.FULL]
            assert len(full) == 1, (method, filled, full)
