from datetime import date
from typing import Any

from app.config import Settings
from app.db.cypher import template
from app.db.graph import Graph
from app.domain import Kind
from app.errors import NotFound
from app.features.schemas import features_of
from app.features.service import portraits
from app.nodes.schemas import NodeOut, NodePage

MAX_EDGES = 1000


async def get_node(graph: Graph, settings: Settings, kind: Kind, node_id: str) -> NodeOut:
    row = await graph.read_one(template("nodes/get_node", label=kind), id=node_id,
                               max_edges=MAX_EDGES)
    if row is None:
        raise NotFound(f"no {kind.value} with id {node_id!r}")
    extra: dict[str, Any] = {}
    if kind == Kind.CONTACT:
        portrait = (await portraits(graph, settings, [node_id], as_of=date.today()))[node_id]
        extra["contact_level"] = portrait.contact_level
        extra["features"] = features_of(portrait)
    return NodeOut(**row["node"], kind=kind.value, relationships=row["relationships"],
                   relationships_truncated=row["edge_count"] > len(row["relationships"]), **extra)


async def list_nodes(graph: Graph, kind: Kind, *, limit: int, after: str | None,
                     visible: list[str] | None, account_id: str | None = None) -> NodePage:
    found = await graph.read(template("nodes/list_nodes", label=kind), limit=limit, after=after,
                             account_id=account_id, visible=visible)
    items = [{**row["node"], "kind": kind.value} for row in found]
    return NodePage(items=items, next_after=items[-1]["id"] if len(items) == limit else None)
