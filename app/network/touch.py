"""Acquaintance by activity kept in the graph: `(Employee)-[:IN_TOUCH {since, until, ats, ws}]->
(Contact)`, one edge per run of days on which the employee's activity strength toward the contact
reaches `activity_acquainted` (app/network/strength.py), holding the days and weights of the
activities that weigh on those days; and `(:CoolingTurn {contact_id, employee_id, day, from, to,
touch_since, touch_until})`, each day the pair's trend turned cooling with the two strengths it
compared and the pair's runs of acquaintance (its edges' days), which the change feed reads by
day (changes/cooling) instead of working the trend out per request; and each contact's last day
met (`Contact.last_met`), which the weekly review reads for an account's (activities/last_met).

Being dated like every other edge, it is read where an employee's declared acquaintance
(`INFLUENCES`) is: an influence path's first step (its strength computed on the day asked, from
`ats` and `ws`), the figures' acquainted key persons, the deals that moved. Every write that
changes a contact's activities rebuilds that contact's edges in the same transaction, before the
KPI pieces that read them. Activities private to someone count for their owner's own network view
alone (app/network/service.py), never here: paths and figures are read by others.

The weights, the half-life and the trend's days and delta are applied when the edges and turns
are built: after changing them, `brm rebuild-kpis` builds them again.
"""

from collections import Counter
from collections.abc import AsyncIterator
from datetime import date, timedelta
from functools import partial
from itertools import groupby

from neo4j import AsyncManagedTransaction

from app.config import Settings
from app.db.cypher import q
from app.db.graph import (
    CONTACTS_PER_READ,
    Graph,
    Row,
    as_read,
    differing,
    iso_days,
    one_list,
    slices,
)
from app.kpis import kept
from app.network.strength import Activity, acquainted_spans, horizon_days, turned_cooling


def edges(activities: list[Activity], settings: Settings) -> list[Row]:
    """One pair's IN_TOUCH edges: each span with the days of the activities that count on one
    of its days (on or before its last day, and within the horizon of its first) and each day's
    weight. Activities of one day decay alike, so they are summed into one entry: an edge holds
    at most a day per day of its run, however many activities a file brought (5,000 meetings
    in a month made every path through that edge slow to compute)."""
    horizon = timedelta(days=horizon_days(settings))
    found = []
    for since, until in acquainted_spans(activities, settings):
        days: dict[date, float] = {}
        for a in sorted(activities, key=lambda a: a.at):
            if since - horizon <= a.at < until:
                days[a.at] = days.get(a.at, 0.0) + settings.activity_weights.get(a.type, 0.0)
        found.append({"since": since, "until": until, "ats": list(days),
                      "ws": list(days.values())})
    return found


async def _sources(tx: AsyncManagedTransaction, contact_ids: list[str]) -> AsyncIterator[Row]:
    """What the edges into these contacts are made of, read CONTACTS_PER_READ at a time,
    their dates as ISO strings (app.db.graph.iso_days)."""
    for part in slices(contact_ids, CONTACTS_PER_READ):
        for source in await one_list(tx, q("network/touch_sources"), {"contact_ids": part},
                                     as_read):
            for activity in source["activities"]:
                iso_days(activity, "at")
            for touch in source["touches"]:
                iso_days(touch, "since", "until", "ats")
            for turn in source["turns"]:
                iso_days(turn, "day", "touch_since", "touch_until")
            yield source


async def refresh(tx: AsyncManagedTransaction, contact_ids: list[str], settings: Settings) -> None:
    """Rebuild the IN_TOUCH edges into these contacts, the days their trends turned cooling and
    the day each was last met (network/last_met) from their activities, in the caller's
    transaction. Only the edges and turns that differ are
    written: a new activity changes the run of days it falls in and the turns after it, not an
    employee's earlier runs nor other employees' edges; a pair's turns all carry its runs, so a
    run that changes writes that pair's turns again (a pair has few)."""
    if not contact_ids:
        return
    # A contact named twice would be read, and its new turns written, twice.
    contact_ids = list(dict.fromkeys(contact_ids))

    def employee(r: Row) -> str:
        return str(r["employee_id"])

    gone: list[Row] = []
    rows: list[Row] = []
    turns_gone: list[Row] = []
    turns: list[Row] = []
    async for source in _sources(tx, contact_ids):
        contact = {"contact_id": source["contact_id"]}
        new: list[Row] = []
        new_turns: list[Row] = []
        for employee_id, group in groupby(sorted(source["activities"], key=employee),
                                          key=employee):
            activities = [Activity(r["at"], r["type"]) for r in group]
            runs = edges(activities, settings)
            new += [{"employee_id": employee_id, **edge} for edge in runs]
            # The pair's runs of acquaintance go with each turn: the change feed lists a turn of
            # a pair acquainted around its period, which it checks on the turn alone.
            acquainted = {"touch_since": [r["since"] for r in runs],
                          "touch_until": [r["until"] for r in runs]}
            new_turns += [{"employee_id": employee_id, "day": day, "from": then, "to": now,
                           **acquainted}
                          for day, then, now in turned_cooling(activities, settings)]
        less, more = differing(source["touches"], new)
        # An edge whose run still starts on the same day is updated in place (it is in both).
        kept = {(r["employee_id"], r["since"]) for r in more}
        gone += [{**contact, "employee_id": r["employee_id"], "since": r["since"]}
                 for r in less if (r["employee_id"], r["since"]) not in kept]
        rows += [{**contact, **r} for r in more]
        less, more = differing(source["turns"], new_turns)
        # A turn stored twice (a pair turns at most once a day) is deleted and written once.
        stored = Counter((r["employee_id"], r["day"]) for r in source["turns"])
        twice = {day for day, times in stored.items() if times > 1}
        less += [r for r in source["turns"] if (r["employee_id"], r["day"]) in twice]
        more += [r for r in new_turns if (r["employee_id"], r["day"]) in twice and r not in more]
        turns_gone += [{**contact, "employee_id": r["employee_id"], "day": r["day"]} for r in less]
        turns += [{**contact, **r} for r in more]
    if gone or rows:
        result = await tx.run(q("network/replace_touches"), {"gone": gone, "rows": rows})
        await result.consume()
    if turns_gone or turns:
        result = await tx.run(q("network/replace_turns"), {"gone": turns_gone, "rows": turns})
        await result.consume()
    result = await tx.run(q("network/last_met"), {"contact_ids": contact_ids})
    await result.consume()


async def rebuild(graph: Graph, settings: Settings, batch: int = 5000) -> None:
    """Every contact's edges and turns refreshed from its activities, `batch` contacts a
    transaction: for activities stored before the turns were kept (migration V029)."""
    ids = [r["id"] for r in await graph.read(q("kpis/contact_ids"))]

    async def stale(tx: AsyncManagedTransaction, contact_ids: list[str]) -> None:
        await refresh(tx, contact_ids, settings)
        await kept.all_stale_in(tx)

    for start in range(0, len(ids), batch):
        await graph.write_tx(partial(stale, contact_ids=ids[start:start + batch]))

