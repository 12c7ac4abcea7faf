"""Spreadsheets in: one part of the import document as a CSV or XLSX file, and a template of
each part's columns."""

import asyncio
from enum import StrEnum
from typing import Annotated

from fastapi import APIRouter, Path, Query, Request, Response

from app.auth.deps import AccessDep, WriteAccess
from app.bodies import capped
from app.deps import GraphDep, SettingsDep
from app.errors import AppError, ValidationFailed, documented, field_problem
from app.ingestion import service
from app.ingestion.provenance import Source
from app.ingestion.router import SourceHeader
from app.ingestion.schemas import ImportResult, section_models
from app.ingestion.service import Writer
from app.routes import CheckedRoute
from app.sheets.reading import CSV, XLSX, columns, items, located
from app.sheets.template_help import help_sheet
from app.sheets.words import Lang
from app.sheets.writing import Format, download

router = APIRouter(prefix="/v1", tags=["ingestion"], route_class=CheckedRoute)

Part = StrEnum("Part", {name: name for name in section_models()})  # type: ignore[misc]
PartPath = Annotated[Part, Path(description="A part of the import document")]


_SHEET_BODY = {"requestBody": {"required": True, "content": {
    CSV: {"schema": {"type": "string"}},
    XLSX: {"schema": {"type": "string", "format": "binary"}}}}}


@router.post("/import/{part}", response_model=ImportResult, openapi_extra=_SHEET_BODY,
             responses={**documented(422, "Every problem of the file, by row and column; "
                                          "nothing written"),
                        **documented(403, "Rows outside what the caller may write")})
async def import_sheet(part: PartPath, request: Request, graph: GraphDep, settings: SettingsDep,
                       access: WriteAccess, source: SourceHeader = None) -> ImportResult:
    """Import one part from a spreadsheet (`text/csv`, UTF-8, or an `.xlsx` workbook's first
    sheet): a header row naming the part's fields, then an item per row; a list field holds
    its items separated by `;`. Validated like an import document, whole: on any error
    nothing is written, and every error says its row and column."""
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media not in (CSV, XLSX):
        raise ValidationFailed([field_problem("", "media_type", f"send {CSV} or {XLSX}",
                                              accepted=f"{CSV}, {XLSX}")],
                               detail="unsupported content type")
    # Off the event loop: a large workbook takes seconds to read, which other requests would
    # otherwise wait for.
    rows = await asyncio.to_thread(items, part.value,
                                   await capped(request, settings.max_request_bytes), media)
    try:
        counts = await service.import_document(
            graph, settings, {part.value: rows}, writer=Writer.of(access, source or Source.IMPORT))
    except AppError as exc:
        if "errors" in exc.extra:
            exc.extra["errors"] = located(exc.extra["errors"], part.value)
        raise
    return ImportResult(counts=counts)


@router.get("/import/{part}/template", response_class=Response,
            responses={200: {"content": {CSV: {}, XLSX: {}},
                             "description": "A file with the part's header row"}})
async def template(part: PartPath, _: AccessDep,
                   format: Annotated[Format, Query(description="csv or xlsx")] = Format.CSV,
                   lang: Annotated[Lang | None, Query(
                       description="en or zh-CN: a workbook gets a second sheet saying, in that "
                                   "language, what each column takes")] = None) -> Response:
    """An empty spreadsheet of the part: its columns, ready to fill in and import."""
    model = section_models()[part.value]
    return download(format, part.value, columns(model), [],
                    help_sheet(part.value, model, lang) if lang is not None else None)
