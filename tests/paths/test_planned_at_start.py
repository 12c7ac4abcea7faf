"""A path search is one large query that Neo4j takes seconds to plan the first time, and again
for parameters of another type or size: the API plans the searches when it starts
(app/warm.py), and a query's first run in a process has the analytics budget, as has a run
after Neo4j planned the query again (Graph.read_tx), so that a request is answered, slowly
once, instead of ending at the read budget."""

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
        # /ready says when they are (ready before: the API answers meanwhile).
        while not (ready := api.get("/ready")).json()["searches_planned"]:
            assert ready.status_code == 200
            assert time.monotonic() < ends, "the searches were not planned within 120 s"
            time.sleep(0.2)
        assert app.state.planning.done() and app.state.planning.exception() is None
        # Every search ran on the server: none was refused (a parameter it lacks, a type).
        assert not [r.message for r in caplog.records if "not planned" in r.message]
        assert api.get("/v1/contacts/nobody/influence-paths", headers=AUTH).status_code == 404


def test_a_search_is_answered_when_its_plan_takes_longer_than_the_budget(
        neo4j_server: Server, client: TestClient, raw_driver: Driver) -> None:
    assert client.post("/v1/import", headers=AUTH, json={
        "accounts": [{"id": "a1", "name": "华东电网"}],
        "teams": [{"id": "t1", "name": "t"}],
        "employees": [{"id": "e1", "name": "e", "team_id": "t1"},
                      {"id": "e2", "name": "f", "team_id": "t1"}],
        "contacts": [{"id": "c1", "account_id": "a1", "name": "c"}],
        "relationships": [{"type": "INFLUENCES", "from": "e1", "to": "c1", "strength": 0.6}],
    }).status_code == 200
    raw_driver.execute_query("CALL db.clearQueryCaches()")
    # A budget far below the seconds a 5-hop search takes to plan, far above its run here.
    with TestClient(create_app(settings_for(neo4j_server, read_timeout_s=0.5))) as api:
        def ask(**params: object) -> int:
            return api.get("/v1/contacts/c1/influence-paths", headers=AUTH,
                           params={"max_hops": 5, **params}).status_code

        # Never planned; then planned again for one employee and for a team (a list of one
        # id, of two); then with every plan dropped while the API thinks them made.
        assert ask() == 200
        assert ask(employee_id="e1") == 200
        assert ask(team_id="t1") == 200
        raw_driver.execute_query("CALL db.clearQueryCaches()")
        assert ask(employee_id="e1") == 200

