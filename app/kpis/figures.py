"""Figures of the analysis lines, computed from snapshots (pure functions, no I/O)."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from app.features.service import Attitudes
from app.kpis.schemas import Metric
from app.kpis.snapshot import KeyPerson, Snapshot, Views

SnapshotViews = Callable[[Snapshot], Views]  # the tally of a group of a snapshot's key persons


@dataclass(frozen=True)
class Figure:
    value: float | None
    numerator: float | None = None
    denominator: float | None = None


def ratio(numerator: float, denominator: float) -> Figure:
    return Figure(numerator / denominator if denominator else None, numerator, denominator)


def trend(now: Figure, month: Figure, year: Figure) -> Metric:
    def change(before: Figure) -> float | None:
        if now.value is None or before.value is None:
            return None
        return round(now.value - before.value, 10)

    return Metric(value=now.value, numerator=now.numerator, denominator=now.denominator,
                  previous_month=month.value, previous_year=year.value,
                  mom_change=change(month), yoy_change=change(year))


SnapshotFigure = Callable[[Snapshot], "Figure"]


def over(snapshots: tuple[Snapshot, Snapshot, Snapshot], figure: SnapshotFigure) -> Metric:
    now, month, year = snapshots
    return trend(figure(now), figure(month), figure(year))


def average(views: Iterable[Attitudes], degree: str) -> float | None:
    """Mean score of a degree over the views with a known value."""
    return weighted_average(((view, 1) for view in views), degree)


def weighted_average(views: Iterable[tuple[Attitudes, int]], degree: str) -> float | None:
    """The same over (view, how many hold it)."""
    # Scores are integers: their exact sum over their count, as statistics.mean gives it.
    total = count = 0
    for view, n in views:
        if (score := view.score(degree)) is not None:
            total += score * n
            count += n
    return round(total / count, 10) if count else None


def bucket(a: Attitudes, degree: str) -> str:
    """supportive (support, strong support), neutral, opposed (oppose, strong oppose), unknown."""
    score = a.score(degree)
    if score is None:
        return "unknown"
    return "supportive" if score > 0 else "neutral" if score == 0 else "opposed"


BUCKETS = ("supportive", "neutral", "opposed", "unknown")


def tier(avg: float | None, *, excellent: float, poor: float) -> str:
    if avg is None:
        return "unknown"
    if avg >= excellent:
        return "excellent"
    if avg >= 0:
        return "good"
    return "medium" if avg > poor else "poor"


TIERS = ("excellent", "good", "medium", "poor", "unknown")


# --- influence line ---

def key_persons(s: Snapshot) -> Figure:
    return Figure(len(s.key_persons))


def acquainted(s: Snapshot) -> list[KeyPerson]:
    return [p for p in s.key_persons if p.acquainted]


def value_potential(s: Snapshot) -> Figure:
    return ratio(s.acquainted_views.total(), len(s.key_persons))


def acquainted_count(s: Snapshot) -> Figure:
    return Figure(s.acquainted_views.total())


def acquainted_not_insighted(s: Snapshot) -> Figure:
    return Figure(sum(n for view, n in s.acquainted_views.items() if not view.insighted))


def contribution_count(period_days: int) -> SnapshotFigure:
    def figure(s: Snapshot) -> Figure:
        won = s.won_in_period(period_days)
        return ratio(sum(d.leveraged for d in won), len(won))
    return figure


def contribution_amount(period_days: int) -> SnapshotFigure:
    def figure(s: Snapshot) -> Figure:
        won = s.won_in_period(period_days)
        return ratio(sum(d.amount for d in won if d.leveraged), sum(d.amount for d in won))
    return figure


def degree_average(degree: str, views: SnapshotViews) -> SnapshotFigure:
    return lambda s: Figure(weighted_average(views(s).items(), degree))


def bucket_count(degree: str, name: str, views: SnapshotViews) -> SnapshotFigure:
    return lambda s: Figure(sum(n for view, n in views(s).items() if bucket(view, degree) == name))


def all_views(s: Snapshot) -> Views:
    return s.views


def acquainted_views(s: Snapshot) -> Views:
    return s.acquainted_views


def insighted(s: Snapshot) -> Figure:
    return Figure(sum(n for view, n in s.views.items() if view.insighted))


def not_insighted(s: Snapshot) -> Figure:
    return Figure(sum(n for view, n in s.views.items() if not view.insighted))


