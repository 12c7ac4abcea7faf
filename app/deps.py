"""Annotated dependency shortcuts shared by the routers."""

from collections.abc import AsyncIterator
from datetime import date
from typing import Annotated

from fastapi import Depends, Query, Request

from app.config import Settings
from app.db.graph import Graph
from app.kpis.cache import SnapshotCache


def get_graph(request: Request) -> Graph:
    graph: Graph = request.app.state.graph
    return graph


def get_app_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def as_of_date(
    as_of: Annotated[date | None, Query(description="Figures as of this date (default today)",
                                        examples=["2026-03-31"])] = None,
) -> date:
    return as_of or date.today()


AsOf = Annotated[date, Depends(as_of_date)]
def get_kpi_cache(request: Request) -> SnapshotCache:
    cache: SnapshotCache = request.app.state.kpi_cache
    return cache


async def warm_after_write(request: Request) -> AsyncIterator[None]:
    """Around a write: pause the KPI warm-up, then recompute today's company KPIs after it."""
    if not request.app.state.settings.kpi_warm_up:
        yield
        return
    warmer = request.app.state.kpi_warmer
    warmer.write_started()
    try:
        yield
    finally:
        warmer.write_ended()


GraphDep = Annotated[Graph, Depends(get_graph)]
KpiCache = Annotated[SnapshotCache, Depends(get_kpi_cache)]
SettingsDep = Annotated[Settings, Depends(get_app_settings)]
