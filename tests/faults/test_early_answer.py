"""A read answers as soon as it has its rows, while its COMMIT is still under way (Graph.read_tx).

Runs on the fault tests' own Neo4j (tests/faults/conftest.py), which it freezes.
"""

import asyncio
import contextlib
import time

from neo4j import AsyncManagedTransaction

from app.db.graph import Graph, Row, create_driver, rows
from tests.conftest import settings_for
from tests.servers import LocalServer


def test_a_read_answers_before_its_commit_is_answered(own_server: LocalServer) -> None:
    # The server freezes right after sending the rows: nothing answers the COMMIT until it
    # thaws, and an answer that waited for it would come at the deadline (6 s here).
    settings = settings_for(own_server, read_timeout_s=0.5, retry_budget_s=0.5)
    thaw = contextlib.ExitStack()

    async def run() -> tuple[list[Row], float, int, int]:
        driver = create_driver(settings)
        graph = Graph(driver, settings)
        try:
            async def work(tx: AsyncManagedTransaction) -> list[Row]:
                found = await rows(tx, "RETURN 1 AS one")
                thaw.enter_context(own_server.frozen(at_most_s=30))
                return found

            started = time.monotonic()
            found = await graph.read_tx(work)
            answered_s = time.monotonic() - started
            pending = len(graph.committing)
            thaw.close()
            await graph.settle()
            return found, answered_s, pending, len(graph.committing)
        finally:
            thaw.close()
            await driver.close()

    found, answered_s, pending, after_settling = asyncio.run(run())
    assert found == [{"one": 1}]
    assert answered_s < 2, f"the answer waited {answered_s:.1f} s for the frozen server"
    assert pending == 1
    assert after_settling == 0
