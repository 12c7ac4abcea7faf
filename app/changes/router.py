from datetime import date, timedelta
from typing import Annotated

from fastapi import APIRouter, Query, Response

from app.auth.deps import AccessDep
from app.changes import service
from app.changes.events import Period
from app.changes.schemas import ChangeEvent, ChangeFeed, EventType
from app.dates import IN_RANGE, Bounded
from app.deps import GraphDep, ScopeParam, SettingsDep
from app.errors import ValidationFailed, documented, field_problem
from app.sheets.words import LangParam, change_detail
from app.sheets.writing import SHEET_RESPONSES, FormatParam, cut, models_download

router = APIRouter(prefix="/v1/changes", tags=["weekly review"])

WEEK = 7


@router.get("", response_model=ChangeFeed,
            responses={**documented(404, "Unknown team or employee in the scope"),
                       **documented(422, "Every problem of the period"), **SHEET_RESPONSES})
async def changes(graph: GraphDep, settings: SettingsDep, access: AccessDep,
                  scope: ScopeParam = None,
                  since: Annotated[Bounded[date] | None, Query(
                      description=f"First day of the period (default: six days before until), "
                                  f"{IN_RANGE}", examples=["2026-11-24"])] = None,
                  until: Annotated[Bounded[date] | None, Query(
                      description=f"Last day of the period (default: six days after since, or "
                                  f"today without since), {IN_RANGE}",
                      examples=["2026-11-30"])] = None,
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
    week = timedelta(days=WEEK - 1)
    last = until or (since + week if since else graph.today())
    first = since or last - week
    problems = []
    if first > last:
        problems.append(field_problem("since", "since_after_until", "since is after until"))
    elif (last - first).days + 1 > settings.changes_max_period_days:
        problems.append(field_problem("since", "period_too_long", "a period is at most "
                                      f"{settings.changes_max_period_days} days",
                                      max_days=settings.changes_max_period_days))
    if problems:
        raise ValidationFailed(problems)
    allowed = await access.scope_read(scope)
    feed = await service.changes(graph, settings, scope=allowed, period=Period(first, last),
                                 types=type, limit=limit, offset=offset, viewer=access.viewer)
    if format is None:
        return feed
    # A person's file says each event as the weekly review does, in their language.
    events = feed.events if lang is None else [
        e.model_copy(update={"detail": change_detail(e, feed.names, lang)}) for e in feed.events]
    return cut(await models_download(format, ("changes", feed.scope, str(feed.since), str(feed.until)),
                                     ChangeEvent, events, lang, feed.names),
               feed.truncated or offset + len(events) < feed.total)
