"""Figures of the analysis lines, computed from snapshots (pure functions, no I/O)."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from statistics import mean

from app.features.service import Attitudes
from app.kpis.schemas import Metric
from app.kpis.snapshot import KeyPerson, Snapshot

People = Callable[[Snapshot], list[KeyPerson]]


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
    scores = [s for a in views if (s := a.score(degree)) is not None]
    return round(mean(scores), 10) if scores else None


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
    return ratio(len(acquainted(s)), len(s.key_persons))


def acquainted_count(s: Snapshot) -> Figure:
    return Figure(len(acquainted(s)))


def acquainted_not_insighted(s: Snapshot) -> Figure:
    return Figure(sum(not p.attitudes.insighted for p in acquainted(s)))


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


def degree_average(degree: str, people: People) -> SnapshotFigure:
    return lambda s: Figure(average((p.attitudes for p in people(s)), degree))


def bucket_count(degree: str, name: str, people: People) -> SnapshotFigure:
    return lambda s: Figure(sum(bucket(p.attitudes, degree) == name for p in people(s)))


def all_key_persons(s: Snapshot) -> list[KeyPerson]:
    return s.key_persons


def insighted(s: Snapshot) -> Figure:
    return Figure(sum(p.attitudes.insighted for p in s.key_persons))


def not_insighted(s: Snapshot) -> Figure:
    return Figure(sum(not p.attitudes.insighted for p in s.key_persons))


