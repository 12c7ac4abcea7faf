"""The influence, customer and key-person lines for a scope, as of a date, with trends."""

import asyncio
from collections.abc import Awaitable, Callable
from datetime import date
from itertools import islice
from typing import TypeVar

from app.config import Settings
from app.db.cypher import q
from app.db.graph import Graph
from app.features.service import DEGREES
from app.heap import long_lived
from app.kpis import figures as f
from app.kpis import lists
from app.kpis.cache import SnapshotCache, data_version
from app.kpis.schemas import (
    AccountRow,
    BucketMetrics,
    CustomerLine,
    DegreeBuckets,
    DegreeMetrics,
    DimensionTiers,
    InfluenceKpis,
    InfluenceListItem,
    InfluenceTrend,
    KeyPersonLine,
    TierGroup,
    Tiers,
    Trend,
    TrendPoint,
)
from app.kpis.snapshot import (
    Account,
    KeyPerson,
    Snapshot,
    months_before,
    take,
    take_with_history,
)
from app.scopes import Scope

T = TypeVar("T")
Three = tuple[Snapshot, Snapshot, Snapshot]
PERIOD_DAYS = 365  # the influence line's default window for won deals


def _degree_metrics(s: Three, views: f.SnapshotViews) -> DegreeMetrics:
    return DegreeMetrics(**{d: f.over(s, f.degree_average(d, views)) for d in DEGREES})


def _buckets(s: Three, views: f.SnapshotViews) -> DegreeBuckets:
    return DegreeBuckets(**{d: BucketMetrics(**{b: f.over(s, f.bucket_count(d, b, views))
                                                  for b in f.BUCKETS}) for d in DEGREES})


async def _own_network(graph: Graph, settings: Settings, employee_id: str, as_of: date,
                       cache: SnapshotCache | None, version: str | None) -> list[InfluenceListItem]:
    """The employee's acquaintances anywhere, described as in the influence list."""
    rows = await graph.read(q("kpis/own_network"), employee_id=employee_id, as_of=as_of,
                            limit=settings.list_limit)
    whole = await take(graph, Scope("company"), as_of, cache, version)
    known = {r["contact_id"] for r in rows}
    return await lists.listing(graph, whole,
                               [p for p in whole.key_persons if p.contact_id in known],
                               settings.list_limit)


async def _cached(graph: Graph, cache: SnapshotCache | None, key: tuple[object, ...],
                  compute: Callable[[str | None], Awaitable[T]]) -> T:
    """The response from the cache, or computed with the data version read here (once)."""
    if cache is None:
        return await compute(None)
    version = await data_version(graph)
    return await cache.answer((version, *key), lambda: compute(version))


async def influence(graph: Graph, settings: Settings, *, scope: Scope, as_of: date,
                    period_days: int, cache: SnapshotCache | None = None) -> InfluenceKpis:
    return await _cached(graph, cache, ("influence", str(scope), as_of, period_days),
                         lambda v: _influence(graph, settings, scope, as_of, period_days, cache, v))


async def _influence(graph: Graph, settings: Settings, scope: Scope, as_of: date,
                     period_days: int, cache: SnapshotCache | None,
                     version: str | None) -> InfluenceKpis:
    s = await take_with_history(graph, scope, as_of, cache, version)
    shown, total = await lists.breakthrough(graph, settings, scope, s[0])
    acquainted = f.acquainted(s[0])
    acquainted_lists, _ = await lists.named(
        graph, lists.in_buckets(acquainted, s[0].acquainted_views, settings.list_limit))
    return InfluenceKpis(
        scope=str(scope), as_of=as_of, period_days=period_days,
        key_persons=f.over(s, f.key_persons),
        value_potential=f.over(s, f.value_potential),
        contribution_count=f.over(s, f.contribution_count(period_days)),
        contribution_amount=f.over(s, f.contribution_amount(period_days)),
        acquainted=f.over(s, f.acquainted_count),
        acquainted_not_insighted=f.over(s, f.acquainted_not_insighted),
        acquainted_averages=_degree_metrics(s, f.acquainted_views),
        acquainted_buckets=_buckets(s, f.acquainted_views), acquainted_lists=acquainted_lists,
        influence_list=await lists.listing(graph, s[0], acquainted, settings.list_limit),
        breakthrough=shown, breakthrough_total=total,
        own_network=await _own_network(graph, settings, scope.id, as_of, cache, version)
        if scope.kind == "employee" and scope.id else None)


# (snapshot date, degree) -> account id -> the average of its key persons' scores
AccountAverages = dict[tuple[date, str], dict[str, float | None]]


def _account_averages(s: Three) -> AccountAverages:
    """Each account's averages in each snapshot, once for the tiers and the account list."""
    def of(snap: Snapshot, account_id: str, degree: str) -> float | None:
        return f.average((p.attitudes for p in snap.people_of(account_id)), degree)

    return {(snap.as_of, d): {a.account_id: of(snap, a.account_id, d) for a in snap.accounts}
            for snap in s for d in DEGREES}


def _tiers(settings: Settings, s: Three, degree: str, averages: AccountAverages) -> Tiers:
    # Each snapshot's accounts by tier, in one pass: tier -> (account, its average).
    grouped: dict[date, dict[str, list[tuple[Account, float | None]]]] = {}
    for snap in s:
        of_account = averages[snap.as_of, degree]
        by_tier: dict[str, list[tuple[Account, float | None]]] = {name: [] for name in f.TIERS}
        for a in snap.accounts:
            score = of_account[a.account_id]
            by_tier[f.tier(score, excellent=settings.tier_excellent,
                           poor=settings.tier_poor)].append((a, score))
        grouped[snap.as_of] = by_tier

    def counted(name: str) -> f.SnapshotFigure:
        return lambda snap: f.Figure(len(grouped[snap.as_of][name]))

    def averaged(name: str) -> f.SnapshotFigure:
        """The mean of the averages of the accounts in the tier on the snapshot's date."""
        def figure(snap: Snapshot) -> f.Figure:
            scores = [v for _, v in grouped[snap.as_of][name] if v is not None]
            return f.Figure(round(sum(scores) / len(scores), 10) if scores else None)
        return figure

    groups = {}
    for name in f.TIERS:
        metric = f.over(s, averaged(name))
        groups[name] = TierGroup(count=f.over(s, counted(name)), average=metric.value,
                                 average_metric=metric,
                                 accounts=[a.account_id for a, _ in grouped[s[0].as_of][name]])
    return Tiers(**groups)


def _trend(now: float | None, before: float | None) -> Trend:
    change = None if now is None or before is None else round(now - before, 10)
    return Trend(value=now, previous_month=before, mom_change=change)


def _account_row(account: Account, now: Snapshot, month: Snapshot,
                 averages: AccountAverages) -> AccountRow:
    def open_deals(s: Snapshot) -> list[float]:
        return [d.amount for d in s.deals_of(account.account_id) if d.is_open(s.as_of)]

    def people(s: Snapshot) -> list[KeyPerson]:
        return s.people_of(account.account_id)

    return AccountRow(
        account_id=account.account_id, name=account.name, focus=account.focus,
        open_amount=_trend(sum(open_deals(now)), sum(open_deals(month))),
        open_count=_trend(len(open_deals(now)), len(open_deals(month))),
        key_persons=_trend(len(people(now)), len(people(month))),
        key_person_ids=[p.contact_id for p in people(now)],
        # An account outside the scope a month before has no average then.
        **{d: _trend(averages[now.as_of, d][account.account_id],
                     averages[month.as_of, d].get(account.account_id)) for d in DEGREES})


async def customers(graph: Graph, settings: Settings, *, scope: Scope, as_of: date,
                    cache: SnapshotCache | None = None) -> CustomerLine:
    return await _cached(graph, cache, ("customers", str(scope), as_of),
                         lambda v: _customers(graph, settings, scope, as_of, cache, v))


async def _customers(graph: Graph, settings: Settings, scope: Scope, as_of: date,
                     cache: SnapshotCache | None, version: str | None) -> CustomerLine:
    s = await take_with_history(graph, scope, as_of, cache, version)
    # Pure Python over every account, 0.6 s at 1x: off the event loop, which then keeps
    # serving other requests (it takes the GIL back within the switch interval).
    return await asyncio.to_thread(_customer_line, settings, scope, as_of, s)


def _customer_line(settings: Settings, scope: Scope, as_of: date, s: Three) -> CustomerLine:
    with long_lived():  # cached, and 200k models at 3x
        averages = _account_averages(s)
        return CustomerLine(
            scope=str(scope), as_of=as_of,
            accounts=f.over(s, lambda snap: f.Figure(len(snap.accounts))),
            averages=_degree_metrics(s, f.all_views),
            tiers=DimensionTiers(**{d: _tiers(settings, s, d, averages) for d in DEGREES}),
            account_list=[_account_row(a, s[0], s[1], averages) for a in s[0].accounts])


async def key_persons(graph: Graph, settings: Settings, *, scope: Scope, as_of: date,
                      cache: SnapshotCache | None = None) -> KeyPersonLine:
    return await _cached(graph, cache, ("key-persons", str(scope), as_of),
                         lambda v: _key_persons(graph, settings, scope, as_of, cache, v))


async def _key_persons(graph: Graph, settings: Settings, scope: Scope, as_of: date,
                       cache: SnapshotCache | None, version: str | None) -> KeyPersonLine:
    s = await take_with_history(graph, scope, as_of, cache, version)
    now = s[0]
    not_insighted = list(islice((p for p in now.key_persons if not p.attitudes.insighted),
                                settings.list_limit))
    bucket_lists, ref = await lists.named(
        graph, lists.in_buckets(now.key_persons, now.views, settings.list_limit),
        also=not_insighted)
    return KeyPersonLine(
        scope=str(scope), as_of=as_of, key_persons=f.over(s, f.key_persons),
        insighted=f.over(s, f.insighted), not_insighted=f.over(s, f.not_insighted),
        buckets=_buckets(s, f.all_views), lists=bucket_lists,
        not_insighted_list=[ref(p) for p in not_insighted])


async def trend(graph: Graph, *, scope: Scope, as_of: date, months: int, period_days: int,
                cache: SnapshotCache | None = None) -> InfluenceTrend:
    return await _cached(graph, cache, ("trend", str(scope), as_of, months, period_days),
                         lambda v: _trend_points(graph, scope, as_of, months, period_days, cache, v))


async def _trend_points(graph: Graph, scope: Scope, as_of: date, months: int, period_days: int,
                        cache: SnapshotCache | None, version: str | None) -> InfluenceTrend:
    points = []
    # One month after another: company snapshots are large, and each one is cached.
    for back in range(months - 1, -1, -1):
        s = await take(graph, scope, months_before(as_of, back), cache, version)
        points.append(TrendPoint(
            as_of=s.as_of, key_persons=f.key_persons(s).value,
            acquainted=f.acquainted_count(s).value, insighted=f.insighted(s).value,
            value_potential=f.value_potential(s).value,
            contribution_count=f.contribution_count(period_days)(s).value,
            contribution_amount=f.contribution_amount(period_days)(s).value))
    return InfluenceTrend(scope=str(scope), as_of=as_of, period_days=period_days, points=points)
