"""Spreadsheets out: rows as a CSV or XLSX file. A cell is always data: text that a spreadsheet
would run as a formula (`=HYPERLINK(...)`, `+`, `-`, `@`) or read as an error value (`#REF!`)
stays text, and control characters a workbook cannot hold are left out."""

import asyncio
import csv
import io
import json
import re
import types
import typing
import unicodedata
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from enum import StrEnum
from itertools import chain, islice
from typing import Annotated, Any
from urllib.parse import quote
from zoneinfo import ZoneInfo

from fastapi import Query, Response
from pydantic import BaseModel

from app.db.graph import Reader
from app.nodes.names import names as node_names
from app.sheets.reading import CSV, XLSX
from app.sheets.words import Lang, file_name, header, named_in, sheet_title, translator

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# The values a spreadsheet reads as an error rather than as text.
ERROR_VALUES = frozenset({"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A"})
# Characters XML 1.0 does not allow (a workbook is XML): control characters, lone surrogates,
# U+FFFE and U+FFFF. Anyone's text may hold them (a summary pasted from a terminal), and one
# would fail the whole file, or leave it unreadable.
NOT_IN_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# A column is made as wide as its header and first rows need, up to MAX_WIDTH characters.
WIDTH_ROWS, MAX_WIDTH = 200, 50


def _text(value: Any) -> Any:
    if isinstance(value, list):  # as a list cell is imported; an empty list, an empty cell
        return "; ".join(v if isinstance(v, str) else json.dumps(v, ensure_ascii=False)
                         for v in value) or None
    if isinstance(value, dict):  # a mapping with keys only known at run time stays readable
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, str):
        return NOT_IN_XML.sub("", value)
    return value


def _csv_text(value: Any) -> Any:
    """A value as CSV text: a workbook keeps dates as dates (a person's file; a program's has
    the JSON's text), a CSV says them as ISO text, a moment to the minute as the screen does."""
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, date):
        return value.isoformat()
    return _text(value)


def _read_as_more_than_text(value: Any) -> bool:
    return isinstance(value, str) and (value.startswith(FORMULA_STARTS) or value in ERROR_VALUES)


def _csv(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    out = io.StringIO(newline="")
    csv.writer(out).writerow(header)
    # Text in quotes stays one cell where a spreadsheet splits the file at ";" (as it does in
    # many locales): `x;=1+1` would otherwise be a formula of its own.
    writer = csv.writer(out, quoting=csv.QUOTE_NONNUMERIC)
    for row in rows:
        # A quote before formula-like text is how spreadsheets are told "this is text".
        writer.writerow(["'" + v if _read_as_more_than_text(v) else v for v in map(_csv_text, row)])
    return ("\ufeff" + out.getvalue()).encode()  # the BOM tells Excel the file is UTF-8


def _cell(sheet: Any, value: Any, bold: bool = False) -> Any:
    """A cell of its own only where it needs one (a fifth less work on 65k rows): a plain
    value is written as the type it is, and only text starting with "=" would be a formula, or
    an error's name an error; a moment is shown to the minute, and text of several lines on
    them."""
    formula_like = _read_as_more_than_text(value)
    moment = isinstance(value, datetime)
    lines = isinstance(value, str) and "\n" in value
    if not (formula_like or bold or moment or lines):
        return value
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font

    made = WriteOnlyCell(sheet, value=value)
    if formula_like:
        made.data_type = "s"  # never a formula, whatever the text starts with
    if bold:
        made.font = Font(bold=True)
    if moment:
        made.number_format = "yyyy-mm-dd hh:mm"
    if lines:
        made.alignment = Alignment(wrap_text=True, vertical="top")
    return made


Lines = tuple[str, Sequence[Sequence[Any]]]


def _shown_width(value: Any) -> int:
    """Columns a value takes on screen: a Chinese character takes two."""
    return max(sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)
               for line in str(value).split("\n"))


def _xlsx(header: Sequence[str], rows: Iterable[Sequence[Any]], also: Lines | None,
          title: str | None = None) -> bytes:
    """A workbook of the rows, and a sheet of text after theirs when `also` (its title and
    lines) is given. The header row stays in view, and each column is as wide as its header and
    first rows need (up to a limit), so that a company's name is not cut at the default width."""
    # openpyxl is imported where a workbook is made or read, not with the API: it takes about
    # 5 MB of every process, and most never make one.
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    book = Workbook(write_only=True)
    sheet = book.create_sheet(title)
    sheet.freeze_panes = "A2"
    rows = iter(rows)
    first = [[_text(v) for v in row] for row in islice(rows, WIDTH_ROWS)]
    for k, column in enumerate(zip(header, *first, strict=True), start=1):
        widest = max(_shown_width(v) for v in column if v is not None)
        sheet.column_dimensions[get_column_letter(k)].width = min(MAX_WIDTH, max(8, widest + 2))
    sheet.append([_cell(sheet, h, bold=True) for h in header])
    for values in chain(first, ([_text(v) for v in row] for row in rows)):
        sheet.append([_cell(sheet, v) for v in values])
    if also is not None:
        title, lines = also
        more = book.create_sheet(title)
        for line in lines:
            more.append([_cell(more, v) for v in line])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def table(media: str, header: Sequence[str], rows: Iterable[Sequence[Any]],
          also: Lines | None = None, title: str | None = None) -> bytes:
    return _csv(header, rows) if media == CSV else _xlsx(header, rows, also, title)


class Format(StrEnum):
    CSV = "csv"
    XLSX = "xlsx"


MEDIA = {Format.CSV: CSV, Format.XLSX: XLSX}
FormatParam = Annotated[Format | None, Query(
    description="csv or xlsx: the answer's rows as a spreadsheet instead of JSON")]
SHEET_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"content": {CSV: {}, XLSX: {}}, "description": "JSON, or with `format` a spreadsheet"}}


def download(fmt: Format, name: str, header: Sequence[str], rows: Iterable[Sequence[Any]],
             also: Lines | None = None, title: str | None = None,
             said: str | None = None) -> Response:
    """A spreadsheet to save as `name`.csv or .xlsx (ids in the name kept to safe letters), or
    as `said` (the name in a person's words: 客户-全公司-2026-12-05) where the browser takes
    it; a workbook's sheet of rows is named `title` (by default Sheet), and a sheet of `also`
    follows it (a CSV has neither)."""
    safe = re.sub(r"[^A-Za-z0-9._-]", "_", name)
    disposition = f'attachment; filename="{safe}.{fmt.value}"'
    if said is not None:
        # RFC 6266: the UTF-8 name beside the plain one, which older clients keep.
        local = re.sub(r'[\\/:*?"<>|\s]', "_", said)
        disposition += f"; filename*=UTF-8''{quote(f'{local}.{fmt.value}', safe='')}"
    return Response(table(MEDIA[fmt], header, rows, also, title), media_type=MEDIA[fmt],
                    headers={"Content-Disposition": disposition})


TRUNCATED = "X-BRM-Truncated"
ROWS = "X-BRM-Rows"  # how many rows a file of an answer holds, for the screen to say so


def cut(sheet: Response, truncated: bool) -> Response:
    """A file that holds part of what the answer counts says so (`X-BRM-Truncated: true`)."""
    if truncated:
        sheet.headers[TRUNCATED] = "true"
    return sheet


def _model_in(annotation: Any) -> type[BaseModel] | None:
    """The model a field holds, alone or as an optional (`EnteredBy | None`)."""
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        found = [m for a in typing.get_args(annotation) if (m := _model_in(a))]
        return found[0] if len(found) == 1 else None
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    return None


def model_columns(model: type[BaseModel], prefix: str = "") -> list[str]:
    """A column per field as the JSON names it (`from`, not `from_`); a nested object's fields
    become columns of their own, named by their path (`open_amount.value`), so a sheet holds
    the same figures as the JSON, one per cell."""
    out = []
    for name, field in model.model_fields.items():
        key = prefix + (field.alias or name)
        nested = _model_in(field.annotation)
        out += model_columns(nested, key + ".") if nested else [key]
    return out


def _at(dumped: dict[str, Any], column: str) -> Any:
    value: Any = dumped
    for part in column.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return value


async def models_download(fmt: Format, name: Sequence[str], model: type[BaseModel],
                          rows: Sequence[BaseModel], lang: Lang | None = None,
                          names: dict[str, str | None] | None = None,
                          leave_out: frozenset[str] = frozenset(),
                          about: Lines | None = None, graph: Reader | None = None) -> Response:
    """Rows of one model, a column per field (nested objects' fields by their path), in a file
    named by the parts of `name` (its kind first: `accounts`, `team:t-1`, `2026-12-05`); with
    `lang`, the header, the values and the file's name in words of that language
    (app/sheets/words.py), the name's ids by their names where `graph` is given (the scope and
    deal the viewer asked for), and with the answer's `names` too, its ids said by name. Made
    on a thread: a workbook of the key-person lists at their export limit takes seconds of
    work, which on the event loop would hold every other request. `leave_out`: columns that
    say nothing in this file; `about`: a person's workbook's sheet after the rows (its title
    and lines: what the rows count)."""
    said = None
    if lang is not None:
        named = await node_names(graph, named_in(name)) if graph is not None else None
        said = file_name(name, lang, named)
    return await asyncio.to_thread(_models_file, fmt, name, model, rows, lang, names, leave_out,
                                   about, said, graph.zone if graph is not None else None)


def _models_file(fmt: Format, name: Sequence[str], model: type[BaseModel],
                 rows: Sequence[BaseModel], lang: Lang | None,
                 names: dict[str, str | None] | None, leave_out: frozenset[str],
                 about: Lines | None, said_name: str | None, zone: ZoneInfo | None) -> Response:
    columns = [c for c in model_columns(model) if c not in leave_out]
    plain = file_name(name, Lang.EN)
    if lang is None:
        made = download(fmt, plain, columns, ([_at(row.model_dump(mode="json", by_alias=True), c)
                                               for c in columns] for row in rows))
    else:
        said = [translator(model, c, lang, names, zone) for c in columns]
        made = download(fmt, plain,
                        [header(model, c, lang, named=names is not None) for c in columns],
                        ([say(_at(row.model_dump(mode="json", by_alias=True), c))
                          for c, say in zip(columns, said, strict=True)] for row in rows),
                        also=about, title=sheet_title(model, lang), said=said_name)
    made.headers[ROWS] = str(len(rows))
    return made
