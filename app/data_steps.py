"""What migrations need besides their Cypher (app/db/migrations.py), by version: code that
computes data for what was stored before the version."""

from functools import partial

from app.config import Settings
from app.db.graph import Graph
from app.db.migrations import DataSteps
from app.kpis.rollups import rebuild
from app.network import touch
from app.search.backfill import backfill


def data_steps(settings: Settings) -> DataSteps:
    async def rebuilt(graph: Graph) -> None:
        await rebuild(graph, settings)

    return {
        11: rebuilt,  # the KPI pieces and company day rollups
        13: backfill,  # the search keys (pinyin)
        21: rebuilt,  # acquaintance by activity (IN_TOUCH), and the pieces that count it
        29: partial(touch.rebuild, settings=settings),  # the days pairs turned cooling
    }
