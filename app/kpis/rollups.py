"""The KPI pieces and the company's day rollups, kept current by every write.

A piece (`:KpiPiece`) is one key person at one account over a span of days [since, until):
whether an employee knows them then and our attitudes then. What a piece adds to the figures is
a vector (`vector`). A `:KpiCompanyDay` holds, for one day, the vectors of the pieces starting
that day minus those ending that day, so the company's figures on a date are the sum of the days
up to it: about a thousand small nodes at 1x, however many key persons there are. Scoped figures
and lists read the pieces valid on the date at the scope's accounts.

A `:KpiAccountSpan` is one account over a run of days with the same customer-line figures: its
key persons (how many, their ids) and each degree's sum and count of known scores. The
company's account list on a date reads one span per account (7,000 at 1x) where the pieces are
one per key person (56,000). A write rebuilds the spans of the accounts whose pieces it changed
(kpis/account_spans), under each account's lock, from all of the account's pieces; past
SPANS_IN_WRITE accounts it marks them pending instead, and the company's figures read a pending
account from its pieces until its spans are built.

Every write that may change a contact's pieces (the contact itself, its WORKS_AT edges, the
INFLUENCES edges of employees to it and their IN_TOUCH edges of acquaintance by activity, our
assessments of it) ends with a `Refresh` of those
contacts in the same transaction, so the figures are exact as soon as it commits.
"""

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import partial
from itertools import islice, zip_longest
from typing import Any

from neo4j import AsyncManagedTransaction

from app.config import Settings
from app.db.cypher import q
from app.db.graph import (
    CONTACTS_PER_READ,
    Graph,
    Row,
    differing,
    iso_days,
    one_list,
    rows,
    slices,
)
from app.domain import ATTITUDE_SCORE, US, Attitude, RelType
from app.features.service import DEGREES
from app.kpis import kept
from app.network import touch

ATTITUDE_OF_SCORE = {s: a for a, s in ATTITUDE_SCORE.items() if s is not None}

# A piece's span always has both ends: "since ever" and "for now" are these days, so that the
# as-of test (<<within p>>) is a plain range.
EVER, NOW_ON = date(1, 1, 1), date(9999, 12, 31)
# A write that changes the pieces of more accounts than this marks them pending rather than
# building their spans (about 2 ms an account): an import's documents touch every account, each
# in several transactions. The company's lines build them (app/warm.py company_lines).
SPANS_IN_WRITE = 50

# The vector's layout: four counts, then per degree the sum and count of known scores and the
# four buckets, for every key person and then again for the acquainted ones.
HEAD = ("key_persons", "acquainted", "insighted", "acquainted_insighted")
PER_DEGREE = ("sum", "count", "supportive", "neutral", "opposed", "unknown")
WIDTH = len(HEAD) + len(DEGREES) * 2 * len(PER_DEGREE)


@dataclass(frozen=True)
class Totals:
    """A sum of piece vectors: what a scope's key persons add up to on one date."""

    v: tuple[int, ...] = (0,) * WIDTH

    @classmethod
    def of(cls, vectors: Iterable[Iterable[int]]) -> "Totals":
        """Column by column, a thousand vectors at a time (the company's 1,250 days at 3x in a
        third of the time of a sum element by element; a scope's pieces, made as they are
        summed, are not all held at once); a shorter vector adds nothing to the columns it
        lacks."""
        sums = [0] * WIDTH
        each = iter(vectors)
        while batch := list(islice(each, 1000)):
            for i, column in enumerate(zip_longest(*batch, fillvalue=0)):
                sums[i] += sum(column)
        return cls(tuple(sums))

    def head(self, name: str) -> int:
        return self.v[HEAD.index(name)]

    def degree(self, degree: str, field: str, *, acquainted: bool = False) -> int:
        start = len(HEAD) + DEGREES.index(degree) * 2 * len(PER_DEGREE)
        return self.v[start + acquainted * len(PER_DEGREE) + PER_DEGREE.index(field)]

    def average(self, degree: str, *, acquainted: bool = False) -> float | None:
        """Mean score of a degree over the key persons with a known value."""
        total = self.degree(degree, "sum", acquainted=acquainted)
        count = self.degree(degree, "count", acquainted=acquainted)
        return round(total / count, 10) if count else None


@dataclass(frozen=True, slots=True)
class State:
    """A key person's place in the figures, constant over a piece's span."""

    acq: bool
    insighted: bool
    closeness: int | None
    solution: int | None
    price: int | None


BUCKETS = ("supportive", "neutral", "opposed", "unknown")


def bucket_of(score: int | None) -> str:
    """supportive (support, strong support), neutral, opposed (oppose, strong oppose), unknown."""
    if score is None:
        return "unknown"
    return "supportive" if score > 0 else "neutral" if score == 0 else "opposed"


def stored(piece: Row) -> Row:
    """A piece as written: with its bucket on each degree, by which a short list of a company's
    key persons is sought (kpis/listed.cypher)."""
    return {**piece, **{f"{d}_bucket": bucket_of(piece[d]) for d in DEGREES}}


def vector(s: State) -> list[int]:
    a = int(s.acq)
    v = [1, a, int(s.insighted), int(s.insighted) * a]
    for score in (s.closeness, s.solution, s.price):
        known, n = score is not None, score or 0
        per = [n, int(known), int(known and n > 0), int(known and n == 0), int(known and n < 0),
               int(not known)]
        v += per + [x * a for x in per]
    return v


def _within(since: date | None, until: date | None, day: date) -> bool:
    return (since is None or since <= day) and (until is None or until > day)


def _latest(days: Sequence[date] | None, values: Sequence[Any] | None, day: date) -> Any:
    """The last value dated on or before the day (of several on one day, the later entered)."""
    i = bisect_right(days or (), day) - 1
    return None if i < 0 or values is None else values[i]


def pieces(source: Row) -> list[Row]:
    """A contact's pieces from kpis/piece_sources.cypher's row: its state on each day anything
    about it changes, one piece per account and run of days with the same state."""
    if not source["works"]:
        return []
    works, known = source["works"], source["known"]
    # Stored before the timeline existed (migration V022 gives every contact one): undated.
    key_at, key_was = ((source["key_person_at"], source["key_person_was"])
                       if source.get("key_person_at") else ([EVER], [source["key_person"]]))
    if not any(key_was):
        return []
    days = sorted({EVER, *key_at, *(w[e] for w in works for e in ("since", "until")),
                   *(k[e] for k in known for e in ("since", "until")),
                   *(d for f in (*DEGREES, "veto", "approver") for d in source[f"{f}_at"] or ())}
                  - {None})
    runs: list[tuple[date, tuple[str, ...], State]] = []
    for day in days:
        accounts = tuple(dict.fromkeys(w["account_id"] for w in works
                                       if _within(w["since"], w["until"], day))
                         ) if _latest(key_at, key_was, day) else ()
        values = {f: _latest(source[f"{f}_at"], source[f], day)
                  for f in (*DEGREES, "veto", "approver")}
        scores = [None if values[d] is None else ATTITUDE_SCORE[Attitude(values[d])]
                  for d in DEGREES]
        state = State(acq=any(_within(k["since"], k["until"], day) for k in known),
                      # A degree recorded as unknown is not known (it has no score).
                      insighted=all(v is not None for v in (*scores, values["veto"],
                                                            values["approver"])),
                      closeness=scores[0], solution=scores[1], price=scores[2])
        if not runs or runs[-1][1:] != (accounts, state):
            runs.append((day, accounts, state))
    found = []
    for i, (since, accounts, state) in enumerate(runs):
        until = runs[i + 1][0] if i + 1 < len(runs) else NOW_ON
        found += [{"contact_id": source["contact_id"], "account_id": account, "since": since,
                   "until": until, "acq": state.acq, "insighted": state.insighted,
                   "closeness": state.closeness, "solution": state.solution,
                   "price": state.price} for account in accounts]
    return found


_TIMELINES = tuple(f"{f}_at" for f in (*DEGREES, "veto", "approver", "key_person"))


def dated(source: Row) -> Row:
    """A row of kpis/piece_sources.cypher, which sends its dates as ISO strings (some 70 per
    key person), with dates (app.db.graph.iso_days), in place."""
    iso_days(source, *_TIMELINES)
    for key in ("works", "known", "pieces"):
        for span in source[key]:
            iso_days(span, "since", "until")
    return source


def add_day_changes(change: dict[date, list[int]], old: Iterable[Row], new: Iterable[Row]) -> None:
    """Adds to `change` (each day's change of the day rollups) what replacing the `old` pieces
    by the `new` changes."""
    def add(day: date, v: list[int], sign: int) -> None:
        total = change.setdefault(day, [0] * WIDTH)
        for i, x in enumerate(v):
            total[i] += sign * x

    for pieces_, sign in ((old, -1), (new, 1)):
        for p in pieces_:
            v = vector(State(p["acq"], p["insighted"], p["closeness"], p["solution"], p["price"]))
            add(p["since"], v, sign)
            if p["until"] != NOW_ON:
                add(p["until"], v, -sign)


async def refresh(tx: AsyncManagedTransaction, contact_ids: list[str], *,
                  spans: bool = True) -> None:
    """Rebuild these contacts' pieces and fold the change into the day rollups, in the
    caller's transaction, after the writes that changed them; and, unless not `spans` (the
    data steps of migrations before V037, which builds them), the spans of the accounts whose
    pieces changed, or, past SPANS_IN_WRITE accounts, mark them pending. Only the pieces that
    differ are rewritten: a contact's assessment changes its pieces from that day on, not
    before."""
    # The pieces are written a read's contacts at a time (a fresh import's 5,000 contacts held
    # about 50 MB of them at once); the day rollups once, every day locked in order.
    change: dict[date, list[int]] = {}
    accounts: set[str] = set()
    for part in slices(list(dict.fromkeys(contact_ids)), CONTACTS_PER_READ):
        gone: list[Row] = []
        added: list[Row] = []
        for source in await one_list(tx, q("kpis/piece_sources"),
                                     {"rows": [{"contact_id": c} for c in part]}, dated):
            # Compared as stored, buckets included: a piece written without them (by a version
            # before V024, during a rolling upgrade) differs, and is written again with them.
            less, more = differing(source["pieces"], [stored(p) for p in pieces(source)])
            gone += less
            added += more
        if not gone and not added:
            continue
        await rows(tx, q("kpis/replace_pieces"),
                   gone=[{"contact_id": p["contact_id"], "account_id": p["account_id"],
                          "since": p["since"]} for p in gone], pieces=added, days=[])
        add_day_changes(change, gone, added)
        accounts.update(p["account_id"] for p in (*gone, *added))
    if days := [{"day": day, "v": v} for day, v in sorted(change.items()) if any(v)]:
        await rows(tx, q("kpis/replace_pieces"), gone=[], pieces=[], days=days)
    if not spans or not accounts:
        return
    await rows(tx, q("kpis/account_spans" if len(accounts) <= SPANS_IN_WRITE
                     else "kpis/spans_pending"), account_ids=sorted(accounts))


async def pending(graph: Graph) -> set[str]:
    """The accounts whose spans are pending (kpis/spans_pending)."""
    return {r["account_id"] for r in await graph.read_list(q("kpis/pending_accounts"))}


async def build_spans(graph: Graph, batch: int = 500, *, pending_only: bool = False) -> None:
    """The spans of every account with pieces (migration V037's data step), or of the pending
    ones, built anew from their pieces, a batch of accounts per transaction."""
    ids = (sorted(await pending(graph)) if pending_only
           else [r["id"] for r in await graph.read(q("kpis/piece_accounts"))])
    for start in range(0, len(ids), batch):
        await graph.write(q("kpis/account_spans"), account_ids=ids[start:start + batch])


async def rebuild(graph: Graph, settings: Settings, batch: int = 5000, *,
                  spans: bool = True) -> None:
    """Every piece, day rollup and account span (unless not `spans`: the data steps of
    migrations before V037, which builds them), and what they read that is derived at write
    time (the acquaintance by activity, what is derived from our assessments of each contact),
    built anew from the graph: for data stored before they existed (migrations V011 and V021),
    written past the API, or after the activity weights changed (`brm rebuild-kpis`)."""
    await graph.auto_commit(q("kpis/drop_pieces"))
    await kept.all_stale(graph)  # and again with each batch: answers kept meanwhile read less
    ids = [r["id"] for r in await graph.read(q("kpis/contact_ids"))]

    async def both(tx: AsyncManagedTransaction, contact_ids: list[str]) -> None:
        await rows(tx, q("ingestion/our_assessment_days"), contact_ids=contact_ids, us=US)
        await touch.refresh(tx, contact_ids, settings)
        await refresh(tx, contact_ids, spans=spans)
        await kept.all_stale_in(tx)

    for start in range(0, len(ids), batch):
        await graph.write_tx(partial(both, contact_ids=ids[start:start + batch]))
    if spans:
        await build_spans(graph, pending_only=True)


async def refresh_unknown_degrees(graph: Graph, batch: int = 1000) -> None:
    """The pieces of the contacts with a degree we recorded as unknown built again, and the
    spans of their accounts (migration V040's data step: such a contact was counted
    insighted)."""
    ids = [r["id"] for r in await graph.read(q("kpis/contacts_with_unknown_degrees"),
                                             unknown=Attitude.UNKNOWN.value)]

    async def again(tx: AsyncManagedTransaction, contact_ids: list[str]) -> None:
        await refresh(tx, contact_ids)
        await kept.all_stale_in(tx)

    for part in slices(ids, batch):
        await graph.write_tx(partial(again, contact_ids=part))
    await build_spans(graph, pending_only=True)


# The edges whose change may change a contact's pieces (ingestion/repository.py contact_end);
# our assessments of a contact and the contact itself (key person or not, its account) do too.
PIECE_EDGES = frozenset({RelType.WORKS_AT, RelType.INFLUENCES})


def attitude_of(score: int | None) -> Attitude:
    return Attitude.UNKNOWN if score is None else ATTITUDE_OF_SCORE[score]
