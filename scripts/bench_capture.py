"""Times calendar and mail capture of large files: a 10,000-event .ics and a 10,000-message
mbox by default, each captured twice (the second time changes nothing).

    .venv/bin/python scripts/bench_capture.py [--events 10000] [--messages 10000]

Writes to the Neo4j of the settings (NEO4J_URI, default the local one of make run): 200
employees, 2,000 contacts and one account with ids starting `capbench-`, and the activities
captured. Prints each step's seconds and one JSON line of every figure at the end.
"""

import argparse
import json
import time
from datetime import date, datetime, timedelta
from typing import Any

from app import dates
from app.capture import calendar, mail, service
from app.config import get_settings
from app.db.graph import Graph, run_with_graph
from app.ingestion.provenance import Provenance, Source
from app.ingestion.service import TRUSTED, Writer, import_document

EMPLOYEES, CONTACTS = 200, 2_000


def people() -> dict[str, Any]:
    return {
        "accounts": [{"id": "capbench-a", "name": "capture benchmark"}],
        "employees": [{"id": f"capbench-e{i}", "name": f"e{i}", "emails": [f"e{i}@ours.example"]}
                      for i in range(EMPLOYEES)],
        "contacts": [{"id": f"capbench-c{i}", "account_id": "capbench-a", "name": f"c{i}",
                      "emails": [f"c{i}@customer.example"]} for i in range(CONTACTS)],
    }


def ics(events: int, first: date) -> bytes:
    """Single events, a tenth of them weekly for four weeks, each with an employee, two
    contacts and an unknown guest."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//capbench//EN"]
    for i in range(events):
        start = datetime.combine(first + timedelta(days=i % 150), datetime.min.time()) + timedelta(
            hours=1 + i % 10)
        lines += ["BEGIN:VEVENT", f"UID:capbench-{i}", f"DTSTART:{start:%Y%m%dT%H%M%S}Z",
                  f"SUMMARY:meeting {i}", f"ORGANIZER:mailto:e{i % EMPLOYEES}@ours.example",
                  f"ATTENDEE:mailto:c{i % CONTACTS}@customer.example",
                  f"ATTENDEE:mailto:c{(i * 7) % CONTACTS}@customer.example",
                  f"ATTENDEE:mailto:guest{i % 50}@elsewhere.example"]
        if i % 10 == 0:
            lines.append("RRULE:FREQ=WEEKLY;COUNT=4")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return ("\r\n".join(lines) + "\r\n").encode()


def mbox(messages: int) -> bytes:
    out = []
    for i in range(messages):
        out.append(f"From MAILER-DAEMON Thu Jan  1 00:00:00 2026\nFrom: e{i % EMPLOYEES}@ours.example\n"
                   f"To: c{i % CONTACTS}@customer.example, someone{i % 30}@elsewhere.example\n"
                   f"Cc: c{(i * 3) % CONTACTS}@customer.example\n"
                   f"Date: Mon, 05 Jan 2026 {i % 24:02d}:{i % 60:02d}:00 +0800\n"
                   f"Message-ID: <capbench-{i}@ours.example>\nSubject: note {i}\n\nbody\n")
    return "".join(out).encode()


async def run(graph: Graph, events: int, messages: int) -> dict[str, float]:
    settings = get_settings()
    figures: dict[str, float] = {}

    def timed(name: str, started: float) -> None:
        figures[name] = round(time.perf_counter() - started, 2)
        print(f"{name}: {figures[name]} s", flush=True)

    await import_document(graph, settings, people(), writer=TRUSTED)
    today = dates.today(settings.org_zone)
    body = ics(events, today - timedelta(days=160))
    started = time.perf_counter()
    items, skipped, problems = calendar.events(
        body, window=calendar.window_for(settings, None, None), zone=settings.org_zone,
        typing=calendar.typing_for(settings), max_items=settings.capture_max_items)
    assert not problems, problems
    timed(f"calendar_parse_{events}_events_{len(items)}_occurrences_s", started)
    for attempt in ("first", "again"):
        started = time.perf_counter()
        await service.capture(graph, settings, items, skipped,
                              writer=Writer(None, Provenance(Source.CALENDAR)))
        timed(f"calendar_capture_{attempt}_s", started)
    body = mbox(messages)
    started = time.perf_counter()
    found, problems = mail.messages(body, mail.MBOX, max_items=settings.capture_max_items)
    assert not problems, problems
    timed(f"mail_parse_{messages}_messages_s", started)
    for attempt in ("first", "again"):
        started = time.perf_counter()
        await service.capture(graph, settings, found, [],
                              writer=Writer(None, Provenance(Source.MAIL)))
        timed(f"mail_capture_{attempt}_s", started)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--messages", type=int, default=10_000)
    args = parser.parse_args()
    figures = run_with_graph(get_settings(), lambda g: run(g, args.events, args.messages))
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
