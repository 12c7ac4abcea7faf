"""Acquaintance by activity kept in the graph: `(Employee)-[:IN_TOUCH {since, until, ats, ws}]->
(Contact)`, one edge per run of days on which the employee's activity strength toward the contact
reaches `activity_acquainted` (app/network/strength.py), holding the days and weights of the
activities that weigh on those days.

Being dated like every other edge, it is read where an employee's declared acquaintance
(`INFLUENCES`) is: an influence path's first step (its strength computed on the day asked, from
`ats` and `ws`), the figures' acquainted key persons, the deals that moved. Every write that
changes a contact's activities rebuilds that contact's edges in the same transaction, before the
KPI pieces that read them. Activities private to someone count for their owner's own network view
alone (app/network/service.py), never here: paths and figures are read by others.

The weights and the half-life are applied when the edges are built: after changing them,
`brm rebuild-kpis` builds the edges again.
"""

from datetime import date, timedelta
from itertools import groupby

from neo4j import AsyncManagedTransaction

from app.config import Settings
from app.db.cypher import q
from app.db.graph import Row, differing, iso_days, one_list
from app.network.strength import Activity, acquainted_spans, horizon_days


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


async def refresh(tx: AsyncManagedTransaction, contact_ids: list[str], settings: Settings) -> None:
    """Rebuild the IN_TOUCH edges into these contacts from their activities, in the caller's
    transaction. Only the edges that differ are written: a new activity changes the run of days
    it falls in, not an employee's earlier runs nor other employees' edges."""
    if not contact_ids:
        return
    sources = await one_list(tx, q("network/touch_sources"), {"contact_ids": contact_ids})
    for source in sources:  # its dates come as ISO strings (app.db.graph.iso_days)
        for activity in source["activities"]:
            iso_days(activity, "at")
        for touch in source["touches"]:
            iso_days(touch, "since", "until", "ats")

    def employee(r: Row) -> str:
        return str(r["employee_id"])

    gone: list[Row] = []
    rows: list[Row] = []
    for source in sources:
        new = [{"employee_id": employee_id, **edge}
               for employee_id, group in groupby(sorted(source["activities"], key=employee),
                                                 key=employee)
               for edge in edges([Activity(r["at"], r["type"]) for r in group], settings)]
        less, more = differing(source["touches"], new)
        # An edge whose run still starts on the same day is updated in place (it is in both).
        kept = {(r["employee_id"], r["since"]) for r in more}
        gone += [{"contact_id": source["contact_id"], "employee_id": r["employee_id"],
                  "since": r["since"]} for r in less if (r["employee_id"], r["since"]) not in kept]
        rows += [{"contact_id": source["contact_id"], **r} for r in more]
    if not gone and not rows:
        return
    result = await tx.run(q("network/replace_touches"), {"gone": gone, "rows": rows})
    await result.consume()
