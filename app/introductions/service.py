import secrets
from datetime import date
from typing import Any

from app.auth.policy import Access, resolve_ref
from app.auth.schemas import Role
from app.config import Settings
from app.db.cypher import q
from app.db.graph import Graph
from app.domain import RelType
from app.errors import Conflict, Forbidden, NotFound, ValidationFailed
from app.ingestion.schemas import RelationshipIn
from app.ingestion.service import store_one
from app.introductions.schemas import STEPS, Introduction, IntroductionIn, Status


def _view(access: Access, row: dict[str, Any]) -> Introduction:
    return Introduction(**{**row, "colleague_id": access.viewer.ref(row["colleague_id"])})


def _me(access: Access) -> str:
    if not access.principal.employee_id:
        raise Forbidden("only a principal tied to an employee takes part in introductions")
    return access.principal.employee_id


async def request(graph: Graph, access: Access, body: IntroductionIn) -> Introduction:
    me = _me(access)
    await access.object(body.contact_id)
    colleague = resolve_ref(access.viewer, body.colleague)
    if colleague == me:
        raise ValidationFailed([{"path": "colleague", "message": "that is you"}])
    if await access.account_of(body.contact_id) is None:
        raise NotFound(f"no Contact with id {body.contact_id!r}")
    row = await graph.write(q("introductions/create"), id="intro-" + secrets.token_hex(8),
                            requester_id=me, colleague_id=colleague, contact_id=body.contact_id,
                            opportunity_id=body.opportunity_id, note=body.note)
    return _view(access, row[0]["introduction"])


async def mine(graph: Graph, access: Access, limit: int) -> list[Introduction]:
    admin_only = access.principal.role == Role.ADMIN and not access.principal.employee_id
    who = None if admin_only else _me(access)
    rows = await graph.read(q("introductions/list"), employee_id=who, limit=limit)
    return [_view(access, r["introduction"]) for r in rows]


async def advance(graph: Graph, settings: Settings, access: Access, intro_id: str,
                  to: Status) -> Introduction:
    found = await graph.read_one(q("introductions/get"), id=intro_id)
    if found is None:
        raise NotFound(f"no introduction {intro_id!r}")
    intro = found["introduction"]
    me = _me(access)
    if to in (Status.ACCEPTED, Status.DECLINED) and me != intro["colleague_id"]:
        raise Forbidden("only the colleague asked may accept or decline")
    if me not in (intro["requester_id"], intro["colleague_id"]):
        raise Forbidden("only the two colleagues take part in this introduction")
    moved = await graph.write(q("introductions/transition"), id=intro_id,
                              from_statuses=[s.value for s in STEPS[to]], to_status=to.value)
    if not moved:
        raise Conflict(f"an introduction that is {intro['status']} cannot become {to.value}")
    if to == Status.HELPED and intro["opportunity_id"]:
        # Recorded as the LEVERAGED edge the contribution KPI counts.
        await store_one(graph, settings, "relationships", RelationshipIn.model_validate(
            {"type": RelType.LEVERAGED, "from": intro["colleague_id"],
             "to": intro["opportunity_id"], "since": date.today()}))
    return _view(access, moved[0]["introduction"])
