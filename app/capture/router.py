"""POST /v1/capture/calendar and /v1/capture/mail: an employee's calendar export or mail
becomes activities with the contacts in it."""

import asyncio
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request

from app.auth.deps import WriteAccess
from app.bodies import capped
from app.capture import calendar, mail, service
from app.capture.schemas import CaptureResult
from app.dates import Bounded
from app.deps import GraphDep, SettingsDep
from app.errors import ValidationFailed, documented, field_problem
from app.ingestion.provenance import Source
from app.ingestion.service import Writer
from app.routes import CheckedRoute

router = APIRouter(prefix="/v1/capture", tags=["capture"], route_class=CheckedRoute)

ICS = "text/calendar"
RESPONSES = {**documented(403, "Items outside what the caller may capture (each listed); "
                               "nothing written"),
             **documented(413, "Body too large"),
             **documented(422, "A malformed file or content type, with every problem; nothing "
                               "written")}
SkipRefused = Annotated[bool, Query(description="Skip the items the caller may not capture "
                                                "(listed under `skipped`) instead of refusing "
                                                "the whole file")]


def _media(request: Request, accepted: tuple[str, ...]) -> str:
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media not in accepted:
        raise ValidationFailed([field_problem("", "media_type", f"send {' or '.join(accepted)}",
                                              accepted=", ".join(accepted))],
                               detail="unsupported content type")
    return media


async def capture_window(
        settings: SettingsDep,
        since: Annotated[Bounded[date] | None, Query(
            description="First day of the window recurring events are expanded in (default "
                        "BRM_CAPTURE_DAYS_BACK before today)")] = None,
        until: Annotated[Bounded[date] | None, Query(
            description="Last day of the window (default BRM_CAPTURE_DAYS_AHEAD after today)")
        ] = None) -> calendar.Window:
    return calendar.window_for(settings, since, until)


CaptureWindow = Annotated[calendar.Window, Depends(capture_window)]


@router.post("/calendar", response_model=CaptureResult, responses=RESPONSES, openapi_extra={
    "requestBody": {"required": True, "content": {ICS: {"schema": {"type": "string"}}}}})
async def capture_calendar(
        request: Request, graph: GraphDep, settings: SettingsDep, access: WriteAccess,
        window: CaptureWindow, skip_refused: SkipRefused = False) -> CaptureResult:
    """Capture an iCalendar export (`text/calendar`): every event in the window with one of our
    employees and one known contact among its organiser and attendees (matched by e-mail
    address) becomes an activity at its start, in its zone; a recurring event becomes one per
    occurrence. Re-capturing changes nothing; a moved event moves its activity and a cancelled
    one removes it. The whole file is checked first: a malformed one is 422, nothing written."""
    _media(request, (ICS,))
    # Parsing and expanding a large file is seconds of CPU: in a worker thread, so that the
    # other requests of this process go on meanwhile.
    items, skipped, problems = await asyncio.to_thread(
        calendar.events, await capped(request, settings.max_request_bytes),
        window=window, zone=settings.org_zone,
        typing=calendar.typing_for(settings), max_items=settings.capture_max_items)
    service.refuse_invalid(problems)
    return await service.capture(graph, settings, items, skipped,
                                 writer=Writer.of(access, Source.CALENDAR), viewer=access.viewer,
                                 skip_refused=skip_refused)


@router.post("/mail", response_model=CaptureResult, responses=RESPONSES, openapi_extra={
    "requestBody": {"required": True, "content": {
        # Bytes as they are: a message's headers may carry any encoding.
        mail.RFC822: {"schema": {"type": "string", "format": "binary"}},
        mail.MBOX: {"schema": {"type": "string", "format": "binary"}}}}})
async def capture_mail(request: Request, graph: GraphDep, settings: SettingsDep,
                       access: WriteAccess, skip_refused: SkipRefused = False) -> CaptureResult:
    """Capture mail, headers only: one message (`message/rfc822`) or a mailbox
    (`application/mbox`). A message whose From, To and Cc name one of our employees and one
    known contact becomes an email activity at its Date; its Message-ID makes a re-capture
    change nothing. Bodies are never read into the graph."""
    media = _media(request, (mail.RFC822, mail.MBOX))
    items, problems = await asyncio.to_thread(
        mail.messages, await capped(request, settings.max_request_bytes), media,
        max_items=settings.capture_max_items)
    service.refuse_invalid(problems)
    return await service.capture(graph, settings, items, [],
                                 writer=Writer.of(access, Source.MAIL), viewer=access.viewer,
                                 skip_refused=skip_refused)
