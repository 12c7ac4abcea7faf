"""Figures of the analysis lines and the rules they follow (pure functions, no I/O)."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from app.features.service import DEGREES, Attitudes
from app.kpis.rollups import BUCKETS, Totals
from app.kpis.schemas import BucketMetrics, DegreeBuckets, DegreeMetrics, Metric


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


Three = tuple[Totals, Totals, Totals]  # on the date, a month and a year before
TotalsFigure = Callable[[Totals], Figure]


def over(totals: Three, figure: TotalsFigure) -> Metric:
    now, month, year = totals
    return trend(figure(now), figure(month), figure(year))


def average(views: Iterable[Attitudes], degree: str) -> float | None:
    """Mean score of a degree over the views with a known value."""
    scores = [s for view in views if (s := view.score(degree)) is not None]
    # Scores are integers: their exact sum over their count, as statistics.mean gives it.
    return round(sum(scores) / len(scores), 10) if scores else None


def tier(avg: float | None, *, excellent: float, poor: float) -> str:
    if avg is None:
        return "unknown"
    if avg >= excellent:
        return "excellent"
    if avg >= 0:
        return "good"
    return "medium" if avg > poor else "poor"


TIERS = ("excellent", "good", "medium", "poor", "unknown")


# --- the influence and key-person lines, from a scope's totals ---

def key_persons(t: Totals) -> Figure:
    return Figure(t.head("key_persons"))


def acquainted(t: Totals) -> Figure:
    return Figure(t.head("acquainted"))


def value_potential(t: Totals) -> Figure:
    """KPI 1: acquainted key persons over key persons."""
    return ratio(t.head("acquainted"), t.head("key_persons"))


def acquainted_not_insighted(t: Totals) -> Figure:
    return Figure(t.head("acquainted") - t.head("acquainted_insighted"))


def insighted(t: Totals) -> Figure:
    return Figure(t.head("insighted"))


def not_insighted(t: Totals) -> Figure:
    return Figure(t.head("key_persons") - t.head("insighted"))


def degree_average(degree: str, *, acquainted: bool) -> TotalsFigure:
    return lambda t: Figure(t.average(degree, acquainted=acquainted))


def bucket_count(degree: str, name: str, *, acquainted: bool) -> TotalsFigure:
    return lambda t: Figure(t.degree(degree, name, acquainted=acquainted))


def degree_metrics(totals: Three, *, acquainted: bool) -> DegreeMetrics:
    return DegreeMetrics(**{d: over(totals, degree_average(d, acquainted=acquainted))
                            for d in DEGREES})


def buckets(totals: Three, *, acquainted: bool) -> DegreeBuckets:
    return DegreeBuckets(**{d: BucketMetrics(**{
        b: over(totals, bucket_count(d, b, acquainted=acquainted)) for b in BUCKETS})
        for d in DEGREES})
