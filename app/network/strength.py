"""Relationship strength from activity (docs/domain.md section 9), without I/O.

The activity strength of an employee toward a contact on day D is
`1 - exp(-sum of w(type) * 0.5 ^ (age in days / half-life))` over their activities together on
or before D: a visit today weighs 1, one a half-life ago 0.5; the sum is turned into a share
below 1 so that more activity always helps, less and less.
"""

import math
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from app.config import Settings


class Trend(StrEnum):
    WARMING = "warming"
    STEADY = "steady"
    COOLING = "cooling"


@dataclass(frozen=True)
class Activity:
    at: date
    type: str


def activity_strength(activities: list[Activity], as_of: date, settings: Settings) -> float:
    """The strength on `as_of` from the activities on or before it."""
    total = sum(settings.activity_weights.get(a.type, 0.0)
                * 0.5 ** ((as_of - a.at).days / settings.activity_half_life_days)
                for a in activities if a.at <= as_of)
    return 1 - math.exp(-total)


def trend(activities: list[Activity], as_of: date, settings: Settings) -> Trend:
    """Warming or cooling when the strength moved by more than the delta since `trend_days`
    earlier; else steady."""
    now = activity_strength(activities, as_of, settings)
    then = activity_strength(activities, as_of - timedelta(days=settings.activity_trend_days),
                             settings)
    if now - then > settings.activity_trend_delta:
        return Trend.WARMING
    if then - now > settings.activity_trend_delta:
        return Trend.COOLING
    return Trend.STEADY
