import hashlib
import os
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
from fastapi.testclient import TestClient
from neo4j import Driver, GraphDatabase

from app.config import Settings
from app.db.cypher import q
from app.db.migrations import discover
from app.main import create_app
from tests.servers import LocalServer, Server, docker_engine_answers


def _zone_of_a_long_day() -> str:
    """A zone in which it is 03:00-04:00 as the run starts, so that its day does not turn
    during the run: the tests' "today" (taken as a module loads) and the service's must stay
    one day. BRM_TEST_TIMEZONE names one instead (to run again in the zone a run reported)."""
    if named := os.environ.get("BRM_TEST_TIMEZONE"):
        return named
    ahead = (3 - datetime.now(UTC).hour) % 24
    ahead = ahead - 24 if ahead > 14 else ahead  # zones run from UTC-12 to UTC+14
    return f"Etc/GMT{-ahead:+d}"  # POSIX signs: Etc/GMT-8 is 8 hours ahead of UTC


# Before any test module loads: the tests, their apps (as the organisation's zone) and the
# browsers and servers they start all take the day in this zone.
TEST_ZONE = os.environ["TZ"] = os.environ["BRM_ORG_TIMEZONE"] = _zone_of_a_long_day()
time.tzset()


def pytest_report_header() -> str:
    return f"time zone: {TEST_ZONE} (BRM_TEST_TIMEZONE={TEST_ZONE} runs in it again)"


ADMIN_TOKEN = "test-admin-token"
AUTH = {"Authorization": f"Bearer {ADMIN_TOKEN}"}


@pytest.fixture(scope="session")
def neo4j_server() -> Iterator[Server]:
    if os.environ.get("NEO4J_URI"):
        yield Server(uri=os.environ["NEO4J_URI"], user=os.environ.get("NEO4J_USER", "neo4j"),
                     password=os.environ.get("NEO4J_PASSWORD", "brm-local-dev"))
        return
    if docker_engine_answers():
        from testcontainers.neo4j import Neo4jContainer

        image = Neo4jContainer("neo4j:5.26-community", password="brm-local-dev").with_env(
            "NEO4J_db_transaction_bookmark__ready__timeout", "1s")  # as scripts/neo4j.sh
        with image as container:
            server = Server(uri=container.get_connection_url(), password="brm-local-dev")
            server.wait_until_queryable()
            yield server
        return
    server = LocalServer("test-neo4j", int(os.environ.get("NEO4J_TEST_BOLT_PORT", "7697")),
                         int(os.environ.get("NEO4J_TEST_HTTP_PORT", "7477")))
    was_running = server.running()
    server.start()
    yield server
    if not was_running:
        server.stop()


def settings_for(server: Server, **overrides: Any) -> Settings:
    """Without the webhook worker unless asked for: the webhook tests run their own, and
    another with other settings (no allowed hosts) would fail their deliveries. With a read
    budget of 15 s: a loaded test machine runs some answers for seconds (a query's first run,
    planning included, has the analytics budget); the tests of the budget set their own.
    Without planning the searches at start, which every app of the tests would ask of the
    server at once (tests/paths/test_planned_at_start.py asks for it), nor working out the
    company's lines after large writes, which would keep answers the tests watch being kept
    (tests/kpis/test_warm_after_writes.py asks for it)."""
    return Settings(neo4j_uri=server.uri, neo4j_user=server.user,
                    neo4j_password=server.password, admin_token=ADMIN_TOKEN,
                    **{"webhook_worker": False, "read_timeout_s": 15.0,
                       "plan_searches_on_start": False, "warm_company_lines_after_s": 0,
                       **overrides})


@pytest.fixture(scope="session")
def settings(neo4j_server: Server) -> Settings:
    return settings_for(neo4j_server)


@pytest.fixture(scope="session")
def raw_driver(neo4j_server: Server) -> Iterator[Driver]:
    """The test's own view of the database, independent of the API's code."""
    with GraphDatabase.driver(neo4j_server.uri,
                              auth=(neo4j_server.user, neo4j_server.password)) as driver:
        yield driver


@pytest.fixture(scope="session")
def app_client(settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings), raise_server_exceptions=False) as client:
        yield ready(client)


def ready(client: TestClient) -> TestClient:
    """The client once its app is ready. On a fresh database the migrations and the reference
    key may take longer than the start waits for (they go on in the background): the first
    test must not meet a 503."""
    deadline = time.monotonic() + 120
    while client.get("/ready").status_code != 200:
        assert time.monotonic() < deadline, "the API never became ready"
        time.sleep(0.1)
    return client


def emptied(client: TestClient, driver: Driver) -> TestClient:
    """`client` over a graph holding nothing but the migration history."""
    with driver.session(database="neo4j") as session:
        session.run(q("admin/wipe_data")).consume()
    return client


@pytest.fixture
def client(app_client: TestClient, raw_driver: Driver) -> TestClient:
    """The API over a graph holding nothing but the migration history."""
    return emptied(app_client, raw_driver)


@pytest.fixture(scope="session")
def shanghai_app(neo4j_server: Server) -> Iterator[TestClient]:
    """The API of an organisation in Shanghai (UTC+8 the year round), whatever zone the run is
    in: for the tests that work out there the day a moment counts on."""
    settings = settings_for(neo4j_server, org_timezone="Asia/Shanghai")
    with TestClient(create_app(settings), raise_server_exceptions=False) as client:
        yield ready(client)


@pytest.fixture
def in_shanghai(shanghai_app: TestClient, raw_driver: Driver) -> TestClient:
    return emptied(shanghai_app, raw_driver)


def assessed_in_turn(client: TestClient, driver: Driver, base: dict[str, Any],
                     documents: list[list[dict[str, Any]]]) -> list[list[dict[str, Any]]]:
    """A property test's example: the graph emptied (its examples share one `client`), `base`
    imported, then each document of assessments in turn, as imported: a document may not
    repeat a key (contact, day, toward, deal), so the last of a key is kept."""
    with driver.session(database="neo4j") as session:
        session.run(q("admin/wipe_data")).consume()
    assert client.post("/v1/import", json=base, headers=AUTH).status_code == 200
    unique = [list({(a["contact_id"], a["at"], a["toward"], a["opportunity_id"]): a
                    for a in document}.values()) for document in documents]
    for document in unique:
        response = client.post("/v1/import", json={"assessments": document}, headers=AUTH)
        assert response.status_code == 200, response.text
    return unique


ASSESSED = ("closeness", "solution", "price", "veto", "approver")


def said_on_the_day(had: dict[str, Any] | None, sent: dict[str, Any]) -> dict[str, Any]:
    """A reference's assessment record after one more write of its key (contact, day, toward,
    deal), as a JSON merge patch: a field sent is set (null takes it back), one left out stays
    as said. Every feature is in the record, None where none is said."""
    return {**(had or dict.fromkeys(ASSESSED)), **sent}


def run_migration(driver: Driver, name: str) -> None:
    """One migration's statements run again, auto-commit as migrations run (its backfill over
    data stored without what it builds)."""
    (migration,) = [m for m in discover() if m.name == name]
    with driver.session(database="neo4j") as session:
        for statement in migration.statements:
            session.run(statement).consume()


def count(driver: Driver, query: str, **params: Any) -> Any:
    records, _, _ = driver.execute_query(query, params, database_="neo4j")
    return records[0][0]


def graph_fingerprint(driver: Driver, *, ignore: frozenset[str] = frozenset()) -> tuple[int, int, str]:
    """Node count, edge count and a checksum of every label and property of nodes and edges
    (the domain data: migration history, the audit log, the data version, the reference key,
    the webhook outbox and the kept answers are left out, and the properties in
    `ignore`)."""
    nodes, _, _ = driver.execute_query(
        "MATCH (n) WHERE NOT n:__Neo4jMigration AND NOT n:__Neo4jMigrationsLock "
        "AND NOT n:AuditEvent AND NOT n:DataVersion AND NOT n:ReferenceKey "
        "AND NOT n:OutboxMark AND NOT n:OutboxClock "
        "AND NOT n:KeptAccount AND NOT n:KeptEpoch "
        "RETURN labels(n) AS labels, properties(n) AS props", database_="neo4j")
    edges, _, _ = driver.execute_query(
        "MATCH (a)-[r]->(b) WHERE NOT a:__Neo4jMigration "
        "RETURN type(r) AS type, coalesce(a.id, a.key) AS a, coalesce(b.id, b.key) AS b, "
        "properties(r) AS props", database_="neo4j")
    def kept(props: dict[str, Any]) -> list[tuple[str, Any]]:
        return sorted((k, v) for k, v in props.items() if k not in ignore)

    content = sorted(repr((sorted(r["labels"]), kept(r["props"]))) for r in nodes)
    content += sorted(repr((r["type"], r["a"], r["b"], kept(r["props"]))) for r in edges)
    digest = hashlib.sha256("\n".join(content).encode()).hexdigest()
    return len(nodes), len(edges), digest
