from datetime import date

from app.db.cypher import q
from app.db.graph import Reader, Row


async def deal(graph: Reader, opportunity_id: str, as_of: date, max_members: int) -> Row | None:
    """The opportunity, its competitor ids and its members ({contact_id, role}), or None."""
    return await graph.read_one(q("chains/opportunity"), id=opportunity_id, as_of=as_of,
                                limit=max_members)


async def member_facts(graph: Reader, contact_ids: list[str], opportunity_id: str, as_of: date,
                       towards: list[str], window_days: int) -> Row:
    """{structure, attitudes, reach}: the rows of features/structure, features/attitudes and
    chains/reach for these members, read together."""
    found = await graph.read(q("chains/member_facts"), contact_ids=contact_ids,
                             opportunity_id=opportunity_id, as_of=as_of, towards=towards,
                             window_days=window_days)
    return found[0]  # each part collects its rows into one list: always one record


async def employees(graph: Reader, employee_ids: list[str], as_of: date) -> dict[str, Row]:
    found = await graph.read(q("chains/employees"), employee_ids=employee_ids, as_of=as_of)
    return {r["employee_id"]: r for r in found}
