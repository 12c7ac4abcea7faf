"""Answers kept per account for a day, read back until a write may change them: today's
breakthrough list (app/kpis/breakthrough.py) and the customer line's per-account figures
(app/kpis/customer_rows.py), each of which a company's answer otherwise works out for every
account; and the change feed's deal states, per deal and day (app/changes/service.py).

One `KeptAccount` node per account holds what is kept, each kind under its own prefix
(`breakthrough_`, `customers_`): the day it was worked out for, the `version` of the account it
was worked out at (`<kind>_kept`), the epoch and the rule it was kept under, and the answer. A
deal's state on a day is a `KeptDealState` node of its own, with the same marks, against its
account's `deals_version`: writes raise it near any of the account's deals, and `version` near
its focus deals only, which are all the KPI answers read.
Every write raises, in its own transaction, the version of the accounts it may change (`stale`),
or the epoch of all of them when it is too large to follow. An answer reads the versions before
it works anything out, and keeps what it worked out only if they have not moved meanwhile (the
kind's keep query checks them), so a kept answer is never older than the graph it is read with:
it is the one worked out afresh, right after every write. The epoch's token is new whenever the
graph is wiped, so that an answer kept late cannot come back as a state of the new graph.

A company's answers are kept whole besides (`KeptSummary` nodes, each one JSON text), so that
they do not read every account's state: the writes are numbered in the order they commit (the
epoch's `writes`, under its lock), each account marked stale keeps the number of the latest
write that marked it (`touched`), and a summary kept as of a number is read with the accounts
touched since only. The company's won deals are kept until a write of deals or their leverage
(the epoch's `deal_writes`). docs/architecture.md says why that is exact."""

import asyncio
import hashlib
import json
import logging
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import cache, partial
from operator import itemgetter
from typing import Any, LiteralString

import orjson
from neo4j import AsyncManagedTransaction

from app.config import Settings
from app.db import causal
from app.db.cypher import name_of, q, template
from app.db.graph import Graph, Row, rows
from app.db.migrations import discover
from app.paths.repository import Layers

log = logging.getLogger(__name__)

# A write naming more ids than this makes every kept answer stale at once (the epoch): an
# import document's batch, where following each id's neighbourhood would cost more than it saves.
STALE_IDS_MAX = 200
# A company summary's JSON is kept and read in parts of at most this many bytes of UTF-8 (the
# customer list's is 2.8 MB at 3x; Reader.read_in_parts).
SUMMARY_PART = 500_000
# A keep's per-account maps are sent this many to a query (one message of the company's 7,000
# customer states with their rows took 15 MB of the driver's buffers at 1x).
KEEP_PART = 1000


# The versions of an account an answer is kept against: the KPI answers', raised by the writes
# near its focus deals, and the deal states', raised by those near any of its deals (the KPI
# answers read focus deals alone, and are not worked out again for the others).
ANSWERS = "version"
DEAL_STATES = "deals_version"


def rule(*what: object) -> str:
    """What an answer was kept under besides the graph: the settings its rule reads and the
    rule's version (`what`), and the schema's version (a migration may change what it reads)."""
    return hashlib.sha256(repr((_schema_version(), *what)).encode()).hexdigest()[:16]


@cache
def _schema_version() -> int:
    return max(m.version for m in discover())


@dataclass(frozen=True, slots=True)
class Keep:
    """A keep query with its parameters; `settle`: the answers were worked out while a write
    was not known applied (kpis/kept_unchanged keeps none it touched), so that the writes are
    settled after it (kpis/kept_settle) and the next answer keeps them. `each`: the parameter
    holding a map per account (`account_id`, ...), run in parts of KEEP_PART in id order (the
    order the keep queries lock accounts in, as writes do)."""

    query: LiteralString
    params: dict[str, Any]
    settle: bool = False
    each: str | None = None

    def runs(self) -> Iterator[dict[str, Any]]:
        """The parameters of each run of the query."""
        if self.each is None:
            yield self.params
            return
        items = sorted(self.params[self.each], key=itemgetter("account_id"))
        for start in range(0, max(len(items), 1), KEEP_PART):
            yield {**self.params, self.each: items[start:start + KEEP_PART]}


@dataclass(frozen=True, slots=True)
class Seen:
    """What a read of kept answers found besides them, before any answer was worked out: the
    epoch, its token, the latest write's number and the latest known applied. What is worked
    out then is kept against them (kpis/kept_unchanged)."""

    epoch: int
    token: str | None
    writes: int
    settled: int

    def same_epoch(self, found: "Counts") -> bool:
        return (self.epoch, self.token) == (found.epoch, found.token)


def answers(query: LiteralString, *, seen: Seen, against: str = ANSWERS, **params: Any) -> Keep:
    """A kind's keep query, checked against what was `seen` and the version `against` names."""
    return Keep(query, {**params, "epoch": seen.epoch, "token": seen.token,
                        "writes": seen.writes, "settled": seen.settled, "version": against},
                settle=seen.settled < seen.writes, each="states")


async def keep(graph: Graph, query: LiteralString, *, seen: Seen, against: str = ANSWERS,
               **params: Any) -> None:
    """A kind's keep query, off the answer's path, checked against what was `seen` and the
    version `against` names."""
    together(graph, answers(query, seen=seen, against=against, **params))


def together(graph: Graph, *steps: Keep, first: Iterable[Keep] = ()) -> asyncio.Task[None]:
    """Keep queries in one transaction, off the answer's path (referenced until done, so that
    it is not collected meanwhile): a company's summary with the answers of the accounts it was
    made from, or neither (a summary kept without them would send every later answer to work
    them out again). `first`: queries each in a transaction of its own before them, made one
    at a time (large values that the steps name: the parts of a kept list)."""
    task = causal.detached(_keeping(graph, steps, first))
    _running.add(task)
    task.add_done_callback(_running.discard)
    return task


async def _keeping(graph: Graph, steps: tuple[Keep, ...], first: Iterable[Keep]) -> None:
    async def work(tx: AsyncManagedTransaction, steps: Iterable[Keep]) -> None:
        for step in steps:
            for params in step.runs():
                await rows(tx, step.query, **params)

    async def settle(tx: AsyncManagedTransaction) -> None:
        await rows(tx, q("kpis/kept_settle"))

    done: tuple[Keep, ...] = ()
    try:
        for step in first:
            done = (step,)
            await graph.write_tx(partial(work, steps=done))
        done = steps
        await graph.write_tx(partial(work, steps=done))
        if any(step.settle for step in steps):
            await graph.write_tx(settle)
    except Exception as exc:  # only the next answer's speed depends on it
        log.warning("keeping answers failed (%s): %s",
                    ", ".join(name_of(step.query) for step in done), exc)


@dataclass(frozen=True, slots=True)
class Counts:
    """What an answer that reads a company summary reads first (kpis/kept_counts): the epoch
    and its token, the latest write's number, the writes that did not mark what they touched,
    the writes naming a deal and the latest of their numbers, and the summary's content."""

    epoch: int
    token: str | None
    writes: int
    settled: int
    unmarked: int
    deal_writes: int
    deal_write_at: int
    content: dict[str, Any] | None

    def stamp(self, rule: str, *more: object) -> str:
        """What a summary holds under besides its day: a rule, the epoch, its token, the writes
        not marked (an older version's writes, which mark no `touched`) and `more`."""
        return "|".join(map(str, (rule, self.epoch, self.token, self.unmarked, *more)))


async def counts(graph: Graph, summary_id: str, timeout_s: float | None) -> Counts:
    """The counts, with the summary's content parsed by the standard library's json: as fast as
    orjson for it (2.7 ms for the customer list's 0.9 MB at 1x), where orjson took 12.5 MB at
    once to parse it (1.8 MB held after)."""
    found = await graph.read_in_parts(q("kpis/kept_counts"), joined=("content",),
                                      timeout_s=timeout_s, id=summary_id)
    if found is None:
        raise RuntimeError("a read of kept counts returned no row")
    parts = found["content"]
    return Counts(found["epoch"], found["token"], found["writes"], found["settled"],
                  found["unmarked"], found["deal_writes"], found["deal_write_at"],
                  json.loads("".join(parts)) if parts else None)


def summary(found: Counts, day: date, stamp: str) -> dict[str, Any] | None:
    """The summary's content, if it holds: kept for `day` under `stamp`."""
    content = found.content
    if content is None or content["day"] != day.isoformat() or content["stamp"] != stamp:
        return None
    return content


def moved(found: Counts, content: dict[str, Any] | None) -> bool:
    """Whether a summary read (None: none held) is older than one kept now would be."""
    return content is None or _kept_at(found) > content["kept_at"]


def _kept_at(found: Counts) -> int:
    """The number a summary made now is kept as of: the latest write read if it was known
    applied then (`settled`, kpis/kept_settle), else the write before it. The latest may have
    been committing while it was read, its records seen in part (Neo4j's readers see a
    commit's records as they are applied); the writes before it had released the epoch's lock,
    and so been applied, before it took it."""
    return found.writes if found.settled >= found.writes else found.writes - 1


def summary_step(found: Counts, summary_id: str, day: date, stamp: str,
                 content: dict[str, Any], query: LiteralString | None = None,
                 **params: Any) -> Keep:
    """Keeps `content` as the summary `summary_id` for `day` under `stamp` (kpis/keep_summary,
    or `query` with `params`, which includes it)."""
    kept_at = _kept_at(found)
    body = orjson.dumps({**content, "day": day.isoformat(), "stamp": stamp, "kept_at": kept_at})
    return Keep(query or q("kpis/keep_summary"), {
        **params, "id": summary_id, "day": day, "stamp": stamp, "kept_at": kept_at,
        "parts": _texts(body, SUMMARY_PART),
        "epoch": found.epoch, "token": found.token, "unmarked": found.unmarked})


def _texts(utf8: bytes, size: int) -> list[str]:
    """UTF-8 in texts of at most `size` bytes each (at least 4: none is cut inside a
    character), decoded a part at a time: the customer list's summary, 2.8 MB at 3x, was
    decoded whole first."""
    if size < 4:
        raise ValueError("a text of UTF-8 is cut in parts of 4 bytes or more")
    parts, at = [], 0
    while at < len(utf8):
        end = min(at + size, len(utf8))
        while end < len(utf8) and utf8[end] & 0xC0 == 0x80:  # a character's continuation
            end -= 1
        parts.append(utf8[at:end].decode())
        at = end
    return parts


_running: set[asyncio.Task[None]] = set()


async def settled() -> None:
    """Waits for the answers this event loop is keeping (a process stopping, tests)."""
    loop = asyncio.get_running_loop()
    while mine := [task for task in _running if task.get_loop() is loop]:
        await asyncio.gather(*mine, return_exceptions=True)


async def deal_accounts(tx: AsyncManagedTransaction, ids: list[str]) -> list[str]:
    """In a write's transaction, before its changes: where the deals among `ids` are, for
    `stale` (a deal that moves leaves its old account's kept answers behind)."""
    if not ids or len(ids) > STALE_IDS_MAX:
        return []
    return list((await rows(tx, q("kpis/deal_accounts"), ids=ids))[0]["accounts"])


async def stale(tx: AsyncManagedTransaction, ids: list[str], settings: Settings,
                deal_accounts: list[str] | None = None, everything: bool = False,
                deals: bool = False) -> None:
    """In a write's transaction, after its changes: the kept answers it may change are no
    longer read (`ids`: whatever the write named; `deal_accounts`: where the deals it names
    were before it; `everything`: it changes every account's, as an exchange rate does;
    `deals`: it wrote deals or the leverage on them, which the company's won deals count). Last
    in the transaction, so that the locks it takes on the states are held only until the
    commit."""
    if everything or len(ids) > STALE_IDS_MAX:
        await all_stale_in(tx)
    elif ids:
        steps = Layers(max(settings.path_max_hops_default - 1, 0))
        await rows(tx, template("kpis/kept_stale", steps=steps), ids=ids,
                   accounts=deal_accounts or [], deals=deals)


# When a write of this process last made every kept answer stale (time.monotonic(), 0: never):
# app/warm.py works the company's lines out again once such writes have been quiet a while.
_everything_stale_at = 0.0


def everything_stale_at() -> float:
    return _everything_stale_at


async def all_stale_in(tx: AsyncManagedTransaction) -> None:
    """Every kept answer is stale once this transaction commits (noted before the commit: a
    transaction retried or failed only moves the work in app/warm.py a little later)."""
    global _everything_stale_at
    await rows(tx, q("kpis/kept_epoch"))
    _everything_stale_at = time.monotonic()


async def all_stale(graph: Graph) -> None:
    """Every kept answer is stale: while and after derived data is rebuilt or a data step
    runs."""
    await graph.write_tx(all_stale_in)


def state_of(found: Row | None) -> tuple[Row, dict[str, int], Seen]:
    """A kind's read of what is kept (one row, always): the row, the accounts whose answers do
    not hold with their versions, and what else it found (Seen)."""
    if found is None:
        raise RuntimeError("a read of kept answers returned no row")
    return found, dict(found["stale"]), Seen(found["epoch"], found["token"], found["writes"],
                                             found["settled"])
