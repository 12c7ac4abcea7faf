import secrets
from typing import Any

from neo4j import AsyncManagedTransaction

from app.auth.policy import Access, known_colleague, resolve_ref
from app.auth.schemas import Role
from app.config import Settings
from app.db.cypher import q
from app.db.graph import Graph, Row, rows
from app.domain import Kind, RelType
from app.errors import Conflict, Forbidden, NotFound, ValidationFailed, field_problem
from app.ingestion import repository as writes
from app.ingestion.provenance import Source
from app.ingestion.schemas import RelationshipIn
from app.ingestion.service import Writer, plan_one
from app.introductions.schemas import STEPS, Direction, Introduction, IntroductionIn, Message, Status

# Who takes each step: the colleague asked answers and makes the introduction; the requester,
# whose deal it was for, says whether it helped, or withdraws the request before an answer.
COLLEAGUE_STEPS = frozenset({Status.ACCEPTED, Status.DECLINED, Status.MADE})


def _view(access: Access, row: dict[str, Any]) -> Introduction:
    """As this party sees it: the colleague by reference until they accept; the account and
    the deal by name alone where they lie outside the party's perspective (the colleague asked
    may see neither), as elsewhere."""
    inside = access.viewer.sees_contact(row.get("account_id"))
    return Introduction(**{**row, "colleague_id": access.viewer.ref(row["colleague_id"]),
                           "account_id": row.get("account_id") if inside else None,
                           "opportunity_id": row.get("opportunity_id") if inside else None,
                           "messages": [_message(m) for m in row.get("messages") or []]})


def _message(kept: str) -> Message:
    """A message as kept: "<status>@<moment> <text>"."""
    step, text = kept.split(" ", 1)
    status, at = step.split("@", 1)
    return Message(status=Status(status), at=at, text=text)


def _me(access: Access) -> str:
    if not access.principal.employee_id:
        raise Forbidden("only a principal tied to an employee takes part in introductions")
    return access.principal.employee_id


async def request(graph: Graph, access: Access, body: IntroductionIn) -> Introduction:
    """Checked whole before anything is written: the contact and the deal inside the
    requester's perspective, the deal on the contact's account, the colleague one the
    requester may name and who exists; and no introduction by the same colleague to the same
    contact still open (409)."""
    me = _me(access)
    # The kinds first, so that an id of another kind is 404 (422) whoever's it is; a deal on the
    # contact's account is inside the perspective the contact is.
    account = await access.account_of(body.contact_id, kind=Kind.CONTACT)
    if account is None:
        raise NotFound(f"no Contact with id {body.contact_id!r}")
    access.within(account)
    if body.opportunity_id and await access.account_of(body.opportunity_id,
                                                       kind=Kind.OPPORTUNITY) != account:
        raise ValidationFailed([field_problem(
            "opportunity_id", "deal_not_on_account", "no deal with that id on the "
            "contact's account")])
    colleague = resolve_ref(access.viewer, body.colleague)
    if colleague == me:
        raise ValidationFailed([field_problem("colleague", "that_is_you", "that is you")])
    await known_colleague(graph, colleague, graph.today())
    [row] = await graph.write(q("introductions/create"), id="intro-" + secrets.token_hex(8),
                              requester_id=me, colleague_id=colleague, contact_id=body.contact_id,
                              opportunity_id=body.opportunity_id, note=body.note)
    if row["open_id"] is not None:
        raise Conflict(f"you asked this colleague about this contact already ({row['open_id']}), "
                       "and it is still open; nothing was written", introduction_id=row["open_id"],
                       errors=[field_problem("colleague", "introduction_open", "you asked this "
                                             "colleague about this contact already")])
    return _view(access, row["introduction"])


async def mine(graph: Graph, access: Access, limit: int,
               direction: Direction | None = None) -> list[Introduction]:
    admin_only = access.principal.role == Role.ADMIN and not access.principal.employee_id
    who = None if admin_only else _me(access)
    rows_ = await graph.read(q("introductions/list"), employee_id=who, limit=limit,
                             direction=direction.value if direction else None)
    return [_view(access, r["introduction"]) for r in rows_]


async def advance(graph: Graph, settings: Settings, access: Access, intro_id: str,
                  to: Status, message: str | None = None) -> Introduction:
    """One step, atomic: the status and, for `helped` on a deal, the LEVERAGED edge the
    contribution KPI counts (checked by the write policy as the requester's own write)."""
    found = await graph.read_one(q("introductions/get"), id=intro_id)
    if found is None:
        raise NotFound(f"no introduction {intro_id!r} of yours")
    intro = found["introduction"]
    me = _me(access)
    if me not in (intro["requester_id"], intro["colleague_id"]):
        # The same answer for an introduction of others as for none: ids are not probed.
        raise NotFound(f"no introduction {intro_id!r} of yours")
    party = "colleague_id" if to in COLLEAGUE_STEPS else "requester_id"
    if me != intro[party]:
        raise Forbidden("only the colleague asked accepts, declines and makes the introduction; "
                        "only the requester says whether it helped, or withdraws the request")
    steps: list[writes.Step] = []
    if to == Status.HELPED and intro.get("opportunity_id"):
        edge = RelationshipIn.model_validate({"type": RelType.LEVERAGED,
                                              "from": intro["colleague_id"],
                                              "to": intro["opportunity_id"],
                                              "since": graph.today()})
        steps = await plan_one(graph, settings, "relationships", edge,
                               writer=Writer.of(access, Source.API))

    async def work(tx: AsyncManagedTransaction) -> list[Row]:
        moved = await rows(tx, q("introductions/transition"), id=intro_id,
                           from_statuses=[s.value for s in STEPS[to]], to_status=to.value,
                           message=message)
        if moved:
            await writes.run_steps(tx, steps, settings)
        return moved

    moved = await graph.write_tx(work)
    if not moved:
        raise Conflict(f"an introduction that is {intro['status']} cannot become {to.value}")
    return _view(access, moved[0]["introduction"])
