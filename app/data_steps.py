"""What migrations need besides their Cypher (app/db/migrations.py), by version: code that
computes data for what was stored before the version."""

from functools import partial

from app.config import Settings
from app.db.cypher import q
from app.db.graph import Graph
from app.db.migrations import DataSteps
from app.domain import US
from app.kpis.rollups import build_spans, rebuild, refresh_unknown_degrees
from app.network import touch
from app.search.backfill import backfill


async def assessment_days(graph: Graph, batch: int = 1000) -> None:
    """What is derived from our assessments of each contact (ingestion/our_assessment_days)
    written again, a batch of contacts per transaction."""
    ids = [r["id"] for r in await graph.read(q("kpis/contact_ids"))]
    for start in range(0, len(ids), batch):
        await graph.write(q("ingestion/our_assessment_days"), contact_ids=ids[start:start + batch],
                          us=US)


async def contacts_last_met(graph: Graph, batch: int = 5000) -> None:
    """Each contact's last day met (network/last_met), a batch of contacts per transaction."""
    ids = [r["id"] for r in await graph.read(q("kpis/contact_ids"))]
    for start in range(0, len(ids), batch):
        await graph.write(q("network/last_met"), contact_ids=ids[start:start + batch])


def data_steps(settings: Settings) -> DataSteps:
    async def rebuilt(graph: Graph) -> None:
        await rebuild(graph, settings, spans=False)  # V037 builds the spans

    async def feed_counts(graph: Graph) -> None:
        await assessment_days(graph)
        await touch.rebuild(graph, settings)

    return {
        11: rebuilt,  # the KPI pieces and company day rollups
        13: backfill,  # the search keys (pinyin)
        21: rebuilt,  # acquaintance by activity (IN_TOUCH), and the pieces that count it
        29: partial(touch.rebuild, settings=settings),  # the days pairs turned cooling
        33: assessment_days,  # what each of our assessments moved each feature from
        34: feed_counts,  # how many features each moved; each cooling turn's acquaintance
        37: build_spans,  # the accounts' spans of the customer line's figures
        40: refresh_unknown_degrees,  # the pieces of contacts with a degree recorded unknown
        42: contacts_last_met,  # each contact's last day met
    }
