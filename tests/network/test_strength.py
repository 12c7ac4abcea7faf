"""Activity strength worked out by hand (half-life 90 days; visit 1.0, call 0.5, email 0.2),
and properties: with no new activity, strength never grows as time passes; the days a trend
turns cooling are those the definition gives day by day."""

import math
from datetime import date, timedelta
from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from app.config import Settings
from app.network.strength import (
    Activity,
    Trend,
    acquainted_spans,
    activity_strength,
    cooling_turns,
    trend,
)

SETTINGS = Settings()
# A visit on 09-01, a call on 10-01 and an e-mail on 11-30, 2026.
HISTORY = [Activity(date(2026, 9, 1), "visit"), Activity(date(2026, 10, 1), "call"),
           Activity(date(2026, 11, 30), "email")]


def test_strength_of_a_history_on_two_dates() -> None:
    # On 11-30: the visit is 90 days old, 1.0 * 0.5^(90/90) = 0.5; the call 60 days,
    # 0.5 * 0.5^(60/90) = 0.5 * 0.62996 = 0.31498; the e-mail today, 0.2. Sum 1.01498;
    # 1 - e^-1.01498 = 0.63759.
    assert round(activity_strength(HISTORY, date(2026, 11, 30), SETTINGS), 5) == 0.63759
    # On 2027-02-28 (90 days on): 0.25 + 0.5 * 0.5^(150/90) = 0.15749 + 0.2 * 0.5 = 0.1;
    # sum 0.50749; 1 - e^-0.50749 = 0.39800.
    assert round(activity_strength(HISTORY, date(2027, 2, 28), SETTINGS), 5) == 0.39800
    # Before the first activity, none; activities after the day asked do not count.
    assert activity_strength(HISTORY, date(2026, 8, 31), SETTINGS) == 0
    # On 09-01, the visit alone: 1 - e^-1 = 0.63212.
    assert round(activity_strength(HISTORY, date(2026, 9, 1), SETTINGS), 5) == 0.63212


def test_trend_against_ninety_days_earlier() -> None:
    # 11-30 (0.63759) against 09-01 (0.63212): moved by 0.0055, steady.
    assert trend(HISTORY, date(2026, 11, 30), SETTINGS) == Trend.STEADY
    # 2027-02-28 (0.39800) against 11-30 (0.63759): fell by 0.24, cooling.
    assert trend(HISTORY, date(2027, 2, 28), SETTINGS) == Trend.COOLING
    # A first meeting today against nothing: 1 - e^-1 = 0.63, warming.
    assert trend([Activity(date(2026, 11, 30), "meeting")], date(2026, 11, 30),
                 SETTINGS) == Trend.WARMING


def test_weights_are_settings() -> None:
    # An e-mail weighing 1.0 instead of 0.2, on its day: 1 - e^-1.
    heavy = Settings(activity_weights={"email": 1.0})
    assert round(activity_strength([Activity(date(2026, 1, 1), "email")], date(2026, 1, 1),
                                   heavy), 5) == 0.63212


def test_a_chat_message_weighs_as_an_e_mail() -> None:
    # A WeChat or text message on its day: 0.2, 1 - e^-0.2 = 0.18127, under the 0.2 of being
    # acquainted; two that day: 1 - e^-0.4 = 0.32968.
    day = date(2026, 11, 30)
    assert round(activity_strength([Activity(day, "message")], day, SETTINGS), 5) == 0.18127
    assert round(activity_strength([Activity(day, "message")] * 2, day, SETTINGS), 5) == 0.32968


DAYS = st.dates(min_value=date(2020, 1, 1), max_value=date(2026, 12, 31))
TYPES = st.sampled_from(sorted(SETTINGS.activity_weights))


@given(st.lists(st.builds(Activity, DAYS, TYPES), max_size=30), DAYS,
       st.integers(min_value=0, max_value=2000))
def test_strength_never_grows_with_age_alone(activities: list[Activity], day: date,
                                             later: int) -> None:
    # Once every activity has happened, only time passes.
    start = max([day, *(a.at for a in activities)])
    now = activity_strength(activities, start, SETTINGS)
    then = activity_strength(activities, start + timedelta(days=later), SETTINGS)
    assert 0 <= then <= now < 1


CLOSE_DAYS = st.dates(min_value=date(2026, 1, 1), max_value=date(2026, 6, 30))


@settings(max_examples=150, deadline=None)
@given(st.lists(st.builds(Activity, CLOSE_DAYS, TYPES), max_size=12))
def test_acquainted_spans_are_exactly_the_acquainted_days(activities: list[Activity]) -> None:
    """The stored runs of days (the IN_TOUCH edges) against every day checked one by one: from
    before the first activity to past the horizon of the last."""
    spans = acquainted_spans(activities, SETTINGS)
    assert all(since < until for since, until in spans)
    assert all(a[1] < b[0] for a, b in pairwise(spans))  # apart, in order
    day = date(2025, 12, 1)
    while day < date(2028, 12, 31):
        expected = activity_strength(activities, day, SETTINGS) >= SETTINGS.activity_acquainted
        assert any(since <= day < until for since, until in spans) == expected, day
        day += timedelta(days=1)


def test_a_meeting_alone_makes_one_acquainted_for_195_days() -> None:
    # 0.5^(d/90) >= -ln(0.8) = 0.22314 while d <= 90 * log2(1 / 0.22314) = 194.76: days 0..194.
    assert acquainted_spans([Activity(date(2026, 3, 1), "meeting")], SETTINGS) == [
        (date(2026, 3, 1), date(2026, 9, 12))]
    # One e-mail (0.2) never reaches it; two the same day (0.4) do, for
    # 90 * log2(0.4 / 0.22314) = 75.8 days: days 0..75.
    assert acquainted_spans([Activity(date(2026, 3, 1), "email")], SETTINGS) == []
    assert acquainted_spans([Activity(date(2026, 3, 1), "email")] * 2, SETTINGS) == [
        (date(2026, 3, 1), date(2026, 5, 16))]


def defined_strength(activities: list[Activity], day: date, s: Settings) -> float:
    """docs/domain.md section 9, term by term."""
    horizon = math.floor(s.activity_half_life_days * s.activity_horizon_half_lives)
    return 1 - math.exp(-math.fsum(
        s.activity_weights.get(a.type, 0.0) * 0.5 ** ((day - a.at).days / s.activity_half_life_days)
        for a in activities if 0 <= (day - a.at).days <= horizon))


def defined_cooling(activities: list[Activity], day: date, s: Settings) -> bool:
    then = defined_strength(activities, day - timedelta(days=s.activity_trend_days), s)
    return then - defined_strength(activities, day, s) > s.activity_trend_delta


@settings(max_examples=200, deadline=None)
@given(st.lists(st.builds(Activity, CLOSE_DAYS, TYPES), min_size=1, max_size=4),
       st.dates(min_value=date(2026, 1, 1), max_value=date(2027, 6, 30)),
       st.integers(min_value=0, max_value=92), st.sampled_from([30.0, 45.5, 90.0]),
       st.sampled_from([7, 90]), st.sampled_from([0.0, 0.05, 0.1, 0.3]),
       st.sampled_from([1, 2, 10]))
def test_the_days_a_trend_turns_cooling_are_those_of_the_definition(
        activities: list[Activity], first: date, days: int, half_life: float, trend_days: int,
        delta: float, half_lives: int) -> None:
    # One activity takes a shortcut (its trend is a matter of its age): as many examples with
    # one as with several. A short horizon makes an activity's leaving it a turn of its own.
    s = Settings(activity_half_life_days=half_life, activity_trend_days=trend_days,
                 activity_trend_delta=delta, activity_horizon_half_lives=half_lives)
    last = first + timedelta(days=days)
    expected = [first + timedelta(days=k) for k in range(days + 1)
                if defined_cooling(activities, first + timedelta(days=k), s)
                and not defined_cooling(activities, first + timedelta(days=k - 1), s)]
    assert cooling_turns(activities, first, last, s) == expected
    assert cooling_turns(activities[:1], first, last, s) == [
        day for k in range(days + 1) for day in [first + timedelta(days=k)]
        if defined_cooling(activities[:1], day, s)
        and not defined_cooling(activities[:1], day - timedelta(days=1), s)]
