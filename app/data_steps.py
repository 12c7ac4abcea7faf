"""What migrations need besides their Cypher (app/db/migrations.py), by version: code that
computes data for what was stored before the version."""

from functools import partial
from typing import LiteralString

from app.config import Settings
from app.db.cypher import q
from app.db.graph import Graph
from app.db.migrations import DataSteps
from app.domain import US
from app.kpis.rollups import build_spans, rebuild, refresh_unknown_degrees
from app.network import touch
from app.search.backfill import backfill


async def _every_contact(graph: Graph, query: LiteralString, batch: int, **params: object) -> None:
    """`query` run for every contact, `batch` of them (`$contact_ids`) per transaction."""
    ids = [r["id"] for r in await graph.read(q("kpis/contact_ids"))]
    for start in range(0, len(ids), batch):
        await graph.write(query, contact_ids=ids[start:start + batch], **params)


async def assessment_days(graph: Graph) -> None:
    """What is derived from our assessments of each contact (ingestion/our_assessment_days)
    written again."""
    await _every_contact(graph, q("ingestion/our_assessment_days"), 1000, us=US)


async def contacts_last_met(graph: Graph) -> None:
    """Each contact's last day met (network/last_met)."""
    await _every_contact(graph, q("network/last_met"), 5000)


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
