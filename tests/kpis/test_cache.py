"""The snapshot cache: one computation per key, and waiters survive its cancellation."""

import asyncio
from datetime import date

import pytest

from app.kpis.cache import SnapshotCache
from app.kpis.snapshot import Snapshot

DAY = date(2026, 3, 31)


def snapshot() -> Snapshot:
    return Snapshot(as_of=DAY, accounts=[], key_persons=[], deals=[])


def test_concurrent_requests_share_one_computation() -> None:
    calls = 0

    async def compute() -> Snapshot:
        nonlocal calls
        calls += 1
        await asyncio.sleep(0.05)
        return snapshot()

    async def scenario() -> list[Snapshot]:
        cache = SnapshotCache(3)
        return list(await asyncio.gather(*[cache.compute_once("v1", DAY, compute) for _ in range(5)]))

    results = asyncio.run(scenario())
    assert calls == 1 and all(r is results[0] for r in results)


def test_a_waiter_computes_itself_when_the_shared_computation_is_cancelled() -> None:
    async def slow() -> Snapshot:
        await asyncio.sleep(10)
        return snapshot()

    async def fast() -> Snapshot:
        return snapshot()

    async def scenario() -> Snapshot:
        cache = SnapshotCache(3)
        warm = asyncio.create_task(cache.compute_once("v1", DAY, slow))
        await asyncio.sleep(0.01)
        waiter = asyncio.create_task(cache.compute_once("v1", DAY, fast))
        await asyncio.sleep(0.01)
        warm.cancel()  # a write began
        result = await waiter
        assert cache.get("v1", DAY) is result
        return result

    assert isinstance(asyncio.run(scenario()), Snapshot)


def test_entries_of_an_older_version_are_dropped() -> None:
    cache = SnapshotCache(3)
    cache.put("v1", snapshot())
    cache.put("v2", snapshot())
    assert cache.get("v1", DAY) is None and cache.get("v2", DAY) is not None


def test_a_failed_computation_is_not_cached() -> None:
    async def broken() -> Snapshot:
        raise RuntimeError("database down")

    cache = SnapshotCache(3)
    with pytest.raises(RuntimeError):
        asyncio.run(cache.compute_once("v1", DAY, broken))
    assert cache.get("v1", DAY) is None and not cache.pending
