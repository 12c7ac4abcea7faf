from typing import Annotated

from fastapi import APIRouter, Query, Response

from app.activities import service, sheets
from app.activities.schemas import (
    AccountActivity,
    ActivityFeed,
    ActivityList,
    ActivityRow,
    ColleagueRow,
    FeedRows,
    PrivateIn,
    PrivateOut,
)
from app.auth.deps import AccessDep, WriteAccess
from app.auth.policy import Access
from app.bodies import JsonRoute
from app.db.graph import Reader
from app.deps import AsOf, GraphDep, PeriodDep, ScopeParam, SettingsDep
from app.domain import Kind
from app.errors import NotFound, documented
from app.ids import ID
from app.sheets.words import LangParam
from app.sheets.writing import SHEET_RESPONSES, Format, FormatParam, cut, models_download

router = APIRouter(prefix="/v1", tags=["activities"], route_class=JsonRoute)
Limit = Annotated[int, Query(ge=1, le=200)]
# A file's kind, the first part of its name (app/sheets/words.py FILE_WORDS).
FILE_KINDS = {FeedRows.ACTIVITIES: "activities", FeedRows.COLLEAGUES: "colleagues",
              FeedRows.ACCOUNTS: "account-activity"}
RESPONSES = {**documented(403, "Outside the viewer's perspective"),
             **documented(404, "Unknown id")}


async def _history(access: Access, object_id: str, kind: Kind, as_of: AsOf,
                   limit: int) -> ActivityList:
    async def work(reader: Reader) -> ActivityList:
        if await access.account_of(object_id, reader, kind) is None:
            raise NotFound(f"no {kind} with id {object_id!r}")
        return await service.activities(
            reader, as_of=as_of, limit=limit, viewer=access.viewer,
            accounts=access.reach.accounts, me=access.principal.employee_id,
            **{"contact_id" if kind == Kind.CONTACT else "account_id": object_id})

    return await access.answer(object_id, work)


@router.get(f"/contacts/{ID}/activities", response_model=ActivityList, responses=RESPONSES)
async def contact_activities(id: str, as_of: AsOf, access: AccessDep,
                             limit: Limit = 50) -> ActivityList:
    """The person's activity history up to as_of, newest first, with who entered each."""
    return await _history(access, id, Kind.CONTACT, as_of, limit)


@router.get(f"/accounts/{ID}/activities", response_model=ActivityList, responses=RESPONSES)
async def account_activities(id: str, as_of: AsOf, access: AccessDep,
                             limit: Limit = 50) -> ActivityList:
    """Activities with any of the account's people up to as_of, newest first."""
    return await _history(access, id, Kind.ACCOUNT, as_of, limit)


@router.get("/activities", response_model=ActivityFeed, tags=["weekly review"], responses={
    **documented(403, "A scope outside the viewer's perspective"),
    **documented(404, "Unknown team or employee in the scope"),
    **documented(422, "Every problem of the period"), **SHEET_RESPONSES})
async def scope_activities(graph: GraphDep, settings: SettingsDep, access: AccessDep,
                           period: PeriodDep, scope: ScopeParam = None,
                           limit: Annotated[int, Query(ge=1, le=1000)] = 50,
                           offset: Annotated[int, Query(ge=0, le=100_000)] = 0,
                           colleagues_limit: Annotated[int, Query(
                               ge=1, le=10_000, description="Colleagues listed at most: the "
                                                            "scope's members first, then the "
                                                            "most active")] = 100,
                           accounts_limit: Annotated[int, Query(
                               ge=1, le=10_000, description="Accounts listed at most: the "
                                                            "longest unmet first")] = 100,
                           format: FormatParam = None, lang: LangParam = None,
                           rows: Annotated[FeedRows, Query(
                               description="With `format`: the page of activities (a row each, "
                                           "their people, accounts and our colleagues listed), "
                                           "the colleagues' figures (a column per type) or the "
                                           "accounts'")
                           ] = FeedRows.ACTIVITIES) -> ActivityFeed | Response:
    """What colleagues did with the scope's people over the period (this week by default):
    how many activities of each type, how many people at how many accounts, the same per
    colleague (the scope's members first, a quiet one too, then the others; each the most
    active first), per account with the day its people were last met (the longest unmet
    first), and a page of the activities, newest first. For the weekly review: who met whom,
    who has been quiet, and which accounts were left alone. With `format`, the page's
    activities, the colleagues or the accounts (`rows`) as a spreadsheet."""
    allowed = await access.scope_read(scope)
    feed = await service.in_period(graph, settings, scope=allowed, period=period, limit=limit,
                                   offset=offset, colleagues_limit=colleagues_limit,
                                   accounts_limit=accounts_limit,
                                   viewer=access.viewer,
                                   accounts=access.reach.accounts,
                                   me=access.principal.employee_id)
    if format is None:
        return feed
    name = (FILE_KINDS[rows], feed.scope, str(feed.since), str(feed.until))
    # A person's workbook says what its rows count on a sheet after them (a CSV has one sheet).
    about = (await sheets.about(graph, feed, allowed, lang, rows == FeedRows.COLLEAGUES)
             if lang is not None and format == Format.XLSX else None)
    if rows == FeedRows.COLLEAGUES:
        # A company has no members: the columns would say "no" and nothing of everyone.
        company = (frozenset({"member", "elsewhere"}) if allowed.kind == "company"
                   else frozenset())
        return cut(await models_download(format, name, ColleagueRow, sheets.colleague_rows(feed),
                                         lang, feed.names, leave_out=company, about=about,
                                         graph=graph),
                   feed.truncated or len(feed.by_colleague) < feed.colleagues_total)
    if rows == FeedRows.ACCOUNTS:
        return cut(await models_download(format, name, AccountActivity, feed.by_account, lang,
                                         feed.names, about=about, graph=graph),
                   feed.truncated or len(feed.by_account) < feed.accounts_total)
    page, names = sheets.activity_rows(feed, graph.zone)
    return cut(await models_download(format, name, ActivityRow, page, lang, names, about=about,
                                         graph=graph),
               feed.truncated or offset + len(page) < feed.overall.activities)


@router.patch(f"/activities/{ID}", response_model=PrivateOut, responses={
    **documented(403, "Not an employee who took part in it (of an activity one may see)"),
    **documented(404, "Unknown id, private to someone else, or outside one's accounts")})
async def mark_private(id: str, body: PrivateIn, graph: GraphDep, settings: SettingsDep,
                       access: WriteAccess) -> PrivateOut:
    """Mark an activity one took part in private (it then counts for nobody but oneself: other
    people's activity lists and the contact level leave it out) or shared again. For an
    employee's own captured calendar and mail: a meeting that is nobody else's business."""
    return await service.mark_private(graph, settings, id, access.principal.employee_id,
                                      body.private, access.reach.accounts)
