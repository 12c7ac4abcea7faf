"""The customer line's per-account figures (docs/domain.md section 10): each account's key
persons and average scores on the line's three dates, and its open deals on the first two.
Read for a company from every piece valid on each date (about 0.6 s of the server's time at
1x), today's are kept per account until a write may change them (app/kpis/kept.py)."""

import asyncio
import operator
from collections.abc import Awaitable, Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from functools import partial
from itertools import compress
from typing import Any, LiteralString, NamedTuple, cast

import orjson
from pydantic import TypeAdapter
from typing_extensions import TypedDict

from app.config import Settings
from app.db.cypher import q
from app.db.graph import Graph, Row
from app.features.service import DEGREES
from app.kpis import kept
from app.kpis.rollups import Totals
from app.kpis.scope_data import (
    NO_KEY_PERSONS,
    Account,
    ScopeOn,
    accounts,
    company_totals,
    open_deals_of,
    take,
    totals_of,
)
from app.scopes import Scope

# Raised whenever what the kept figures hold changes.
RULE_VERSION = 4
# The company's summary of every account's figures (app/kpis/kept.py).
SUMMARY = "customers"
# From this many accounts to work out, every piece valid on each date is read (the company's
# way) rather than the accounts' own pieces over the whole year.
EVERY_FROM = 1000
# The line's dates (the date, a month and a year before) and those its open deals are read on.
DATES, DEAL_DATES = 3, 2
# What is kept for this many accounts comes in one record (with the rows, about 0.7 MB), and
# the lists of kpis/customers_kept that follow each other from part to part.
KEPT_PART = 1000
_KEPT_LISTS = ("stale", "kept_ids", "kept", "kept_key_person_ids", "kept_rows")
# The lists of kpis/customers_every, as the last four of _KEPT_LISTS.
_EVERY_LISTS = ("ids", "figures", "key_person_ids", "rows")

# An account's figures, in this order: its key persons on each date, its averages per date and
# then per degree (DEGREES), its open deals' count and amount (in the reporting currency) on
# the first two dates.
_AVERAGES = DATES
_OPEN_COUNT = _AVERAGES + DATES * len(DEGREES)
_OPEN_AMOUNT = _OPEN_COUNT + DEAL_DATES
_FIGURES = _OPEN_AMOUNT + DEAL_DATES


class TrendFields(TypedDict):
    """A Trend's fields (app/kpis/schemas.py): an account list of the company holds six per
    account, as plain maps (as Trend models one by one, they took most of its Python time)."""

    value: float | None
    previous_month: float | None
    mom_change: float | None


class AccountFields(TypedDict):
    """An AccountRow's fields (app/kpis/schemas.py), as a plain map."""

    account_id: str
    name: str | None
    focus: bool
    open_amount: TrendFields
    open_count: TrendFields
    closeness: TrendFields
    solution: TrendFields
    price: TrendFields
    key_persons: TrendFields
    key_person_ids: list[str]
    currency: str


_ROW = TypeAdapter(AccountFields)
# Accounts whose rows are made at once and then written: the company's 49k maps at 1x, alive
# together, made the cycle collector visit the whole process on most answers.
ROWS_AT_ONCE = 500


class Kept(NamedTuple):
    """An account's figures as kept: JSON texts, the figures without their brackets (a
    company's accounts parse as one flat array), the key persons' ids on the first date (an
    array, by id) and the account's row of the account list, written as a scope that holds
    it on every date (the company) shows it (None: not written). The row as UTF-8 bytes: as
    text, a row with a Chinese name took two bytes a character in memory. A tuple: the
    company's 21,000 at 3x were made in half the time a frozen dataclass's took."""

    figures: str
    key_person_ids: str
    row: bytes | None = None


_new_kept = partial(tuple.__new__, Kept)


def _kept_in(state: Row) -> dict[str, Kept]:
    """The figures a read of what is kept (`_kept`) found holding, by account: tuples made
    without a Python call each (NamedTuple's own __new__ is one, 30 ms for the company's
    21,000 at 3x)."""
    made = map(_new_kept, zip(state["kept"], state["kept_key_person_ids"], state["kept_rows"],
                              strict=True))
    return dict(zip(state["kept_ids"], cast(Iterator[Kept], made), strict=True))


class Figures:
    """The figures of a scope's accounts, in columns: one list per figure and date, an
    account's at its position. Where the scope does not hold an account on a date, it has no
    key persons, unknown averages and no open deals then.

    Lists of numbers, the ids left as JSON until a few hundred rows are made at once, and the
    rows kept as JSON: the company's 7,000 accounts as objects holding lists were tens of
    thousands of objects alive through the answer, which the cycle collector visited again
    and again (a full collection of the process every answer or two)."""

    def __init__(self, accounts: list[str], figures: list[str], held: list[set[str]],
                 kept: dict[str, Kept]) -> None:
        """`figures`: each account's, in order, as kept; `kept`: the accounts whose key
        persons' ids and row are known as well (any other: none, its row made when shown)."""
        self.accounts = accounts
        self.kept_figures = figures  # as given: the columns are a scope's (Figures._held)
        self.position = dict(zip(accounts, range(len(accounts)), strict=True))
        self._columns: list[list[Any]] = [[] for _ in range(_FIGURES)]
        # Parsed a few hundred accounts at a time: orjson takes about 16 times a text's size at
        # once to parse it (13 MB for the 7,000 accounts' 0.8 MB at 1x).
        for start in range(0, len(figures), ROWS_AT_ONCE):
            flat = orjson.loads(f"[{','.join(figures[start:start + ROWS_AT_ONCE])}]")
            for i, column in enumerate(self._columns):
                column.extend(flat[i::_FIGURES])
        self._kept = kept
        if any(these != held[0] for these in held):  # the company holds every account
            self._held(accounts, held)

    @classmethod
    def of(cls, accounts: list[str], found: dict[str, Kept], held: list[set[str]]) -> "Figures":
        """The figures of `accounts` as `found` keeps them."""
        return cls(accounts, [found[a].figures for a in accounts], held, found)

    def _held(self, accounts: list[str], held: list[set[str]]) -> None:
        """No figures on the dates the scope does not hold an account (in a copy of the kept
        map: the caller's stays as it is)."""
        self._kept = dict(self._kept)
        for i, account_id in enumerate(accounts):
            for at, these in enumerate(held):
                if account_id in these:
                    continue
                if (known := self._kept.get(account_id)) is not None:
                    self._kept[account_id] = known._replace(row=None)
                self._columns[at][i] = 0
                for degree in range(len(DEGREES)):
                    self.averages(at, degree)[i] = None
                if at < DEAL_DATES:
                    self.open_count(at)[i], self.open_amount(at)[i] = 0, 0.0
                if at == 0:
                    self._kept.pop(account_id, None)

    def key_persons(self, at: int) -> list[int]:
        return self._columns[at]

    def averages(self, at: int, degree: int) -> list[float | None]:
        """On the date at index `at`, of DEGREES[degree]."""
        return self._columns[_AVERAGES + at * len(DEGREES) + degree]

    def averages_of(self, ids: list[str], at: int, degree: int) -> Sequence[float | None]:
        """The same of the accounts `ids`, in their order: the column itself when they are
        the accounts in order (the company's), to be read, not changed."""
        column = self.averages(at, degree)
        if ids is self.accounts or ids == self.accounts:
            return column
        return list(map(column.__getitem__, map(self.position.__getitem__, ids)))

    def open_count(self, at: int) -> list[int]:
        return self._columns[_OPEN_COUNT + at]

    def open_amount(self, at: int) -> list[float]:
        return self._columns[_OPEN_AMOUNT + at]

    def key_person_ids(self, account_id: str) -> list[str]:
        known = self._kept.get(account_id)
        return [] if known is None else cast(list[str], orjson.loads(known.key_person_ids))

    def rows(self, accounts: list[Account], currency: str) -> list[AccountFields]:
        """The accounts' rows of the account list."""
        at = [self.position[a["account_id"]] for a in accounts]

        def trend(now: list[Any], before: list[Any]) -> list[TrendFields]:
            return [{"value": n, "previous_month": b,
                     "mom_change": None if n is None or b is None else round(n - b, 10)}
                    for n, b in zip(map(now.__getitem__, at), map(before.__getitem__, at),
                                    strict=True)]

        trends = [trend(self.open_amount(0), self.open_amount(1)),
                  trend(self.open_count(0), self.open_count(1)),
                  *(trend(self.averages(0, i), self.averages(1, i))
                    for i in range(len(DEGREES))),
                  trend(self.key_persons(0), self.key_persons(1))]
        # In AccountRow's order: the JSON follows the map's.
        return [{"account_id": a["account_id"], "name": a["name"], "focus": a["focus"],
                 "open_amount": open_amount, "open_count": open_count, "closeness": closeness,
                 "solution": solution, "price": price, "key_persons": key_persons,
                 "key_person_ids": self.key_person_ids(a["account_id"]), "currency": currency}
                for a, open_amount, open_count, closeness, solution, price, key_persons
                in zip(accounts, *trends, strict=True)]

    def written(self, accounts: list[Account], currency: str) -> list[bytes]:
        """The accounts' rows as JSON: kept, or made a few hundred at a time."""
        rows = [None if (known := self._kept.get(a["account_id"])) is None else known.row
                for a in accounts]
        missing = [a for a, row in zip(accounts, rows, strict=True) if row is None]
        made = (_ROW.dump_json(row)
                for start in range(0, len(missing), ROWS_AT_ONCE)
                for row in self.rows(missing[start:start + ROWS_AT_ONCE], currency))
        return [row if row is not None else next(made) for row in rows]


async def on_dates(graph: Graph, settings: Settings, scope: Scope, dates: list[date], *,
                   kept_rows: bool = True) -> tuple[list[ScopeOn], Figures]:
    """The scope on each of the line's dates (kpis.scope_data.take), and the figures of every
    account it holds on one of them, with the rows kept for them if asked (`kept_rows`; a
    page of the account list makes its few rows from the figures instead: the company's rows
    are 13.5 MB at 3x). What is kept for the company's accounts is read beside the accounts
    themselves: the company holds every account."""
    company = scope.kind == "company"
    timeout_s = graph.analytics_timeout_s if company else None
    rule = kept.rule(RULE_VERSION, settings.reporting_currency)
    today = dates[0] == graph.today()
    if today and company:
        s, state = await asyncio.gather(
            take(graph, scope, dates),
            _every_kept(graph, dates[0], rule, timeout_s) if kept_rows
            else _kept(graph, None, dates[0], rule, timeout_s, False))
    else:
        s = await take(graph, scope, dates)
        state = None
    if all(on.accounts is s[0].accounts for on in s):  # the company: the same on every date
        accounts = sorted(s[0].account_ids)  # in order already: one pass
        held = [set(accounts)] * len(s)
    else:
        held = [set(on.account_ids) for on in s]
        accounts = sorted(set().union(*held))
    if not accounts:
        return s, Figures([], [], held, {})
    if not today:
        found = await _worked_out(graph, settings, dates, accounts, timeout_s, every=company)
        return s, Figures.of(accounts, found, held)
    async def every(ids: list[str]) -> list[Account]:
        by_id = {a["account_id"]: a for on in s for a in on.accounts}
        return [by_id[a] for a in ids]

    found = await completed(graph, settings, dates, accounts, state or await _kept(
        graph, accounts, dates[0], rule, timeout_s, kept_rows), timeout_s, every,
        kept_rows=kept_rows)
    return s, Figures.of(accounts, found, held)


async def completed(graph: Graph, settings: Settings, dates: list[date], accounts: list[str],
                    state: Row, timeout_s: float | None,
                    rows_of: Callable[[list[str]], Awaitable[list[Account]]], *,
                    kept_rows: bool) -> dict[str, Kept]:
    """The figures of today's `accounts` (and of any other `state` holds), as a read of what is
    kept found them (`state`, `_kept`) or worked out where they do not hold, with the rows of
    those worked out; with every account's row if asked (`kept_rows`), made where none was
    kept. `rows_of`: the accounts whose rows are made, as read. What is worked out or made is
    kept, off the answer's path."""
    rule = kept.rule(RULE_VERSION, settings.reporting_currency)
    state, stale, read = kept.state_of(state)
    found = _kept_in(state)
    # An account that has never been kept has version 0 (the company's read finds only those
    # that have been).
    seen = {a: stale.get(a, 0) for a in accounts if a not in found}
    found.update(await _fresh(graph, settings, dates, seen, timeout_s))
    # Rows as the company shows them (every date held): of the figures worked out, kept with
    # them; of figures kept without them (a page of the list keeps none), kept beside them.
    rowless = ([a for a in accounts if a not in seen and found[a].row is None]
               if kept_rows else [])
    if ids := [*seen, *rowless]:
        rows = Figures.of(ids, found, [set(ids)]).written(await rows_of(ids),
                                                          settings.reporting_currency)
        found.update((a, found[a]._replace(row=row)) for a, row in zip(ids, rows, strict=True))
    steps = [_keep(dates[0], rule, read, seen, found)] if seen else []
    if rowless:
        steps.append(kept.Keep(q("kpis/keep_customer_rows"), {
            "rows": [{"account_id": a, "figures": found[a].figures, "row": found[a].row}
                     for a in rowless],
            "as_of": dates[0], "rule": rule, "epoch": read.epoch, "token": read.token},
            each="rows"))
    if steps:
        kept.together(graph, *steps)
    return found


@dataclass(frozen=True)
class CompanyPage:
    """Today's customer line of the company with a page of its account list: the company's
    totals on each date, every account's id (in order) and figures, and the page's accounts."""

    totals: list[Totals]
    account_ids: list[str]
    figures: Figures
    listed: list[Account]


async def company_page(graph: Graph, settings: Settings, dates: list[date], offset: int,
                       limit: int) -> CompanyPage:
    """The company's line today with the page of `limit` accounts from `offset`: every
    account's figures from the company's summary and the accounts touched since it was kept
    (or, where no summary holds, from every account's kept figures), the page's rows as kept;
    then the summary kept with the figures worked out (app/kpis/kept.py)."""
    timeout_s = graph.analytics_timeout_s
    rule = kept.rule(RULE_VERSION, settings.reporting_currency)
    totals, counts = await asyncio.gather(company_totals(graph, dates),
                                          kept.counts(graph, SUMMARY, timeout_s))
    stamp = counts.stamp(rule)
    held = kept.summary(counts, dates[0], stamp)
    if held is not None:
        touched, state = await touched_kept(graph, held, dates[0], rule, timeout_s, False)
        figures = dict(zip(held["accounts"], held["figures"], strict=True))
        # The summary's accounts are in order: sorted again only when a touched one is new.
        added = set(touched).difference(figures)
        account_ids = sorted(figures.keys() | added) if added else held["accounts"]
        for a in touched:
            figures.pop(a, None)
        unknown = touched  # the accounts the summary may not hold
    else:
        every, state = await asyncio.gather(
            accounts(graph, Scope("company"), dates[0]),
            _kept(graph, None, dates[0], rule, timeout_s, False))
        account_ids = unknown = [a["account_id"] for a in every]
        figures = {}
    state, stale, read = kept.state_of(state)
    found = _kept_in(state)  # without rows: not asked for
    seen = {a: stale.get(a, 0) for a in unknown if a not in found and a not in figures}
    fresh = await _fresh(graph, settings, dates, seen, timeout_s)
    found.update(fresh)
    figures.update((a, k.figures) for a, k in found.items())
    listed, shown = await _page(graph, settings, dates, account_ids[offset:offset + limit],
                                figures, fresh, rule, read)
    figures.update((a, k.figures) for a, k in shown.items())
    column = list(map(figures.__getitem__, account_ids))
    # Without rows: made when a list shows them.
    steps = [_keep(dates[0], rule, read, seen, fresh)] if seen else []
    if kept.moved(counts, held) and read.same_epoch(counts):
        steps.append(kept.summary_step(counts, SUMMARY, dates[0], stamp, {
            "accounts": account_ids, "figures": column}))
    if steps:
        kept.together(graph, *steps)
    return CompanyPage(totals, account_ids, Figures(account_ids, column, [], shown), listed)


async def _fresh(graph: Graph, settings: Settings, dates: list[date], seen: dict[str, int],
                 timeout_s: float | None) -> dict[str, Kept]:
    """The figures of the accounts whose kept figures do not hold (`seen`), worked out."""
    if not seen:
        return {}
    return await _worked_out(graph, settings, dates, list(seen), timeout_s,
                             every=len(seen) >= EVERY_FROM)


def _keep(day: date, rule: str, read: kept.Seen, seen: dict[str, int],
          fresh: dict[str, Kept]) -> kept.Keep:
    """The keep of the figures worked out for the accounts of `seen` (the version read before),
    with their rows where made."""
    return kept.answers(
        q("kpis/keep_customers"), seen=read, day=day, rule=rule,
        states=[{"account_id": a, "seen": v, "figures": fresh[a].figures,
                 "key_person_ids": fresh[a].key_person_ids, "row": fresh[a].row}
                for a, v in seen.items()])


async def _page(graph: Graph, settings: Settings, dates: list[date], page: list[str],
                figures: dict[str, str], fresh: dict[str, Kept], rule: str,
                read: kept.Seen) -> tuple[list[Account], dict[str, Kept]]:
    """The page's accounts, and their figures, key persons and rows as kept where their kept
    figures are those read (`figures`). One whose figures were kept anew since they were read
    (a write came between) is worked out again, so that its row and figures are those of one
    moment (rare)."""
    rows = await graph.read_list(q("kpis/customers_page"), account_ids=page, as_of=dates[0],
                                 rule=rule, epoch=read.epoch, token=read.token)
    shown, moved = {}, []
    for row in rows:
        a = row["account_id"]
        if a in fresh:
            shown[a] = fresh[a]
        elif row["figures"] == figures[a]:
            shown[a] = Kept(row["figures"], row["key_person_ids"], row["row"])
        else:
            moved.append(a)
    if moved:
        shown.update(await _worked_out(graph, settings, dates, moved, None, every=False))
    return [{"account_id": r["account_id"], "name": r["name"], "focus": r["focus"],
             "industry": r["industry"]} for r in rows], shown


async def touched_kept(graph: Graph, held: dict[str, Any], day: date, rule: str,
                       timeout_s: float | None, rows: bool) -> tuple[list[str], Row]:
    """The accounts touched since the company summary `held` was kept, and what is kept for
    them (`_kept`, their rows if asked)."""
    found = await graph.read_one(q("kpis/customers_summary"), timeout_s=timeout_s,
                                 kept_at=held["kept_at"])
    touched = list((found or {}).get("touched", []))
    return touched, await _kept(graph, touched, day, rule, timeout_s, rows)


async def _every_kept(graph: Graph, day: date, rule: str, timeout_s: float | None) -> Row:
    """What is kept for every account, with its row, as `_kept` reads it. Where the company's
    customer summary holds for `day`, only the accounts touched since it was kept are read with
    the test of what holds (kpis/customers_kept: six properties of each account's state, most
    of the read's time). Every other account was kept with the summary in this epoch, and no
    write has marked it since: its figures kept for `day` under `rule` hold where they are the
    summary's (kpis/customers_every, read after the summary, so that no state it takes is older
    than the summary). One that does not match is read with the test too."""
    counts = await kept.counts(graph, SUMMARY, timeout_s)
    held = kept.summary(counts, day, counts.stamp(rule))
    if held is None:
        return await _kept(graph, None, day, rule, timeout_s, True)
    (touched, state), every = await asyncio.gather(
        touched_kept(graph, held, day, rule, timeout_s, True),
        _in_parts(graph, q("kpis/customers_every"), _EVERY_LISTS, timeout_s=timeout_s,
                  as_of=day, rule=rule))
    summary = dict(zip(held["accounts"], held["figures"], strict=True))
    for a in touched:
        summary.pop(a, None)
    same = list(map(operator.eq, map(summary.get, every["ids"]), every["figures"]))
    found = {key: [*state[key], *compress(every[column], same)]
             for key, column in zip(_KEPT_LISTS[1:], _EVERY_LISTS, strict=True)}
    found["stale"] = state["stale"]
    if missing := sorted(summary.keys() - set(compress(every["ids"], same))):
        more = await _kept(graph, missing, day, rule, timeout_s, True)
        for key in _KEPT_LISTS:
            found[key] += more[key]
    return {**state, **found}


async def _kept(graph: Graph, account_ids: list[str] | None, day: date, rule: str,
                timeout_s: float | None, rows: bool) -> Row:
    """What is kept for these accounts (None: for every account kept), their rows if asked."""
    return await _in_parts(graph, q("kpis/customers_kept"), _KEPT_LISTS, timeout_s=timeout_s,
                           account_ids=account_ids, as_of=day, rule=rule, rows=rows)


async def _in_parts(graph: Graph, query: LiteralString, joined: tuple[str, ...],
                    **params: Any) -> Row:
    """A read of what is kept, in parts of KEPT_PART accounts: one row, always."""
    found = await graph.read_in_parts(query, joined=joined, part=KEPT_PART, **params)
    if found is None:
        raise RuntimeError("a read of kept answers returned no row")
    return found


async def _worked_out(graph: Graph, settings: Settings, dates: list[date],
                      account_ids: list[str], timeout_s: float | None, *,
                      every: bool) -> dict[str, Kept]:
    """Each account's figures on every date (in the scope or not), as kept."""
    reporting = settings.reporting_currency
    totals, deals = await asyncio.gather(
        totals_of(graph, dates, account_ids, every=every, timeout_s=timeout_s),
        open_deals_of(graph, dates[:DEAL_DATES], account_ids, reporting, timeout_s))
    found: dict[str, Kept] = {}
    for a in account_ids:
        rows = [on.get(a, NO_KEY_PERSONS) for on in totals]
        figures = [*(row.key_persons for row in rows),
                   *(_average(*row.scores(d)) for row in rows for d in DEGREES),
                   *(on[a].open_count if a in on else 0 for on in deals),
                   *(on[a].open_amount if a in on else 0.0 for on in deals)]
        found[a] = Kept(orjson.dumps(figures)[1:-1].decode(), rows[0].key_person_ids)
    # Until this task yields, the event loop's handle that woke it holds the gather's results
    # (the company's totals and open deals, 10 MB at 3x), through whatever it does next.
    del totals, deals
    await asyncio.sleep(0)
    return found


def _average(total: int, count: int) -> float | None:
    return round(total / count, 10) if count else None
