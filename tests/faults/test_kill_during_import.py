"""Neo4j killed (-9) in the middle of a large import: batches are whole or absent, and running
the same import again converges to exactly the full data."""

import threading
import time
from collections import Counter
from datetime import date

import pytest
from fastapi.testclient import TestClient
from neo4j import Driver

from app.demo.generator import generate
from app.main import create_app
from tests.conftest import AUTH, graph_fingerprint, settings_for
from tests.faults.conftest import wipe
from tests.servers import LocalServer

BATCH = 100
KINDS = ["Account", "Team", "Employee", "Contact", "Competitor", "CompetitorStaff", "Opportunity",
         "Activity", "Assessment"]


def per_kind(driver: Driver) -> Counter[str]:
    found: Counter[str] = Counter()
    for kind in KINDS:
        records, _, _ = driver.execute_query(f"MATCH (n:{kind}) RETURN count(n) AS n", database_="neo4j")
        found[kind] = records[0]["n"]
    return found


# When a record was entered, and when a version of a relationship was ended by the next one.
ENTERED_AT = frozenset({"entered_at", "ended_at"})


# Three imports of the scale-2 demo in batches of 100, a server killed and started again: 2 min on
# this machine when idle, past the suite's 300 s when it was loaded (a hang guard, not a budget).
@pytest.mark.timeout(900)
def test_kill_during_import_then_rerun_converges(own_server: LocalServer, own_driver: Driver) -> None:
    doc = generate(scale=2, seed=21, today=date(2026, 11, 23))
    settings = settings_for(own_server, import_batch_size=BATCH, import_single_tx_max_rows=BATCH)

    wipe(own_driver)
    with TestClient(create_app(settings), raise_server_exceptions=False) as api:
        assert api.post("/v1/import", json=doc, headers=AUTH).status_code == 200
    # The two imports run at different moments: when each record was entered differs, nothing else.
    full, full_print = per_kind(own_driver), graph_fingerprint(own_driver, ignore=ENTERED_AT)
    wipe(own_driver)

    outcome: dict[str, int] = {}
    with TestClient(create_app(settings), raise_server_exceptions=False) as api:
        worker = threading.Thread(target=lambda: outcome.update(
            status=api.post("/v1/import", json=doc, headers=AUTH).status_code))
        worker.start()
        deadline = time.monotonic() + 60
        while per_kind(own_driver)["Contact"] < BATCH:  # some batches are in, many are not
            assert time.monotonic() < deadline
            time.sleep(0.01)
        own_server.kill()
        worker.join(timeout=60)
    assert outcome["status"] == 503

    own_server.start()
    partial = per_kind(own_driver)
    assert partial != full, "the kill came after the import ended"
    # Every batch whole or absent. Batches commit two at a time, so the short last one may be in
    # while the one before it is not: the count is full batches, plus perhaps the short one.
    for kind in KINDS:
        assert partial[kind] % BATCH in (0, full[kind] % BATCH), (kind, partial[kind])

    with TestClient(create_app(settings), raise_server_exceptions=False) as api:
        assert api.post("/v1/import", json=doc, headers=AUTH).status_code == 200
    assert graph_fingerprint(own_driver, ignore=ENTERED_AT) == full_print
