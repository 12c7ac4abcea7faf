"""What can be tested here of running behind a routing driver and a load balancer: the
neo4j:// scheme (cluster, Aura) on a single server routes reads and writes, and bookmarks
travel from a write's response to a read through another worker."""

from fastapi.testclient import TestClient
from neo4j import Driver

from app.db.causal import HEADER
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
