from typing import Annotated

from fastapi import APIRouter, Query, Response

from app.auth.deps import AccessDep
from app.changes import service
from app.changes.events import line_start
from app.changes.schemas import ChangeEvent, ChangeFeed, EventType
from app.deps import GraphDep, PeriodDep, ScopeParam, SettingsDep
from app.errors import documented
from app.routes import CheckedRoute
from app.sheets.words import LangParam, change_detail
from app.sheets.writing import SHEET_RESPONSES, FormatParam, cut, models_download

router = APIRouter(prefix="/v1/changes", tags=["weekly review"], route_class=CheckedRoute)

@router.get("", response_model=ChangeFeed,
            responses={**documented(404, "Unknown team or employee in the scope"),
                       **documented(422, "Every problem of the period"), **SHEET_RESPONSES})
async def changes(graph: GraphDep, settings: SettingsDep, access: AccessDep, period: PeriodDep,
                  scope: ScopeParam = None,
                  type: Annotated[list[EventType] | None, Query(
                      description="Only events of these types (repeat the parameter)")] = None,
                  limit: Annotated[int, Query(ge=1, le=100)] = 100,
                  offset: Annotated[int, Query(ge=0, le=100_000)] = 0,
                  format: FormatParam = None, lang: LangParam = None) -> ChangeFeed | Response:
    """What changed in the scope's accounts over the period, newest first: degrees and votes
    that moved, decision-chain members added or removed, contacts who left, overdue tracked
    actions (each on its day); and, comparing each open deal at the period's end with the day
    before it began, new blockers, members no colleague reaches any more, newly
    single-threaded members and a weighted supportive coverage that fell by 0.1 or more. With
    `format`, the page's events as a spreadsheet."""
    allowed = await access.scope_read(scope)
    feed = await service.changes(graph, settings, scope=allowed, period=period,
                                 types=type, limit=limit, offset=offset, viewer=access.viewer)
    if format is None:
        return feed
    # A person's file says each event as the weekly review does, in their language.
    events = feed.events if lang is None else [
        e.model_copy(update={"detail": change_detail(e, feed.names, lang),
                             # A line's start is a person: by name, as its detail says it.
                             **({"from_": feed.names.get(start) or start}
                                if (start := line_start(e)) else {})})
        for e in feed.events]
    return cut(await models_download(format, ("changes", feed.scope, str(feed.since), str(feed.until)),
                                     ChangeEvent, events, lang, feed.names, graph=graph),
               feed.truncated or offset + len(events) < feed.total)
