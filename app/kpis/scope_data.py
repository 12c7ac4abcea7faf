"""What the analysis lines read about a scope on a date, all of it computed in the graph: the
scope's accounts, what its key persons add up to (app/kpis/rollups.py), its won and open deals,
and the first key persons of a list."""

import asyncio
import calendar
import sys
from dataclasses import dataclass
from datetime import date, timedelta
from typing import NamedTuple

import orjson
from typing_extensions import TypedDict

from app.db.cypher import q
from app.db.graph import Graph, Row, in_pages, iso_days
from app.features.service import DEGREES
from app.kpis import figures as f
from app.kpis import kept, rollups
from app.kpis.rollups import BUCKETS, State, Totals, vector
from app.scopes import Scope, owners

# The company's won deals kept (app/kpis/kept.py), and a version raised whenever what they hold
# changes.
WON = "won_deals"
WON_RULE_VERSION = 1
# The company's won deals kept for this many periods at most (the dates asked lately).
WON_KEPT_MAX = 32
# A company's accounts are read in pages, a few at once (app.db.graph.in_pages).
ACCOUNTS_PER_READ = 2000
READS_AT_ONCE = 4


def months_before(day: date, months: int) -> date:
    """The same day `months` calendar months earlier, clamped to the month's end."""
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def with_history(as_of: date) -> tuple[date, date, date]:
    """The date, one calendar month before and one year before (MoM and YoY)."""
    return as_of, months_before(as_of, 1), months_before(as_of, 12)


class Account(TypedDict):
    """An account as read: a map of plain values, which the cycle collector does not follow
    (a company's 7,000 live through an answer; as objects, they were most of what one answer
    left for it to visit again and again)."""

    account_id: str
    name: str | None
    focus: bool
    industry: str | None


@dataclass(frozen=True)
class ScopeOn:
    """A scope on one date: its accounts (by id) and what their key persons add up to."""

    scope: Scope
    as_of: date
    accounts: list[Account]
    totals: Totals

    @property
    def account_ids(self) -> list[str]:
        return [a["account_id"] for a in self.accounts]


def _slow(graph: Graph, scope: Scope) -> float | None:
    return graph.analytics_timeout_s if scope.kind == "company" else None


async def accounts(graph: Graph, scope: Scope, as_of: date) -> list[Account]:
    """The scope's accounts on the date that its reader may see today (Scope.within), by id."""
    found = await graph.read_shaped(q("kpis/scope_accounts"), _account,
                                    owner_ids=await owners(graph, scope, as_of), as_of=as_of,
                                    timeout_s=_slow(graph, scope))
    if scope.within is not None:
        found = [a for a in found if a["account_id"] in scope.within]
    return found


def _account(row: Row) -> Account:
    """An account as read, with the keys of this module and the industry shared: a map as
    read holds strings of its own for them (the company's 7,000 accounts took 4.2 MB at 1x)."""
    industry = row["industry"]
    return {"account_id": row["account_id"], "name": row["name"], "focus": row["focus"],
            "industry": None if industry is None else sys.intern(industry)}


async def company_totals(graph: Graph, dates: list[date]) -> list[Totals]:
    """The company's totals on each date, from its day rollups (one read for every date)."""
    days = [iso_days(d, "day") for d in await graph.read_list(q("kpis/company_days"),
                                                              as_of=max(dates))]
    return [Totals.of(d["v"] for d in days if d["day"] <= on) for on in dates]


async def take(graph: Graph, scope: Scope, dates: list[date], *,
               listed: bool = True) -> list[ScopeOn]:
    """The scope on each date. The company's accounts are every account whatever the date:
    read once, when a line lists or counts them (`listed`); its totals need none."""
    if scope.kind == "company":
        every, totals = await asyncio.gather(
            accounts(graph, scope, dates[0]) if listed else _no_accounts(),
            company_totals(graph, dates))
        found = [every] * len(dates)
    else:
        found = list(await asyncio.gather(*[accounts(graph, scope, on) for on in dates]))
        totals = [Totals.of(vector(State(**r)) for r in await graph.read_list(
            q("kpis/scope_pieces"), as_of=on, account_ids=[a["account_id"] for a in held]))
            for on, held in zip(dates, found, strict=True)]
    return [ScopeOn(scope, on, held, total)
            for on, held, total in zip(dates, found, totals, strict=True)]


async def _no_accounts() -> list[Account]:
    return []


def _ids(s: ScopeOn) -> list[str] | None:
    """The account filter of a query: none for the company (every account counts)."""
    return None if s.scope.kind == "company" else s.account_ids


def period_start(as_of: date, period_days: int | None) -> date:
    """The first close date the contribution counts on `as_of`: January 1 of its year (the
    calendar year to date, period_days None), or the first day of the trailing window of
    `period_days` days ending on it."""
    if period_days is None:
        return date(as_of.year, 1, 1)
    return as_of - timedelta(days=period_days - 1)


async def won_deals(graph: Graph, on: list[ScopeOn], period_days: int | None,
                    reporting: str) -> list[Row]:
    """For each date, the deals won in the period ending on it (period_days None: the calendar
    year to date): counts and amounts in the reporting currency, all and leveraged. The
    company's are kept until a write of deals or their leverage (app/kpis/kept.py, the summary
    WON): the writes of a working day are mostly of contacts, and its deals are a year's."""
    starts = [period_start(s.as_of, period_days) - timedelta(days=1) for s in on]  # exclusive
    if not on or on[0].scope.kind != "company":
        return list(await asyncio.gather(*[_won(graph, s.as_of, start, _ids(s), reporting)
                                           for s, start in zip(on, starts, strict=True)]))
    keys = [f"{s.as_of.isoformat()}|{start.isoformat()}|{reporting}"
            for s, start in zip(on, starts, strict=True)]
    counts = await kept.counts(graph, WON, None)
    stamp = counts.stamp(kept.rule(WON_RULE_VERSION), counts.deal_writes)
    held = kept.summary(counts, graph.today(), stamp)
    answers: dict[str, Row] = dict(held["answers"]) if held else {}
    missing = [i for i, key in enumerate(keys) if key not in answers]
    for i, row in zip(missing, await asyncio.gather(*[
            _won(graph, on[i].as_of, starts[i], None, reporting) for i in missing]), strict=True):
        answers[keys[i]] = row
    # Kept only once the latest write naming a deal was applied before the counts were read:
    # the one being applied then may have been seen in part (app/kpis/kept.py).
    if missing and counts.deal_write_at < counts.writes:
        # The periods asked for last, these last of all.
        ordered = {key: row for key, row in answers.items() if key not in keys}
        ordered.update((key, answers[key]) for key in keys)
        kept.together(graph, kept.summary_step(counts, WON, graph.today(), stamp, {
            "answers": list(ordered.items())[-WON_KEPT_MAX:]}))
    return [answers[key] for key in keys]


async def _won(graph: Graph, as_of: date, start: date, account_ids: list[str] | None,
               reporting: str) -> Row:
    found = await graph.read_one(q("kpis/won_deals"), as_of=as_of, start=start,
                                 account_ids=account_ids, reporting=reporting)
    assert found is not None  # an aggregate always answers one row
    return found


def contribution(won: Row) -> tuple[f.Figure, f.Figure]:
    """KPI 2 by count and by amount."""
    return (f.ratio(won["leveraged"], won["won"]),
            f.ratio(won["leveraged_amount"], won["amount"]))


class OpenDeals(NamedTuple):
    """An account's deals open on a date: how many, and their amount in the reporting
    currency (kpis/open_deals: `at`, the date's place among those asked)."""

    account_id: str
    open_count: int
    open_amount: float
    at: int = 0


class AccountTotals(NamedTuple):
    """An account's key persons on a date (how many; their ids by contact id where asked, as a
    JSON array) and, per degree, the sum and count of the known scores
    (kpis/company_account_totals, kpis/account_totals: `at`, the date's place among those
    asked). The ids as one text: as lists of strings, the company's 295,000 key persons at 3x
    held about 20 MB while the customer line was worked out."""

    account_id: str
    key_persons: int
    key_person_ids: str
    closeness_sum: int
    closeness_count: int
    solution_sum: int
    solution_count: int
    price_sum: int
    price_count: int
    at: int = 0

    def scores(self, degree: str) -> tuple[int, int]:
        """The sum and count of the known scores of the degree."""
        return getattr(self, f"{degree}_sum"), getattr(self, f"{degree}_count")


# An account without key persons on a date, which the reads give no row.
NO_IDS = "[]"
NO_KEY_PERSONS = AccountTotals("", 0, NO_IDS, 0, 0, 0, 0, 0, 0)


def _open_deals(row: Row) -> OpenDeals:
    return OpenDeals(**row)


def _account_totals(row: Row) -> AccountTotals:
    ids = row.pop("key_person_ids")
    return AccountTotals(**row, key_person_ids=orjson.dumps(ids).decode() if ids else NO_IDS)


async def open_deals_of(graph: Graph, dates: list[date], account_ids: list[str], reporting: str,
                        timeout_s: float | None) -> list[dict[str, OpenDeals]]:
    """For each date, account id -> its open deals on it, for these accounts (those without open
    deals on a date have none), each deal read once for every date."""
    found = await graph.read_shaped(q("kpis/open_deals"), _open_deals, dates=dates,
                                    first=min(dates), last=max(dates), account_ids=account_ids,
                                    reporting=reporting, timeout_s=timeout_s)
    per_date: list[dict[str, OpenDeals]] = [{} for _ in dates]
    for row in found:
        per_date[row.at][row.account_id] = row
    return per_date


async def account_totals(graph: Graph, s: list[ScopeOn]) -> list[dict[str, AccountTotals]]:
    """For each date, account id -> its key persons (count, and ids on the first date) and
    per-degree score sums and counts, for the accounts in the scope on that date (a date given
    none has none)."""
    held = [set(on.account_ids) for on in s]
    found = await totals_of(graph, [on.as_of for on in s], sorted(set().union(*held)),
                            every=s[0].scope.kind == "company", timeout_s=_slow(graph, s[0].scope))
    return [{a: row for a, row in rows.items() if a in these}
            for rows, these in zip(found, held, strict=True)]


async def totals_of(graph: Graph, dates: list[date], account_ids: list[str], *, every: bool,
                    timeout_s: float | None) -> list[dict[str, AccountTotals]]:
    """For each date, account id -> those figures, for these accounts (those without key
    persons on a date have none). When they are every account or most (`every`), date by date
    from the account spans valid on each (kpis/company_account_totals), the accounts whose
    spans are pending (rollups.pending: before and after, so that spans built or marked
    pending meanwhile are read from the pieces too) from their pieces; else in one read for
    every date from their own pieces."""
    if not account_ids:
        return [{} for _ in dates]
    if not every:
        return await _from_pieces(graph, dates, account_ids, timeout_s)
    before = await rollups.pending(graph)
    found = await asyncio.gather(*[graph.read_shaped(
        q("kpis/company_account_totals"), _account_totals, as_of=on, with_ids=index == 0,
        timeout_s=timeout_s) for index, on in enumerate(dates)])
    wanted = set(account_ids)
    pending = (before | await rollups.pending(graph)) & wanted
    per_date = [{row.account_id: row for row in rows
                 if row.account_id in wanted and row.account_id not in pending}
                for rows in found]
    if pending:
        for on, read in zip(per_date, await _from_pieces(graph, dates, sorted(pending),
                                                         timeout_s), strict=True):
            on.update(read)
    return per_date


async def _from_pieces(graph: Graph, dates: list[date], account_ids: list[str],
                       timeout_s: float | None) -> list[dict[str, AccountTotals]]:
    """totals_of for these accounts, from their pieces on every date at once
    (kpis/account_totals)."""
    rows = await in_pages(
        account_ids, ACCOUNTS_PER_READ, READS_AT_ONCE,
        lambda page: graph.read_shaped(q("kpis/account_totals"), _account_totals, dates=dates,
                                       first=min(dates), last=max(dates), account_ids=page,
                                       timeout_s=timeout_s))
    per_date: list[dict[str, AccountTotals]] = [{} for _ in dates]
    for row in rows:
        per_date[row.at][row.account_id] = row
    return per_date


@dataclass(frozen=True, slots=True)
class Listing:
    """A list beside a line's figures: the key persons whose piece has `value` in `field`
    (kpis/listed.cypher), ordered by account and contact id (`by` "account") or by contact and
    account id ("contact"). From the scope's totals on the date: `count`, the key persons in
    the list, `sought`, those with that value acquainted or not (what a seek reads), and
    `acquainted`, the acquainted among those in the list."""

    key: str
    field: str
    value: str | bool
    count: int
    sought: int
    acquainted: int
    by: str = "account"


# How a company's list is read (kpis/listed.cypher). An ordered read passes the pieces of the
# list's value and acquaintance in id order until $limit are valid on the date: about limit x
# pieces / count entries (about 8 pieces per key person at 1x) at about 1.2 us each, but every
# piece of that value and acquaintance, ended ones included, if fewer than $limit are valid (a
# list of every key person reads its acquainted and its other key persons so, each on its own);
# a seek reads and sorts `sought` pieces at about 4 us each (measured at 1x). So a list is
# sought when a read of it in order holds fewer than $limit, or when sought x count <=
# SEEK_FACTOR x limit x key persons; it is read in order otherwise.
SEEK_FACTOR = 2
# The lists (field, by) an index holds in their order (V036).
ORDERED = {("closeness_bucket", "account"), ("solution_bucket", "account"),
           ("price_bucket", "account"), ("insighted", "account"), ("acq", "contact")}


def bucket_listings(totals: Totals, *, acquainted: bool) -> list[Listing]:
    """The key persons (the acquainted ones) of each degree's buckets, keyed `degree:bucket`."""
    return [Listing(f"{d}:{b}", f"{d}_bucket", b, totals.degree(d, b, acquainted=acquainted),
                    totals.degree(d, b), totals.degree(d, b, acquainted=True))
            for d in DEGREES for b in BUCKETS]


async def picked(graph: Graph, s: ScopeOn, listings: list[Listing], *, acquainted_only: bool,
                 limit: int) -> dict[str, list[Row]]:
    """The first `limit` key persons of the scope on the date in each listing (the acquainted
    ones only, if asked), by key; a listing that counts none is not read."""
    company = s.scope.kind == "company"
    key_persons = s.totals.head("key_persons")

    def how(x: Listing) -> str:
        if not company:
            return "accounts"
        reads = [x.acquainted] if acquainted_only else [x.acquainted, x.count - x.acquainted]
        if min(reads) < limit or x.sought * x.count <= SEEK_FACTOR * limit * key_persons:
            return "seek"
        if (x.field, x.by) not in ORDERED:
            raise ValueError(f"no index holds the list {x.field} by {x.by} in its order")
        return "ordered"

    asked = [{"key": x.key, "field": x.field, "value": x.value, "by": x.by, "how": how(x)}
             for x in listings if x.count]
    found = await graph.read_list(q("kpis/listed"), lists=asked, as_of=s.as_of,
                                  account_ids=None if company else s.account_ids,
                                  acquainted_only=acquainted_only, limit=limit,
                                  timeout_s=_slow(graph, s.scope)) if asked else []
    people = {row["key"]: row["people"] for row in found}
    return {x.key: people.get(x.key, []) for x in listings}


async def pieces_of(graph: Graph, contact_ids: list[str], as_of: date) -> list[Row]:
    """The key persons among these contacts on the date, wherever they work."""
    return await graph.read_list(q("kpis/pieces_of"), contact_ids=contact_ids, as_of=as_of)
