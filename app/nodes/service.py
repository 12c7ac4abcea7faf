from datetime import date
from typing import Any

from app.config import Settings
from app.db.cypher import q, template
from app.db.graph import Graph
from app.domain import Kind, contact_level
from app.errors import NotFound
from app.nodes.schemas import NodeOut, NodePage

MAX_EDGES = 1000


async def get_node(graph: Graph, settings: Settings, kind: Kind, node_id: str) -> NodeOut:
    row = await graph.read_one(template("nodes/get_node", label=kind), id=node_id,
                               max_edges=MAX_EDGES)
    if row is None:
        raise NotFound(f"no {kind.value} with id {node_id!r}")
    extra: dict[str, Any] = {}
    if kind == Kind.CONTACT:
        extra["contact_level"] = await get_contact_level(graph, settings, node_id, date.today())
    return NodeOut(**row["node"], kind=kind.value, relationships=row["relationships"],
                   relationships_truncated=row["edge_count"] > len(row["relationships"]), **extra)


async def get_contact_level(graph: Graph, settings: Settings, contact_id: str,
                            as_of: date) -> str:
    row = await graph.read_one(q("nodes/recent_activity_count"), id=contact_id, as_of=as_of,
                               window_days=settings.contact_level_window_days)
    count = int(row["activities"]) if row else 0
    return contact_level(count, occasional=settings.contact_level_occasional,
                         multiple=settings.contact_level_multiple,
                         deep=settings.contact_level_deep).value


async def list_nodes(graph: Graph, kind: Kind, *, limit: int, after: str | None,
                     account_id: str | None = None) -> NodePage:
    found = await graph.read(template("nodes/list_nodes", label=kind), limit=limit, after=after,
                             account_id=account_id)
    items = [{**row["node"], "kind": kind.value} for row in found]
    return NodePage(items=items, next_after=items[-1]["id"] if len(items) == limit else None)
