"""Spreadsheets in: a CSV or XLSX file of one part of the import document becomes that part's
items, one per row, with columns named as the part's fields (app/ingestion/schemas.py). The
items then go through the import document's own validation; its errors are told by row and
column (`located`)."""

import csv
import io
import re
import types
import typing
from collections.abc import Iterator
from datetime import datetime, time
from typing import Any
from zipfile import ZipFile

from pydantic import BaseModel

from app.domain import ActivityType, Attitude, OpportunityStatus, Role
from app.errors import ProblemEntry, ValidationFailed, field_problem
from app.ingestion.schemas import section_models
from app.sheets.words import ENUM_PREFIX, VALUES, Lang, pick

CSV = "text/csv"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
INFLATION = 32  # at most this many times a workbook's size unpacked, or 32 MB if more
MAX_INFLATED = 512 * 1024 * 1024
HEADER_ROW = 1  # rows are counted as a spreadsheet shows them: the header is row 1
# A list field (an activity's employee_ids) holds its items in one cell, separated thus.
LIST_SEPARATOR = re.compile(r"[;；]")
# A yes/no column (key_person, focus, veto ...) also takes the words a Chinese sheet has, and
# so does a column of one of these values: the words the web app shows for each (VALUES).
_CHINESE_KINDS = (Attitude, Role, ActivityType, OpportunityStatus)
WORDS: dict[type, dict[str, Any]] = {
    bool: {pick(VALUES[f"common.{word}"], Lang.ZH): value
           for word, value in (("yes", True), ("no", False))},
    **{kind: {pick(VALUES[f"{ENUM_PREFIX[kind]}.{value.value}"], Lang.ZH): value
              for value in kind} for kind in _CHINESE_KINDS},
}


def columns(model: type[BaseModel]) -> list[str]:
    """The part's columns: its fields as the document names them (`from`, not `from_`)."""
    return [field.alias or name for name, field in model.model_fields.items()]


def _is(annotation: Any, kind: type) -> bool:
    """Whether a field holds `kind` (a list: any list), alone or as a member of a union."""
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        return any(_is(a, kind) for a in typing.get_args(annotation))
    return annotation is kind or typing.get_origin(annotation) is kind


def _cells(body: bytes, media: str) -> Iterator[list[Any]]:
    """The file's rows as lists of cell values (a CSV's as text)."""
    if media == CSV:
        try:
            text = body.decode("utf-8-sig")  # Excel writes a BOM before UTF-8 CSV
        except UnicodeDecodeError:
            raise ValidationFailed([field_problem("", "not_utf8", "a CSV file must be UTF-8")]
                                   ) from None
        reader = csv.reader(io.StringIO(text, newline=""))
        try:
            yield from reader
        except csv.Error as exc:  # a cell over the csv module's 131,072 characters, say
            raise ValidationFailed([{**field_problem("", "not_csv", f"not a CSV file: {exc}"),
                                     "row": reader.line_num}]) from None
        return
    # openpyxl raises whatever its zip and XML readers raise on a broken part (a truncated
    # sheet, a workbook without sheets, bad markup), while opening or only once a row is read.
    unreadable = ValidationFailed([field_problem("", "not_xlsx", "not an XLSX workbook")])
    try:
        with ZipFile(io.BytesIO(body)) as parts:
            inflated = sum(part.file_size for part in parts.infolist())
    except Exception:
        raise unreadable from None
    if inflated > max_inflated(len(body)):  # before openpyxl opens it: that took seconds
        raise ValidationFailed([field_problem(
            "", "xlsx_too_large", "the workbook unpacks to more than a sheet of that size holds",
            inflated=inflated)])
    from openpyxl import load_workbook  # on first use, as in app/sheets/writing.py

    try:
        book = load_workbook(io.BytesIO(body), read_only=True, data_only=True)
    except Exception:
        raise unreadable from None
    try:
        try:
            rows = book.worksheets[0].iter_rows(values_only=True)
        except Exception:
            raise unreadable from None
        while True:
            try:
                row = next(rows)
            except StopIteration:
                return
            except Exception:
                raise unreadable from None
            yield list(row)
    finally:
        book.close()


def max_inflated(size: int) -> int:
    """The most a workbook of `size` bytes may unpack to. Its XML compresses about ten times; a
    part that compresses a thousand times (800 MB of spaces in 0.8 MB) is a bomb, which
    openpyxl would read for seconds and hundreds of MB."""
    return min(MAX_INFLATED, max(32 * 1024 * 1024, INFLATION * size))


def _value(cell: Any, listed: bool, words: dict[str, Any]) -> Any:
    """A cell as the document would hold it: text trimmed (a word of the column's WORDS as
    its value), a date without its midnight, an empty cell absent."""
    if isinstance(cell, str):
        cell = cell.strip()
        if listed:
            return [item.strip() for item in LIST_SEPARATOR.split(cell) if item.strip()]
        return words.get(cell, cell)
    if isinstance(cell, datetime) and cell.time() == time(0):
        return cell.date().isoformat()
    return cell


def _in_header(column: str | None, code: str, message: str, **params: str) -> ProblemEntry:
    """A problem of the header row, at `column` (None: of the row as a whole)."""
    return {**field_problem("", code, message, **params), "row": HEADER_ROW,
            **({"column": column} if column is not None else {})}


def items(part: str, body: bytes, media: str) -> list[dict[str, Any]]:
    """The rows of a CSV or XLSX file as items of `part`, or 422 for a file that is not one,
    has no header, or names columns the part does not have."""
    model = section_models()[part]
    known = columns(model)
    lists = {field.alias or name for name, field in model.model_fields.items()
             if _is(field.annotation, list)}
    words = {field.alias or name: next((w for kind, w in WORDS.items()
                                        if _is(field.annotation, kind)), {})
             for name, field in model.model_fields.items()}
    rows = _cells(body, media)
    header = [str(h).strip() if h is not None else "" for h in next(rows, [])]
    while header and not header[-1]:
        header.pop()
    problems = [_in_header(name or f"#{i + 1}", "unknown_column" if name else "unnamed_column",
                           "not a column of " + part + (f" (columns: {', '.join(known)})"
                           if name else " (a column without a name)"), part=part)
                for i, name in enumerate(header) if name not in known]
    problems += [_in_header(name, "column_twice", "a column twice")
                 for i, name in enumerate(header) if name and name in header[:i]]
    if not header:
        problems.append(_in_header(None, "no_header", "no header row"))
    if problems:
        raise ValidationFailed(problems)
    found = []
    for row in rows:
        item = {name: value for name, cell in zip(header, row, strict=False)
                if (value := _value(cell, name in lists, words.get(name, {}))) not in (None, "", [])}
        found.append(item)
    while found and not found[-1]:
        found.pop()  # blank rows at the end of a sheet are not items
    return found


_ITEM_PATH = re.compile(r"^(?P<part>[a-z_]+)\[(?P<index>\d+)\](?:\.(?P<column>[^.\[]+))?")


def located(errors: list[dict[str, Any]], part: str) -> list[dict[str, Any]]:
    """The document's errors (`contacts[3].account_id`) with the row and column they are at
    in the file (row 5: the header is row 1, the first item row 2), in the file's order: the
    checks run by kind (shapes, then references), a reader fixes row by row."""
    out = []
    for error in errors:
        found = _ITEM_PATH.match(error.get("path", ""))
        if found and found["part"] == part:
            error = {**error, "row": int(found["index"]) + HEADER_ROW + 1}
            if found["column"]:
                error["column"] = found["column"]
        out.append(error)
    return sorted(out, key=lambda error: error.get("row", 0))
