"""iCalendar exports (.ics, as Outlook, Exchange, Google, DingTalk and Feishu write them) as
captured items: parsed by icalendar, recurring events expanded by recurring-ical-events
within a window. The whole file is checked before anything is returned.

icalendar, recurring-ical-events and pytz are imported where a file is read, not with the API:
they take about 3.5 MB of every process, and most never read a calendar."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from app import dates
from app.capture.items import Captured, addresses
from app.capture.schemas import SkippedOut
from app.config import Settings
from app.domain import ActivityType
from app.errors import ProblemEntry, field_problem
from app.ingestion.provenance import Source
from app.routes import refuse_later

if TYPE_CHECKING:
    from icalendar import Component

# What icalendar or the expansion raise on text that is not iCalendar.
MALFORMED = (ValueError, KeyError, IndexError, TypeError, AttributeError, OverflowError)


# Occurrences of one recurring event in a capture window: a daily meeting for almost three
# years. More is a rule no calendar of meetings holds.
MAX_OCCURRENCES = 1000
TOO_OFTEN = frozenset({"SECONDLY", "MINUTELY"})
# The longest capture window: three years (a window of centuries expands rules for ever).
MAX_WINDOW_DAYS = 1096


@dataclass(frozen=True)
class Window:
    since: date
    until: date  # inclusive

    def holds(self, start: date | datetime) -> bool:
        day = start.date() if isinstance(start, datetime) else start
        return self.since <= day <= self.until


@dataclass(frozen=True)
class Typing:
    """An event's activity type: the first word of `words` among its categories, else in its
    summary, else `default`."""

    words: Mapping[str, ActivityType]
    default: ActivityType

    def of(self, categories: list[str], summary: str) -> ActivityType:
        for text in (" ".join(categories).lower(), summary.lower()):
            for word, activity_type in self.words.items():
                if word.lower() in text:
                    return activity_type
        return self.default


def _listed(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def _people(event: Component) -> tuple[str, ...]:
    """The organiser and every attendee who did not decline: a `mailto:` value, or the EMAIL
    parameter that some exports (DingTalk, Feishu) give beside a urn:uuid."""
    values: list[str] = []
    for prop in _listed(event.get("ORGANIZER")) + _listed(event.get("ATTENDEE")):
        if str(prop.params.get("PARTSTAT", "")).upper() == "DECLINED":
            continue
        values.append(str(prop))
        if "EMAIL" in prop.params:
            values.append(str(prop.params["EMAIL"]))
    return addresses(values)


def _categories(event: Component) -> list[str]:
    return [str(c) for prop in _listed(event.get("CATEGORIES"))
            for c in getattr(prop, "cats", [prop])]


def _moment(event: Component, name: str) -> date | datetime:
    """DTSTART or RECURRENCE-ID as a date or a date-time (a time alone or a period is not one)."""
    prop: Any = event[name]
    value = prop.dt
    if not isinstance(value, date):
        raise ValueError(f"{name} is not a date or a date-time")
    return value


def _zoned(start: date | datetime, zone: ZoneInfo) -> date | datetime:
    """A floating time (no zone, no Z) is taken in the organisation's zone."""
    if isinstance(start, datetime) and start.tzinfo is None:
        start = start.replace(tzinfo=zone)
    return _sendable(start)


def _sendable(start: date | datetime) -> date | datetime:
    """The same moment in a zone the driver can send. The Neo4j driver (6.4, with its Rust
    extension) crashed the process on the second datetime zoned by zoneinfo it sent; it
    sends pytz zones by name alike, so the activity keeps the event's zone."""
    if not isinstance(start, datetime) or not isinstance(start.tzinfo, ZoneInfo):
        return start
    import pytz

    try:
        named = pytz.timezone(start.tzinfo.key)
    except (pytz.UnknownTimeZoneError, ValueError):
        return start.astimezone(timezone(start.utcoffset() or timedelta(0)))
    # fold 0 is the first of two equal wall times when clocks go back: still summer time.
    moment: datetime = named.localize(start.replace(tzinfo=None), is_dst=not start.fold)
    return moment


def _stamp(value: date | datetime) -> str:
    """A recurrence id as part of the key: an instant in UTC, so that the same occurrence
    exported with another zone name keeps its key."""
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.astimezone(UTC)
        return value.strftime("%Y-%m-%dT%H:%M:%S") + ("Z" if value.tzinfo else "")
    return value.isoformat()


def _problems(calendar: Component) -> list[ProblemEntry]:
    problems: list[ProblemEntry] = []
    for index, event in enumerate(calendar.walk("VEVENT")):
        path = f"VEVENT[{index}]"
        broken = getattr(event, "errors", [])
        problems += [field_problem(f"{path}.{prop}" if prop else path, "ical_invalid",
                                   str(message)) for prop, message in broken]
        if not str(event.get("UID", "")).strip():
            problems.append(field_problem(f"{path}.UID", "uid_required", "an event needs a UID "
                                          "(re-imports find its activity by it)"))
        if event.get("DTSTART") is None:
            problems.append(field_problem(f"{path}.DTSTART", "start_required",
                                          "an event needs a start"))
        elif not any(prop == "DTSTART" for prop, _ in broken):
            try:
                _moment(event, "DTSTART")
            except MALFORMED as exc:
                problems.append(field_problem(f"{path}.DTSTART", "ical_invalid", str(exc)))
    return problems


def parse(body: bytes) -> tuple[Component | None, list[ProblemEntry]]:
    from icalendar import Calendar

    try:
        calendar = Calendar.from_ical(body)
    except MALFORMED as exc:
        return None, [field_problem("", "not_icalendar", f"not an iCalendar file: {exc}")]
    if calendar.name != "VCALENDAR":
        return None, [field_problem("", "not_icalendar", "not an iCalendar file: it holds "
                                    f"{calendar.name}, not VCALENDAR")]
    return calendar, _problems(calendar)


def _occurrences(calendar: Component, window: Window,
                 max_items: int) -> tuple[list[Component], list[ProblemEntry]]:
    """The occurrences that overlap the window, or why they are too many. A rule repeating
    more often than hourly is refused before it is expanded: every minute over one month is
    43,000 occurrences and seconds of CPU, and no meeting repeats so."""
    events = calendar.walk("VEVENT")
    too_often = [field_problem(f"VEVENT[{i}].RRULE", "repeats_too_often",
                               f"event {e.get('UID')} repeats more often than hourly",
                               uid=str(e.get("UID")))
                 for i, e in enumerate(events)
                 if any(str(f).upper() in TOO_OFTEN for f in _frequencies(e))]
    if too_often:
        return [], too_often
    import recurring_ical_events

    found = recurring_ical_events.of(calendar).between(window.since,
                                                       window.until + timedelta(days=1))
    per_series = Counter(str(e["UID"]) for e in found)
    problems = [field_problem("", "too_many_occurrences", f"event {uid} repeats more than "
                              f"{MAX_OCCURRENCES} times in the window", uid=uid,
                              max=MAX_OCCURRENCES)
                for uid, n in sorted(per_series.items()) if n > MAX_OCCURRENCES]
    if len(found) > max_items:
        problems.append(field_problem("", "too_many_items", f"{len(found)} event occurrences in "
                                      f"the window; at most {max_items} per file",
                                      n=len(found), max=max_items))
    return ([], problems) if problems else (found, [])


def _frequencies(event: Component) -> list[Any]:
    """The FREQ of each of the event's rules (several RRULE lines come as a list)."""
    rule = event.get("RRULE")
    rules = rule if isinstance(rule, list) else [rule] if rule is not None else []
    return [f for r in rules for f in r.get("FREQ", [])]


def events(body: bytes, *, window: Window, zone: ZoneInfo, typing: Typing,
           max_items: int) -> tuple[list[Captured], list[SkippedOut], list[ProblemEntry]]:
    """The file's event occurrences in the window, the events outside it, or its problems."""
    calendar, problems = parse(body)
    if calendar is None or problems:
        return [], [], problems
    components = calendar.walk("VEVENT")
    cancel_all = str(calendar.get("METHOD", "")).upper() == "CANCEL"
    recurring = {str(e["UID"]) for e in components
                 if any(p in e for p in ("RRULE", "RDATE", "RECURRENCE-ID"))}
    # An occurrence's own component may leave its attendees out (an exception written by
    # hand, some exports): then it has those of its series.
    series = {str(e["UID"]): e for e in components if "RECURRENCE-ID" not in e}
    try:
        found, problems = _occurrences(calendar, window, max_items)
    except MALFORMED as exc:
        return [], [], [field_problem("", "ical_invalid",
                                      f"a recurring event cannot be expanded: {exc}")]
    if problems:
        return [], [], problems
    items: dict[str, Captured] = {}
    for event in found:
        uid = str(event["UID"])
        start = _zoned(_moment(event, "DTSTART"), zone)
        if not window.holds(start):
            continue  # the expansion includes events that merely overlap the window
        key = uid if uid not in recurring else f"{uid}|{_stamp(_moment(event, 'RECURRENCE-ID'))}"
        people = _people(event) or _people(series.get(uid, event))
        summary = str(event.get("SUMMARY", "")).strip()
        items[key] = Captured(
            source=Source.CALENDAR, key=key, at=start, addresses=people,
            type=typing.of(_categories(event), summary), summary=summary or None,
            cancelled=cancel_all or str(event.get("STATUS", "")).upper() == "CANCELLED")
    skipped = [SkippedOut.of(field_problem(uid, "outside_window", "outside the capture window "
                                           f"{window.since} to {window.until}",
                                           since=window.since.isoformat(),
                                           until=window.until.isoformat()),
                             _zoned(_moment(e, "DTSTART"), zone),
                             str(e.get("SUMMARY", "")).strip() or None)
               for uid, e in _single(components) if uid not in items]
    return list(items.values()), skipped, []


def _single(components: Iterable[Component]) -> Iterable[tuple[str, Component]]:
    """Events that do not recur, by UID."""
    for event in components:
        if not any(p in event for p in ("RRULE", "RDATE", "RECURRENCE-ID")):
            yield str(event["UID"]), event


def window_for(settings: Settings, since: date | None, until: date | None) -> Window:
    """The window asked for, each end by default the settings' days around today; one the
    wrong way round or too long is refused (with the request's other problems, from a route's
    dependency: app/routes.py)."""
    today = dates.today(settings.org_zone)
    found = Window(since or today - timedelta(days=settings.capture_days_back),
                   until or today + timedelta(days=settings.capture_days_ahead))
    if found.until < found.since:
        refuse_later([field_problem("since", "since_after_until", "since is after until")])
    elif (found.until - found.since).days + 1 > MAX_WINDOW_DAYS:
        refuse_later([field_problem("since", "period_too_long", "a capture window is at most "
                                    f"{MAX_WINDOW_DAYS} days", max_days=MAX_WINDOW_DAYS)])
    return found


def typing_for(settings: Settings) -> Typing:
    return Typing(settings.capture_calendar_types, settings.capture_calendar_default_type)

