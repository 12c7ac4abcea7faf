"""What a scope holds on one date: its accounts, their key persons and their deals."""

import asyncio
import calendar
from collections import Counter
from contextlib import nullcontext
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property
from typing import TypeVar, cast

from app.db.cypher import q
from app.db.graph import Graph
from app.domain import US
from app.features.service import UNASSESSED, Attitudes, attitudes
from app.heap import long_lived
from app.kpis.cache import SnapshotCache, data_version
from app.scopes import Scope, owners

T = TypeVar("T")
Views = Counter[Attitudes]  # how many people hold each view


def months_before(day: date, months: int) -> date:
    """The same day `months` calendar months earlier, clamped to the month's end."""
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


@dataclass(frozen=True, slots=True)
class Account:
    account_id: str
    name: str | None
    focus: bool
    industry: str | None
    owner_ids: list[str]


@dataclass(frozen=True, slots=True)
class KeyPerson:
    """Only what the figures need: names and places are fetched for the few a list shows."""

    contact_id: str
    account_id: str
    acquainted: bool
    attitudes: Attitudes


@dataclass(frozen=True, slots=True)
class Deal:
    opportunity_id: str
    account_id: str
    amount: float
    status: str
    closed_at: date | None
    focus: bool
    leveraged: bool

    def is_open(self, on: date) -> bool:
        return self.status == "open" or (self.closed_at is not None and self.closed_at > on)

    def won_within(self, start: date, end: date) -> bool:
        """Won with a close date in (start, end]."""
        return self.status == "won" and self.closed_at is not None and start < self.closed_at <= end


@dataclass(frozen=True)
class Snapshot:
    as_of: date
    accounts: list[Account]
    key_persons: list[KeyPerson]
    deals: list[Deal]

    def won_in_period(self, period_days: int) -> list[Deal]:
        start = self.as_of - timedelta(days=period_days)
        return [d for d in self.deals if d.won_within(start, self.as_of)]

    @cached_property
    def _by_account(self) -> dict[str, tuple[list[KeyPerson], list[Deal]]]:
        """Each account's key persons and deals, built once: per-account figures and cutting
        a scope out of the company read them instead of scanning every key person."""
        index: dict[str, tuple[list[KeyPerson], list[Deal]]] = {
            a.account_id: ([], []) for a in self.accounts}
        for p in self.key_persons:
            index[p.account_id][0].append(p)
        for d in self.deals:
            index[d.account_id][1].append(d)
        return index

    @cached_property
    def views(self) -> "Views":
        """How many key persons hold each view, tallied once per snapshot: a snapshot shares one
        object per distinct view (a few hundred), so figures over tens of thousands of key
        persons look at each view once."""
        return Counter(p.attitudes for p in self.key_persons)

    @cached_property
    def acquainted_views(self) -> "Views":
        """The same for the key persons an employee influences."""
        return Counter(p.attitudes for p in self.key_persons if p.acquainted)

    def people_of(self, account_id: str) -> list[KeyPerson]:
        """The account's key persons; none if it is not in this snapshot's scope."""
        return self._by_account.get(account_id, NOTHING)[0]

    def deals_of(self, account_id: str) -> list[Deal]:
        return self._by_account.get(account_id, NOTHING)[1]


NOTHING: tuple[list[KeyPerson], list[Deal]] = ([], [])
# Accounts whose key persons and deals are read at once: about 4,000 key persons.
PAGE_ACCOUNTS = 500


async def take(graph: Graph, scope: Scope, as_of: date, cache: SnapshotCache | None = None,
               version: str | None = None) -> Snapshot:
    """The scope on that date; through the cache of company snapshots when one is given
    (`version`: the data version, when the caller has read it already)."""
    owner_ids = await owners(graph, scope, as_of)
    if cache is None:
        return await _compute(graph, owner_ids, as_of)
    version = version or await data_version(graph)
    whole = cache.get(version, as_of)
    if whole is None and (owner_ids is None or cache.computing(version, as_of)):
        whole = await cache.compute_once(version, as_of, lambda: _compute(graph, None, as_of))
    if whole is None:
        return await _compute(graph, owner_ids, as_of)
    return whole if owner_ids is None else _cut(whole, set(owner_ids))


def _cut(whole: Snapshot, owner_ids: set[str]) -> Snapshot:
    """The part of a company snapshot whose accounts these employees own: its key persons
    and deals account by account, as a snapshot taken for the scope lists them."""
    accounts = [a for a in whole.accounts if not owner_ids.isdisjoint(a.owner_ids)]
    return Snapshot(as_of=whole.as_of, accounts=accounts,
                    key_persons=[p for a in accounts for p in whole.people_of(a.account_id)],
                    deals=[d for a in accounts for d in whole.deals_of(a.account_id)])


async def _compute(graph: Graph, owner_ids: list[str] | None, as_of: date) -> Snapshot:
    slow = graph.analytics_timeout_s if owner_ids is None else None
    found = await graph.read_list(q("kpis/scope_accounts"), owner_ids=owner_ids, as_of=as_of,
                             timeout_s=slow)
    accounts = [Account(**row) for row in found]
    ids = [a.account_id for a in accounts]
    # Cached snapshots are most of the API's memory: equal account ids, statuses, dates and
    # attitudes (a few hundred distinct) share one object each (a third less at 3x, measured).
    shared: dict[object, object] = {}

    def one(value: T) -> T:  # only str, date, Attitudes, None: no 1 == True mix-ups
        return cast(T, shared.setdefault(value, value))

    key_persons: list[KeyPerson] = []
    deals: list[Deal] = []
    # Page by account: the event loop unpacks and converts each list in one go, and a whole
    # company's lists held it for 130-260 ms each at 1x, every other request waiting.
    for start in range(0, len(ids), PAGE_ACCOUNTS):
        page = ids[start:start + PAGE_ACCOUNTS]
        people = await graph.read_list(q("kpis/key_persons"), account_ids=page, as_of=as_of,
                                       timeout_s=slow)
        views = await attitudes(graph, [p["contact_id"] for p in people], as_of=as_of,
                                timeout_s=slow)
        found = await graph.read_list(q("kpis/deals"), account_ids=page, as_of=as_of,
                                      timeout_s=slow)
        # A company's snapshots are cached; a team's are answered and dropped.
        with long_lived() if owner_ids is None else nullcontext():
            key_persons += [
                KeyPerson(contact_id=p["contact_id"], account_id=one(p["account_id"]),
                          acquainted=p["acquainted"],
                          attitudes=one(views.get((p["contact_id"], US), UNASSESSED)))
                for p in people]
            deals += [Deal(**{**d, "account_id": one(d["account_id"]), "status": one(d["status"]),
                              "closed_at": one(d["closed_at"])}) for d in found]
    return Snapshot(as_of=as_of, accounts=accounts, key_persons=key_persons, deals=deals)


async def take_with_history(graph: Graph, scope: Scope, as_of: date,
                            cache: SnapshotCache | None = None, version: str | None = None,
                            ) -> tuple[Snapshot, Snapshot, Snapshot]:
    """The scope as of the date, one calendar month before and one year before."""
    dates = (as_of, months_before(as_of, 1), months_before(as_of, 12))
    if cache is not None and version is None:
        version = await data_version(graph)
    if scope.kind == "company":
        # One after another: three company-wide result sets at once would triple peak memory.
        now, month, year = [await take(graph, scope, day, cache, version) for day in dates]
        return now, month, year
    now, month, year = await asyncio.gather(
        *[take(graph, scope, day, cache, version) for day in dates])
    return now, month, year
