"""The API plans the path searches when it starts (app/warm.py), against the real server."""

import logging
import time

import pytest
from fastapi.testclient import TestClient

from app.main import create_app
from tests.conftest import AUTH, settings_for
from tests.servers import Server


def test_the_searches_are_planned_when_the_api_starts(neo4j_server: Server,
                                                      caplog: pytest.LogCaptureFixture) -> None:
    app = create_app(settings_for(neo4j_server, plan_searches_on_start=True))
    with caplog.at_level(logging.WARNING), TestClient(app) as api:
        ends = time.monotonic() + 120
        while not app.state.planning.done():
            assert time.monotonic() < ends, "the searches were not planned within 120 s"
            time.sleep(0.2)
        assert app.state.planning.exception() is None
        # Every search ran on the server: none was refused (a parameter it lacks, a type).
        assert not [r.message for r in caplog.records if "not planned" in r.message]
        assert api.get("/v1/contacts/nobody/influence-paths", headers=AUTH).status_code == 404
