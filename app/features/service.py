"""Resolve the seven features of contacts as of a date, for us or toward a competitor."""

import asyncio
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from app.config import Settings
from app.db.cypher import q
from app.db.graph import Reader, Row
from app.domain import (
    ATTITUDE_SCORE,
    US,
    Attitude,
    Behavior,
    ContactLevel,
    Importance,
    contact_level,
)


@dataclass(frozen=True, slots=True)
class Attitudes:
    """The three degrees (三度) and two votes (两票) from the latest assessments."""

    closeness: Attitude = Attitude.UNKNOWN
    solution: Attitude = Attitude.UNKNOWN
    price: Attitude = Attitude.UNKNOWN
    veto: bool | None = None
    approver: bool | None = None

    def degree(self, name: str) -> Attitude:
        value: Attitude = getattr(self, name)
        return value

    def score(self, name: str) -> int | None:
        return ATTITUDE_SCORE[self.degree(name)]

    @property
    def insighted(self) -> bool:
        """All three degrees and both votes known (已洞察)."""
        return (all(self.score(d) is not None for d in DEGREES)
                and self.veto is not None and self.approver is not None)

    @property
    def known(self) -> int:
        return (sum(self.score(d) is not None for d in DEGREES)
                + (self.veto is not None) + (self.approver is not None))


DEGREES = ("closeness", "solution", "price")
# The attitudes of a contact nobody assessed; shared (frozen), not built anew per lookup.
UNASSESSED = Attitudes()


@dataclass(frozen=True)
class Portrait:
    contact_id: str
    name: str
    title: str | None
    department: str | None
    account_id: str | None
    key_person: bool
    behavior: Behavior | None
    importance: Importance | None
    importance_at: date | None
    attitudes: Attitudes
    reporting_known: bool
    influence_known: bool
    contact_level: ContactLevel
    # The same over the activities about the deal asked about; None outside a deal.
    deal_contact_level: ContactLevel | None = None

    @property
    def known_features(self) -> int:
        return self.attitudes.known + self.reporting_known + self.influence_known

    @property
    def completeness(self) -> float:
        return self.known_features / 7

    @property
    def insighted(self) -> bool:
        return self.attitudes.insighted


def _attitudes(row: dict[str, object]) -> Attitudes:
    def attitude(name: str) -> Attitude:
        value = row.get(name)
        return Attitude(value) if isinstance(value, str) else Attitude.UNKNOWN

    def vote(name: str) -> bool | None:
        value = row.get(name)
        return value if isinstance(value, bool) else None

    return Attitudes(attitude("closeness"), attitude("solution"), attitude("price"),
                     vote("veto"), vote("approver"))


async def attitudes(graph: Reader, contact_ids: Iterable[str], *, as_of: date,
                    towards: Iterable[str] = (US,), opportunity_id: str | None = None,
                    timeout_s: float | None = None) -> dict[tuple[str, str], Attitudes]:
    """(contact id, perspective) -> attitudes; missing pairs are wholly unknown."""
    ids, perspectives = list(contact_ids), list(towards)
    if perspectives == [US]:
        found = await graph.read_list(q("features/our_attitudes"), contact_ids=ids,
                                      as_of=as_of, us=US, opportunity_id=opportunity_id,
                                      timeout_s=timeout_s)
    else:
        found = await graph.read_list(q("features/attitudes"), contact_ids=ids,
                                      as_of=as_of, towards=perspectives,
                                      opportunity_id=opportunity_id, timeout_s=timeout_s)
    return views_of(found)


def views_of(rows: Iterable[Row]) -> dict[tuple[str, str], Attitudes]:
    """The rows of features/attitudes.cypher by (contact id, perspective)."""
    return {(str(r["contact_id"]), str(r["toward"])): _attitudes(r) for r in rows}


async def portraits(graph: Reader, settings: Settings, contact_ids: Iterable[str], *,
                    as_of: date, opportunity_id: str | None = None) -> dict[str, Portrait]:
    """Contact id -> portrait with the seven features as of `as_of` (unknown ids are left out)."""
    ids = list(dict.fromkeys(contact_ids))
    views, found = await asyncio.gather(
        attitudes(graph, ids, as_of=as_of, opportunity_id=opportunity_id),
        graph.read_list(q("features/structure"), contact_ids=ids, as_of=as_of,
                        opportunity_id=opportunity_id,
                        window_days=settings.contact_level_window_days))
    return portraits_of(settings, found, views)


def portraits_of(settings: Settings, structure: Iterable[Row],
                 views: dict[tuple[str, str], Attitudes]) -> dict[str, Portrait]:
    """Portraits from the rows of features/structure.cypher and our attitudes among `views`."""
    return {
        r["contact_id"]: Portrait(
            contact_id=r["contact_id"], name=r["name"], title=r["title"],
            department=r["department"], account_id=r["account_id"], key_person=r["key_person"],
            behavior=Behavior(r["behavior"]) if r["behavior"] else None,
            importance=Importance(r["importance"]) if r["importance"] else None,
            importance_at=r["importance_at"],
            attitudes=views.get((r["contact_id"], US), UNASSESSED),
            reporting_known=r["reporting_known"], influence_known=r["influence_known"],
            contact_level=level_of(settings, int(r["recent_activities"])),
            deal_contact_level=None if r["recent_deal_activities"] is None
            else level_of(settings, int(r["recent_deal_activities"])))
        for r in structure}


def level_of(settings: Settings, activities: int) -> ContactLevel:
    return contact_level(activities, occasional=settings.contact_level_occasional,
                         multiple=settings.contact_level_multiple, deep=settings.contact_level_deep)
