"""The outbox: every domain write leaves a mark in its own transaction, so that no change is
lost between its commit and its webhook deliveries (a crash, a restart, a database outage).
The worker (app/webhooks/worker.py) turns marks into events and deletes them."""

from collections.abc import Iterable
from datetime import date, datetime

from neo4j import AsyncManagedTransaction

from app.db.cypher import q
from app.db.graph import Row

# The row fields that name what a write touched, and those that date it (an import step's
# rows, or their `props`: app/ingestion/repository.py).
ID_FIELDS = ("id", "from", "to", "contact_id", "account_id", "opportunity_id")
ID_LIST_FIELDS = ("employee_ids", "contact_ids")
DAY_FIELDS = ("at", "since", "until")


def touched(rows: Iterable[Row], today: date) -> tuple[list[str], date, date]:
    """The ids a write's rows name, and the first and last days it changes (today if none is
    earlier, or later: a change dated ahead is news the day it is written)."""
    ids: dict[str, None] = {}
    first = last = today
    for row in rows:
        for part in (row, row.get("props") or {}):
            for name in ID_FIELDS:
                if isinstance(value := part.get(name), str):
                    ids[value] = None
            for name in ID_LIST_FIELDS:
                ids.update(dict.fromkeys(part.get(name) or ()))
            for name in DAY_FIELDS:
                day = part.get(name)
                if isinstance(day, datetime):
                    day = day.date()
                if isinstance(day, date):
                    first, last = min(first, day), max(last, day)
    return list(ids), first, last


async def mark(tx: AsyncManagedTransaction, ids: list[str], since: date,
               until: date | None = None) -> None:
    if not ids:
        return
    result = await tx.run(q("webhooks/mark"), {"ids": ids, "since": since,
                                               "until": until or since})
    await result.consume()
