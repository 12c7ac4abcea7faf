"""What each of our assessments moved each feature from is kept with it when it is written
(ingestion/our_assessment_days), and the change feed's assessment and vote events are read from
it: after any sequence of imports (assessments arriving out of order, re-imported with other
values, for a deal and in general, a competitor's view among them), the events of a period
must be those of a walk over the whole history.

Reference: the imported assessments replayed in Python (a later import of a key merges into it
as a JSON merge patch and is entered then, unless it changed nothing), each contact's walked
oldest first (of two on a day, the one entered first; entered together, the general one
first): a feature moves from the deal's own last value, else the last general one."""

from datetime import date, timedelta
from typing import Any

from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from neo4j import Driver

from app.changes import service
from app.changes.events import Family
from app.changes.schemas import EventType
from app.config import Settings
from app.data_steps import data_steps
from app.dates import Period
from app.db.graph import run_with_graph
from tests.conftest import assessed_in_turn, said_on_the_day
from tests.features.test_attitude_timelines import (
    BASE,
    CONTACTS,
    DAY0,
    FEATURES,
    assessment,
    key,
)

Move = tuple[str, str, str | None, str, Any, Any]
VOTES = ("veto", "approver")
MOVED = (EventType.ASSESSMENT_CHANGED, EventType.VOTE_CHANGED)


def expected(documents: list[list[dict[str, Any]]], period: Period) -> set[Move]:
    final: dict[tuple[Any, ...], tuple[dict[str, Any], int]] = {}
    for entered, document in enumerate(documents):
        for a in document:
            had = final.get(key(a))
            now = said_on_the_day(had and had[0], a)
            unchanged = had is not None and had[0] == now
            final[key(a)] = (now, had[1] if had is not None and unchanged else entered)
    found: set[Move] = set()
    for contact in CONTACTS:
        ours = sorted(((a, entered) for a, entered in final.values()
                       if a["contact_id"] == contact and a["toward"] == "us"),
                      key=lambda x: (x[0]["at"], x[1], x[0]["opportunity_id"] or ""))
        general: dict[str, Any] = {}
        own: dict[str, dict[str, Any]] = {}
        for a, _ in ours:
            deal = a["opportunity_id"]
            for feature in FEATURES:
                value = a[feature]
                if value is None:
                    continue
                if deal is None:
                    before = general.get(feature)
                    general[feature] = value
                else:
                    known = own.setdefault(deal, {})
                    before = known.get(feature, general.get(feature))
                    known[feature] = value
                if date.fromisoformat(a["at"]) in period and before != value:
                    found.add((contact, a["at"], deal, feature, before, value))
    return found


def fed(settings: Settings, period: Period, first: int | None = None) -> tuple[list[Move], int]:
    """The moves the feed reads (the first `first`, in its order), and how many it counts."""
    found = run_with_graph(settings, lambda graph: service.events(
        graph, settings, None, period, families=frozenset({Family.RECORDS}),
        types=frozenset(MOVED), first=first))
    assert not found.truncated
    moves = [(e.contact_id or "", e.at.isoformat(), e.opportunity_id, e.feature or "", e.from_,
              e.to) for e in found.events if e.type in MOVED]
    return moves, len(moves) + found.more


def every_move(settings: Settings, period: Period) -> set[Move]:
    moves, total = fed(settings, period)
    assert total == len(moves)
    return set(moves)


def feed_order(move: Move) -> tuple[Any, ...]:
    """Newest first; degrees before votes; then by deal, contact and feature (no employee enters
    these assessments)."""
    contact, at, deal, feature, _, _ = move
    return -date.fromisoformat(at).toordinal(), feature in VOTES, deal or "", contact, feature


periods = st.tuples(st.integers(-1, 42), st.integers(0, 20)).map(
    lambda p: Period(DAY0 + timedelta(days=p[0]), DAY0 + timedelta(days=p[0] + p[1])))


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(documents=st.lists(st.lists(assessment, max_size=12), min_size=1, max_size=4),
       asked=st.lists(st.tuples(periods, st.integers(0, 8)), min_size=1, max_size=3))
def test_the_moves_kept_are_those_of_the_whole_history_after_any_sequence_of_imports(
        client: TestClient, raw_driver: Driver, settings: Settings,
        documents: list[list[dict[str, Any]]], asked: list[tuple[Period, int]]) -> None:
    """Also the first few in the feed's order, and the count of all, as a page asks them."""
    unique = assessed_in_turn(client, raw_driver, BASE, documents)
    for period, first in asked:
        moves = expected(unique, period)
        assert every_move(settings, period) == moves, period
        assert fed(settings, period, first) == (sorted(moves, key=feed_order)[:first],
                                                len(moves)), (period, first)


def test_assessments_stored_before_the_moves_were_kept_get_them_from_the_migration(
        client: TestClient, raw_driver: Driver, settings: Settings) -> None:
    # c0: closeness support on 01-05, then oppose on 01-10 (general); for o1 neutral on 01-12,
    # from the general oppose; a competitor's view between them does not count.
    unique = assessed_in_turn(client, raw_driver, BASE, [[
        {"contact_id": "c0", "at": "2026-01-10", "toward": "us", "opportunity_id": None,
         "closeness": "oppose", "solution": None, "price": None, "veto": None, "approver": None},
        {"contact_id": "c0", "at": "2026-01-11", "toward": "k1", "opportunity_id": None,
         "closeness": "support", "solution": None, "price": None, "veto": None,
         "approver": None},
        {"contact_id": "c0", "at": "2026-01-12", "toward": "us", "opportunity_id": "o1",
         "closeness": "neutral", "solution": None, "price": None, "veto": True,
         "approver": None},
    ], [
        {"contact_id": "c0", "at": "2026-01-05", "toward": "us", "opportunity_id": None,
         "closeness": "support", "solution": None, "price": None, "veto": None,
         "approver": None},
    ]])
    january = Period(date(2026, 1, 1), date(2026, 1, 31))
    written = every_move(settings, january)
    assert written == expected(unique, january) == {
        ("c0", "2026-01-05", None, "closeness", None, "support"),
        ("c0", "2026-01-10", None, "closeness", "support", "oppose"),
        ("c0", "2026-01-12", "o1", "closeness", "oppose", "neutral"),
        ("c0", "2026-01-12", "o1", "veto", None, True)}
    raw_driver.execute_query(
        "MATCH (a:Assessment) REMOVE a.closeness_from, a.solution_from, a.price_from, "
        "a.veto_from, a.approver_from", database_="neo4j")
    assert every_move(settings, january) != written
    run_with_graph(settings, data_steps(settings)[33])
    assert every_move(settings, january) == written
    # Nor how many each moved, which the feed counts them by (V034).
    raw_driver.execute_query("MATCH (a:Assessment) REMOVE a.degree_moves, a.vote_moves",
                             database_="neo4j")
    assert every_move(settings, january) == set()
    run_with_graph(settings, data_steps(settings)[34])
    assert every_move(settings, january) == written
