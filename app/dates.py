"""The dates the service takes, wherever they come from: query parameters and documents alike.

Figures look back from as_of up to ten years (period_days) and two years (trend), and
acquaintance by activity a horizon of years before a day: at Python's years 1 and 9999 these
left the calendar (500s). Business records sit well inside.
"""

from datetime import date, datetime
from typing import Annotated, TypeVar

from pydantic import AfterValidator

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


# Every date or date-time the service takes is one of these: Bounded[date], Bounded[datetime].
Bounded = Annotated[D, AfterValidator(_in_range)]
