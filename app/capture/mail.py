"""Mail as captured items: one message (message/rfc822) or an mbox, read with the standard
library's parsers, headers only. Bodies are never read into the graph: the header parser
stops at the first blank line."""

import mailbox
import tempfile
from datetime import UTC, timedelta
from email.message import Message
from email.parser import BytesHeaderParser
from email.policy import default
from email.utils import getaddresses, parsedate_to_datetime
from pathlib import Path

from app.capture.items import Captured, addresses
from app.dates import EARLIEST, LATEST
from app.domain import ActivityType
from app.errors import ProblemEntry, field_problem
from app.ingestion.provenance import Source

RFC822 = "message/rfc822"
MBOX = "application/mbox"
CORRESPONDENTS = ("from", "to", "cc")


def _headers(raw: bytes) -> Message:
    return BytesHeaderParser(policy=default).parsebytes(raw)


def _clean(text: str) -> str:
    """Text the graph can hold: bytes that were not UTF-8 become U+FFFD."""
    try:
        raw = text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        raw = text.encode("utf-8", "replace")
    return raw.decode("utf-8", "replace")


def _values(headers: Message, name: str) -> list[str]:
    """Every `name` header as a mail client shows it: encoded words and raw UTF-8 (RFC 6532)
    decoded by the current policy, or, where its parser fails on a malformed header, as
    written."""
    found = []
    for field, raw in headers.raw_items():
        if field.lower() != name:
            continue
        try:
            found.append(_clean(str(default.header_fetch_parse(field, raw))))
        except Exception:  # the stdlib parser raises AttributeError and others of its own
            found.append(_clean(str(raw)))
    return found


def _first(headers: Message, name: str) -> str:
    return next(iter(_values(headers, name)), "").strip()


def _captured(headers: Message, path: str) -> tuple[Captured | None, list[ProblemEntry]]:
    problems: list[ProblemEntry] = []
    message_id = _first(headers, "message-id").strip("<>").strip()
    if not message_id:
        problems.append(field_problem(f"{path}.Message-ID", "message_id_required", "a message "
                                      "needs a Message-ID (re-imports find its activity by it)"))
    raw_date = _first(headers, "date")
    try:
        sent = parsedate_to_datetime(raw_date) if raw_date else None
    except (TypeError, ValueError, IndexError):
        sent = None
    if sent is None:
        problems.append(field_problem(f"{path}.Date", "date_invalid", "no date in the Date "
                                      f"header ({raw_date[:100]!r})", value=raw_date[:100]))
    elif not EARLIEST <= sent.date() <= (latest := LATEST - timedelta(days=1)):
        # A day this side of the calendar's end: the message is dated in the organisation's
        # zone, which may be a day later.
        problems.append(field_problem(f"{path}.Date", "date_out_of_range", "the date must be "
                                      f"from {EARLIEST} to {latest}",
                                      earliest=EARLIEST.isoformat(), latest=latest.isoformat()))
    if problems or sent is None:
        return None, problems
    if sent.tzinfo is None:
        sent = sent.replace(tzinfo=UTC)  # "-0000": the sender's zone unknown, the time UTC
    found = getaddresses([v for field in CORRESPONDENTS for v in _values(headers, field)])
    subject = _first(headers, "subject")
    return Captured(source=Source.MAIL, key=message_id, at=sent, type=ActivityType.EMAIL,
                    addresses=addresses([address for _, address in found]),
                    summary=subject[:10_000] or None), []


def _raw_messages(body: bytes, media: str) -> list[bytes]:
    if media == RFC822:
        return [body]
    # mailbox reads only files: the body is written to one that lives for this call.
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "upload.mbox"
        path.write_bytes(body)
        box = mailbox.mbox(path, create=False)
        try:
            return [box.get_bytes(key) for key in box.iterkeys()]
        finally:
            box.close()


def messages(body: bytes, media: str, *, max_items: int) -> tuple[list[Captured], list[ProblemEntry]]:
    """The file's messages, each once by Message-ID, or every problem in it."""
    raw = _raw_messages(body, media)
    if not raw or not body.strip():
        return [], [field_problem("", "no_message", "no message in the file")]
    if len(raw) > max_items:
        return [], [field_problem("", "too_many_items", f"{len(raw)} messages; at most "
                                  f"{max_items} per file", n=len(raw), max=max_items)]
    items: dict[str, Captured] = {}
    problems: list[ProblemEntry] = []
    for index, message in enumerate(raw):
        headers = _headers(message)
        path = f"messages[{index}]"
        if not headers.keys():
            problems.append(field_problem(path, "not_mail", "not a mail message: no headers"))
            continue
        item, found = _captured(headers, path)
        problems += found
        if item is not None:
            items.setdefault(item.key, item)  # one message kept in two folders is one
    return ([], problems) if problems else (list(items.values()), [])
