"""Activity strength worked out by hand (half-life 90 days; visit 1.0, call 0.5, email 0.2),
and a property: with no new activity, strength never grows as time passes."""

from datetime import date, timedelta
from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from app.config import Settings
from app.network.strength import Activity, Trend, acquainted_spans, activity_strength, trend

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
