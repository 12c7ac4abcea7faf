"""The KPI pieces and the company's day rollups, kept current by every write.

A piece (`:KpiPiece`) is one key person at one account over a span of days [since, until):
whether an employee knows them then, our attitudes then, and what that adds to the figures,
as a vector. A `:KpiCompanyDay` holds, for one day, the vectors of the pieces starting that day
minus those ending that day, so the company's figures on a date are the sum of the days up to
it: about six hundred small nodes at 1x, however many key persons there are. Scoped figures and
lists read the pieces valid on the date of the scope's accounts.

Every write that may change a contact's pieces (the contact itself, its WORKS_AT or incoming
INFLUENCES edges, our assessments of it) ends with `refresh_step` over those contacts, in the
same transaction (kpis/refresh_pieces.cypher), so the figures are exact as soon as it commits.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from app.db.cypher import q
from app.domain import ATTITUDE_SCORE, Attitude, RelType
from app.features.service import DEGREES

ATTITUDE_OF_SCORE = {s: a for a, s in ATTITUDE_SCORE.items() if s is not None}

# The vector's layout (kpis/refresh_pieces.cypher writes it): four counts, then per degree
# the sum and count of known scores and the four buckets, for every key person and then for
# the acquainted ones.
HEAD = ("key_persons", "acquainted", "insighted", "acquainted_insighted")
PER_DEGREE = ("sum", "count", "supportive", "neutral", "opposed", "unknown")
WIDTH = len(HEAD) + len(DEGREES) * 2 * len(PER_DEGREE)


@dataclass(frozen=True)
class Totals:
    """A sum of piece vectors: what a scope's key persons add up to on one date."""

    v: tuple[int, ...] = (0,) * WIDTH

    @classmethod
    def of(cls, vectors: Iterable[Iterable[int]]) -> "Totals":
        sums = [0] * WIDTH
        for vector in vectors:
            for i, x in enumerate(vector):
                sums[i] += x
        return cls(tuple(sums))

    def __add__(self, other: "Totals") -> "Totals":
        return Totals(tuple(a + b for a, b in zip(self.v, other.v, strict=True)))

    def head(self, name: str) -> int:
        return self.v[HEAD.index(name)]

    def degree(self, degree: str, field: str, *, acquainted: bool = False) -> int:
        start = len(HEAD) + DEGREES.index(degree) * 2 * len(PER_DEGREE)
        return self.v[start + acquainted * len(PER_DEGREE) + PER_DEGREE.index(field)]

    def average(self, degree: str, *, acquainted: bool = False) -> float | None:
        """Mean score of a degree over the key persons with a known value."""
        total = self.degree(degree, "sum", acquainted=acquainted)
        count = self.degree(degree, "count", acquainted=acquainted)
        return round(total / count, 10) if count else None


EMPTY = Totals()

# The edges whose change may change a contact's pieces (ingestion/repository.py contact_end);
# our assessments of a contact and the contact itself (key person or not, its account) do too.
PIECE_EDGES = frozenset({RelType.WORKS_AT, RelType.INFLUENCES})
REFRESH = q("kpis/refresh_pieces")


def attitude_of(score: int | None) -> Attitude:
    return Attitude.UNKNOWN if score is None else ATTITUDE_OF_SCORE[score]
