"""The KPI cache as a dependency, and what every write must do to it."""

from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends, Request

from app.heap import give_back_memory
from app.kpis.cache import SnapshotCache


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


KpiCache = Annotated[SnapshotCache, Depends(get_kpi_cache)]
