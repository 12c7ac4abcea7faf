"""Company snapshots cached per (data version, date).

Every write bumps the data version (app/ingestion/repository.py), so an entry can never be
read after the data it was computed from changed: figures stay exact as of any date. Scoped
views (a team, an employee) are cut from the cached company snapshot when there is one.
"""

from collections import OrderedDict
from datetime import date
from typing import TYPE_CHECKING

from app.db.cypher import q
from app.db.graph import Graph

if TYPE_CHECKING:
    from app.kpis.snapshot import Snapshot


class SnapshotCache:
    def __init__(self, entries: int) -> None:
        self.entries = entries
        self.found: OrderedDict[tuple[str, date], Snapshot] = OrderedDict()

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
