"""The change feed of a scope over a period (docs/domain.md, the daily loop): computed from the
dated graph alone, so a period in the past answers the same every time."""

import asyncio
from datetime import date, timedelta
from functools import partial

from app.auth.policy import Viewer
from app.chains.risk import reachers_in
from app.chains.service import blockers, found_deal, our_members, weighted_supportive
from app.changes.events import (
    DealState,
    Family,
    Period,
    assessment_events,
    cooling_events,
    deal_events,
    edge_events,
    holds,
    overdue_events,
)
from app.changes.schemas import ChangeEvent, ChangeFeed, EventType
from app.config import Settings
from app.db.cypher import q
from app.db.graph import Graph, Reader, Row
from app.domain import US
from app.features.service import views_of
from app.kpis.scope_data import accounts
from app.network.strength import horizon_days
from app.nodes.names import names
from app.paths import repository as paths
from app.scopes import Scope

# Of events on one day, the order they are listed in.
ORDER = {t: i for i, t in enumerate(EventType)}
ROWS_PER_KIND = 10_000
# The path length changes/moved_deals looks around members for (two steps around each: the
# rest of a path of three hops).
MOVED_DEALS_HOPS = 3
DEALS_AT_ONCE = 4


async def deal_state(graph: Reader, settings: Settings, opportunity_id: str,
                     as_of: date) -> tuple[DealState, dict[str, str | None]]:
    """The deal's state on `as_of` and its members' names, from one query (changes/deal_state):
    the members, our attitudes toward them and who reaches them, not the whole decision chain
    (a fifth of its cost, measured). Its rules are the decision chain's own (blockers,
    weighted_supportive) and reachers_of's search."""
    max_hops = settings.path_max_hops_default
    deal = found_deal(await graph.read_one(
        paths.paths_query("changes/deal_state", max_hops), limit=settings.max_chain_members,
        **paths.path_params(settings, as_of=as_of, max_hops=max_hops, employee_ids=None,
                            avoid_opposed=True, opportunity_id=opportunity_id,
                            excluded_ids=None, max_rows=None)), opportunity_id)
    ours = our_members(deal["members"], views_of(deal["attitudes"]))
    state = DealState(members=frozenset(cid for cid, _, _ in ours),
                      blockers=frozenset(blockers(settings, ours)),
                      reachers={c: [e for e, _ in found]
                                for c, found in reachers_in(deal["reach"]).items()},
                      supportive=weighted_supportive(settings, ours))
    return state, {n["contact_id"]: n["name"] for n in deal["names"]}


async def _deal(graph: Graph, settings: Settings, deal: Row, period: Period) -> list[ChangeEvent]:
    """The deal at the end of the period against the day before it began; each difference
    dated on a day it came about (found by halving the period: a few more states, and only
    for deals that changed). Each state in a read transaction of its own."""
    opportunity_id, drop = deal["opportunity_id"], settings.changes_coverage_drop
    states: dict[date, tuple[DealState, dict[str, str | None]]] = {}

    async def state_on(day: date) -> DealState:
        if day not in states:
            states[day] = await graph.together(partial(
                deal_state, settings=settings, opportunity_id=opportunity_id, as_of=day))
        return states[day][0]

    before = await state_on(period.before)
    after = await state_on(period.until)
    names = states[period.until][1]
    dated = []
    for event in deal_events(deal, names, before, after, period.until, drop):
        # The day before the period does not hold the event's state and its last day does:
        # so some day between is the first of a run that holds it.
        last_without, first_with = period.before, period.until
        while (first_with - last_without).days > 1:
            middle = last_without + timedelta(days=(first_with - last_without).days // 2)
            if holds(event, before, await state_on(middle), drop):
                first_with = middle
            else:
                last_without = middle
        dated.append(event.model_copy(update={"at": first_with}))
    return dated


async def events(graph: Graph, settings: Settings, account_ids: list[str] | None,
                 period: Period, *, families: frozenset[Family] = frozenset(Family),
                 timeout_s: float | None = None, only_moved: bool = True) -> list[ChangeEvent]:
    """The events of these accounts (None: every account) in the period, of these families:
    each kind of dated record in one read, then each open deal's states in one read
    transaction of its own. The company's reads have the analytics time budget."""
    if timeout_s is None and account_ids is None:
        timeout_s = graph.analytics_timeout_s
    params: Row = {"account_ids": account_ids, "since": period.since, "until": period.until,
                   "limit": ROWS_PER_KIND, "timeout_s": timeout_s}
    found: list[ChangeEvent] = []
    if Family.RECORDS in families:
        found += [e for c in await graph.read_list(q("changes/assessments"), us=US, **params)
                  for e in assessment_events(c, period)]
        found += edge_events(await graph.read(q("changes/edges"), **params), period)
    if Family.ACTIONS in families:
        found += [e for a in await graph.read_list(q("changes/actions"), **params)
                  for e in overdue_events(a, period)]
    if Family.COOLING in families:
        # A pair cools only from a trend period after a day it was acquainted by activity.
        from_day = period.since - timedelta(days=settings.activity_trend_days)
        pairs = await graph.read_list(q("changes/cooling"), from_day=from_day,
                                      earliest=from_day - timedelta(days=horizon_days(settings)),
                                      **params)
        found += [e for pair in pairs for e in cooling_events(pair, period, settings)]
    if Family.DEALS in families:
        deals = await graph.read_list(q("changes/open_deals"), account_ids=account_ids,
                                      until=period.until, limit=settings.changes_max_deals,
                                      timeout_s=timeout_s)
        found += await _deal_events(graph, settings, deals, period, timeout_s, only_moved)
    return found


async def _deal_events(graph: Graph, settings: Settings, deals: list[Row], period: Period,
                       timeout_s: float | None, only_moved: bool) -> list[ChangeEvent]:
    """The deal-state events of the deals that moved in the period, a few deals at once.
    Which moved is asked of the graph when paths are three hops (the query's neighbourhood);
    else, or not `only_moved` (the reference the tests compare with), every deal is compared."""
    if only_moved and settings.path_max_hops_default == MOVED_DEALS_HOPS:
        moved = await graph.read_one(
            q("changes/moved_deals"), opportunity_ids=[d["opportunity_id"] for d in deals],
            since=period.since, until=period.until, timeout_s=timeout_s)
        kept = set(moved["opportunity_ids"] if moved else [])
        deals = [d for d in deals if d["opportunity_id"] in kept]
    turns = asyncio.Semaphore(DEALS_AT_ONCE)

    async def one(deal: Row) -> list[ChangeEvent]:
        async with turns:
            return await _deal(graph, settings, deal, period)

    return [e for found in await asyncio.gather(*[one(d) for d in deals]) for e in found]


def _shown(event: ChangeEvent, viewer: Viewer) -> ChangeEvent:
    if event.employee_id is None:
        return event
    return event.model_copy(update={"employee_id": viewer.ref(event.employee_id)})


async def changes(graph: Graph, settings: Settings, *, scope: Scope, period: Period,
                  types: list[EventType] | None, limit: int, offset: int,
                  viewer: Viewer) -> ChangeFeed:
    """The scope's events (its accounts on the period's last day), newest first."""
    account_ids = (None if scope.kind == "company"
                   else [a.account_id for a in await accounts(graph, scope, period.until)])
    found = [e for e in await events(graph, settings, account_ids, period)
             if types is None or e.type in types]
    found.sort(key=lambda e: (-e.at.toordinal(), ORDER[e.type], e.opportunity_id or "",
                              e.contact_id or "", e.action_id or ""))
    shown = [_shown(e, viewer) for e in found[offset:offset + limit]]
    # Ids only after the viewer's references replaced colleagues they may not see, so that
    # no hidden colleague is named.
    named = await names(graph, [i for e in shown for i in (
        e.account_id, e.opportunity_id, e.contact_id, e.employee_id)])
    return ChangeFeed(scope=str(scope), since=period.since, until=period.until,
                      total=len(found), events=shown, names=named)
