"""Activity history of a person or an account, and a scope's activity over a period, as the
viewer may see them."""

import asyncio
from datetime import date

from neo4j import AsyncManagedTransaction

from app.activities.schemas import (
    AccountActivity,
    ActivityContact,
    ActivityFeed,
    ActivityList,
    ActivityOut,
    ColleagueActivity,
    PrivateOut,
    Tally,
)
from app.auth.policy import Viewer
from app.config import Settings
from app.dates import Period
from app.db.cypher import q
from app.db.graph import Graph, Reader, Row, rows
from app.domain import ActivityType
from app.errors import Forbidden, NotFound, ValidationFailed, field_problem
from app.ingestion.provenance import shown_entry
from app.kpis import kept, rollups
from app.kpis.scope_data import Account
from app.kpis.scope_data import accounts as scope_accounts
from app.network import touch
from app.nodes.names import names
from app.scopes import Scope, owners


def _shown(row: Row, viewer: Viewer, accounts: frozenset[str] | None) -> ActivityOut:
    """Colleagues by reference; other accounts' people and deals left out."""
    def visible(account_id: str | None) -> bool:
        return accounts is None or account_id in accounts

    deal = row.pop("deal")
    row["employee_ids"] = viewer.refs(row["employee_ids"])
    row["contacts"] = [ActivityContact(**c)
                       for c in sorted(row["contacts"], key=lambda c: c["id"])
                       if visible(c["account_id"])]
    row["opportunity_id"] = deal["id"] if deal and visible(deal["account_id"]) else None
    return ActivityOut(**shown_entry(row, viewer))


async def activities(graph: Reader, *, as_of: date, limit: int, viewer: Viewer,
                     accounts: frozenset[str] | None, me: str | None,
                     contact_id: str | None = None, account_id: str | None = None) -> ActivityList:
    """`accounts`: the viewer's accounts, None for every one; `me`: the viewer's employee, who
    alone sees the activities they marked private."""
    rows = await graph.read_list(q("activities/of_people"), contact_id=contact_id,
                                 account_id=account_id, as_of=as_of, offset=0, limit=limit + 1,
                                 me=me)
    return ActivityList(contact_id=contact_id, account_id=account_id, as_of=as_of,
                        activities=[_shown(r, viewer, accounts) for r in rows[:limit]],
                        truncated=len(rows) > limit)


def _counted(row: Row) -> Row:
    """Counts as read, with those of each type by name (read in the order of ActivityType)."""
    return {**row, "by_type": {t: n for t, n in zip(ActivityType, row["by_type"], strict=True) if n}}


async def in_period(graph: Graph, settings: Settings, *, scope: Scope, period: Period,
                    limit: int, offset: int, colleagues_limit: int, accounts_limit: int,
                    viewer: Viewer, accounts: frozenset[str] | None,
                    me: str | None) -> ActivityFeed:
    """The activities with the people of the scope's accounts (on the period's last day) over
    the period, counted overall, per colleague who took part and per account, and a page of
    them."""
    held = await scope_accounts(graph, scope, period.until)
    account_ids = None if scope.kind == "company" else [a["account_id"] for a in held]
    # A team's members and an employee are listed even when they met nobody: who was quiet.
    members = await owners(graph, scope, period.until) or []
    # Members the viewer may see: one in the team on `until` but not today is another colleague.
    scope_members = {e for e in members if viewer.sees(e)}
    slow = graph.analytics_timeout_s if account_ids is None else None
    # Reads side by side: each of a company's takes a few hundred milliseconds.
    [found], last, elsewhere = await asyncio.gather(
        graph.read(q("activities/in_period"), account_ids=account_ids, since=period.since,
                   until=period.until, me=me, cap=settings.activity_feed_max, offset=offset,
                   limit=limit, types=[t.value for t in ActivityType], timeout_s=slow),
        graph.read(q("activities/last_met"), account_ids=[a["account_id"] for a in held],
                   until=period.until, me=me, timeout_s=slow),
        _elsewhere(graph, sorted(scope_members), account_ids or [], period, me))
    # By reference: colleagues the viewer may not see are counted apart all the same. Models
    # are made for those shown alone (a company's month holds thousands of colleagues).
    took_part = {viewer.ref(c["employee_id"]): c for c in found["colleagues"]}
    quiet = {"activities": 0, "contacts": 0, "accounts": 0, "by_type": [0] * len(ActivityType)}
    # The scope's members first, so that a lead sees their quiet ones whoever else was busy.
    everyone = sorted(((who, took_part.get(who, quiet)) for who in scope_members | took_part.keys()),
                      key=lambda pair: (pair[0] not in scope_members, -pair[1]["activities"],
                                        -pair[1]["contacts"], pair[0]))
    shown = [ColleagueActivity(**{**_counted(row), "employee_id": who,
                                  "member": who in scope_members,
                                  "elsewhere": elsewhere.get(who)})
             for who, row in everyone[:colleagues_limit]]
    by_account, unmet = _by_account(held, found["accounts"],
                                    [*last[0]["shared"], *last[0]["mine"]], period, accounts_limit)
    page = [_shown(r, viewer, accounts) for r in found["rows"]]
    named = await names(graph, [c.employee_id for c in shown] + [a.account_id for a in by_account] + [
        i for a in page
        for i in (*a.employee_ids, a.opportunity_id, *(c.account_id for c in a.contacts))])
    return ActivityFeed(scope=str(scope), since=period.since, until=period.until,
                        overall=Tally(**_counted(found["overall"])),
                        truncated=found["truncated"], by_colleague=shown,
                        colleagues_total=len(everyone), by_account=by_account,
                        accounts_total=len(held), accounts_quiet=unmet,
                        activities=page, names=named)


async def _elsewhere(graph: Graph, members: list[str], account_ids: list[str], period: Period,
                     me: str | None) -> dict[str, int]:
    """Each member's activities of the period at other accounts than the scope's: a member
    quiet with the scope's customers may have been busy with others'."""
    if not members:
        return {}
    return {r["employee_id"]: r["elsewhere"] for r in await graph.read_list(
        q("activities/elsewhere"), employee_ids=members, account_ids=account_ids,
        since=period.since, until=period.until, me=me)}


def _by_account(held: list[Account], met: list[Row], last: list[Row], period: Period,
                shown: int) -> tuple[list[AccountActivity], int]:
    """The first `shown` of the accounts the scope holds, with what the period's activities did
    there (`met`) and the day its people were last met (`last`: a row of an account's shared
    day, and one of the viewer's private activities, each may be missing), the longest unmet
    first: where a lead looks for who was left alone; and how many had no activity. Models are
    made for those shown alone (a company holds thousands of accounts)."""
    last_at: dict[str, date] = {}
    for r in last:  # an account's shared day and, later, the viewer's private one
        if r["last_at"] is not None:
            last_at[r["account_id"]] = max(r["last_at"], last_at.get(r["account_id"], r["last_at"]))
    period_counts = {r["account_id"]: r for r in met}

    def order(a: Account) -> tuple[bool, date, bool, str]:
        day = last_at.get(a["account_id"])
        return day is not None, day or period.until, not a["focus"], a["account_id"]

    nobody = {"activities": 0, "contacts": 0, "colleagues": 0}
    listed = [AccountActivity(**{**nobody, **period_counts.get(a["account_id"], {}),
                                 "account_id": a["account_id"], "focus": a["focus"],
                                 "last_at": last_at.get(a["account_id"])})
              for a in sorted(held, key=order)[:shown]]
    return listed, sum(1 for a in held if a["account_id"] not in period_counts)


async def mark_private(graph: Graph, settings: Settings, activity_id: str,
                       employee_id: str | None, private: bool,
                       accounts: frozenset[str] | None) -> PrivateOut:
    """Only an employee who took part marks an activity private, to themselves, and only one
    no other of our employees took part in (it is theirs too). Its contacts' acquaintance by
    activity and figures follow in the same transaction: a private activity counts in no one
    else's."""
    async def work(tx: AsyncManagedTransaction) -> list[Row]:
        found = await rows(tx, q("activities/mark_private"), id=activity_id,
                           employee_id=employee_id, private=private)
        if found and found[0]["allowed"]:
            await touch.refresh(tx, found[0]["contact_ids"], settings)
            await rollups.refresh(tx, found[0]["contact_ids"])
            await kept.stale(tx, found[0]["contact_ids"], settings)
        return found

    found = await graph.write_tx(work)
    # One who may not see the activity is told no more than of an id that names none: that it
    # exists (ids run in sequence) or was made private would be news to them.
    unseen = not found or (not found[0]["took_part"] and accounts is not None
                           and accounts.isdisjoint(found[0]["account_ids"]))
    if unseen:
        raise NotFound(f"no activity with id {activity_id!r}")
    if not found[0]["took_part"]:
        raise Forbidden("only an employee who took part marks an activity private")
    if not found[0]["allowed"]:
        raise ValidationFailed([field_problem(
            "private", "activity_shared", "other colleagues took part in this activity: it counts "
            "for them too, so it cannot be private to one", colleagues=found[0]["others"])])
    return PrivateOut(id=activity_id, private=private)
