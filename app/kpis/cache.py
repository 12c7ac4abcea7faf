"""Company snapshots cached per (data version, date).

Every write bumps the data version (app/ingestion/repository.py), so an entry can never be
read after the data it was computed from changed: figures stay exact as of any date. Scoped
views (a team, an employee) are cut from the cached company snapshot when there is one.
"""

import asyncio
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from datetime import date
from typing import TYPE_CHECKING, TypeVar

from app.db.cypher import q
from app.db.graph import Graph
from app.heap import collect_again

if TYPE_CHECKING:
    from app.kpis.snapshot import Snapshot

T = TypeVar("T")


class SnapshotCache:
    def __init__(self, entries: int) -> None:
        self.entries = entries
        self.found: OrderedDict[tuple[str, date], Snapshot] = OrderedDict()
        self.pending: dict[tuple[str, date], asyncio.Future[Snapshot]] = {}
        self.answers: OrderedDict[tuple[object, ...], object] = OrderedDict()

    async def answer(self, key: tuple[object, ...], compute: Callable[[], Awaitable[T]]) -> T:
        """A finished response per (data version, endpoint, scope, date, ...): figures over
        every key person take far longer to compute than to serve."""
        if key in self.answers:
            self.answers.move_to_end(key)
            return self.answers[key]  # type: ignore[return-value]
        value = await compute()
        self.answers[key] = value
        while len(self.answers) > 256:
            self.answers.popitem(last=False)
        return value

    def computing(self, version: str, as_of: date) -> bool:
        return (version, as_of) in self.pending

    async def compute_once(self, version: str, as_of: date,
                           compute: Callable[[], Awaitable["Snapshot"]]) -> "Snapshot":
        """One computation per key at a time: later callers wait for the first one's result."""
        key = (version, as_of)
        if key in self.found:
            return self.found[key]
        if key in self.pending:
            shared = self.pending[key]
            try:
                return await asyncio.shield(shared)
            except asyncio.CancelledError:
                if not shared.cancelled():
                    raise  # this request itself was cancelled
                # The computation we waited for was stopped (a write began): do it ourselves.
                return await self.compute_once(version, as_of, compute)
        future: asyncio.Future[Snapshot] = asyncio.get_running_loop().create_future()
        self.pending[key] = future
        try:
            snapshot = await compute()
            self.put(version, snapshot)
            future.set_result(snapshot)
            return snapshot
        except asyncio.CancelledError:
            future.cancel()
            raise
        except Exception as exc:
            future.set_exception(exc)
            future.exception()  # retrieved here, so an unawaited future does not warn
            raise
        finally:
            del self.pending[key]

    def drop(self) -> None:
        """Forget every snapshot and answer, after a write: they belong to an older data version
        and can never be served again, and each holds every key person and deal, which the
        next document of an import would otherwise have to fit beside."""
        self.found.clear()
        self.answers.clear()
        collect_again()

    def get(self, version: str, as_of: date) -> "Snapshot | None":
        key = (version, as_of)
        if key in self.found:
            self.found.move_to_end(key)
            return self.found[key]
        return None

    def put(self, version: str, snapshot: "Snapshot") -> None:
        self.found[(version, snapshot.as_of)] = snapshot
        self.found.move_to_end((version, snapshot.as_of))
        for stale in [k for k in self.found if k[0] != version]:
            del self.found[stale]
        while len(self.found) > self.entries:
            self.found.popitem(last=False)


async def data_version(graph: Graph) -> str:
    row = await graph.read_one(q("admin/data_version"))
    return str(row["version"]) if row else "none:0"
