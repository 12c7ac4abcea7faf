"""Search keys for the nodes stored before they existed (migration V013's data step)."""

from app.db.cypher import q
from app.db.graph import Graph
from app.domain import Kind
from app.search.keys import search_key


async def backfill(graph: Graph, batch: int = 5000) -> None:
    while found := await graph.read(q("search/unkeyed"), limit=batch):
        # A node with nothing to find it by gets an empty key, so that it is not asked again.
        await graph.write(q("search/set_keys"), rows=[
            {"id": r["id"], "key": search_key(Kind(r["kind"]), r["name"],
                                              (r["title"], r["department"])) or ""}
            for r in found])
