from datetime import date
from enum import IntEnum
from typing import Any, LiteralString

from app.config import Settings
from app.db.cypher import q, template
from app.db.graph import Reader, Row
from app.domain import HARD_HOP_CAP, US
from app.network.strength import horizon_days


class Layers(IntEnum):
    """Hops of a search that goes one hop per layer (paths/best_paths); NONE for a search's
    steps after its first when it has one only (kpis/kept_stale)."""

    NONE = 0
    ONE = 1
    TWO = 2
    THREE = 3
    FOUR = 4
    FIVE = 5


async def best_paths(graph: Reader, settings: Settings, *, target_ids: list[str], as_of: date,
                     max_hops: int, employee_ids: list[str] | None, avoid_opposed: bool,
                     opportunity_id: str | None = None, excluded_ids: list[str] | None = None,
                     max_rows: int | None = None) -> tuple[list[Row], bool]:
    """Best path per (target, employee), by target then strongest first, at most `max_rows`;
    and whether the path budget cut the search short."""
    found = await graph.read(
        paths_query("paths/best_paths", max_hops), target_ids=target_ids,
        **path_params(settings, as_of=as_of, employee_ids=employee_ids,
                       avoid_opposed=avoid_opposed, opportunity_id=opportunity_id,
                       excluded_ids=excluded_ids, max_rows=max_rows))
    return found, truncated(found)


async def influence_paths(graph: Reader, settings: Settings, *, target_id: str, as_of: date,
                          max_hops: int, employee_ids: list[str] | None, avoid_opposed: bool,
                          max_rows: int, inbound_limit: int) -> Row | None:
    """The contact ({id, name, account_id}) with who influences it directly (`influenced_by`,
    at most `inbound_limit`), its best paths as best_paths gives them (`shown`), and our
    attitudes toward the contacts among both (`attitudes`, rows of features/attitudes); or
    None."""
    return await graph.read_one(
        paths_query("paths/influence_paths", max_hops), target_id=target_id,
        limit=inbound_limit,
        **path_params(settings, as_of=as_of, employee_ids=employee_ids,
                       avoid_opposed=avoid_opposed, opportunity_id=None, excluded_ids=None,
                       max_rows=max_rows))


def truncated(rows: list[Row]) -> bool:
    """Whether the path budget cut the search of these best_paths rows short."""
    return bool(rows) and bool(rows[0]["truncated"])


def paths_query(name: str, max_hops: int) -> LiteralString:
    if not 1 <= max_hops <= HARD_HOP_CAP:
        raise ValueError(f"max_hops must be within 1..{HARD_HOP_CAP}")
    return template(name, layers=Layers(max_hops))


def path_params(settings: Settings, *, as_of: date,
                 employee_ids: list[str] | None, avoid_opposed: bool,
                 opportunity_id: str | None, excluded_ids: list[str] | None,
                 max_rows: int | None) -> dict[str, Any]:
    """The parameters of paths/best_paths but its targets."""
    return {"as_of": as_of, "employee_ids": employee_ids,
            "avoid_opposed": avoid_opposed, "opportunity_id": opportunity_id, "us": US,
            "excluded_ids": excluded_ids or [], "max_rows": max_rows or settings.path_budget,
            "path_budget": settings.path_budget,
            "influence_default": settings.influence_default_strength,
            "up_default": settings.reports_up_strength,
            "down_default": settings.reports_down_strength,
            "activity_half_life": settings.activity_half_life_days,
            "activity_horizon_days": horizon_days(settings)}


async def target(graph: Reader, contact_id: str) -> Row | None:
    return await graph.read_one(q("paths/target"), id=contact_id)
