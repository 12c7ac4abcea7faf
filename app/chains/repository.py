from datetime import date

from app.db.cypher import q
from app.db.graph import Reader, Row
from app.domain import US


async def deal(graph: Reader, opportunity_id: str, as_of: date, max_members: int) -> Row | None:
    """The opportunity, its competitor ids and its members ({contact_id, role}), or None."""
    return await graph.read_one(q("chains/opportunity"), opportunity_id=opportunity_id,
                                as_of=as_of, limit=max_members)


async def decision_chain(graph: Reader, opportunity_id: str, as_of: date, max_members: int,
                         window_days: int) -> Row | None:
    """chains/opportunity's fields with the members' `structure`, `attitudes` (ours and each
    competitor's) and `reach`: the rows of features/structure, features/attitudes and
    chains/reach. None when there is no such deal."""
    return await graph.read_one(q("chains/decision_chain"), opportunity_id=opportunity_id,
                                as_of=as_of, limit=max_members, window_days=window_days, us=US)


async def deal_attitudes(graph: Reader, opportunity_id: str, as_of: date,
                         max_members: int) -> Row | None:
    """The deal's `members` and our `attitudes` toward them on it (rows of
    features/attitudes), or None when there is no such deal."""
    return await graph.read_one(q("chains/deal_attitudes"), opportunity_id=opportunity_id,
                                as_of=as_of, limit=max_members, us=US)
