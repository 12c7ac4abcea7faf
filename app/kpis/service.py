"""The influence, customer and key-person lines for a scope, as of a date, with trends.

Every figure is read from the graph (app/kpis/scope_data.py): the company's from its day
rollups, a scope's from the KPI pieces of its accounts, which every write keeps current in its
own transaction; today's breakthrough lists and per-account customer figures from what the graph
keeps until a write may change them (app/kpis/kept.py). So an answer is exact right after any
write.
"""

import asyncio
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np
import orjson

from app.config import Settings
from app.db.cypher import q
from app.db.graph import Graph
from app.features.service import DEGREES
from app.kpis import customer_rows, lists
from app.kpis import figures as f
from app.kpis.company_list import company_list
from app.kpis.schemas import (
    AccountRow,
    BucketLists,
    CustomerLine,
    DimensionTiers,
    InfluenceKpis,
    InfluenceListItem,
    InfluenceTrend,
    KeyPersonLine,
    Period,
    TierGroup,
    Tiers,
    TrendPoint,
)
from app.kpis.scope_data import (
    Account,
    Listing,
    ScopeOn,
    bucket_listings,
    contribution,
    months_before,
    period_start,
    picked,
    pieces_of,
    take,
    with_history,
    won_deals,
)
from app.scopes import Scope

# The lists beside the bucket lists (app/kpis/scope_data.py picked).
BY_CONTACT, NOT_INSIGHTED = "by_contact", "not_insighted"
PERIOD_DAYS = 365  # the trailing window for won deals when period=days comes without one


def period_days_of(as_of: date, period_days: int | None) -> int:
    """The days of the contribution's period on `as_of` (None: the calendar year to date)."""
    return (as_of - period_start(as_of, period_days)).days + 1


def _three(s: list[ScopeOn]) -> f.Three:
    return s[0].totals, s[1].totals, s[2].totals


async def influence(graph: Graph, settings: Settings, *, scope: Scope, as_of: date,
                    period_days: int | None, list_limit: int | None = None) -> InfluenceKpis:
    """The influence line; the contribution over the won deals closed in the trailing window of
    `period_days`, or (None) in the calendar year to date. Each of the three dates takes its own
    period, so that a month or a year earlier compares like with like. Its lists of key persons
    hold `list_limit` (default: the settings') each."""
    s = await take(graph, scope, list(with_history(as_of)), listed=False)
    totals = _three(s)

    async def listed() -> tuple[BucketLists, list[InfluenceListItem]]:
        known = s[0].totals.head("acquainted")
        acquainted = await picked(
            graph, s[0], [*bucket_listings(s[0].totals, acquainted=True),
                          Listing(BY_CONTACT, "acq", True, known, known, known, by="contact")],
            acquainted_only=True, limit=list_limit or settings.list_limit)
        buckets, _ = await lists.named(graph, lists.in_buckets(acquainted))
        return buckets, await lists.listing(graph, acquainted[BY_CONTACT], as_of)

    async def own() -> list[InfluenceListItem] | None:
        if scope.kind != "employee" or not scope.id:
            return None
        return await _own_network(graph, settings, scope.id, as_of)

    # The parts read at once: the breakthrough list's search takes most of a company's time,
    # the rest runs beside it.
    found, (acquainted_lists, influence_list), (shown, total), own_network = await asyncio.gather(
        won_deals(graph, s, period_days, settings.reporting_currency),
        listed(), lists.breakthrough(graph, settings, s[0]), own())
    won = [contribution(x) for x in found]
    return InfluenceKpis(
        scope=str(scope), as_of=as_of, period_days=period_days_of(as_of, period_days),
        period=Period.YTD if period_days is None else Period.DAYS,
        period_start=period_start(as_of, period_days), currency=settings.reporting_currency,
        unconverted_deals=found[0]["unconverted"],
        key_persons=f.over(totals, f.key_persons),
        value_potential=f.over(totals, f.value_potential),
        contribution_count=f.trend(*(count for count, _ in won)),
        contribution_amount=f.trend(*(amount for _, amount in won)),
        acquainted=f.over(totals, f.acquainted),
        acquainted_not_insighted=f.over(totals, f.acquainted_not_insighted),
        acquainted_averages=f.degree_metrics(totals, acquainted=True),
        acquainted_buckets=f.buckets(totals, acquainted=True), acquainted_lists=acquainted_lists,
        influence_list=influence_list, breakthrough=shown, breakthrough_total=total,
        own_network=own_network)


async def _own_network(graph: Graph, settings: Settings, employee_id: str,
                       as_of: date) -> list[InfluenceListItem]:
    """The employee's acquaintances anywhere, described as in the influence list."""
    known = await graph.read(q("kpis/own_network"), employee_id=employee_id, as_of=as_of,
                             limit=settings.list_limit)
    found = await pieces_of(graph, [r["contact_id"] for r in known], as_of)
    return await lists.listing(graph, found[:settings.list_limit], as_of)


def _tier_codes(settings: Settings,
                values: "np.ndarray[Any, np.dtype[np.float64]]") -> "np.ndarray[Any, np.dtype[np.intp]]":
    """Each average's tier (its index in f.TIERS; NaN: unknown), by the tier rule over the
    distinct averages only: the company's 63k averages at 1x take a few hundred values."""
    distinct, at = np.unique(values, return_inverse=True)  # NaNs as one
    codes = [f.TIERS.index(f.tier(None if np.isnan(v) else v, excellent=settings.tier_excellent,
                                  poor=settings.tier_poor))
             for v in distinct.tolist()]
    return np.asarray(codes, dtype=np.intp)[at]


@dataclass(frozen=True, slots=True)
class _Tier:
    """A date's accounts of one degree in one tier: how many, the mean of their averages, and
    who (on the line's date only; empty on the others)."""

    count: int
    mean: float | None
    accounts: list[str]


def _grouped(settings: Settings, ids: list[str] | None,
             scores: Sequence[float | None]) -> list[_Tier]:
    """The accounts `ids` (None: not listed) with their `scores`, by tier, in f.TIERS's order.
    With numpy, as a column: the company's 21,000 accounts at 3x, nine columns, took 50 ms
    one account at a time. A tier's mean sums its averages in the accounts' order, as
    Python's sum of them does."""
    values = np.array(scores, dtype=float)  # unknown averages as NaN
    codes = _tier_codes(settings, values)
    known = ~np.isnan(values)
    found = []
    for code in range(len(f.TIERS)):
        members = codes == code
        averages = values[members & known].tolist()
        found.append(_Tier(
            count=int(np.count_nonzero(members)),
            mean=round(sum(averages) / len(averages), 10) if averages else None,
            accounts=[] if ids is None else list(
                map(ids.__getitem__, np.flatnonzero(members).tolist()))))
    return found


def _tiers(settings: Settings, held: list[list[str]],
           found: customer_rows.Figures) -> DimensionTiers:
    """The tiers of the accounts the scope holds on each date (`held`)."""
    # Per degree, each date's tiers (with the line's date's accounts).
    grouped: dict[str, list[list[_Tier]]] = {d: [] for d in DEGREES}
    for at, ids in enumerate(held):
        for degree, d in enumerate(DEGREES):
            grouped[d].append(_grouped(settings, ids if at == 0 else None,
                                       found.averages_of(ids, at, degree)))
    return DimensionTiers(**{d: _tier_groups(grouped[d]) for d in DEGREES})


def _tier_groups(grouped: list[list[_Tier]]) -> Tiers:
    groups = {}
    for code, name in enumerate(f.TIERS):
        metric = f.trend(*(f.Figure(g[code].mean) for g in grouped))
        groups[name] = TierGroup(
            count=f.trend(*(f.Figure(g[code].count) for g in grouped)),
            average=metric.value, average_metric=metric, accounts=grouped[0][code].accounts)
    return Tiers(**groups)


_LIST_END = b'"account_list":[]'
# A customer line's JSON of this many bytes or more is sent in pieces of about as many, as
# they are joined (gzip-compressed as one stream, flushed after each).
PIECE_BYTES = 256 * 1024


@dataclass(frozen=True)
class LineJson:
    """A customer line's JSON as made: the line up to its account list's rows, the rows in runs
    joined with commas, and the rest."""

    before: bytes
    runs: list[bytes]
    after: bytes

    @property
    def size(self) -> int:
        return (len(self.before) + sum(map(len, self.runs)) + max(len(self.runs) - 1, 0)
                + len(self.after))

    def pieces(self) -> Iterator[bytes]:
        """The JSON in pieces of about PIECE_BYTES, to be sent as they come: joined whole, the
        list's 13.5 MB of JSON (the company's at 3x) was copied twice more."""
        yield self.before
        held: list[bytes] = []  # after the first piece, led by b"" for its comma
        size = 0
        for run in self.runs:
            held.append(run)
            size += len(run)
            if size >= PIECE_BYTES:
                yield b",".join(held)
                held, size = [b""], 0
        if size:
            yield b",".join(held)
        yield self.after


@dataclass(frozen=True)
class Customers:
    """The customer line, its account list apart: as AccountRow models the company's 7,000
    accounts held 67 MB of the API's memory at 1x (measured), the largest answer it gives. Its
    JSON is the CustomerLine's, written by pydantic as the model's, the rows' as kept or made a
    few hundred at a time (customer_rows.Figures.written)."""

    line: CustomerLine  # its account_list empty
    accounts: list[Account]
    found: customer_rows.Figures
    # The rows as JSON already, in runs joined with commas (the company's kept whole list):
    # then `accounts` is not read.
    written: list[bytes] | None = None

    def made(self) -> "LineJson":
        """The line's JSON, its rows made: a fault shows before any of it is sent."""
        head = self.line.model_dump_json().encode()
        if head.count(_LIST_END) != 1:  # only the line's own field is called so
            raise ValueError("the customer line's JSON has no single empty account list")
        at = head.index(_LIST_END) + len(_LIST_END) - 1
        runs = (self.written if self.written is not None
                else self.found.written(self.accounts, self.line.currency))
        return LineJson(head[:at], runs, head[at:])

    def rows(self) -> list[AccountRow]:
        """The account list as models (a spreadsheet's rows)."""
        if self.written is not None:
            return [AccountRow.model_validate(a) for run in self.written
                    for a in orjson.loads(b"[" + run + b"]")]
        return [AccountRow.model_validate(a)
                for a in self.found.rows(self.accounts, self.line.currency)]


async def customers(graph: Graph, settings: Settings, *, scope: Scope, as_of: date,
                    offset: int = 0, limit: int | None = None) -> Customers:
    """The customer line, its account list from `offset`, `limit` accounts (None: all). A page
    is made from the accounts' figures: the rows kept for the whole list are not read."""
    dates = list(with_history(as_of))
    written = None
    if scope.kind == "company" and as_of == graph.today() and limit is not None:
        page = await customer_rows.company_page(graph, settings, dates, offset, limit)
        totals, held = (page.totals[0], page.totals[1], page.totals[2]), [page.account_ids] * 3
        found, listed = page.figures, page.listed
    elif scope.kind == "company" and as_of == graph.today() and offset == 0:
        every = await company_list(graph, settings, dates)
        totals, held = (every.totals[0], every.totals[1], every.totals[2]), [every.account_ids] * 3
        found, listed, written = every.figures, [], every.written
    else:
        s, found = await customer_rows.on_dates(graph, settings, scope, dates,
                                                kept_rows=limit is None)
        totals, held = _three(s), [on.account_ids for on in s]
        listed = s[0].accounts[offset:None if limit is None else offset + limit]
    line = CustomerLine(
        scope=str(scope), as_of=as_of,
        accounts=f.trend(*(f.Figure(len(ids)) for ids in held)),
        averages=f.degree_metrics(totals, acquainted=False),
        tiers=_tiers(settings, held, found),
        account_list=[], account_list_total=len(held[0]), currency=settings.reporting_currency)
    return Customers(line, listed, found, written)


async def key_persons(graph: Graph, settings: Settings, *, scope: Scope,
                      as_of: date, list_limit: int | None = None) -> KeyPersonLine:
    """The key-person line; its lists hold `list_limit` (default: the settings') each."""
    s = await take(graph, scope, list(with_history(as_of)), listed=False)
    totals = _three(s)
    head = s[0].totals.head
    unknown = head("key_persons") - head("insighted")
    known_unknown = head("acquainted") - head("acquainted_insighted")
    everyone = await picked(
        graph, s[0], [*bucket_listings(s[0].totals, acquainted=False),
                      Listing(NOT_INSIGHTED, "insighted", False, unknown, unknown,
                              known_unknown)],
        acquainted_only=False, limit=list_limit or settings.list_limit)
    bucket_lists, not_insighted = await lists.named(graph, lists.in_buckets(everyone),
                                                    also=everyone[NOT_INSIGHTED])
    return KeyPersonLine(
        scope=str(scope), as_of=as_of, key_persons=f.over(totals, f.key_persons),
        insighted=f.over(totals, f.insighted), not_insighted=f.over(totals, f.not_insighted),
        buckets=f.buckets(totals, acquainted=False), lists=bucket_lists,
        not_insighted_list=not_insighted)


async def trend(graph: Graph, settings: Settings, *, scope: Scope, as_of: date, months: int,
                period_days: int | None) -> InfluenceTrend:
    """The headline figures once a month; each point's contribution over its own period (the
    trailing window of `period_days` ending on it, or its calendar year to date)."""
    dates = [months_before(as_of, back) for back in range(months - 1, -1, -1)]
    points = []
    taken = await take(graph, scope, dates, listed=False)
    won = await won_deals(graph, taken, period_days, settings.reporting_currency)
    for on, found in zip(taken, won, strict=True):
        count, amount = contribution(found)
        points.append(TrendPoint(
            as_of=on.as_of, key_persons=f.key_persons(on.totals).value,
            acquainted=f.acquainted(on.totals).value, insighted=f.insighted(on.totals).value,
            value_potential=f.value_potential(on.totals).value,
            contribution_count=count.value, contribution_amount=amount.value))
    return InfluenceTrend(scope=str(scope), as_of=as_of,
                          period_days=period_days_of(as_of, period_days), points=points,
                          period=Period.YTD if period_days is None else Period.DAYS,
                          currency=settings.reporting_currency)
