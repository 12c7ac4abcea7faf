"""The dates the service takes, wherever they come from: query parameters and documents alike.

Figures look back from as_of up to ten years (period_days) and two years (trend), and
acquaintance by activity a horizon of years before a day: at Python's years 1 and 9999 these
left the calendar (500s). Business records sit well inside.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Annotated, Any, TypeVar
from zoneinfo import ZoneInfo

from pydantic import AfterValidator, AwareDatetime, BeforeValidator, Discriminator, Tag

from app.errors import broken

EARLIEST, LATEST = date(1900, 1, 1), date(2999, 12, 31)
IN_RANGE = f"from {EARLIEST} to {LATEST}"
D = TypeVar("D", bound=date)


def _in_range(value: D) -> D:
    day = value.date() if isinstance(value, datetime) else value
    if not EARLIEST <= day <= LATEST:
        raise broken("date_out_of_range", "must be from {earliest} to {latest}",
                     earliest=EARLIEST.isoformat(), latest=LATEST.isoformat())
    return value


@dataclass(frozen=True)
class Period:
    """Days from since to until, both included."""

    since: date
    until: date

    def __contains__(self, day: date) -> bool:
        return self.since <= day <= self.until

    @property
    def before(self) -> date:
        """The day before the period: the state it is compared with."""
        return self.since - timedelta(days=1)


def in_utc(moment: datetime | None) -> datetime | None:
    """A moment a query parameter gives, in UTC (one without an offset is in UTC): Neo4j holds
    offsets within +-18h only, and any valid ISO offset compares the same in UTC."""
    if moment is None:
        return None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def today(zone: ZoneInfo) -> date:
    """The organisation's day now (BRM_ORG_TIMEZONE): what "today" means everywhere, as the
    day an activity counts on does. The server's own clock zone (UTC in a container) would
    start a Shanghai organisation's day at 08:00: a visit logged at 07:30 would miss the
    day's figures until then."""
    return datetime.now(zone).date()


def _a_number(value: Any) -> bool:
    if isinstance(value, int | float):
        return True
    try:
        float(value)  # "-1", "+20261201", "1.7e9", "20261201.5"
    except (TypeError, ValueError):
        return False
    return True


def _not_a_number(value: Any) -> Any:
    """pydantic reads a number as seconds since 1970: `as_of=20261201` (a day without its
    dashes) was refused as "Datetimes provided to dates should have zero time"."""
    if _a_number(value):
        raise broken("not_a_date", "write a date as YYYY-MM-DD (a moment as ISO 8601 with its "
                                   "zone), not as a number")
    return value


# Every date or date-time the service takes is one of these: Bounded[date], Bounded[datetime].
Bounded = Annotated[D, BeforeValidator(_not_a_number), AfterValidator(_in_range)]


def _day_or_moment(value: Any) -> str:
    """Which of a day or a moment `value` is written as ("YYYY-MM-DD" is a day)."""
    if isinstance(value, date):
        return "(moment)" if isinstance(value, datetime) else "(day)"
    return "(day)" if isinstance(value, str) and len(value.strip()) <= len("2026-01-01") else "(moment)"


# A day, or a moment with its zone: checked as what it is written as, so that a day out of range
# is not also told it lacks a zone. The tags are in parentheses, which error paths leave out.
DayOrMoment = Annotated[Annotated[Bounded[AwareDatetime], Tag("(moment)")]
                        | Annotated[Bounded[date], Tag("(day)")], Discriminator(_day_or_moment)]
