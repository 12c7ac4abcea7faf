"""The decision chain as a picture: who reports to and influences whom, rivals' hold and the
third parties who influence members."""

import asyncio
from datetime import date

from app.chains.schemas import ChainEdge, DecisionMap, RivalInfluence, ThirdPartyInfluence
from app.chains.service import load_deal
from app.config import Settings
from app.db.cypher import q
from app.db.graph import Reader, in_one_transaction


@in_one_transaction
async def decision_map(graph: Reader, settings: Settings, *, opportunity_id: str,
                       as_of: date) -> DecisionMap:
    deal = await load_deal(graph, settings, opportunity_id, as_of)
    ids = [r["contact_id"] for r in deal["members"]]
    cap = settings.political_map_max_edges
    edges, rivals, third = await asyncio.gather(
        graph.read(q("chains/map_edges"), contact_ids=ids, opportunity_id=opportunity_id,
                   as_of=as_of, max_edges=cap + 1),
        graph.read(q("chains/rival_influence"), contact_ids=ids, opportunity_id=opportunity_id,
                   as_of=as_of, max_edges=cap + 1),
        graph.read(q("politics/third_party_influence"), contact_ids=ids,
                   opportunity_id=opportunity_id, as_of=as_of, max_edges=cap + 1))
    return DecisionMap(opportunity_id=opportunity_id, as_of=as_of, member_ids=ids,
                       edges=[ChainEdge(**e) for e in edges[:cap]],
                       rival_influence=[RivalInfluence(**r) for r in rivals[:cap]],
                       third_party_influence=[ThirdPartyInfluence(**r) for r in third[:cap]],
                       truncated=len(edges) > cap or len(rivals) > cap or len(third) > cap)
