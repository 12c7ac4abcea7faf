"""A path search is one large query that Neo4j takes seconds to plan the first time: the API
plans the searches when it starts (app/warm.py), and a query ended at its read budget while it
was being planned is planned again outside the budget (Graph.read_tx), so that the next
request finds its plan."""

import logging
import time

import pytest
from fastapi.testclient import TestClient
from neo4j import Driver

from app.main import create_app
from tests.conftest import AUTH, settings_for
from tests.servers import Server


def test_the_searches_are_planned_when_the_api_starts(neo4j_server: Server,
                                                      caplog: pytest.LogCaptureFixture) -> None:
    app = create_app(settings_for(neo4j_server, plan_searches_on_start=True,
                                  warm_company_lines_on_start=True))
    with caplog.at_level(logging.WARNING), TestClient(app) as api:
        ends = time.monotonic() + 120
        while not app.state.planning.done():
            assert time.monotonic() < ends, "the searches were not planned within 120 s"
            time.sleep(0.2)
        assert app.state.planning.exception() is None
        # Every search ran on the server: none was refused (a parameter it lacks, a type).
        assert not [r.message for r in caplog.records if "not planned" in r.message]
        assert api.get("/v1/contacts/nobody/influence-paths", headers=AUTH).status_code == 404


def test_a_search_ended_while_planned_is_answered_once_planned(neo4j_server: Server,
                                                               client: TestClient,
                                                               raw_driver: Driver) -> None:
    assert client.post("/v1/import", headers=AUTH, json={
        "accounts": [{"id": "a1", "name": "华东电网"}], "employees": [{"id": "e1", "name": "e"}],
        "contacts": [{"id": "c1", "account_id": "a1", "name": "c"}],
        "relationships": [{"type": "INFLUENCES", "from": "e1", "to": "c1", "strength": 0.6}],
    }).status_code == 200
    raw_driver.execute_query("CALL db.clearQueryCaches()")
    # A budget far below the seconds a 5-hop search takes to plan, far above its run here.
    with TestClient(create_app(settings_for(neo4j_server, read_timeout_s=0.5))) as api:
        def ask() -> int:
            return api.get("/v1/contacts/c1/influence-paths", headers=AUTH,
                           params={"max_hops": 5}).status_code

        assert ask() == 504  # ended while being planned
        ends = time.monotonic() + 120
        while (status := ask()) != 200:
            assert status == 504, status
            assert time.monotonic() < ends, "still not planned after 120 s"
            time.sleep(1)
