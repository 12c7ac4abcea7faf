"""The decision chain as a picture: who reports to and influences whom, and rivals' hold."""

import asyncio
from datetime import date

from app.chains import repository
from app.chains.schemas import ChainEdge, DecisionMap, RivalInfluence
from app.config import Settings
from app.db.cypher import q
from app.db.graph import Graph
from app.errors import NotFound


async def decision_map(graph: Graph, settings: Settings, *, opportunity_id: str,
                       as_of: date) -> DecisionMap:
    deal, rows = await asyncio.gather(
        repository.opportunity(graph, opportunity_id, as_of),
        repository.members(graph, opportunity_id, as_of, settings.max_chain_members))
    if deal is None:
        raise NotFound(f"no Opportunity with id {opportunity_id!r}")
    ids = [r["contact_id"] for r in rows]
    cap = settings.political_map_max_edges
    edges, rivals = await asyncio.gather(
        graph.read(q("chains/map_edges"), contact_ids=ids, opportunity_id=opportunity_id,
                   as_of=as_of, max_edges=cap + 1),
        graph.read(q("chains/rival_influence"), contact_ids=ids, opportunity_id=opportunity_id,
                   as_of=as_of, max_edges=cap + 1))
    return DecisionMap(opportunity_id=opportunity_id, as_of=as_of, member_ids=ids,
                       edges=[ChainEdge(**e) for e in edges[:cap]],
                       rival_influence=[RivalInfluence(**r) for r in rivals[:cap]],
                       truncated=len(edges) > cap or len(rivals) > cap)
