"""Capture: calendar events and mail messages become activities of the people whose addresses
they name (docs/domain.md, Capture from calendars and mail).

A file is checked whole before anything is written (422: every problem, nothing written),
then matched to people, authorised (403 listing every refused item, or those items skipped
when the caller asks so), compared with what an earlier capture stored, and written in one
transaction. Re-capturing a file changes nothing: an item's activity id is derived from its
UID and recurrence id or its Message-ID.
"""

from dataclasses import dataclass, field
from datetime import date, datetime
from functools import partial
from zoneinfo import ZoneInfo

from app.auth.policy import EVERYONE, Viewer
from app.auth.writes import refusals_of
from app.capture.items import Captured
from app.capture.schemas import CapturedOut, CaptureResult, SkippedOut
from app.config import Settings
from app.db.cypher import q
from app.db.graph import Graph, Row
from app.domain import ActivityType, Kind
from app.emails import mailbox
from app.errors import Forbidden, ProblemEntry, ValidationFailed, field_problem
from app.ingestion import repository
from app.ingestion.provenance import local_date
from app.ingestion.schemas import ActivityIn, document_of
from app.ingestion.service import Writer, plan_document
from app.ingestion.validation import Parsed


@dataclass
class _Plan:
    """What to do with each item, as the capture goes from matching to writing."""

    upserts: list[tuple[Captured, ActivityIn]] = field(default_factory=list)
    removals: list[tuple[Captured, ActivityIn]] = field(default_factory=list)
    skipped: list[SkippedOut] = field(default_factory=list)


def refuse_invalid(problems: list[ProblemEntry]) -> None:
    if problems:
        raise ValidationFailed(problems, detail=f"{len(problems)} problem(s) in the file; "
                                                "nothing was written")


async def capture(graph: Graph, settings: Settings, items: list[Captured],
                  skipped: list[SkippedOut], *, writer: Writer, viewer: Viewer = EVERYONE,
                  skip_refused: bool = False,
                  progress: repository.Progress | None = None) -> CaptureResult:
    """Match, authorise, compare and write the items of one valid file. `progress` hears
    (items done, items) after the reads and after the write."""
    people = await _people(graph, sorted({a for item in items for a in item.addresses}))
    existing = {r["id"]: r for r in await graph.read_list(
        q("capture/existing"), ids=[item.activity_id for item in items])}
    if progress:
        progress(len(items) // 2, len(items))
    plan = _match(items, people, existing)
    plan.skipped[:0] = skipped
    if writer.access is not None:
        await _authorise(writer, plan, skip_refused)
    changed = [a for _, a in plan.upserts
               if a.id not in existing or not _same(existing[a.id], a, settings.org_zone)]
    # The contacts the changed and removed activities had: their acquaintance by activity and
    # figures are rebuilt too.
    before = sorted({c for a in changed if a.id in existing for c in existing[a.id]["contact_ids"]}
                    | {c for _, a in plan.removals for c in a.contact_ids})
    # Authorised above, by the capture's own rules (which include the import's).
    await _write(graph, settings, changed, [a for _, a in plan.removals], before,
                 Writer(None, writer.entered))
    if progress:
        progress(len(items), len(items))
    shown = partial(_shown, viewer=viewer)
    changed_ids = {a.id for a in changed}
    return CaptureResult(
        created=[shown(i, a) for i, a in plan.upserts if a.id not in existing],
        updated=[shown(i, a) for i, a in plan.upserts if a.id in existing and a.id in changed_ids],
        unchanged=[shown(i, a) for i, a in plan.upserts if a.id not in changed_ids],
        removed=[shown(i, a) for i, a in plan.removals], skipped=plan.skipped,
        unmatched_addresses=sorted({a for item in items for a in item.addresses} - set(people)))


async def _people(graph: Graph, addresses: list[str]) -> dict[str, dict[Kind, set[str]]]:
    """Who has each address. An address of one of our employees (or one delivering to their
    mailbox: li.ming+crm@ for li.ming@) is theirs alone: a contact given it too (stored
    before imports refused that) would otherwise put the employee's mail and meetings on that
    contact's account, where whoever sees the account reads them."""
    found: dict[str, dict[Kind, set[str]]] = {}
    boxes = {a: mailbox(a) for a in addresses}
    for row in await graph.read_list(q("capture/people_by_address"),
                                     addresses=sorted({*addresses, *boxes.values()})):
        found.setdefault(row["address"], {}).setdefault(Kind(row["kind"]), set()).add(row["id"])
    people: dict[str, dict[Kind, set[str]]] = {}
    for address in addresses:
        holders = {kind: set(ids) for kind, ids in found.get(address, {}).items()}
        # An address with a +tag delivers to the mailbox without it: an employee's, theirs.
        if employees := found.get(boxes[address], {}).get(Kind.EMPLOYEE):
            holders.setdefault(Kind.EMPLOYEE, set()).update(employees)
        if Kind.EMPLOYEE in holders:
            holders.pop(Kind.CONTACT, None)
        if holders:
            people[address] = holders
    return people


def _match(items: list[Captured], people: dict[str, dict[Kind, set[str]]],
           existing: dict[str, Row]) -> _Plan:
    plan = _Plan()
    for item in items:
        def ids(kind: Kind, item: Captured = item) -> list[str]:
            return sorted({p for a in item.addresses for p in people.get(a, {}).get(kind, ())})

        employees, contacts = ids(Kind.EMPLOYEE), ids(Kind.CONTACT)
        old = existing.get(item.activity_id)
        reason = (field_problem(item.key, "cancelled", "cancelled") if item.cancelled else
                  field_problem(item.key, "no_employee", "no employee of ours among its people")
                  if not employees else
                  field_problem(item.key, "no_contact", "no known contact among its people")
                  if not contacts else None)
        if reason is None:
            plan.upserts.append((item, _activity(item, employees, contacts)))
        elif old is not None:
            plan.removals.append((item, _activity(
                item, old["employee_ids"], old["contact_ids"], old["at_time"] or old["at"])))
        else:
            plan.skipped.append(SkippedOut.of(reason, item.at, item.summary))
    return plan


def _activity(item: Captured, employees: list[str], contacts: list[str],
              at: datetime | date | None = None) -> ActivityIn:
    # Built from matched ids, not from input: nothing in it needs validating again.
    return ActivityIn.model_construct(
        id=item.activity_id, at=at or item.at, type=item.type, employee_ids=sorted(employees),
        contact_ids=sorted(contacts), opportunity_id=None, summary=item.summary, note=None)


def _same(old: Row, new: ActivityIn, zone: ZoneInfo) -> bool:
    at_time = new.at if isinstance(new.at, datetime) else None
    return (old["at"] == local_date(new.at, zone) and old["at_time"] == at_time
            and old["type"] == new.type.value and old["summary"] == new.summary
            and sorted(old["employee_ids"]) == new.employee_ids
            and sorted(old["contact_ids"]) == new.contact_ids)


async def _authorise(writer: Writer, plan: _Plan, skip_refused: bool) -> None:
    """Refuse (403, every item listed) or skip what the writer may not capture."""
    assert writer.access is not None
    pairs = plan.upserts + plan.removals
    doc = document_of({"activities": [a for _, a in pairs]})
    def place(_: str, index: int) -> str:
        return pairs[index][0].key  # an item is named by its UID or Message-ID

    problems = await refusals_of(writer.access, doc, place)
    if not problems:
        return
    if not skip_refused:
        raise Forbidden(f"{len(problems)} item(s) outside what this principal may capture; "
                        "nothing was written", errors=problems)
    refused = {p["path"]: p for p in problems}
    for item, _ in pairs:
        if item.key in refused:
            plan.skipped.append(SkippedOut.of(refused[item.key], item.at, item.summary))
    plan.upserts = [(i, a) for i, a in plan.upserts if i.key not in refused]
    plan.removals = [(i, a) for i, a in plan.removals if i.key not in refused]


async def _write(graph: Graph, settings: Settings, upserts: list[ActivityIn],
                 removals: list[ActivityIn], before: list[str], writer: Writer) -> None:
    """Everything in one transaction: the file is captured whole or not at all."""
    steps: list[repository.Step] = []
    refreshed = list(before)
    if upserts:
        steps.append(repository.QueryStep(q("capture/unlink_participants"), [
            {"id": a.id, "employee_ids": a.employee_ids, "contact_ids": a.contact_ids}
            for a in upserts]))
        # Through the import's own checks and steps (ids unique across kinds, provenance), but
        # its refreshes are left for the one below: a contact the activities have now and had
        # before is refreshed once, after the removals, from what the whole file left.
        planned, _ = await plan_document(
            graph, settings, Parsed(document_of({"activities": upserts}), []), writer)
        refreshes = (repository.TouchRefresh, repository.Refresh)
        steps += [s for s in planned if not isinstance(s, refreshes)]
        refreshed += [c for s in planned if isinstance(s, refreshes) for c in s.contact_ids]
    if removals:
        steps.append(repository.QueryStep(q("capture/remove"), [{"id": a.id} for a in removals]))
    if contacts := list(dict.fromkeys(refreshed)):
        steps += [repository.touch_step(contacts, settings), repository.refresh_step(contacts)]
    if steps:
        await graph.write_tx(partial(repository.run_steps, steps=steps, settings=settings))


def _shown(item: Captured, activity: ActivityIn, viewer: Viewer) -> CapturedOut:
    return CapturedOut(activity_id=activity.id, key=item.key, at=item.at,
                       type=ActivityType(activity.type),
                       employee_ids=viewer.refs(activity.employee_ids),
                       contact_ids=activity.contact_ids)
