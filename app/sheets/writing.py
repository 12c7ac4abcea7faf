"""Spreadsheets out: rows as a CSV or XLSX file. A cell is always data: text that a spreadsheet
would run as a formula (`=HYPERLINK(...)`, `+`, `-`, `@`) stays text."""

import csv
import io
import re
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from enum import StrEnum
from typing import Annotated, Any

from fastapi import Query, Response
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from pydantic import BaseModel

from app.sheets.reading import CSV, XLSX

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _text(value: Any) -> Any:
    if isinstance(value, list):  # as a list cell is imported; an empty list, an empty cell
        return "; ".join(str(v) for v in value) or None
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def _csv(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(header)
    for row in rows:
        # A quote before formula-like text is how spreadsheets are told "this is text".
        writer.writerow(["'" + v if isinstance(v, str) and v.startswith(FORMULA_STARTS) else v
                         for v in map(_text, row)])
    return ("\ufeff" + out.getvalue()).encode()  # the BOM tells Excel the file is UTF-8


def _xlsx(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet()

    def cell(value: Any, bold: bool = False) -> Any:
        made = WriteOnlyCell(sheet, value=value)
        if isinstance(value, str):
            made.data_type = "s"  # never a formula, whatever the text starts with
        if bold:
            made.font = Font(bold=True)
        return made

    sheet.append([cell(h, bold=True) for h in header])
    for row in rows:
        sheet.append([cell(_text(v)) for v in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def table(media: str, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    return _csv(header, rows) if media == CSV else _xlsx(header, rows)


class Format(StrEnum):
    CSV = "csv"
    XLSX = "xlsx"


MEDIA = {Format.CSV: CSV, Format.XLSX: XLSX}
FormatParam = Annotated[Format | None, Query(
    description="csv or xlsx: the answer's rows as a spreadsheet instead of JSON")]
SHEET_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"content": {CSV: {}, XLSX: {}}, "description": "JSON, or with `format` a spreadsheet"}}


def download(fmt: Format, name: str, header: Sequence[str],
             rows: Iterable[Sequence[Any]]) -> Response:
    """A spreadsheet to save as `name`.csv or .xlsx (ids in the name kept to safe letters)."""
    safe = re.sub(r"[^A-Za-z0-9._-]", "_", name)
    return Response(table(MEDIA[fmt], header, rows), media_type=MEDIA[fmt], headers={
        "Content-Disposition": f'attachment; filename="{safe}.{fmt.value}"'})


def models_download(fmt: Format, name: str, model: type[BaseModel],
                    rows: Sequence[BaseModel]) -> Response:
    """Rows of one model, a column per field."""
    header = list(model.model_fields)
    return download(fmt, name, header,
                    ([row.model_dump(mode="json")[f] for f in header] for row in rows))
