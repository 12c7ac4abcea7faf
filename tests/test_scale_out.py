"""What can be tested here of running behind a routing driver and a load balancer: the
neo4j:// scheme (cluster, Aura) on a single server routes reads and writes, and bookmarks
travel from a write's response to a read through another worker."""

import base64
import time

from fastapi.testclient import TestClient
from neo4j import Driver

from app.db.causal import HEADER
from app.db.graph import UNRESPONSIVE_GRACE_S
from app.main import create_app
from tests.conftest import AUTH, graph_fingerprint, settings_for
from tests.servers import Server


def test_routing_uri_serves_reads_and_writes(neo4j_server: Server, client: TestClient) -> None:
    routed = settings_for(neo4j_server).model_copy(
        update={"neo4j_uri": neo4j_server.uri.replace("bolt://", "neo4j://")})
    with TestClient(create_app(routed)) as api:
        assert api.get("/ready").status_code == 200
        assert api.post("/v1/import", headers=AUTH, json={
            "accounts": [{"id": "a1", "name": "华东电网"}]}).status_code == 200
        assert api.get("/v1/accounts/a1", headers=AUTH).json()["name"] == "华东电网"


def test_a_write_returns_the_bookmark_its_worker_chains_on(client: TestClient) -> None:
    written = client.post("/v1/import", headers=AUTH, json={"accounts": [{"id": "a1", "name": "国网"}]})
    assert written.status_code == 200
    bookmarks = written.headers[HEADER].split(",")
    assert bookmarks and all(b.strip() for b in bookmarks)
    # Reads send nothing back; the worker's own manager now holds the write's bookmark.
    read = client.get("/v1/accounts/a1", headers=AUTH)
    assert HEADER not in read.headers
    manager = client.app.state.graph.bookmark_manager  # type: ignore[attr-defined]
    assert client.portal is not None  # inside the TestClient's context
    held = client.portal.call(manager.get_bookmarks)
    assert set(bookmarks) <= set(held)


def test_another_worker_reads_after_the_bookmark_of_a_write(neo4j_server: Server,
                                                            client: TestClient) -> None:
    written = client.post("/v1/import", headers=AUTH, json={"accounts": [{"id": "a2", "name": "南网"}]})
    with TestClient(create_app(settings_for(neo4j_server))) as other_worker:
        read = other_worker.get("/v1/accounts/a2", headers={**AUTH, HEADER: written.headers[HEADER]})
        assert read.status_code == 200 and read.json()["name"] == "南网"


def test_malformed_bookmarks_are_refused_before_any_work(client: TestClient, raw_driver: Driver) -> None:
    before = graph_fingerprint(raw_driver)
    for value in ("not a bookmark", ",".join(["FB:x"] * 17), "FB:" + "x" * 600):
        response = client.post("/v1/import", headers={**AUTH, HEADER: value},
                               json={"accounts": [{"id": "a3", "name": "x"}]})
        assert response.status_code == 400
        assert response.headers["content-type"] == "application/problem+json"
        assert response.json()["type"] == "/problems/invalid-bookmarks"
    assert graph_fingerprint(raw_driver) == before


def test_a_bookmark_the_database_did_not_issue_is_a_client_error(client: TestClient) -> None:
    # Well-formed, so it reaches Neo4j, which rejects it: proof the header is passed on.
    response = client.get("/v1/accounts/a1", headers={**AUTH, HEADER: "FB:bm90LWlzc3VlZA=="})
    assert response.status_code == 400
    assert response.json()["type"] == "/problems/invalid-bookmarks"


def future_bookmark(issued: str) -> str:
    """A well-formed bookmark for a transaction this database has not reached: a real one
    (`FB:` and base64 of PackStream: a list holding the database's 16-byte id, then the
    transaction id) with its transaction id pushed far ahead."""
    raw = base64.b64decode(issued.removeprefix("FB:"))
    start = 3 + 16  # list marker, bytes marker and size, database id
    assert raw[:3] == b"\x91\xcc\x10", issued
    marker = raw[start]
    width = 1 if marker < 0x80 else 1 + {0xC8: 1, 0xC9: 2, 0xCA: 4, 0xCB: 8}[marker]
    ahead = raw[:start] + b"\xcb" + (2**40).to_bytes(8, "big") + raw[start + width:]
    return "FB:" + base64.b64encode(ahead).decode()


def test_unauthenticated_requests_never_wait_for_client_bookmarks(client: TestClient) -> None:
    written = client.post("/v1/import", headers=AUTH, json={"accounts": [{"id": "a4", "name": "x"}]})
    ahead = future_bookmark(written.headers[HEADER].split(",")[0])
    # Before the fix the token lookup waited on the bookmark: 13 s, then 503.
    started = time.monotonic()
    refused = client.get("/v1/accounts/a4",
                         headers={"Authorization": "Bearer not-a-token", HEADER: ahead})
    assert refused.status_code == 401
    assert refused.headers["content-type"] == "application/problem+json"
    assert time.monotonic() - started < 2
    started = time.monotonic()
    assert client.get("/ready", headers={HEADER: ahead}).status_code == 200
    assert time.monotonic() - started < 2


def test_a_bookmark_not_reached_in_time_is_503_well_before_the_deadline(client: TestClient) -> None:
    written = client.post("/v1/import", headers=AUTH, json={"accounts": [{"id": "a5", "name": "x"}]})
    ahead = future_bookmark(written.headers[HEADER].split(",")[0])
    started = time.monotonic()
    response = client.get("/v1/accounts/a5", headers={**AUTH, HEADER: ahead})
    waited = time.monotonic() - started
    assert response.status_code == 503
    assert int(response.headers["Retry-After"]) > 0
    # Neo4j gives up on the bookmark after 2 s (db.transaction.bookmark_ready_timeout), and
    # the API does not retry: well inside the request's own deadline (13 s; it took 13 s).
    settings = client.app.state.settings  # type: ignore[attr-defined]
    deadline = settings.read_timeout_s + settings.retry_budget_s + UNRESPONSIVE_GRACE_S
    assert waited < deadline - 8, waited
