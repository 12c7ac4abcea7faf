"""Turns a validated document into batched UNWIND writes, in dependency order."""

import asyncio
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date, datetime
from functools import cache, cached_property, partial
from itertools import islice
from typing import Any, LiteralString
from zoneinfo import ZoneInfo

from neo4j import AsyncManagedTransaction

from app import dates
from app.config import Settings
from app.db.cypher import q, template
from app.db.graph import Graph, Row, rows, slices
from app.domain import ATTITUDE_SCORE, US, Kind, LinkType, RelType
from app.emails import key as email_key
from app.ingestion.provenance import Provenance, local_date
from app.ingestion.schemas import ActivityIn, AssessmentIn, ContactIn, ImportDocument, RelationshipIn
from app.ingestion.sections import Part, chunks, ordered, where
from app.ingestion.validation import EMAIL_SECTIONS, NODE_SECTIONS
from app.kpis import kept, rollups
from app.kpis.rollups import EVER, PIECE_EDGES
from app.network import touch
from app.search.keys import search_key
from app.webhooks import outbox

Progress = Callable[[int, int], None]


def _as_is(row: Row) -> Row:
    return row


@dataclass(frozen=True)
class QueryStep:
    """One query over its rows (its `$rows`): `shape` of each of `items`, made only when its
    batch is written, so that a large document's rows are never all held at once (for 100k
    contacts they took about 120 MB beside the document's models). The items of a large
    document's part are read as each batch is made (app/ingestion/sections.py)."""

    query: LiteralString
    items: Part[Any]
    params: tuple[tuple[str, Any], ...] = ()
    shape: Callable[[Any], Row] = _as_is
    # Items of one key are written in one batch (the versions of one relationship).
    together: Callable[[Any], Any] | None = None

    @cached_property
    def rows(self) -> list[Row]:
        return self._shaped(self.items)

    @property
    def size(self) -> int:
        return len(self.items)

    async def run(self, tx: AsyncManagedTransaction) -> list[str]:
        result = await tx.run(self.query, {"rows": self.rows, **dict(self.params)})
        await result.consume()
        return []

    def batches(self, size: int) -> Iterator["QueryStep"]:
        """Its items in batches of about `size`, each shaped as it is made: a batch holds its
        rows, not its items (a model each, read again from a spooled part)."""
        return (replace(self, items=rows, shape=_as_is)
                for rows in map(self._shaped, chunks(self.items, size, self.together)))

    def _shaped(self, items: Iterable[Any]) -> list[Row]:
        return [self.shape(item) for item in items]


def _contact_rows(contact_ids: list[str]) -> list[Row]:
    return [{"contact_id": c} for c in contact_ids]


@dataclass(frozen=True)
class Refresh:
    """The KPI pieces of these contacts rebuilt after the steps before it
    (app/kpis/rollups.py: read, computed in Python, written). Their ids are held, and rows
    made of a batch's only (100k rows took 18 MB)."""

    contact_ids: list[str]

    @property
    def rows(self) -> list[Row]:
        return _contact_rows(self.contact_ids)

    @property
    def size(self) -> int:
        return len(self.contact_ids)

    async def run(self, tx: AsyncManagedTransaction) -> list[str]:
        await rollups.refresh(tx, self.contact_ids)
        return []

    def batches(self, size: int) -> Iterator["Refresh"]:
        return (replace(self, contact_ids=part) for part in slices(self.contact_ids, size))


@dataclass(frozen=True)
class TouchRefresh:
    """The IN_TOUCH edges and cooling turns into these contacts rebuilt from their
    activities (app/network/touch.py), before the KPI pieces that read them; and into the other
    contacts the written `activity_ids` are with (an activity moved to another day moves them
    too), with their pieces."""

    contact_ids: list[str]
    settings: Settings
    activity_ids: tuple[str, ...] = ()
    # Every contact the step names, when it runs in batches: another batch refreshes them.
    step_named: frozenset[str] = frozenset()

    @property
    def rows(self) -> list[Row]:
        return _contact_rows(self.contact_ids)

    @property
    def size(self) -> int:
        return len(self.contact_ids)

    async def run(self, tx: AsyncManagedTransaction) -> list[str]:
        named = self.contact_ids
        linked = [r["contact_id"] for r in await rows(
            tx, q("network/activity_contacts"),
            activity_ids=list(self.activity_ids))] if self.activity_ids else []
        skipped = self.step_named | set(named)
        others = [c for c in linked if c not in skipped]
        await touch.refresh(tx, named + others, self.settings)
        if others:
            await rollups.refresh(tx, others)
        return others

    def batches(self, size: int) -> Iterator["TouchRefresh"]:
        """Each batch its share of the activities too: every batch reading the contacts of all
        of them refreshed the whole document's contacts once per batch (an import of 100k
        activities, ten times over)."""
        count = -(-len(self.contact_ids) // size)
        share = -(-len(self.activity_ids) // count) if count else 0
        step_named = frozenset(self.contact_ids)
        return (replace(self, contact_ids=self.contact_ids[i * size:(i + 1) * size],
                        activity_ids=self.activity_ids[i * share:(i + 1) * share],
                        step_named=step_named) for i in range(count))


# A step's run returns the contacts it changed that its rows do not name.
Step = QueryStep | TouchRefresh | Refresh


def relationship_key(rel_type: str, from_id: str, to_id: str, opportunity_id: str | None,
                     since: date | None) -> str:
    return f"{rel_type}|{from_id}|{to_id}|{opportunity_id or ''}|{since.isoformat() if since else ''}"


def _relationship_row(r: RelationshipIn, default_influence: float) -> Row:
    strength = r.strength
    if strength is None and r.type == RelType.INFLUENCES:
        strength = default_influence
    return {
        "from": r.from_,
        "to": r.to,
        "key": relationship_key(r.type, r.from_, r.to, r.opportunity_id, r.since),
        "props": {"strength": strength, "role": r.role, "opportunity_id": r.opportunity_id,
                  "since": r.since, "until": r.until, "note": r.note},
    }


def _link_row(item: Any, to: str) -> Row:
    """A node's link; a new contact's first one holds from its `since` (else since ever)."""
    return {"from": item.id, "to": getattr(item, to), "since": getattr(item, "since", None)}


def _node_row(item: Any, kind: Kind, zone: ZoneInfo, today: date) -> Row:
    # A contact's `since` dates its first link and key-person flag, not the node.
    props = item.model_dump(mode="python", exclude={"id", "since"})
    if isinstance(item, ContactIn) and item.importance is not None and item.importance_at is None:
        props["importance_at"] = today  # judged when written: its review cadence runs from it
    key = search_key(kind, getattr(item, "name", None),
                     (getattr(item, "title", None), getattr(item, "department", None)))
    if key is not None:
        props["search"] = key
    if isinstance(item, ActivityIn):
        # Counted by its day in the organisation's zone; the moment kept beside it.
        props["at"] = local_date(item.at, zone)
        props["at_time"] = item.at if isinstance(item.at, datetime) else None
    return {"id": item.id, "props": props}


def plan(doc: ImportDocument, *, today: date, settings: Settings, entered: Provenance,
         now: datetime) -> list[Step]:
    default_influence, zone = settings.influence_default_strength, settings.org_zone
    steps: list[Step] = []
    stamp = (("entered", entered.props(now)),)
    for section, kind in NODE_SECTIONS.items():
        items = getattr(doc, section)
        if items:
            steps.append(QueryStep(template("ingestion/merge_nodes", label=kind), items, stamp,
                                   partial(_node_row, kind=kind, zone=zone, today=today)))

    if doc.contacts:
        steps.append(QueryStep(q("ingestion/key_person_timeline"), doc.contacts,
                               (("today", today), ("ever", EVER)),
                               lambda c: {"id": c.id, "key_person": c.key_person,
                                          "since": c.since}))
    steps += _email_steps(doc)

    # Explicit, dated edges first, so that a node's own link (contact.account_id ...) finds an
    # explicit current edge to the same place and adds no undated copy of it.
    # A relationship's versions side by side, in order of start, in one batch that writes them
    # one after the other (a batch written beside it could otherwise miss the version it ends).
    def relationship(r: RelationshipIn) -> tuple[str, str, str]:
        return r.from_, r.to, r.opportunity_id or ""

    def version_order(r: RelationshipIn) -> tuple[str, str, str, date]:
        return *relationship(r), r.since or date.min

    for rel_type in sorted({r.type for r in doc.relationships}, key=lambda t: t.value):
        of_type = where(doc.relationships, partial(_of_type, rel_type))
        steps.append(QueryStep(template("ingestion/merge_relationships", rel_type=rel_type),
                               ordered(of_type, version_order), stamp,
                               partial(_relationship_row, default_influence=default_influence),
                               together=relationship))

    # Each node's own link: the item's field holding the node it links to, where it has one.
    links: list[tuple[LinkType, Part[Any], str]] = [
        (LinkType.WORKS_AT, doc.contacts, "account_id"),
        (LinkType.MEMBER_OF, doc.employees, "team_id"),
        (LinkType.LED_BY, doc.teams, "lead_id"),
        (LinkType.WORKS_FOR, doc.competitor_staff, "competitor_id"),
        (LinkType.FOR_ACCOUNT, doc.opportunities, "account_id"),
    ]
    for link, items, to in links:
        if linked := where(items, partial(_has, to)):
            steps.append(QueryStep(template("ingestion/set_links", rel_type=link), linked,
                                   (("today", today), *stamp), partial(_link_row, to=to)))

    if doc.assessments:
        steps.append(QueryStep(q("ingestion/merge_assessments"), doc.assessments,
                               (*stamp, ("us", US)),
                               lambda a: _assessment_row(a, entered.principal_id)))
    if doc.activities:
        steps.append(QueryStep(q("ingestion/link_activities"), doc.activities, shape=lambda a: {
            "id": a.id, "employee_ids": a.employee_ids, "contact_ids": a.contact_ids,
            "opportunity_id": a.opportunity_id}))
        steps.append(touch_step(list(dict.fromkeys(c for a in doc.activities
                                                   for c in a.contact_ids)), settings,
                                tuple(a.id for a in doc.activities)))
    if doc.esp_scores:
        steps.append(QueryStep(q("ingestion/merge_esp_scores"), [
            {"account_id": e.account_id, "key": f"{e.account_id}|{e.at.isoformat()}",
             "props": e.model_dump()} for e in doc.esp_scores], stamp))
    if doc.exchange_rates:
        steps.append(QueryStep(q("ingestion/merge_exchange_rates"), [
            {"currency": r.currency, "at": r.at, "props": {"rate": r.rate, "note": r.note}}
            for r in doc.exchange_rates], stamp))
    if touched := touched_contacts(doc):
        steps.append(refresh_step(touched))  # last: it reads what the steps before wrote
    return steps


def _of_type(rel_type: RelType, r: RelationshipIn) -> bool:
    return r.type == rel_type


def _has(field: str, item: Any) -> bool:
    return bool(getattr(item, field))


def _email_steps(doc: ImportDocument) -> list[Step]:
    """Each written person's addresses made exactly their list: every removal before any
    addition, so that an address may move between two people of one document."""
    people: list[tuple[Kind, Part[Any]]] = [(kind, part) for section, kind in EMAIL_SECTIONS.items()
                                             if (part := getattr(doc, section))]
    drops: list[Step] = [QueryStep(q("ingestion/drop_emails"), part, shape=partial(_kept_keys, kind))
                         for kind, part in people]
    adds: list[Step] = [QueryStep(q("ingestion/add_emails"), having, shape=partial(_addresses, kind))
                        for kind, part in people
                        if (having := where(part, partial(_has, "emails")))]
    return drops + adds


def _kept_keys(kind: Kind, person: Any) -> Row:
    return {"id": person.id, "keys": [email_key(kind, a) for a in person.emails or []]}


def _addresses(kind: Kind, person: Any) -> Row:
    return {"id": person.id, "emails": [{"key": email_key(kind, a), "address": a,
                                         "kind": kind.value} for a in person.emails]}


async def email_owners(graph: Graph, keys: list[str]) -> dict[str, str]:
    """The person each stored address key belongs to."""
    return {r["key"]: r["id"] for r in await graph.read_list(q("ingestion/email_owners"),
                                                             keys=keys)}


def touched_contacts(doc: ImportDocument) -> list[str]:
    """The contacts whose KPI pieces a document's writes may change."""
    ids = [c.id for c in doc.contacts]
    ids += [contact_end(r.type, r.from_, r.to) for r in doc.relationships if r.type in PIECE_EDGES]
    # Only our general assessments make the timelines the pieces are read from.
    ids += [a.contact_id for a in doc.assessments if a.toward == US and a.opportunity_id is None]
    ids += [c for a in doc.activities for c in a.contact_ids]  # acquainted by activity
    return list(dict.fromkeys(ids))


def contact_end(rel_type: RelType, from_id: str, to_id: str) -> str:
    """The contact an edge that changes KPI pieces belongs to: a contact WORKS_AT an account,
    an employee INFLUENCES a contact."""
    return from_id if rel_type == RelType.WORKS_AT else to_id


def touch_step(contact_ids: list[str], settings: Settings,
               activity_ids: tuple[str, ...] = ()) -> Step:
    """Rebuilds the IN_TOUCH edges into these contacts, and those the activities are with
    (app/network/touch.py)."""
    return TouchRefresh(contact_ids, settings, activity_ids)


def refresh_step(contact_ids: list[str]) -> Step:
    """Rebuilds these contacts' KPI pieces and the company rollups (app/kpis/rollups.py)."""
    return Refresh(contact_ids)


def _assessment_row(assessment: AssessmentIn, principal_id: str | None) -> Row:
    """One record per contact, date, perspective, deal and the principal who entered it: two
    people assessing the same person on the same day both keep their record (the later one
    counts), and one re-sending the same record changes nothing. A second write of a record
    merges into it as a JSON merge patch does: a field it sends is set (null takes it back), a
    field it leaves out stays as said (the closeness assessed in the morning, then only the
    price seen at the afternoon's visit)."""
    a = assessment.model_dump()
    key = f"{a['contact_id']}|{a['at'].isoformat()}|{a['toward']}|{a['opportunity_id'] or ''}"
    if principal_id:
        key += f"|{principal_id}"
    props = {field: value for field, value in a.items()
             if value is not None or field in assessment.model_fields_set}
    for feature in ("closeness", "solution", "price"):
        if feature in props:
            value = props[feature]
            props[f"{feature}_score"] = None if value is None else ATTITUDE_SCORE[value]
    return {"contact_id": a["contact_id"], "key": key, "props": props}


async def run_steps(tx: AsyncManagedTransaction, steps: list[Step], settings: Settings,
                    batch_size: int | None = None) -> None:
    """Steps inside a transaction of the caller's (with other work that must be atomic), their
    outbox mark (app/webhooks/outbox.py) and the kept answers they make stale
    (app/kpis/kept.py) in the same transaction. With `batch_size`, each step is run in batches
    made as their turn comes, twice over (the ids they name first): a batch's rows, and the
    next one's while it is made, are held, not the document's (up to 50k rows in one
    transaction)."""
    def batches() -> Iterator[Step]:
        return (b for s in steps for b in (s.batches(batch_size) if batch_size else (s,)))

    ids, since, until = outbox.touched((r for b in batches() for r in b.rows),
                                       dates.today(settings.org_zone))
    deal_accounts = await kept.deal_accounts(tx, ids)
    # Besides the ids the rows name, the contacts a step changed without naming them (those a
    # written activity is with: an import adds an activity's contacts and removes none).
    others: list[str] = []
    written: set[str] = set()  # the queries that wrote rows
    for batch in batches():
        others += await batch.run(tx)
        if isinstance(batch, QueryStep) and batch.rows:
            written.add(batch.query)
    await outbox.mark(tx, ids, since, until)
    # An exchange rate changes every account's open deals in the reporting currency.
    await kept.stale(tx, list(dict.fromkeys(ids + others)), settings, deal_accounts,
                     everything=q("ingestion/merge_exchange_rates") in written,
                     deals=not written.isdisjoint(_deal_queries()))


@cache
def _deal_queries() -> frozenset[str]:
    """The steps that write what the company's won deals count: deals (their status, amount,
    currency, dates, account) and the leverage on them."""
    return frozenset({template("ingestion/merge_nodes", label=NODE_SECTIONS["opportunities"]),
                      template("ingestion/set_links", rel_type=LinkType.FOR_ACCOUNT),
                      template("ingestion/merge_relationships", rel_type=RelType.LEVERAGED)})


async def write(graph: Graph, steps: list[Step], settings: Settings, *, batch_size: int,
                single_tx_max_rows: int, progress: Progress | None = None,
                concurrency: int = 1) -> None:
    """Small documents in one transaction; large ones batch by batch, each batch atomic.

    Every batch is an idempotent MERGE, so a driver retry or a re-run after a crash converges
    to the same graph.
    """
    total = sum(s.size for s in steps)
    done = 0

    async def commit(chunk: list[Step], size: int | None = None) -> None:
        nonlocal done
        await graph.write_tx(partial(run_steps, steps=chunk, settings=settings, batch_size=size))
        done += sum(s.size for s in chunk)
        if progress:
            progress(done, total)

    if total <= single_tx_max_rows:
        await commit(steps, batch_size)
        return
    # Steps run in order (nodes before the edges that need them); the batches of one step
    # are independent, so a few commit at once while Python prepares the next. A batch is
    # made (its items read, its rows shaped) when its turn comes and let go after, so that one
    # step's items and rows are not all held.
    for step in steps:
        batches: Iterator[Step] = iter(step.batches(batch_size))
        while group := list(islice(batches, concurrency)):
            await asyncio.gather(*[commit([b]) for b in group])


async def first_rates(graph: Graph, currencies: list[str]) -> dict[str, date]:
    """The day of each currency's first stored exchange rate (currencies without none left out)."""
    return {r["currency"]: r["first"] for r in await graph.read(q("ingestion/first_rates"),
                                                                currencies=currencies)}


async def stored_kinds(graph: Graph, ids: list[str], chunk: int = 50_000) -> dict[str, Kind]:
    kinds: dict[str, Kind] = {}
    for part in slices(ids, chunk):
        for row in await graph.read(q("ingestion/kinds_of"), ids=part):
            kinds.update(dict.fromkeys(row["ids"], Kind(row["kind"])))
    return kinds


async def reporting_above(graph: Graph, contact_ids: list[str], today: date) -> list[tuple[str, str]]:
    """The general reporting lines above these contacts that hold on `today` or later."""
    row = await graph.read_one(q("ingestion/reporting_above"), contact_ids=contact_ids,
                               today=today)
    return [(a, b) for a, b in row["lines"]] if row else []


async def end_relationship(graph: Graph, settings: Settings, *, rel_type: RelType, from_id: str,
                           to_id: str, opportunity_id: str | None, until: date,
                           ended: Row) -> int:
    today = dates.today(settings.org_zone)

    async def work(tx: AsyncManagedTransaction) -> int:
        found = await rows(tx, template("ingestion/end_relationship", rel_type=rel_type),
                           **{"from": from_id, "to": to_id, "opportunity_id": opportunity_id,
                              "until": until, "ended": ended, "today": today})
        if rel_type in PIECE_EDGES:
            await refresh_step([contact_end(rel_type, from_id, to_id)]).run(tx)
        ids = [i for i in (from_id, to_id, opportunity_id) if i]
        await outbox.mark(tx, ids, min(until, today), max(until, today))
        await kept.stale(tx, ids, settings, deals=rel_type == RelType.LEVERAGED)
        return int(found[0]["ended"])

    return await graph.write_tx(work)


async def ended_on(graph: Graph, *, rel_type: RelType, from_id: str, to_id: str,
                   opportunity_id: str | None, until: date) -> bool:
    found = await graph.read_one(template("ingestion/ended_on", rel_type=rel_type),
                                 **{"from": from_id, "to": to_id,
                                    "opportunity_id": opportunity_id, "until": until})
    return bool(found and found["ended"])
