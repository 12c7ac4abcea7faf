"""A query's first run in a process has the analytics budget, since Neo4j counts planning
against a transaction's budget (Graph.read_tx); its next runs have the read budget. A read
slow to run, not to plan, still ends at its budget."""

import asyncio

import pytest
from neo4j.exceptions import ClientError

from app.config import Settings
from app.db.graph import Graph, Reader, Row, create_driver, plan_key

# Seconds of counting on the server (3 s on an idle two-core machine), planned at once: Neo4j
# looks for transactions past their time-out at intervals, and let a 0.9 s run of this end well
# past a 0.5 s budget.
SLOW = "UNWIND range(1, $n) AS x WITH x WHERE x % 7 = 0 RETURN count(x) AS multiples"
N = 100_000_000


def test_a_query_slow_to_run_ends_at_the_read_budget_after_its_first_run(settings: Settings) -> None:
    async def run() -> None:
        driver = create_driver(settings)
        graph = Graph(driver, settings.model_copy(update={"read_timeout_s": 0.5}))
        try:
            assert await graph.read(SLOW, n=N) == [{"multiples": N // 7}]
            with pytest.raises(ClientError, match="TransactionTimedOut"):
                await graph.read(SLOW, n=N)

            async def together(reader: Reader) -> list[Row]:
                return await reader.read(SLOW, n=N + 1)  # an int of the same kind: planned

            with pytest.raises(ClientError, match="TransactionTimedOut"):
                await graph.together(together)
            await graph.settle()
        finally:
            await driver.close()

    asyncio.run(run())


def test_a_first_run_is_remembered_whatever_came_of_it(settings: Settings) -> None:
    failing = "RETURN 1 / $n AS x"  # a division by zero when it runs, not when it is planned

    async def run() -> None:
        driver = create_driver(settings)
        graph = Graph(driver, settings)
        try:
            with pytest.raises(ClientError):
                await graph.read(failing, n=0)
            # Its next runs have the read budget, not the analytics budget again.
            assert plan_key(failing, {"n": 0}) in graph.planned
            await graph.settle()
        finally:
            await driver.close()

    asyncio.run(run())


def test_a_plan_is_kept_by_the_kinds_and_size_classes_of_its_parameters() -> None:
    query = "RETURN $ids, $name"

    def key(ids: list[str], name: str | None) -> object:
        return plan_key(query, {"ids": ids, "name": name})

    assert key(["a"], "x") != key([], "x") != key(["a", "b"], "x")
    assert key(["a", "b"], "x") == key(["a"] * 10, "x") != key(["a"] * 11, "x")
    assert key(["a"] * 11, "x") == key(["a"] * 100, "x") != key(["a"] * 101, "x")
    assert key([], "c-00005") == key([], "c-0000") != key([], "c") != key([], None)
