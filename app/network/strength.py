"""Relationship strength from activity (docs/domain.md section 9), without I/O.

The activity strength of an employee toward a contact on day D is
`1 - exp(-sum of w(type) * 0.5 ^ (age in days / half-life))` over their activities together on
or before D and at most `horizon_days` old: a visit today weighs 1, one a half-life ago 0.5; the
sum is turned into a share below 1 so that more activity always helps, less and less.

Between two activities the sum only decays, so the days on which an employee is acquainted by
activity (strength at least `activity_acquainted`) are a few runs of days: `acquainted_spans`
finds them, and they are stored as dated `IN_TOUCH` edges (app/network/touch.py) that the
paths and the figures read like any other dated edge.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from functools import cache

import numpy as np

from app.config import Settings


class Trend(StrEnum):
    WARMING = "warming"
    STEADY = "steady"
    COOLING = "cooling"


@dataclass(frozen=True)
class Activity:
    at: date
    type: str


def horizon_days(settings: Settings) -> int:
    """Activities older than this weigh less than a thousandth: they do not count."""
    return math.floor(settings.activity_half_life_days * settings.activity_horizon_half_lives)


@cache
def _decay(half_life_days: float, horizon: int) -> tuple[float, ...]:
    """What a unit of weight weighs at each age in days, 0 to `horizon`."""
    return tuple(0.5 ** (age / half_life_days) for age in range(horizon + 1))


def _sum(activities: Sequence[Activity], as_of: date, settings: Settings) -> float:
    horizon = horizon_days(settings)
    decay = _decay(settings.activity_half_life_days, horizon)
    return math.fsum(settings.activity_weights.get(a.type, 0.0) * decay[(as_of - a.at).days]
                     for a in activities if 0 <= (as_of - a.at).days <= horizon)


def _strength(total: float) -> float:
    return 1 - math.exp(-total)


def activity_strength(activities: Sequence[Activity], as_of: date, settings: Settings) -> float:
    """The strength on `as_of` from the activities on or before it."""
    return _strength(_sum(activities, as_of, settings))


def reaches(strength: float, settings: Settings) -> bool:
    """Whether an activity strength makes one acquainted: the threshold, tested here alone."""
    return strength >= settings.activity_acquainted


def acquainted(activities: Sequence[Activity], as_of: date, settings: Settings) -> bool:
    return reaches(activity_strength(activities, as_of, settings), settings)


def acquainted_spans(activities: Sequence[Activity], settings: Settings) -> list[tuple[date, date]]:
    """The runs of days [since, until) on which `acquainted` holds, in order.

    The sum changes by jumps only on an activity's day (up) and on the day one leaves the
    horizon (down); between two such days it decays, so the acquainted days of that stretch are
    its first ones, up to the day the decay crosses the threshold (found with a logarithm, then
    checked with `acquainted` itself so that the edges agree with it to the day). Each day's sum
    is computed once."""
    if not activities:
        return []
    horizon = horizon_days(settings)
    needed = -math.log(1 - settings.activity_acquainted)  # the sum at which strength reaches it
    jumps = sorted({a.at for a in activities}
                   | {a.at + timedelta(days=horizon + 1) for a in activities})
    spans: list[tuple[date, date]] = []
    for k, start in enumerate(jumps):
        total = _sum(activities, start, settings)
        if not reaches(_strength(total), settings):
            continue
        # total * 0.5 ** (d / half-life) >= needed for d up to this many days
        last = max(0, math.floor(settings.activity_half_life_days * math.log2(total / needed)))
        stretch_end = jumps[k + 1] if k + 1 < len(jumps) else None
        if stretch_end is not None:
            last = min(last, (stretch_end - start).days - 1)
        moved_on = False
        while (stretch_end is None or start + timedelta(days=last + 1) < stretch_end) \
                and acquainted(activities, start + timedelta(days=last + 1), settings):
            last += 1
            moved_on = True
        # Having moved on, the loop above found day `last` acquainted; else the estimate may be
        # a day late.
        while not moved_on and last > 0 \
                and not acquainted(activities, start + timedelta(days=last), settings):
            last -= 1
        until = start + timedelta(days=last + 1)
        if spans and spans[-1][1] == start:
            spans[-1] = (spans[-1][0], until)
        else:
            spans.append((start, until))
    return spans


def trend_strengths(activities: Sequence[Activity], as_of: date,
                    settings: Settings) -> tuple[float, float]:
    """The strengths `trend` compares: `trend_days` before `as_of`, and on it."""
    return (activity_strength(activities, as_of - timedelta(days=settings.activity_trend_days),
                              settings),
            activity_strength(activities, as_of, settings))


def trend(activities: Sequence[Activity], as_of: date, settings: Settings) -> Trend:
    """Warming or cooling when the strength moved by more than the delta since `trend_days`
    earlier; else steady."""
    return trend_between(*trend_strengths(activities, as_of, settings), settings)


def trend_between(then: float, now: float, settings: Settings) -> Trend:
    """The trend from the two strengths of `trend_strengths`, for a caller that also shows them."""
    return _trend(then, now, settings.activity_trend_delta)


def _trend(then: float, now: float, delta: float) -> Trend:
    if now - then > delta:
        return Trend.WARMING
    if then - now > delta:
        return Trend.COOLING
    return Trend.STEADY


def cooling_turns(activities: Sequence[Activity], first: date, last: date,
                  settings: Settings) -> list[date]:
    """The days from `first` to `last` on which the trend turns cooling: cooling, and not on the
    day before."""
    if len(activities) == 1:
        # Most pairs a period looks at share one activity: their trend is then a matter of its
        # age alone, worked out once per weight (with the same sums as on any other day).
        (activity,) = activities
        turns = _turning_ages(settings.activity_weights.get(activity.type, 0.0),
                              settings.activity_half_life_days, horizon_days(settings),
                              settings.activity_trend_days, settings.activity_trend_delta)
        age = (first - activity.at).days
        return [first + timedelta(days=k) for k in range((last - first).days + 1)
                if age + k in turns]
    # Every day's strength at once with numpy (each activity's decay added over the days it
    # weighs on), then a day whose fall is within a hair of the delta is decided again with the
    # exact terms of activity_strength (math.fsum): the days come out as the definition's.
    horizon = horizon_days(settings)
    trend_days, delta = settings.activity_trend_days, settings.activity_trend_delta
    decay = _decay(settings.activity_half_life_days, horizon)
    terms = [(a.at.toordinal(), settings.activity_weights.get(a.type, 0.0)) for a in activities]
    start, end = first.toordinal() - 1, last.toordinal()  # the days asked, and the day before
    low = start - trend_days  # the earliest day a strength is needed for
    totals = np.zeros(end - low + 1)
    table = np.asarray(decay)
    for at, w in terms:
        lo, hi = max(at, low), min(at + horizon, end)
        if lo <= hi:
            totals[lo - low:hi - low + 1] += w * table[lo - at:hi - at + 1]
    strength = 1 - np.exp(-totals)
    fall = strength[:end - low + 1 - trend_days] - strength[trend_days:]  # day start.. end
    cooling = fall > delta
    for k in np.flatnonzero(np.abs(fall - delta) < 1e-9):
        day = start + int(k)
        cooling[k] = _trend(_exact(terms, decay, horizon, day - trend_days),
                            _exact(terms, decay, horizon, day), delta) == Trend.COOLING
    turned = np.flatnonzero(cooling[1:] & ~cooling[:-1])
    return [date.fromordinal(start + 1 + int(k)) for k in turned]


def _exact(terms: list[tuple[int, float]], decay: tuple[float, ...], horizon: int,
           day: int) -> float:
    """activity_strength's own sum, days as ordinals."""
    return _strength(math.fsum(w * decay[day - at] for at, w in terms if 0 <= day - at <= horizon))


@cache
def _turning_ages(weight: float, half_life_days: float, horizon: int, trend_days: int,
                  delta: float) -> frozenset[int]:
    """The ages in days of a pair's one activity on which its trend turns cooling."""
    decay = _decay(half_life_days, horizon)

    def strength(age: int) -> float:
        # The sum of one term, as math.fsum gives it; none outside the horizon.
        return _strength(weight * decay[age]) if 0 <= age <= horizon else 0.0

    def cooling(age: int) -> bool:
        return _trend(strength(age - trend_days), strength(age), delta) == Trend.COOLING

    return frozenset(age for age in range(horizon + trend_days + 2)
                     if cooling(age) and not cooling(age - 1))


def turned_cooling(activities: Sequence[Activity], settings: Settings
                   ) -> list[tuple[date, float, float]]:
    """Every day the pair's trend turns cooling, with the two strengths it compares
    (`trend_strengths`): from its first activity, when its strength first rises, to the last
    day a strength `trend_days` earlier is still above nothing (after it the trend is steady)."""
    if not activities:
        return []
    first = min(a.at for a in activities)
    last = max(a.at for a in activities) + timedelta(
        days=horizon_days(settings) + settings.activity_trend_days)
    return [(day, *trend_strengths(activities, day, settings))
            for day in cooling_turns(activities, first, last, settings)]

