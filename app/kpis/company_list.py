"""The company's whole account list today (the customer line without a limit), kept whole in
the graph: its rows, 13.5 MB of JSON at 3x, as parts of LIST_PART rows each
(`KeptListPart` nodes, UTF-8 bytes), named by a company summary of every account's id, figures
and the end of its row in its part (app/kpis/kept.py). An answer reads the summary, the
accounts touched since it was kept, with the test of what holds (kpis/customers_kept), and the
parts: every other account's row is given as the part holds it, and a part is taken apart
only where a touched account is in it. Reading every account's kept state instead (21,000
nodes at 3x, six properties each) took most of the list's time.

The summary vouches for the rows as it does for the customer summary's figures: kept as of a
write's number, for a day, under a rule, an epoch and its token (kept.summary); an account
that a later write may change is touched after that number. The parts are written first, each
in a transaction of its own, then the summary naming their version, with the older versions'
parts dropped in the same transaction. An answer that finds fewer parts than its summary names
(kept anew meanwhile) works the list out as when none is kept."""

import asyncio
from bisect import bisect_left
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from datetime import date
from itertools import accumulate, chain
from typing import Any, cast
from uuid import uuid4

from app.config import Settings
from app.db.cypher import q
from app.db.graph import Graph
from app.kpis import kept
from app.kpis.customer_rows import (
    RULE_VERSION,
    Figures,
    Kept,
    completed,
    on_dates,
    touched_kept,
)
from app.kpis.rollups import Totals
from app.kpis.scope_data import Account, company_totals
from app.scopes import Scope

# The kept list's summary id, with the rule it is kept under (kept.rule): processes of two
# reporting currencies, or two versions during an upgrade, keep a list each.
LIST = "customer_list"
# Rows per part of the kept list (about 0.6 MB at 3x).
LIST_PART = 1000
# The list is kept anew by an answer that finds this many accounts touched since it was kept:
# each is read with the test of what holds, and its part taken apart.
TOUCHED_MAX = 1000
# Parts that no summary names are dropped once they are this old (a keep writes its parts in
# seconds; an answer reads them within its read budget).
GRACE_S = 600
# The list's keep in flight in this process, by list: one at a time (each holds the rows until
# its parts are written).
_keeping: dict[str, asyncio.Task[None]] = {}


@dataclass(frozen=True)
class CompanyList:
    """Today's customer line of the company with its whole account list: the company's totals
    on each date, every account's id (in order) and figures, and the rows as JSON, in runs
    joined with commas (`written`), in the accounts' order."""

    totals: list[Totals]
    account_ids: list[str]
    figures: Figures
    written: list[bytes]


async def company_list(graph: Graph, settings: Settings, dates: list[date]) -> CompanyList:
    """The company's line today with its whole account list, from the list kept where it
    holds, else worked out (customer_rows.on_dates); kept (anew) where none held, or once
    TOUCHED_MAX accounts have been touched since."""
    timeout_s = graph.analytics_timeout_s
    rule = kept.rule(RULE_VERSION, settings.reporting_currency)
    list_id = f"{LIST}:{rule}"
    for _ in range(2):  # once more if it was kept anew between its summary and its parts
        counts = await kept.counts(graph, list_id, timeout_s)
        stamp = counts.stamp(rule)
        if (held := kept.summary(counts, dates[0], stamp)) is None:
            break
        found = await _from_kept(graph, settings, dates, rule, list_id, held, timeout_s)
        if found is not None:
            answer, every_row = found
            if every_row is not None and kept.moved(counts, held):
                _keep(graph, list_id, counts, dates[0], stamp, answer.account_ids,
                      answer.figures.kept_figures, every_row)
            return answer
    # The summary read (2.8 MB of JSON at 3x, parsed) is not needed while the list is worked out.
    counts, held = replace(counts, content=None), None
    s, figures = await on_dates(graph, settings, Scope("company"), dates)
    by_id = {a["account_id"]: a for a in s[0].accounts}
    # In the figures' order (Python's, which the kept list is searched by).
    rows = figures.written([by_id[a] for a in figures.accounts], settings.reporting_currency)
    _keep(graph, list_id, counts, dates[0], stamp, figures.accounts, figures.kept_figures,
          lambda: rows)
    return CompanyList([on.totals for on in s], figures.accounts, figures, rows)


async def _from_kept(graph: Graph, settings: Settings, dates: list[date], rule: str,
                     list_id: str, held: dict[str, Any], timeout_s: float | None
                     ) -> tuple[CompanyList, Callable[[], list[bytes]] | None] | None:
    """The list from the one kept (`held`), and, if it is to be kept anew (TOUCHED_MAX), what
    makes its every row; None if its parts are no longer all there."""
    (touched, state), parts, totals = await asyncio.gather(
        touched_kept(graph, held, dates[0], rule, timeout_s, True),
        graph.read(q("kpis/list_parts"), timeout_s=timeout_s, list=list_id,
                   version=held["version"]),
        company_totals(graph, dates))
    accounts: list[str] = held["accounts"]
    if [p["at"] for p in parts] != list(range(held["parts"])) or (touched and not accounts):
        return None
    found = await completed(graph, settings, dates, touched, state, timeout_s,
                            _accounts_of(graph), kept_rows=True)
    figures: list[str] = held["figures"]
    ends: list[int] = held["ends"]
    size: int = held["part"]
    # Where each touched account is, or would be if new: its part is taken apart.
    at = {a: bisect_left(accounts, a) for a in touched}
    new = sorted(a for a, i in at.items() if i == len(accounts) or accounts[i] != a)
    added = set(new)
    for a in touched:
        if a not in added:
            figures[at[a]] = found[a].figures
    apart = {max(at[a] - (a in added), 0) // size for a in touched}

    def rows_of(k: int) -> list[bytes]:
        first, last = k * size, min((k + 1) * size, len(accounts))
        rows = _rows_in(parts[k]["rows"], ends[first:last])
        return _part(rows, accounts, first, last, found, new) if k in apart else rows

    written = [b",".join(rows_of(k)) if k in apart else p["rows"]
               for k, p in enumerate(parts)]
    ids = accounts
    if new:
        merged = sorted([*zip(accounts, figures, strict=True),
                         *((a, found[a].figures) for a in new)])
        ids, figures = [a for a, _ in merged], [f for _, f in merged]
    answer = CompanyList(totals, ids, Figures(ids, figures, [], found), written)
    if len(touched) < TOUCHED_MAX:
        return answer, None
    return answer, lambda: [row for k in range(len(parts)) for row in rows_of(k)]


def _part(rows: list[bytes], accounts: list[str], first: int, last: int,
          found: dict[str, Kept], new: list[str]) -> list[bytes]:
    """The rows of a part (of the accounts from `first` to `last`) with those of the touched
    accounts it holds as they are now (`found`), and the new accounts that fall in it (`new`:
    after its first account and before the next part's; those before the first part's first
    account fall in the first part)."""
    now = [(a, found[a].row if a in found else row)
           for a, row in zip(accounts[first:last], rows, strict=True)]
    low = accounts[first] if first else None
    high = accounts[last] if last < len(accounts) else None
    added = [(a, found[a].row) for a in new
             if (low is None or a > low) and (high is None or a < high)]
    return [cast(bytes, row) for _, row in (sorted([*now, *added]) if added else now)]


def _rows_in(rows: bytes, ends: list[int]) -> list[bytes]:
    """The rows of a part, joined with commas, each ending where `ends` says."""
    return [rows[start:end]
            for start, end in zip([0, *(end + 1 for end in ends[:-1])], ends, strict=True)]


def _accounts_of(graph: Graph) -> Callable[[list[str]], Awaitable[list[Account]]]:
    """The accounts of the ids asked for, as read (kpis/accounts_by_id)."""
    async def read(ids: list[str]) -> list[Account]:
        found = await graph.read_list(q("kpis/accounts_by_id"), account_ids=ids)
        by_id = {a["account_id"]: cast(Account, a) for a in found}
        return [by_id[a] for a in ids]
    return read


def _keep(graph: Graph, list_id: str, counts: kept.Counts, day: date, stamp: str,
          accounts: list[str], figures: list[str], made: Callable[[], list[bytes]]) -> None:
    """Keeps the list `made` makes, off the answer's path, unless this process is keeping it
    already: the parts older keeps left unnamed dropped, its parts written, one transaction
    each, then the summary naming their version (kpis/keep_list) with the parts it replaced
    dropped once no answer may read them."""
    if (keeping := _keeping.get(list_id)) is not None and not keeping.done():
        return
    rows, version = made(), uuid4().hex
    starts = range(0, len(rows), LIST_PART)
    ends = [end for start in starts
            for end in list(accumulate((len(row) + 1 for row in rows[start:start + LIST_PART]),
                                       initial=-1))[1:]]
    drop = kept.Keep(q("kpis/drop_list_parts"), {"version": version, "grace_s": GRACE_S,
                                                 "today": graph.today()})
    parts = (kept.Keep(q("kpis/keep_list_part"), {
        "list": list_id, "version": version, "at": k,
        "rows": b",".join(rows[start:start + LIST_PART])}) for k, start in enumerate(starts))
    _keeping[list_id] = kept.together(
        graph,
        kept.summary_step(counts, list_id, day, stamp, {
            "accounts": accounts, "figures": figures, "ends": ends, "version": version,
            "parts": len(starts), "part": LIST_PART}, q("kpis/keep_list"), version=version),
        drop, first=chain([drop], parts))
