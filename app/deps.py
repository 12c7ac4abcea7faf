"""Annotated dependency shortcuts shared by the routers.

Dependencies are `async def` even when they do not await: FastAPI runs a plain `def` dependency
on a worker thread, and those hops cost about a millisecond per request (measured with py-spy).
"""

from collections.abc import AsyncIterator
from datetime import date, datetime
from typing import Annotated, TypeVar

from fastapi import Depends, Query, Request
from pydantic import AfterValidator

from app.config import Settings
from app.db.graph import Graph
from app.heap import give_back_memory
from app.kpis.cache import SnapshotCache


async def get_graph(request: Request) -> Graph:
    graph: Graph = request.app.state.graph
    return graph


async def get_app_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


# The dates a query parameter may name. Figures look back from as_of up to ten years
# (period_days) and two years (trend), which at Python's years 1 and 9999 left the calendar
# (500s); business records sit well inside.
EARLIEST, LATEST = date(1900, 1, 1), date(2999, 12, 31)
IN_RANGE = f"from {EARLIEST} to {LATEST}"
D = TypeVar("D", bound=date)


def _in_range(value: D) -> D:
    day = value.date() if isinstance(value, datetime) else value
    if not EARLIEST <= day <= LATEST:
        raise ValueError(f"must be {IN_RANGE}")
    return value


# Every date or date-time query parameter is one of these: Bounded[date], Bounded[datetime].
Bounded = Annotated[D, AfterValidator(_in_range)]


async def as_of_date(
    as_of: Annotated[Bounded[date] | None, Query(
        description=f"Figures as of this date (default today), {IN_RANGE}",
        examples=["2026-03-31"])] = None,
) -> date:
    return as_of or date.today()


AsOf = Annotated[date, Depends(as_of_date)]
async def get_kpi_cache(request: Request) -> SnapshotCache:
    cache: SnapshotCache = request.app.state.kpi_cache
    return cache


async def warm_after_write(request: Request) -> AsyncIterator[None]:
    """Around a write: pause the KPI warm-up; after it, drop the cached KPIs of the data as it
    was and recompute today's company KPIs."""
    cache: SnapshotCache = request.app.state.kpi_cache
    warmer = request.app.state.kpi_warmer if request.app.state.settings.kpi_warm_up else None
    if warmer:
        warmer.write_started()
    try:
        yield
        # Not after a refused write (an exception lands at the yield): nothing changed then.
        cache.drop()
        give_back_memory()  # what the document and the dropped snapshots held
    finally:
        if warmer:
            warmer.write_ended()


GraphDep = Annotated[Graph, Depends(get_graph)]
KpiCache = Annotated[SnapshotCache, Depends(get_kpi_cache)]
SettingsDep = Annotated[Settings, Depends(get_app_settings)]
