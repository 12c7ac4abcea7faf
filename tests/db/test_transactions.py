"""Several reads in one read transaction (Reader.together)."""

import asyncio
import contextlib
import re
from importlib.metadata import version
from pathlib import Path

from app.config import Settings
from app.db.graph import DRIVER_CHECKED, Graph, Reader, Row, create_driver, pipelined_begin
from tests.transactions import counted

ROOT = Path(__file__).resolve().parents[2]
SUM = "UNWIND range(1, $n) AS x RETURN sum(x) AS total"
LISTED = "RETURN [x IN range(1, $n) | {x: x}] AS rows"


def test_reads_started_at_once_share_the_transaction_by_taking_turns(settings: Settings) -> None:
    # One transaction runs one query at a time: without turns the driver fails with
    # "read() called while another coroutine is already waiting".
    async def work(reader: Reader) -> list[list[Row]]:
        return list(await asyncio.gather(
            *(reader.read(SUM, n=n) for n in (10, 100, 1000, 100_000)),
            reader.read_list(LISTED, n=3)))

    found, transactions = counted(settings, lambda graph: graph.together(work))
    assert found == [[{"total": 55}], [{"total": 5050}], [{"total": 500_500}],
                     [{"total": 5_000_050_000}], [{"x": 1}, {"x": 2}, {"x": 3}]]
    assert transactions == 1


def test_together_inside_together_stays_in_the_one_transaction(settings: Settings) -> None:
    async def inner(reader: Reader) -> Row | None:
        return await reader.read_one(SUM, n=4)

    async def outer(reader: Reader) -> tuple[Row | None, Row | None]:
        return await reader.read_one(SUM, n=3), await reader.together(inner)

    found, transactions = counted(settings, lambda graph: graph.together(outer))
    assert found == ({"total": 6}, {"total": 10})
    assert transactions == 1


def test_reads_on_their_own_take_a_transaction_each(settings: Settings) -> None:
    async def work(reader: Reader) -> list[list[Row]]:
        return [await reader.read(SUM, n=2), await reader.read(SUM, n=3)]

    found, transactions = counted(settings, work)
    assert found == [[{"total": 3}], [{"total": 6}]]
    assert transactions == 2


def test_transactions_send_begin_with_their_first_query(settings: Settings) -> None:
    # The driver's private flag (what its execute_query uses): without it every answer waits
    # a round trip more. A driver upgrade that drops it fails here, not silently slower.
    async def flag() -> object:
        driver = create_driver(settings)
        try:
            async with driver.session() as session:
                return pipelined_begin(session)
        finally:
            await driver.close()

    assert not isinstance(asyncio.run(flag()), contextlib.nullcontext)


def test_the_driver_is_the_release_the_private_flag_was_checked_on() -> None:
    # pipelined_begin reads a private flag: the lock pins the driver exactly, and moving the
    # pin fails here until the test above passes on the new release and DRIVER_CHECKED says so.
    pinned = re.search(r"^neo4j==(\S+) ", (ROOT / "requirements.lock").read_text(), re.MULTILINE)
    assert pinned, "requirements.lock pins no neo4j driver"
    assert pinned.group(1) == DRIVER_CHECKED, (
        f"requirements.lock pins neo4j {pinned.group(1)}, pipelined_begin was checked on "
        f"{DRIVER_CHECKED}: check its flag on the new release, then update DRIVER_CHECKED")
    assert version("neo4j") == DRIVER_CHECKED, "the installed driver is not the locked one: make install"


def test_a_fault_in_a_read_reaches_its_caller_and_leaves_nothing_committing(
        settings: Settings) -> None:
    async def work(reader: Reader) -> None:
        await reader.read(SUM, n=2)
        raise LookupError("after the first read")

    async def run() -> tuple[str, int]:
        driver = create_driver(settings)
        graph = Graph(driver, settings)
        try:
            try:
                await graph.together(work)
            except LookupError as exc:
                return str(exc), len(graph.committing)
            return "no fault", len(graph.committing)
        finally:
            await graph.settle()
            await driver.close()

    assert asyncio.run(run()) == ("after the first read", 0)
