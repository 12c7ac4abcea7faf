"""Annotated dependency shortcuts and query parameters shared by the routers (those of one
domain live in its package, as app/kpis/deps.py).

Dependencies are `async def` even when they do not await: FastAPI runs a plain `def` dependency
on a worker thread, and those hops cost about a millisecond per request (measured with py-spy).
"""

from datetime import date, timedelta
from typing import Annotated

from fastapi import Depends, Query, Request

from app import dates
from app.config import Settings
from app.dates import IN_RANGE, Bounded, Period
from app.db.graph import Graph
from app.domain import HARD_HOP_CAP
from app.errors import field_problem
from app.routes import refuse_later
from app.scopes import ScopeText


async def get_graph(request: Request) -> Graph:
    graph: Graph = request.app.state.graph
    return graph


async def get_app_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings




async def as_of_date(
    as_of: Annotated[Bounded[date] | None, Query(
        description=f"Figures as of this date (default today), {IN_RANGE}",
        examples=["2026-03-31"])] = None,
    settings: Settings = Depends(get_app_settings),
) -> date:
    return as_of or dates.today(settings.org_zone)


AsOf = Annotated[date, Depends(as_of_date)]
GraphDep = Annotated[Graph, Depends(get_graph)]
SettingsDep = Annotated[Settings, Depends(get_app_settings)]

# Query parameters that more than one router takes.
async def max_hops_of(
    max_hops: Annotated[int | None, Query(
        ge=1, le=HARD_HOP_CAP, description=f"Steps per path, at most {HARD_HOP_CAP} (default: the "
                                            "setting BRM_PATH_MAX_HOPS_DEFAULT, 3)")] = None,
    settings: Settings = Depends(get_app_settings),
) -> int:
    return max_hops or settings.path_max_hops_default


MaxHops = Annotated[int, Depends(max_hops_of)]
ScopeParam = Annotated[ScopeText | None, Query(
    description="company, team:<id> or employee:<id> (default: the principal's own, as /v1/me's "
                "default_scope)",
    examples=["company", "team:t-00001", "employee:e-00002"])]


async def period_asked(
    since: Annotated[Bounded[date] | None, Query(
        description=f"First day of the period (default: six days before until), {IN_RANGE}",
        examples=["2026-11-24"])] = None,
    until: Annotated[Bounded[date] | None, Query(
        description=f"Last day of the period (default: six days after since, or today without "
                    f"since), {IN_RANGE}", examples=["2026-11-30"])] = None,
    settings: Settings = Depends(get_app_settings),
) -> Period:
    """A week unless told otherwise; at most changes_max_period_days long."""
    week = timedelta(days=6)
    # Worked out from one end, the other stays within the dates the service takes.
    last = until or (min(since + week, dates.LATEST) if since else dates.today(settings.org_zone))
    first = since or max(last - week, dates.EARLIEST)
    if first > last:
        refuse_later([field_problem("since", "since_after_until", "since is after until")])
    elif (last - first).days + 1 > settings.changes_max_period_days:
        refuse_later([field_problem(
            "since", "period_too_long",
            f"a period is at most {settings.changes_max_period_days} days",
            max_days=settings.changes_max_period_days)])
    return Period(first, last)


PeriodDep = Annotated[Period, Depends(period_asked)]
