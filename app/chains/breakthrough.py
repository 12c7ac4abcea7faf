"""Breakthrough (重点突破): the members of a focus deal's decision chain at neutral or below on
some degree, whom an employee reaches (docs/domain.md sections 8 and 10). The rule is here;
whom an employee reaches is a path search, by the caller."""

from collections.abc import Iterable

from app.chains.service import blockers
from app.config import Settings
from app.domain import ATTITUDE_SCORE, Role
from app.features.service import DEGREES, Attitudes

Candidate = tuple[str, list[str]]  # a member's id and its degrees at neutral or below
# The attitudes at neutral or below, for a query that picks the members low_degrees finds.
LOW = sorted(a.value for a, score in ATTITUDE_SCORE.items() if score is not None and score <= 0)


def low_degrees(attitudes: Attitudes) -> list[str]:
    """The degrees known and at neutral, oppose or strong oppose (an unknown one is not)."""
    return [d for d in DEGREES if (score := attitudes.score(d)) is not None and score <= 0]


def candidates(settings: Settings, members: Iterable[tuple[str, Role, Attitudes]]) -> list[Candidate]:
    """The members (id, role, our attitudes on the deal) with a degree at neutral or below, in
    the blockers' order (veto holders, approvers, then by weight and id), with those degrees.
    Each of them is a blocker too: a breakthrough is a blocker we know where to push."""
    chain = list(members)
    low = {cid: found for cid, _, a in chain if (found := low_degrees(a))}
    return [(cid, low[cid]) for cid in blockers(settings, chain) if cid in low]
