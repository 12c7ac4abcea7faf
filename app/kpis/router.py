from collections.abc import AsyncIterator, Iterable
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response
from fastapi.responses import StreamingResponse

from app.auth.deps import AccessDep
from app.auth.policy import Viewer
from app.deps import AsOf, GraphDep, ScopeParam, SettingsDep
from app.errors import documented, field_problem
from app.kpis import service
from app.kpis.schemas import (
    AccountRow,
    CustomerLine,
    InfluenceKpis,
    InfluenceListItem,
    InfluenceTrend,
    KeyPersonLine,
    KeyPersonListRow,
    Period,
)
from app.nodes.names import names
from app.routes import CheckedRoute, refuse_later
from app.sheets.words import LangParam
from app.sheets.writing import SHEET_RESPONSES, FormatParam, cut, models_download

router = APIRouter(prefix="/v1/kpis", tags=["kpis"], route_class=CheckedRoute)

NOT_FOUND = documented(404, "Unknown team or employee in the scope")

PeriodParam = Annotated[Period | None, Query(
    description="The contribution's period: ytd, the calendar year to date (本年度, January 1 "
                "through as_of); days, the trailing window of period_days. Default: days when "
                "period_days is given, else ytd")]
PeriodDaysParam = Annotated[int | None, Query(
    ge=1, le=3660, description=f"The trailing window in days (period=days; default "
                               f"{service.PERIOD_DAYS})")]


async def period_days_asked(period_days: PeriodDaysParam = None,
                            period: PeriodParam = None) -> int | None:
    """The trailing window asked for, or None for the calendar year to date."""
    if period == Period.YTD and period_days is not None:
        refuse_later([field_problem("period_days", "period_days_for_days",
                                    "period_days is for period=days, not ytd")])
    if period == Period.YTD or (period is None and period_days is None):
        return None
    return period_days or service.PERIOD_DAYS


PeriodDays = Annotated[int | None, Depends(period_days_asked)]


@router.get("/influence", response_model=InfluenceKpis, responses={**NOT_FOUND, **SHEET_RESPONSES})
async def influence(graph: GraphDep, settings: SettingsDep, as_of: AsOf, access: AccessDep,
                    period_days: PeriodDays, scope: ScopeParam = None,
                    format: FormatParam = None, lang: LangParam = None) -> InfluenceKpis | Response:
    """Influence line: value potential (private vs public network), contribution by count and by
    amount, acquainted key persons, each with month-on-month and year-on-year; the members of
    focus deals' decision chains to break through. With `format`, the influence list as a
    spreadsheet."""
    allowed = await access.scope_read(scope)
    kpis = _as_seen(await service.influence(
        graph, settings, scope=allowed, as_of=as_of,
        period_days=period_days,
        list_limit=None if format is None else settings.export_limit), access.viewer)
    if format is None:
        return kpis
    # The owners by name for people (those the viewer may not see are references already).
    owners = None if lang is None else await names(
        graph, [o for i in kpis.influence_list for o in i.owner_ids])
    return cut(await models_download(format, ("influence-list", kpis.scope, str(kpis.as_of)),
                                     InfluenceListItem, kpis.influence_list, lang, owners,
                                     graph=graph),
               len(kpis.influence_list) < (kpis.acquainted.value or 0))


def _as_seen(kpis: InfluenceKpis, viewer: Viewer) -> InfluenceKpis:
    """The lists name owners the viewer may not see by reference. An employee's own network
    holds people at any account: one outside the viewer's perspective only by name and company
    (anyone may say they know anyone, so that is all their saying so may show)."""
    if viewer.visible is None:
        return kpis

    def shown(items: list[InfluenceListItem]) -> list[InfluenceListItem]:
        return [i.model_copy(update={"owner_ids": viewer.refs(i.owner_ids)})
                for i in items]

    def own(items: list[InfluenceListItem]) -> list[InfluenceListItem]:
        return shown([i if viewer.sees_contact(i._account_id) else i.seen_from_outside()
                      for i in items])

    return kpis.model_copy(update={
        "influence_list": shown(kpis.influence_list),
        "own_network": None if kpis.own_network is None else own(kpis.own_network)})


@router.get("/customers", response_model=CustomerLine, responses={**NOT_FOUND, **SHEET_RESPONSES})
async def customers(graph: GraphDep, settings: SettingsDep, as_of: AsOf, access: AccessDep,
                    scope: ScopeParam = None,
                    offset: Annotated[int, Query(
                        ge=0, le=10_000_000,
                        description="The account list's first account (by id) to answer")] = 0,
                    limit: Annotated[int | None, Query(
                        ge=1, le=100_000,
                        description="How many accounts of the account list to answer (default: "
                                    "every one); `account_list_total` says how many there "
                                    "are")] = None,
                    format: FormatParam = None, lang: LangParam = None) -> CustomerLine | Response:
    """Customer line: accounts, three-degree averages, tiers per dimension and the account list
    (a page of it with `offset` and `limit`). With `format`, the account list (or the page) as a
    spreadsheet (a figure's `value`, `previous_month` and `mom_change` in columns of their own:
    `open_amount.value`, ...)."""
    found = await service.customers(graph, settings, scope=await access.scope_read(scope),
                                    as_of=as_of, offset=offset, limit=limit)
    if format is None:
        # The CustomerLine's JSON, written without making a model of each account.
        made = found.made()
        if made.size < service.PIECE_BYTES:
            return Response(b"".join(made.pieces()), media_type="application/json")
        return StreamingResponse(_sent(made.pieces()), media_type="application/json",
                                 headers={"Content-Length": str(made.size)})
    rows = found.rows()
    # The key persons by name, for people.
    people = None if lang is None else await names(
        graph, [k for row in rows for k in row.key_person_ids])
    return cut(await models_download(format, ("accounts", found.line.scope, str(found.line.as_of)),
                                     AccountRow, rows, lang, people, graph=graph),
               offset + len(rows) < found.line.account_list_total)


async def _sent(pieces: Iterable[bytes]) -> AsyncIterator[bytes]:
    """The pieces, made on the event loop (a plain iterator is read in a worker thread)."""
    for piece in pieces:
        yield piece


@router.get("/key-persons", response_model=KeyPersonLine, responses={**NOT_FOUND, **SHEET_RESPONSES})
async def key_persons(graph: GraphDep, settings: SettingsDep, as_of: AsOf, access: AccessDep,
                      scope: ScopeParam = None,
                      format: FormatParam = None, lang: LangParam = None) -> KeyPersonLine | Response:
    """Key-person line: insighted or not, and per-degree buckets, with trends and lists. With
    `format`, the lists as a spreadsheet: a row per person and list (`degree`, `bucket`, then
    the person; bucket `not_insighted` for the not-insighted list)."""
    line = await service.key_persons(graph, settings, scope=await access.scope_read(scope),
                                     as_of=as_of,
                                     list_limit=None if format is None else settings.export_limit)
    if format is None:
        return line
    rows = [KeyPersonListRow(degree=degree, bucket=bucket, **person.model_dump())
            for degree, buckets in line.lists.items() for bucket, people in buckets.items()
            for person in people]
    rows += [KeyPersonListRow(degree=None, bucket="not_insighted", **person.model_dump())
             for person in line.not_insighted_list]
    counted = line.buckets.model_dump()
    listed = [(len(people), counted[degree][bucket]["value"] or 0)
              for degree, buckets in line.lists.items() for bucket, people in buckets.items()]
    return cut(await models_download(format, ("key-persons", line.scope, str(line.as_of)),
                                     KeyPersonListRow, rows, lang, graph=graph),
               any(shown < total for shown, total in
                   [*listed, (len(line.not_insighted_list), line.not_insighted.value or 0)]))


@router.get("/trend", response_model=InfluenceTrend, responses=NOT_FOUND)
async def trend(graph: GraphDep, settings: SettingsDep, as_of: AsOf, access: AccessDep,
                period_days: PeriodDays, scope: ScopeParam = None,
                months: Annotated[int, Query(ge=2, le=24)] = 12) -> InfluenceTrend:
    """The headline figures once a month for `months` months ending at as_of (oldest first):
    the trend chart of a dashboard. Each point's contribution is over its own period."""
    allowed = await access.scope_read(scope)
    return await service.trend(graph, settings, scope=allowed, as_of=as_of, months=months,
                               period_days=period_days)
