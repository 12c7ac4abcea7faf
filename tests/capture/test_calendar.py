"""POST /v1/capture/calendar with .ics files the tests write: zones across a DST switch, a
recurring meeting with a moved and a cancelled occurrence, all-day events, mixed-case and
unknown attendees, re-import, a moved event, a malformed file."""

from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from neo4j import Driver
from neo4j.time import Date

from tests.capture.conftest import WINDOW, written
from tests.conftest import AUTH, count, graph_fingerprint

BERLIN = """BEGIN:VTIMEZONE
TZID:Europe/Berlin
BEGIN:DAYLIGHT
TZOFFSETFROM:+0100
TZOFFSETTO:+0200
TZNAME:CEST
DTSTART:19700329T020000
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU
END:DAYLIGHT
BEGIN:STANDARD
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
TZNAME:CET
DTSTART:19701025T030000
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU
END:STANDARD
END:VTIMEZONE
"""

# A weekly meeting in Berlin from Monday 16 March 2026, four times. Europe switches to summer
# time on Sunday 29 March: 10:00 is 09:00Z before and 08:00Z after. The second occurrence is
# moved to Tuesday 24 March 20:00 (19:00Z, 03:00 on the 25th in Shanghai, the organisation's
# zone), the third is cancelled.
WEEKLY = """BEGIN:VEVENT
UID:weekly-1@ours.cn
DTSTART;TZID=Europe/Berlin:20260316T100000
DTEND;TZID=Europe/Berlin:20260316T110000
RRULE:FREQ=WEEKLY;COUNT=4
SUMMARY:Weekly status
ORGANIZER;CN=Li Ming:mailto:LI.MING@Ours.CN
ATTENDEE;CN=Wang;PARTSTAT=ACCEPTED:MAILTO:WJG@SGCC.cn
ATTENDEE;CN=Assistant:mailto:Assistant@sgcc.cn
END:VEVENT
BEGIN:VEVENT
UID:weekly-1@ours.cn
RECURRENCE-ID;TZID=Europe/Berlin:20260323T100000
DTSTART;TZID=Europe/Berlin:20260324T200000
DTEND;TZID=Europe/Berlin:20260324T210000
SUMMARY:Weekly status
ORGANIZER;CN=Li Ming:mailto:LI.MING@Ours.CN
ATTENDEE;CN=Wang;PARTSTAT=ACCEPTED:MAILTO:WJG@SGCC.cn
END:VEVENT
BEGIN:VEVENT
UID:weekly-1@ours.cn
RECURRENCE-ID;TZID=Europe/Berlin:20260330T100000
DTSTART;TZID=Europe/Berlin:20260330T100000
STATUS:CANCELLED
SUMMARY:Weekly status
END:VEVENT
"""


def ics(*events: str, extra: str = "") -> str:
    body = "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//BRM tests//EN\n" + extra + BERLIN
    body += "".join(events) + "END:VCALENDAR\n"
    return body.replace("\n", "\r\n")  # RFC 5545 lines end with CRLF


def event(uid: str, start: str, *people: str, summary: str = "Meeting", more: str = "") -> str:
    lines = [f"UID:{uid}", start, f"SUMMARY:{summary}", *people]
    return "BEGIN:VEVENT\n" + "\n".join(lines) + "\n" + more + "END:VEVENT\n"


ALL_DAY = event("allday-1", "DTSTART;VALUE=DATE:20260320", "ORGANIZER:mailto:zhao.min@ours.cn",
                "ATTENDEE:mailto:chm@sgcc.cn", summary="Site tour", more="CATEGORIES:Visit,Customer\n")
CALL = event("call-1", "DTSTART:20260401T020000Z", "ORGANIZER:mailto:li.ming@ours.cn",
             "ATTENDEE:mailto:chm@sgcc.cn", "ATTENDEE;PARTSTAT=DECLINED:mailto:zhao.min@ours.cn",
             summary="电话沟通")
INTERNAL = event("internal-1", "DTSTART:20260402T020000Z", "ORGANIZER:mailto:li.ming@ours.cn",
                 "ATTENDEE:mailto:zm@ours.cn")
THEIRS = event("theirs-1", "DTSTART:20260403T020000Z", "ORGANIZER:mailto:wjg@sgcc.cn",
               "ATTENDEE:mailto:chm@sgcc.cn")
CANCELLED = event("gone-1", "DTSTART:20260404T020000Z", "ORGANIZER:mailto:li.ming@ours.cn",
                  "ATTENDEE:mailto:wjg@sgcc.cn", more="STATUS:CANCELLED\n")
OUTSIDE_WINDOW = event("old-1", "DTSTART:20250104T020000Z", "ORGANIZER:mailto:li.ming@ours.cn",
                       "ATTENDEE:mailto:wjg@sgcc.cn")
FILE = ics(WEEKLY, ALL_DAY, CALL, INTERNAL, THEIRS, CANCELLED, OUTSIDE_WINDOW)


def capture(client: TestClient, body: bytes, **params: Any) -> Any:
    return client.post("/v1/capture/calendar", content=body, params={**WINDOW, **params},
                       headers={**AUTH, "content-type": "text/calendar; charset=utf-8"})


def summary(items: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    return sorted((i["key"], i["at"], i["type"], tuple(i["employee_ids"]), tuple(i["contact_ids"]))
                  for i in items)


def test_a_calendar_export_becomes_activities_in_their_own_zones(
        people: TestClient, raw_driver: Driver, tmp_path: Path) -> None:
    response = capture(people, written(tmp_path, "outlook.ics", FILE))
    assert response.status_code == 200, response.text
    result = response.json()
    assert summary(result["created"]) == [
        ("allday-1", "2026-03-20", "visit", ("e2",), ("c2",)),
        ("call-1", "2026-04-01T02:00:00Z", "call", ("e1",), ("c2",)),
        ("weekly-1@ours.cn|2026-03-16T09:00:00Z", "2026-03-16T10:00:00+01:00", "meeting",
         ("e1",), ("c1",)),
        ("weekly-1@ours.cn|2026-03-23T09:00:00Z", "2026-03-24T20:00:00+01:00", "meeting",
         ("e1",), ("c1",)),
        ("weekly-1@ours.cn|2026-04-06T08:00:00Z", "2026-04-06T10:00:00+02:00", "meeting",
         ("e1",), ("c1",)),
    ]
    assert sorted((s["key"], s["reason"]) for s in result["skipped"]) == [
        ("gone-1", "cancelled"),
        ("internal-1", "no known contact among its people"),
        ("old-1", "outside the capture window 2026-01-01 to 2026-12-31"),
        ("theirs-1", "no employee of ours among its people"),
        ("weekly-1@ours.cn|2026-03-30T08:00:00Z", "cancelled"),
    ]
    assert sorted((s["key"], s["code"], s["summary"]) for s in result["skipped"]) == [
        ("gone-1", "cancelled", "Meeting"), ("internal-1", "no_contact", "Meeting"),
        ("old-1", "outside_window", "Meeting"), ("theirs-1", "no_employee", "Meeting"),
        ("weekly-1@ours.cn|2026-03-30T08:00:00Z", "cancelled", "Weekly status")]
    assert result["updated"] == result["unchanged"] == result["removed"] == []
    assert result["unmatched_addresses"] == ["assistant@sgcc.cn"]

    # As the activity history reads them: the day in Shanghai, the moment with its zone.
    history = people.get("/v1/contacts/c1/activities", params={"as_of": "2026-12-31"},
                         headers=AUTH).json()["activities"]
    assert [(a["at"], a["at_time"], a["source"], a["summary"]) for a in history] == [
        ("2026-04-06", "2026-04-06T10:00:00+02:00", "calendar", "Weekly status"),
        ("2026-03-25", "2026-03-24T20:00:00+01:00", "calendar", "Weekly status"),
        ("2026-03-16", "2026-03-16T10:00:00+01:00", "calendar", "Weekly status"),
    ]
    after_switch = next(c["activity_id"] for c in result["created"]
                        if c["key"] == "weekly-1@ours.cn|2026-04-06T08:00:00Z")
    assert count(raw_driver, "MATCH (a:Activity {id: $id}) RETURN a.at_time.timezone",
                 id=after_switch) == "Europe/Berlin"
    all_day = people.get("/v1/contacts/c2/activities", params={"as_of": "2026-12-31"},
                         headers=AUTH).json()["activities"]
    assert [(a["at"], a["at_time"], a["type"]) for a in all_day] == [
        ("2026-04-01", "2026-04-01T02:00:00Z", "call"), ("2026-03-20", None, "visit")]


def test_capturing_again_changes_nothing_and_a_changed_export_moves_and_removes(
        people: TestClient, raw_driver: Driver, tmp_path: Path) -> None:
    assert capture(people, written(tmp_path, "a.ics", FILE)).status_code == 200
    before = graph_fingerprint(raw_driver)
    again = capture(people, written(tmp_path, "a.ics", FILE)).json()
    assert again["created"] == again["updated"] == again["removed"] == []
    assert len(again["unchanged"]) == 5
    assert graph_fingerprint(raw_driver) == before

    # The call moves a day and gains an attendee; the all-day visit is cancelled; the weekly
    # series loses its last occurrence.
    moved_call = CALL.replace("20260401T020000Z", "20260402T013000Z").replace(
        "ATTENDEE;PARTSTAT=DECLINED:mailto:zhao.min@ours.cn", "ATTENDEE:mailto:WJG@sgcc.cn")
    cancelled_visit = ALL_DAY.replace("END:VEVENT", "STATUS:CANCELLED\nEND:VEVENT")
    last_gone = WEEKLY + event("weekly-1@ours.cn", "DTSTART;TZID=Europe/Berlin:20260406T100000",
                               more="RECURRENCE-ID;TZID=Europe/Berlin:20260406T100000\n"
                                    "STATUS:CANCELLED\n")
    changed = capture(people, written(tmp_path, "b.ics", ics(last_gone, cancelled_visit,
                                                             moved_call))).json()
    assert changed["created"] == []
    assert summary(changed["updated"]) == [
        ("call-1", "2026-04-02T01:30:00Z", "call", ("e1",), ("c1", "c2"))]
    assert sorted(r["key"] for r in changed["removed"]) == [
        "allday-1", "weekly-1@ours.cn|2026-04-06T08:00:00Z"]
    assert count(raw_driver, "MATCH (a:Activity) RETURN count(a)") == 3
    call = changed["updated"][0]["activity_id"]
    assert count(raw_driver, "MATCH (a:Activity {id: $id}) RETURN [a.at, size([(a)-->(c:Contact)"
                             " | c])]", id=call) == [Date(2026, 4, 2), 2]


def test_a_malformed_file_is_refused_with_its_reasons_and_nothing_is_written(
        people: TestClient, raw_driver: Driver, tmp_path: Path) -> None:
    before = graph_fingerprint(raw_driver)
    broken = FILE.replace("SUMMARY:Site tour", "this line has no colon")
    refused = capture(people, written(tmp_path, "broken.ics", broken))
    assert refused.status_code == 422
    assert refused.headers["content-type"] == "application/problem+json"
    assert refused.json()["errors"] == [{
        "path": "VEVENT[3]", "code": "ical_invalid",
        "message": "Content line could not be parsed into parts: 'this line has no colon': "
                   "Invalid content line"}]
    # Every bad event listed: one without a UID, one whose start is no date.
    bad = ics(WEEKLY, event("", "DTSTART:20260401T020000Z", "ORGANIZER:mailto:li.ming@ours.cn"),
              event("bad-1", "DTSTART:2026-04-01 nine o'clock"))
    listed = capture(people, written(tmp_path, "bad.ics", bad))
    assert listed.status_code == 422, listed.text
    assert listed.json()["errors"] == [
        {"path": "VEVENT[3].UID", "code": "uid_required",
         "message": "an event needs a UID (re-imports find its activity by it)"},
        {"path": "VEVENT[4].DTSTART", "code": "ical_invalid",
         "message": "Expected datetime, date, or time. Got: '2026-04-01 nine o'clock'"}]
    wrong_type = people.post("/v1/capture/calendar", content=b"{}",
                             headers={**AUTH, "content-type": "application/json"})
    assert wrong_type.status_code == 422
    assert graph_fingerprint(raw_driver) == before


def test_rules_no_meeting_calendar_holds_are_refused_before_expansion(
        people: TestClient, raw_driver: Driver, tmp_path: Path) -> None:
    # Expanded, every second from 2026-04-01 is 86,400 occurrences a day: refused by its FREQ.
    before = graph_fingerprint(raw_driver)
    # The flood is the file's second event: VEVENT[1], counted from 0 as every event's path is.
    flood = ics(ALL_DAY, event("flood-1", "DTSTART:20260401T020000Z",
                               "ORGANIZER:mailto:li.ming@ours.cn", "ATTENDEE:mailto:wjg@sgcc.cn",
                               more="RRULE:FREQ=SECONDLY\n"))
    refused = capture(people, written(tmp_path, "flood.ics", flood))
    assert refused.status_code == 422, refused.text
    assert refused.json()["errors"] == [
        {"path": "VEVENT[1].RRULE", "code": "repeats_too_often",
         "message": "event flood-1 repeats more often than hourly", "params": {"uid": "flood-1"}}]
    # A window of centuries is refused before any file is read: 1900-01-01 to 2999-12-31.
    centuries = capture(people, written(tmp_path, "flood.ics", flood), since="1900-01-01",
                        until="2999-12-31")
    assert centuries.status_code == 422
    assert centuries.json()["errors"] == [
        {"path": "since", "code": "period_too_long",
         "message": "a capture window is at most 1096 days", "params": {"max_days": 1096}}]
    # Every day, 1,001 times from 2026-04-01 (the window 2026-01-01 to 2028-12-31 holds them
    # all): one more than a series may repeat in a window.
    daily = ics(event("daily-1", "DTSTART:20260401T020000Z", "ORGANIZER:mailto:li.ming@ours.cn",
                      "ATTENDEE:mailto:wjg@sgcc.cn", more="RRULE:FREQ=DAILY;COUNT=1001\n"))
    window = {"since": "2026-01-01", "until": "2028-12-31"}
    too_many = capture(people, written(tmp_path, "daily.ics", daily), **window)
    assert too_many.status_code == 422
    assert too_many.json()["errors"] == [
        {"path": "", "code": "too_many_occurrences",
         "message": "event daily-1 repeats more than 1000 times in the window",
         "params": {"uid": "daily-1", "max": 1000}}]
    assert graph_fingerprint(raw_driver) == before
    # 1,000 times is taken: the last on 2026-04-01 + 999 days = 2028-12-25.
    taken = capture(people, written(tmp_path, "daily.ics", daily.replace("COUNT=1001",
                                                                          "COUNT=1000")), **window)
    assert taken.status_code == 200, taken.text
    assert len(taken.json()["created"]) == 1000
    assert max(i["at"] for i in taken.json()["created"]).startswith("2028-12-25")
