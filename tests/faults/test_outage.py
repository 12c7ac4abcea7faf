"""Neo4j stopped under a running API: fast 503s, /ready 503, and recovery without a restart.

Runs on the fault tests' own Neo4j (tests/faults/conftest.py), which it may stop.
"""

import time

from fastapi.testclient import TestClient
from neo4j import Driver

from app.db.graph import UNRESPONSIVE_GRACE_S
from app.main import create_app
from tests.conftest import AUTH, settings_for
from tests.faults.conftest import wipe
from tests.servers import LocalServer


def test_database_outage_gives_503_then_service_resumes(own_server: LocalServer,
                                                       own_driver: Driver) -> None:
    wipe(own_driver)
    settings = settings_for(own_server)
    with TestClient(create_app(settings), raise_server_exceptions=False) as api:
        assert api.get("/ready").status_code == 200
        stored = api.post("/v1/import", headers=AUTH,
                          json={"accounts": [{"id": "a1", "name": "华东电网"}]})
        assert stored.status_code == 200

        own_server.stop()
        for path in ("/v1/accounts/a1", "/ready"):
            started = time.monotonic()
            response = api.get(path, headers=AUTH)
            elapsed = time.monotonic() - started
            assert response.status_code == 503, response.text
            assert response.headers["content-type"] == "application/problem+json"
            assert set(response.json()) == {"type", "title", "status", "detail"}
            assert int(response.headers["Retry-After"]) > 0
            assert elapsed < 10, f"{path} took {elapsed:.1f} s to fail"
        write = api.post("/v1/import", headers=AUTH, json={"accounts": [{"id": "a2", "name": "x"}]})
        assert write.status_code == 503
        assert api.get("/health").status_code == 200

        own_server.start()
        deadline = time.monotonic() + 60
        while api.get("/v1/accounts/a1", headers=AUTH).status_code != 200:
            assert time.monotonic() < deadline, "the API did not recover within 60 s"
            time.sleep(0.5)
        assert api.get("/ready").status_code == 200
        assert api.get("/v1/accounts/a2", headers=AUTH).status_code == 404


def test_a_database_that_stops_answering_gives_503_at_the_deadline(own_server: LocalServer,
                                                                  own_driver: Driver) -> None:
    """A frozen Neo4j keeps its connections open and answers nothing: without the API's own
    deadline a request would wait until the server thawed (here after 60 s)."""
    wipe(own_driver)
    settings = settings_for(own_server, read_timeout_s=0.5, retry_budget_s=0.5)
    deadline = 0.5 + 0.5 + UNRESPONSIVE_GRACE_S
    with TestClient(create_app(settings), raise_server_exceptions=False) as api:
        assert api.post("/v1/import", headers=AUTH,
                        json={"accounts": [{"id": "a1", "name": "华东电网"}]}).status_code == 200
        with own_server.frozen(at_most_s=60):
            started = time.monotonic()
            response = api.get("/v1/accounts/a1", headers=AUTH)
            elapsed = time.monotonic() - started
        assert response.status_code == 503, response.text
        assert response.headers["content-type"] == "application/problem+json"
        assert int(response.headers["Retry-After"]) > 0
        assert deadline - 0.1 <= elapsed < deadline + 3, f"answered after {elapsed:.1f} s"

        resumed = time.monotonic() + 30
        while api.get("/v1/accounts/a1", headers=AUTH).status_code != 200:
            assert time.monotonic() < resumed, "the API did not resume within 30 s"
            time.sleep(0.2)
