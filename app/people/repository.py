from datetime import date
from typing import Any

from app.db.cypher import q
from app.db.graph import Reader, Row


async def team_members(graph: Reader, team_id: str, as_of: date) -> list[str] | None:
    """Member ids of the team as of the date, its lead included; None when there is no such
    team."""
    row: dict[str, Any] | None = await graph.read_one(q("people/team_members"), team_id=team_id,
                                                      as_of=as_of)
    return None if row is None else list(row["employee_ids"])


async def employees(graph: Reader, employee_ids: list[str], as_of: date) -> dict[str, Row]:
    """The employees among the ids ({employee_id, name, team_id} as of the date), by id."""
    found = await graph.read(q("people/employees"), employee_ids=employee_ids, as_of=as_of)
    return {r["employee_id"]: r for r in found}
