"""The change feed of a scope over a period (docs/domain.md, the daily loop): computed from the
dated graph alone, so a period in the past answers the same every time."""

import asyncio
from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date, timedelta

import orjson

from app.auth.policy import Viewer
from app.chains.service import blockers, our_members, weighted_supportive
from app.changes.events import (
    FAMILY,
    ORDER,
    DealState,
    Event,
    Family,
    cooling_event,
    deal_events,
    edge_events,
    holds,
    line_events,
    line_start,
    moved_event,
    order,
    overdue_events,
)
from app.changes.schemas import ChangeFeed, EventType
from app.config import Settings
from app.dates import Period
from app.db.cypher import q
from app.db.graph import Graph, Reader, Row, cut, in_pages
from app.domain import US
from app.features.service import views_of
from app.kpis import kept
from app.kpis.scope_data import accounts
from app.nodes.names import names
from app.paths import repository as paths
from app.scopes import Scope

# Deals whose states one query reads, and such queries at once (each runs on one core of the
# server).
DEALS_PER_READ = 100
READS_AT_ONCE = 2
# The days a deal's kept states cover at most (the most recently kept): a period's first and
# last days, and the days between that dated its events, for the few periods people ask for.
KEPT_DAYS_PER_DEAL = 16
# Raised whenever the rule or what a kept state holds changes, so that states kept by an older
# version are worked out again.
RULE_VERSION = 1


State = tuple[DealState, dict[str, str | None]]
# The state of a deal not found on a day while its events are dated: it holds none of them.
NO_STATE: State = (DealState(members=frozenset(), blockers=frozenset(), reached={},
                             supportive=None), {})


async def deal_states(graph: Graph, settings: Settings, opportunity_ids: list[str], as_of: date,
                      timeout_s: float | None = None,
                      turns: asyncio.Semaphore | None = None) -> dict[str, State]:
    """Each deal's state on `as_of` and its members' names: kept per deal and day until a write
    may change it (app/kpis/kept.py), the others worked out (`worked_out`) and kept for the next
    answer. A deal that does not exist has none."""
    if not opportunity_ids:
        return {}
    rule = fingerprint(settings)
    found, _, seen = kept.state_of(await graph.read_one(
        q("changes/deal_states_kept"), timeout_s=timeout_s, opportunity_ids=opportunity_ids,
        day=as_of, rule=rule))
    stale: dict[str, tuple[str | None, int]] = {
        deal: (account, version) for deal, (account, version) in found["stale"]}
    states = {deal: _parsed(text) for deal, text in found["kept"]}
    worked = await worked_out(graph, settings, list(stale), as_of, timeout_s, turns)
    keeping = [{"opportunity_id": deal, "account_id": account, "seen": version,
                "state": _text(worked[deal])}
               for deal, (account, version) in stale.items() if deal in worked and account]
    if keeping:
        await kept.keep(graph, q("changes/keep_deal_states"), seen=seen,
                        against=kept.DEAL_STATES, day=as_of, rule=rule, states=keeping,
                        days_per_deal=KEPT_DAYS_PER_DEAL)
    return states | worked


async def worked_out(graph: Reader, settings: Settings, opportunity_ids: list[str], as_of: date,
                     timeout_s: float | None = None,
                     turns: asyncio.Semaphore | None = None) -> dict[str, State]:
    """Each deal's state on `as_of` and its members' names, read from the graph
    (changes/deal_states: the members, our attitudes toward them and whether one or several
    colleagues reach each, not the whole decision chain), a page of deals per query,
    READS_AT_ONCE at a time (`turns`: shared with the caller's other reads). Its rules are the
    decision chain's own (blockers, weighted_supportive) and paths/best_paths' search."""
    async def page(ids: list[str]) -> list[Row]:
        return await graph.read_list(
            paths.paths_query("changes/deal_states", settings.path_max_hops_default),
            timeout_s=timeout_s, opportunity_ids=ids, as_of=as_of,
            limit=settings.max_chain_members, us=US, enough=2)  # none, one alone, or several

    found = await in_pages(opportunity_ids, DEALS_PER_READ, turns or READS_AT_ONCE, page)
    return {deal["opportunity_id"]: _state(settings, deal) for deal in found}


def fingerprint(settings: Settings) -> str:
    """The settings a deal's state reads, and its version."""
    return kept.rule(RULE_VERSION, settings.max_chain_members, settings.path_max_hops_default,
                     settings.weight_key_member, settings.weight_evaluator, settings.weight_other)


def _text(state: State) -> str:
    deal, names_ = state
    return orjson.dumps({"members": sorted(deal.members), "blockers": sorted(deal.blockers),
                         "reached": deal.reached, "supportive": deal.supportive,
                         "names": names_}).decode()


def _parsed(text: str) -> State:
    kept_ = orjson.loads(text)
    return (DealState(members=frozenset(kept_["members"]), blockers=frozenset(kept_["blockers"]),
                      reached=kept_["reached"], supportive=kept_["supportive"]), kept_["names"])


def _state(settings: Settings, deal: Row) -> State:
    ours = our_members(deal["members"], views_of(deal["attitudes"]))
    reached = {r["target_id"]: r["employee_ids"][0] if len(r["employee_ids"]) == 1 else None
               for r in deal["reach"]}
    return (DealState(members=frozenset(cid for cid, _, _ in ours),
                      blockers=frozenset(blockers(settings, ours)), reached=reached,
                      supportive=weighted_supportive(settings, ours)),
            {n["contact_id"]: n["name"] for n in deal["names"]})


@dataclass(frozen=True)
class Found:
    """Events; whether a kind of record had more than one read takes (changes_max_rows actions
    or dated edges, changes_max_deals deals): then some are missing; and how many more events
    were counted than read (assessments' moves and cooling relationships, which the database
    counts and reads the first of)."""

    events: list[Event]
    truncated: bool = False
    more: int = 0


def _first(rows: list[Event], unread: int, first: int) -> Found:
    """The first of a family's events, in the feed's order, of those read, and how many were not
    (`unread`, counted) beside those read past the first. Counted from what was read where it
    was read: a write committed meanwhile changes no count of it."""
    rows.sort(key=order)
    return Found(rows[:first], more=unread + max(0, len(rows) - first))


async def events(graph: Graph, settings: Settings, account_ids: list[str] | None,
                 period: Period, *, families: frozenset[Family] = frozenset(Family),
                 types: frozenset[EventType] = frozenset(EventType), first: int | None = None,
                 timeout_s: float | None = None) -> Found:
    """The events of these accounts (None: every account) in the period, of these families:
    each kind of dated record in one read, the deals' states a page of deals per read, the
    families at once; of assessments' moves and cooling relationships, those of these types
    counted and the `first` in the feed's order read (by default as many as of the other
    records). The company's reads have the analytics time budget."""
    if timeout_s is None and account_ids is None:
        timeout_s = graph.analytics_timeout_s
    cap = settings.changes_max_rows
    first = cap if first is None else first
    # One row more than is kept: whether there were more.
    params: Row = {"account_ids": account_ids, "since": period.since, "until": period.until,
                   "limit": cap + 1, "timeout_s": timeout_s}
    degrees, votes = EventType.ASSESSMENT_CHANGED in types, EventType.VOTE_CHANGED in types

    async def moves() -> Found:
        if not degrees and not votes:
            return Found([])
        found = await graph.read_one(
            q("changes/assessment_moves"), us=US, degrees=degrees, votes=votes, first=first,
            degree_rank=ORDER[EventType.ASSESSMENT_CHANGED],
            vote_rank=ORDER[EventType.VOTE_CHANGED], **params)
        if not found:
            return Found([])
        # In the feed's order already: sorted again, stably, with the other families'.
        events = [moved_event(row) for row in found["rows"]]
        return Found(events, more=found["older"] + found["read"] - len(events))

    async def records() -> Found:
        moved, edges = await asyncio.gather(moves(), graph.read(q("changes/edges"), **params))
        members, more_members = cut([r for r in edges if r["kind"] == "member"], cap)
        left, more_left = cut([r for r in edges if r["kind"] == "left"], cap)
        lines, more_lines = cut([r for r in edges if r["kind"] == "line"], cap)
        return Found(moved.events + edge_events(members + left, period)
                     + line_events(lines, period, settings.influence_default_strength),
                     more_members or more_left or more_lines, moved.more)

    async def actions() -> Found:
        tracked, more = cut(await graph.read_list(q("changes/actions"), **params), cap)
        return Found([e for a in tracked for e in overdue_events(a, period)], more)

    async def cooling() -> Found:
        # A pair cools only from a trend period after a day it was acquainted by activity.
        from_day = period.since - timedelta(days=settings.activity_trend_days)
        found = await graph.read_one(q("changes/cooling"), from_day=from_day, first=first,
                                     **params)
        turns = found["rows"] if found else []
        return _first([cooling_event(turn, settings) for turn in turns],
                      found["older"] if found else 0, first)

    async def deals() -> Found:
        open_deals, more = cut(await graph.read_list(
            q("changes/open_deals"), account_ids=account_ids, until=period.until,
            limit=settings.changes_max_deals + 1, timeout_s=timeout_s), settings.changes_max_deals)
        return Found(await _deal_events(graph, settings, open_deals, period, timeout_s), more)

    kinds = {Family.RECORDS: records, Family.ACTIONS: actions, Family.COOLING: cooling,
             Family.DEALS: deals}
    parts = await asyncio.gather(*[read() for family, read in kinds.items() if family in families])
    return Found([e for part in parts for e in part.events], any(part.truncated for part in parts),
                 sum(part.more for part in parts))


async def _deal_events(graph: Graph, settings: Settings, deals: list[Row], period: Period,
                       timeout_s: float | None) -> list[Event]:
    """The deals at the end of the period against the day before it began; each difference
    dated on the day it came about, found by halving the period (a few more states, and only
    for deals that changed: every day halved to is one read for all the deals asked about
    it)."""
    ids = [d["opportunity_id"] for d in deals]
    drop = settings.changes_coverage_drop
    turns = asyncio.Semaphore(READS_AT_ONCE)
    before, after = await asyncio.gather(
        deal_states(graph, settings, ids, period.before, timeout_s, turns),
        deal_states(graph, settings, ids, period.until, timeout_s, turns))
    # An event with the last day the period's start did not hold its state, and the first
    # that did: some day between is the first of a run that holds it. A deal gone from either
    # end's answer (deleted meanwhile) is not compared.
    dating = []
    for deal in deals:
        if (o := deal["opportunity_id"]) in before and o in after:
            dating += [(event, period.before, period.until) for event in deal_events(
                deal, after[o][1], before[o][0], after[o][0], period.until, drop)]
    while undated := [i for i, (_, last_without, first_with) in enumerate(dating)
                      if (first_with - last_without).days > 1]:
        middles = {i: _middle(*dating[i][1:]) for i in undated}
        asked: dict[date, set[str]] = defaultdict(set)
        for i in undated:
            asked[middles[i]].add(dating[i][0].opportunity_id or "")
        on = dict(zip(asked, await asyncio.gather(*[
            deal_states(graph, settings, sorted(these), day, timeout_s, turns)
            for day, these in asked.items()]), strict=True))
        for i in undated:
            event, last_without, first_with = dating[i]
            opportunity_id = event.opportunity_id or ""
            state = on[middles[i]].get(opportunity_id, NO_STATE)[0]
            dating[i] = ((event, last_without, middles[i])
                         if holds(event, before[opportunity_id][0], state, drop)
                         else (event, middles[i], first_with))
    return [replace(event, at=first_with) for event, _, first_with in dating]


def _middle(last_without: date, first_with: date) -> date:
    return last_without + timedelta(days=(first_with - last_without).days // 2)


def _shown(event: Event, viewer: Viewer) -> Event:
    if event.employee_id is None:
        return event
    return replace(event, employee_id=viewer.ref(event.employee_id))


async def changes(graph: Graph, settings: Settings, *, scope: Scope, period: Period,
                  types: list[EventType] | None, limit: int, offset: int,
                  viewer: Viewer) -> ChangeFeed:
    """The scope's events (its accounts on the period's last day), newest first."""
    account_ids = (None if scope.kind == "company"
                   else [a["account_id"] for a in await accounts(graph, scope, period.until)])
    wanted = frozenset(types or EventType)
    # Of the events the database counts, only as many as reach the page are read.
    every = await events(graph, settings, account_ids, period,
                         families=frozenset(FAMILY[t] for t in wanted), types=wanted,
                         first=offset + limit)
    found = sorted((e for e in every.events if e.type in wanted), key=order)
    shown = [_shown(e, viewer).model() for e in found[offset:offset + limit]]
    # Ids only after the viewer's references replaced colleagues they may not see, so that
    # no hidden colleague is named.
    named = await names(graph, [i for e in shown for i in (
        e.account_id, e.opportunity_id, e.contact_id, e.employee_id,
        line_start(e))])
    return ChangeFeed(scope=str(scope), since=period.since, until=period.until,
                      total=len(found) + every.more, truncated=every.truncated, events=shown,
                      names=named)
