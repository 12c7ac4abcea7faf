from typing import Annotated

from fastapi import APIRouter, Header, Query, Response

from app.actions import service
from app.actions.schemas import ActionIn, ActionPage, ActionStatus, ActionUpdate, TrackedAction
from app.auth.deps import AccessDep, WriteAccess
from app.bodies import JsonRoute
from app.deps import GraphDep
from app.errors import documented
from app.ids import ID
from app.ingestion.provenance import Source
from app.scopes import ScopeText
from app.sheets.words import LangParam
from app.sheets.writing import SHEET_RESPONSES, FormatParam, cut, models_download

router = APIRouter(prefix="/v1/actions", tags=["tracked actions"], route_class=JsonRoute)

SourceHeader = Annotated[Source | None, Header(
    alias="X-BRM-Source", description="Where the write comes from (default: api)")]


@router.post("", response_model=TrackedAction, status_code=201,
             responses={**documented(403, "The account or the owner is outside the writer's "
                                          "perspective"),
                        **documented(409, "The Idempotency-Key was sent with another action"),
                        **documented(422, "Every field naming nothing fitting; nothing written")})
async def create_action(body: ActionIn, graph: GraphDep, access: WriteAccess,
                        source: SourceHeader = None,
                        idempotency_key: Annotated[str | None, Header(
                            min_length=1, max_length=256,
                            description="Any unique text of the client's: a retry with the "
                                        "same key answers the action the first request made "
                                        "and adds none (409 if it asks for another)")] = None,
                        ) -> TrackedAction:
    """Take on a suggested action (its `principle` as `kind`, with its contact, deal and
    competitor) or write one (`custom`): open, with an owner and a due date. The suggested
    action lists then mark it (`tracked_action_id`)."""
    return await service.create(graph, access, body, source or Source.API, graph.today(),
                                idempotency_key)


@router.patch(f"/{ID}", response_model=TrackedAction,
              responses={**documented(403, "Outside the writer's perspective"),
                         **documented(404, "Unknown action"),
                         **documented(409, "Not allowed from the current status")})
async def update_action(id: str, body: ActionUpdate, graph: GraphDep,
                        access: WriteAccess) -> TrackedAction:
    """Change the status (open to done or dropped; a closed action changes no more), the due
    date, the owner or the note. The owner may change their own action's status, due date and
    note; reassigning is for writers on its account."""
    return await service.update(graph, access, id, body, graph.today())


@router.get("", response_model=ActionPage,
            responses={**documented(404, "Unknown team or employee"), **SHEET_RESPONSES})
async def list_actions(graph: GraphDep, access: AccessDep,
                       scope: Annotated[ScopeText | None, Query(
                           description="company, team:<id> or employee:<id>: the actions on "
                                       "its accounts today (default: every account the "
                                       "principal may read, and its own actions)",
                           examples=["team:t-00001"])] = None,
                       owner_id: Annotated[str | None, Query(max_length=256)] = None,
                       status: ActionStatus | None = None,
                       limit: Annotated[int, Query(ge=1, le=100)] = 100,
                       offset: Annotated[int, Query(ge=0, le=100_000)] = 0,
                       format: FormatParam = None, lang: LangParam = None) -> ActionPage | Response:
    """Tracked actions, earliest due first, with whether each is overdue. With `format`, the
    page's actions as a spreadsheet."""
    allowed = None if scope is None else await access.scope_read(scope)
    today = graph.today()
    page = await service.page(graph, access, scope=allowed, owner_id=owner_id, status=status,
                              limit=limit, offset=offset, today=today)
    if format is None:
        return page
    # A person's file names who created an action; the sign-in it used is a program's matter.
    return cut(await models_download(format, ("actions", scope or "mine", today.isoformat()),
                                     TrackedAction, page.actions, lang, page.names, graph=graph,
                                     leave_out=frozenset({"created_by.principal_id"} if lang else ())),
               offset + len(page.actions) < page.total)
