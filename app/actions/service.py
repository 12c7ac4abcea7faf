"""Tracked actions (制定行动计划): suggested actions taken on, or written freely, with an owner,
a due date and a status (docs/domain.md, the daily loop)."""

import hashlib
import secrets
from datetime import date
from typing import Any, LiteralString

from neo4j import AsyncManagedTransaction
from neo4j.exceptions import ConstraintError

from app.actions.schemas import (
    NEXT,
    ActionIn,
    ActionPage,
    ActionStatus,
    ActionUpdate,
    TrackedAction,
)
from app.auth.policy import Access, Viewer, known_colleague, resolve_ref
from app.auth.writes import action_refusals, refuse
from app.db.cypher import q
from app.db.graph import Graph, Reader, Row, rows
from app.errors import Conflict, NotFound, ProblemEntry, ValidationFailed, field_problem
from app.ingestion.provenance import Source, shown_entry
from app.kpis.scope_data import accounts
from app.nodes.names import names
from app.people import repository as people
from app.scopes import Scope
from app.strategy.schemas import ActionItem
from app.webhooks import outbox


def shown(row: Row, access: Access, today: date) -> TrackedAction:
    """A stored action as this principal may see it: its owner and its author by reference
    when it may not see them; but to its owner, its author as they are: whoever gave an action
    to someone is known to them, who is asked to do it."""
    viewer, author = access.viewer, row.get("entered_by_employee")
    row = shown_entry(dict(row), viewer)
    row["created_by"] = row.pop("entered_by")
    if author and row["created_by"] and row["owner_id"] == access.principal.employee_id:
        row["created_by"].employee_id = author
    overdue = row["status"] == ActionStatus.OPEN and row["due"] < today
    return TrackedAction(**{**row, "owner_id": viewer.ref(row["owner_id"]), "overdue": overdue,
                            "account_visible": viewer.sees_contact(row["account_id"])})


async def _subjects(graph: Reader, body: ActionIn) -> tuple[str | None, list[ProblemEntry]]:
    """The action's account, and every id of the body that names nothing fitting."""
    found = await graph.read_one(q("actions/subjects"), account_id=body.account_id,
                                 opportunity_id=body.opportunity_id, contact_id=body.contact_id,
                                 competitor_id=body.competitor_id, owner_id=body.owner_id)
    row: dict[str, Any] = found or {}
    account = row.get("account_id")
    problems: list[ProblemEntry] = []
    if body.opportunity_id and row.get("opportunity_id") is None:
        problems.append(field_problem("opportunity_id", "unknown_id", "no deal with that id",
                                      id=body.opportunity_id, expected="Opportunity"))
    elif account is None:
        problems.append(field_problem("account_id", "unknown_id", "no account with that id",
                                      id=body.account_id or "", expected="Account"))
    if body.contact_id and row.get("contact_account_id") != account:
        problems.append(field_problem("contact_id", "contact_not_on_account",
                                      "no contact with that id on the action's account",
                                      id=body.contact_id))
    if body.competitor_id and row.get("competitor_id") is None:
        problems.append(field_problem("competitor_id", "unknown_id", "no competitor with that id",
                                      id=body.competitor_id, expected="Competitor"))
    if row.get("owner_id") is None:
        problems.append(field_problem("owner_id", "unknown_id", "no employee with that id",
                                      id=body.owner_id, expected="Employee"))
    return account, problems


def _keyed_id(access: Access, key: str) -> str:
    """The id of the action a principal's `Idempotency-Key` makes: the same for a retry of
    the request, another for anybody else's key."""
    return "act-k" + hashlib.sha256(f"{access.principal.id}|{key}".encode()).hexdigest()[:16]


# What a retry with the same Idempotency-Key must ask again (the rest is the server's).
_ASKED = ("account_id", "opportunity_id", "kind", "contact_id", "competitor_id", "owner_id",
          "due", "note")


async def _made_before(graph: Graph, access: Access, body: ActionIn, action_id: str,
                       today: date) -> TrackedAction | None:
    """The action an earlier request with this key made, if any; 409 if it asked another."""
    found = await graph.read_one(q("actions/get"), id=action_id)
    if found is None:
        return None
    stored = found["action"]
    asked = body.model_dump(include=set(_ASKED))
    if body.opportunity_id is not None:
        asked.pop("account_id")  # the deal's account, filled in by the server
    if any(stored.get(k) != (v.value if k == "kind" else v) for k, v in asked.items()):
        raise Conflict("this Idempotency-Key was sent with another action; nothing was written")
    return shown(stored, access, today)


async def create(graph: Graph, access: Access, body: ActionIn, source: Source,
                 today: date, idempotency_key: str | None = None) -> TrackedAction:
    """Checked whole before anything is written: every id naming a record that fits (422
    listing each), then the account inside the writer's accounts and the owner inside its
    networks (403 listing both). An owner outside is refused, not looked up, so that whether
    a colleague exists is not learnt from the answer; so is a contact named with an account
    outside, so that where a contact works is not learnt either. With an `idempotency_key`,
    a retry answers the action the first request made, and adds none: checked as a new one
    first, so that a retry tells no more than a new request (an owner the writer may not see,
    whom the action was handed to since, is refused, not matched)."""
    body = body.model_copy(update={"owner_id": _owner(access, body.owner_id)})
    action_id = ("act-" + secrets.token_hex(8) if idempotency_key is None
                 else _keyed_id(access, idempotency_key))
    owner = ("owner_id", body.owner_id)
    account, problems = await _subjects(graph, body)
    if action_refusals(access, owner=owner):  # refused below, not looked up
        problems = [p for p in problems if p["path"] != "owner_id"]
    if account is not None and action_refusals(access, account=("account_id", account)):
        # Refused below too: whether a contact is on an account the writer may not see is not
        # for the answer to tell.
        problems = [p for p in problems if p["path"] != "contact_id"]
    if problems:
        raise ValidationFailed(problems)
    refuse(action_refusals(access, owner=owner, account=(
        "opportunity_id" if body.opportunity_id else "account_id", account or "")))
    if idempotency_key is not None and (
            before := await _made_before(graph, access, body, action_id, today)):
        return before
    p = access.principal
    try:
        row = await _marked(graph, account, q("actions/create"),
                            id=action_id, account_id=account,
                            opportunity_id=body.opportunity_id, contact_id=body.contact_id,
                            competitor_id=body.competitor_id, kind=body.kind.value,
                            owner_id=body.owner_id, due=body.due, note=body.note,
                            principal_id=p.id, employee_id=p.employee_id, source=source.value,
                            today=today)
    except ConstraintError:
        # The same key sent twice at once: the other request made it.
        made = None if idempotency_key is None else await _made_before(
            graph, access, body, action_id, today)
        if made is None:
            raise
        return made
    return shown(row[0]["action"], access, today)


async def _marked(graph: Graph, account: str | None, query: LiteralString,
                  **params: Any) -> list[Row]:
    """A write of an action on the account, with its outbox mark (app/webhooks/outbox.py)."""
    async def work(tx: AsyncManagedTransaction) -> list[Row]:
        found = await rows(tx, query, **params)
        if found and account:
            await outbox.mark(tx, [account], params["today"])
        return found

    return await graph.write_tx(work)


def _owner(access: Access, given: str) -> str:
    """The employee behind an owner id or colleague reference; one the writer may not see
    stays as given, for the write policy to refuse."""
    try:
        return resolve_ref(access.viewer, given)
    except NotFound:
        return given


async def update(graph: Graph, access: Access, action_id: str, body: ActionUpdate,
                 today: date) -> TrackedAction:
    """One change, atomic: refused (409) from a status that does not allow it, and (403) to a
    writer outside the action's account, unless the writer owns the action."""
    found = await graph.read_one(q("actions/get"), id=action_id)
    if found is None:
        raise NotFound(f"no tracked action {action_id!r}")
    action: Row = found["action"]
    owner = _owner(access, body.owner_id) if body.owner_id else action["owner_id"]
    mine = access.principal.employee_id == action["owner_id"] and body.owner_id is None
    if not mine:
        refuse(action_refusals(access, account=("id", action["account_id"]),
                               owner=("owner_id", owner) if body.owner_id else None))
    if body.owner_id and not await people.employees(graph, [owner], today):
        raise ValidationFailed([field_problem("owner_id", "unknown_id", "no employee with that id",
                                              id=body.owner_id, expected="Employee")])
    current = ActionStatus(action["status"])
    status = body.status or current
    if (status == current and status != ActionStatus.OPEN and body.due is None
            and body.owner_id is None and body.note is None):
        # A retry of a close that went through: the action as it stands, unchanged.
        return shown(action, access, today)
    if status not in NEXT[current]:  # done or dropped: final
        raise Conflict(f"an action that is {current.value} changes no more")
    allowed = [s.value for s, after in NEXT.items() if status in after]
    moved = await _marked(graph, action["account_id"], q("actions/update"), id=action_id,
                          from_statuses=allowed, status=status.value,
                          due=body.due or action["due"], owner_id=owner, today=today,
                          note=body.note if body.note is not None else action.get("note"))
    if not moved:  # changed by someone else between the read and the write
        raise Conflict(f"the action is no longer {current.value}")
    return shown(moved[0]["action"], access, today)


async def page(graph: Graph, access: Access, *, scope: Scope | None, owner_id: str | None,
               status: ActionStatus | None, limit: int, offset: int, today: date) -> ActionPage:
    """Actions on the scope's accounts today (None: every account the principal may read,
    and its own actions; the principal's own employee scope: its accounts and its own
    actions), earliest due first."""
    owner = resolve_ref(access.viewer, owner_id) if owner_id else None
    if owner:
        await known_colleague(graph, owner, today)
    account_ids: list[str] | None = None
    mine = None
    if scope is not None and scope.kind != "company":
        account_ids = [a["account_id"] for a in await accounts(graph, scope, today)]
        if scope.kind == "employee" and scope.id == access.principal.employee_id:
            # A lead may ask a rep for help on another's account: the rep's own list and
            # weekly review hold it.
            mine = scope.id
    elif scope is None and access.reach.accounts is not None:
        account_ids, mine = sorted(access.reach.accounts), access.principal.employee_id
    row = await graph.read_one(q("actions/list"), account_ids=account_ids, mine=mine,
                               owner_id=owner, status=status.value if status else None,
                               limit=limit, offset=offset)
    found = row or {"total": 0, "actions": []}
    actions = [shown(r, access, today) for r in found["actions"]]
    # Ids only after the viewer's references replaced colleagues they may not see, so that
    # no hidden colleague is named.
    named = await names(graph, [i for a in actions for i in (
        a.account_id, a.opportunity_id, a.contact_id, a.competitor_id, a.owner_id,
        a.created_by.employee_id if a.created_by else None)])
    return ActionPage(total=found["total"], actions=actions, names=named)


def _key(kind: str, opportunity_id: str | None, contact_id: str | None,
         competitor_id: str | None) -> tuple[str, str | None, str | None, str | None]:
    return kind, opportunity_id, contact_id, competitor_id


async def mark_tracked(graph: Reader, items: list[ActionItem], *, account_id: str,
                       viewer: Viewer, opportunity_id: str | None = None) -> list[ActionItem]:
    """Each suggestion with the tracked action that took it on (the newest one not dropped), if
    any: its id, owner (as the viewer may see them), due day and status."""
    rows = await graph.read_list(q("actions/tracked"), account_id=account_id,
                                 opportunity_id=opportunity_id, limit=10_000)
    taken: dict[tuple[str, str | None, str | None, str | None], Row] = {}
    for r in rows:  # newest first: the first one of a key wins
        taken.setdefault(_key(r["kind"], r["opportunity_id"], r["contact_id"],
                              r["competitor_id"]), r)
    for item in items:
        action = taken.get(_key(item.principle, item.opportunity_id, item.contact_id,
                                item.competitor_id))
        if action:
            item.tracked_action_id, item.tracked_due = action["id"], action["due"]
            item.tracked_owner_id = viewer.ref(action["owner_id"])
            item.tracked_status = action["status"]
    return items

