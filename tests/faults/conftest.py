"""A Neo4j of the fault tests' own (scripts/neo4j.sh on separate ports): they stop and kill it."""

import os
from collections.abc import Iterator

import pytest
from neo4j import Driver, GraphDatabase

from app.data_steps import data_steps
from app.db.cypher import q
from app.db.graph import run_with_graph
from app.db.migrations import discover, migrate
from tests.conftest import settings_for
from tests.servers import LocalServer, wipe_dir


@pytest.fixture(scope="session")
def own_server() -> Iterator[LocalServer]:
    server = LocalServer("test-neo4j-faults", int(os.environ.get("NEO4J_FAULTS_BOLT_PORT", "7698")),
                         int(os.environ.get("NEO4J_FAULTS_HTTP_PORT", "7478")))
    server.stop()
    wipe_dir(server.data_dir)
    server.start()
    # Migrated before any test: an API started on a fresh server migrates in the background
    # after a few seconds, and a migration running under a test's first import (V007 gives
    # every contact there is timelines) made the graph depend on timing.
    settings = settings_for(server)
    run_with_graph(settings, lambda graph: migrate(graph, discover(), 120,
                                                   data_steps=data_steps(settings)))
    yield server
    server.stop()
    wipe_dir(server.data_dir)


@pytest.fixture
def own_driver(own_server: LocalServer) -> Iterator[Driver]:
    with GraphDatabase.driver(own_server.uri, auth=(own_server.user, own_server.password)) as d:
        yield d


def wipe(driver: Driver) -> None:
    with driver.session(database="neo4j") as session:
        session.run(q("admin/wipe_data")).consume()
