"""The change feed's deal states read lean (changes/deal_states: members, our attitudes,
whether one or several colleagues reach each member, many deals in one query) are the states
the whole decision chain gives (deal_view, then reachers_of, as the feed built them before): on
the hand-worked scenario of test_change_feed every day of its two periods, and on generated
demo data for every open deal at several dates, read a few deals per query and all at once."""

from datetime import date, timedelta

import pytest
from fastapi.testclient import TestClient
from neo4j import Driver

from app.chains.risk import reachers_of
from app.chains.service import deal_view
from app.changes import service
from app.changes.events import DealState
from app.changes.service import State, deal_states
from app.config import Settings
from app.db.cypher import q
from app.db.graph import Graph, Reader, run_with_graph
from app.demo.generator import generate
from tests.changes.test_change_feed import scenario
from tests.conftest import AUTH

TODAY = date(2026, 11, 23)


async def reference(graph: Reader, settings: Settings, opportunity_id: str, as_of: date) -> State:
    """The state as the feed built it from the whole decision chain: kept here only, to
    compare with."""
    view = await deal_view(graph, settings, opportunity_id=opportunity_id, as_of=as_of)
    members = [m.contact_id for m in view.chain.members]
    reach = await reachers_of(graph, settings, members=members, opportunity_id=opportunity_id,
                              as_of=as_of, max_hops=settings.path_max_hops_default, excluded=[])
    return (DealState(members=frozenset(members), blockers=frozenset(view.chain.blockers),
                      reached={c: found[0][0] if len(found) == 1 else None
                               for c, found in reach.items() if found},
                      supportive=view.chain.coverage.weighted.supportive),
            {m.contact_id: m.name for m in view.chain.members})


def both_ways(settings: Settings, days: list[date],
              opportunity_ids: list[str] | None = None) -> dict[tuple[str, date], tuple[State, State]]:
    """(deal, day) -> (lean state, reference state): each day's lean states in one call, each
    reference in a read transaction of its own; without `opportunity_ids`, every deal open on
    the day."""
    async def work(graph: Graph) -> dict[tuple[str, date], tuple[State, State]]:
        found = {}
        for day in days:
            ids = opportunity_ids or [d["opportunity_id"] for d in await graph.read_list(
                q("changes/open_deals"), account_ids=None, until=day,
                limit=settings.changes_max_deals)]
            lean = await deal_states(graph, settings, ids, day)
            assert set(lean) == set(ids)
            for o in ids:
                whole = await graph.together(
                    lambda r, o=o, day=day: reference(r, settings, o, day))
                found[(o, day)] = (lean[o], whole)
        return found

    return run_with_graph(settings, work)


def test_the_scenario_every_day(client: TestClient, raw_driver: Driver,
                                settings: Settings) -> None:
    scenario(client, raw_driver)
    start = date(2026, 2, 27)
    days = [date(2025, 12, 31)] + [start + timedelta(days=i) for i in range(35)]  # ..04-02
    states = both_ways(settings, days, ["o1"])
    for (_, day), (lean, whole) in states.items():
        assert lean == whole, day
    # The states themselves, worked out from the scenario (test_change_feed's docstring):
    # before the chain began (01-01), nothing.
    assert states[("o1", date(2025, 12, 31))][0] == (
        DealState(frozenset(), frozenset(), {}, None), {})
    # 02-28: m1 (decision maker, weight 3), m2 (evaluator, 2), m4 (coach, 1), all three
    # supporting on every degree: no blocker, supportive 6 of 6 = 1.0; e1 reaches m1, e1 and
    # e2 m2 (both 0.8 in one hop: by employee id), nobody m4.
    assert states[("o1", date(2026, 2, 28))][0] == (
        DealState(frozenset({"m1", "m2", "m4"}), frozenset(),
                  {"m1": "e1", "m2": None}, 1.0),
        {"m1": "M1", "m2": "M2", "m4": "M4"})
    # 03-05: m1 opposes on closeness from 03-03 and m3 (user, 1) joins unassessed: both block;
    # supportive m2 2 + m4 1 of 3 + 2 + 1 + 1 = 3/7; e3 reaches m3 from that day.
    assert states[("o1", date(2026, 3, 5))][0][0] == DealState(
        frozenset({"m1", "m2", "m3", "m4"}), frozenset({"m1", "m3"}),
        {"m1": "e1", "m2": None, "m3": "e3"}, 3 / 7)
    # 03-31: m4 gone (03-20), m2 an influencer (1) opposing on price for o1 (03-25): m1, m2 and
    # m3 (closeness alone known) block; supportive m2 1 of 3 + 1 + 1 = 0.2; e1's line to m1
    # ended 03-15 and e2's to m2 on 03-12.
    assert states[("o1", date(2026, 3, 31))][0][0] == DealState(
        frozenset({"m1", "m2", "m3"}), frozenset({"m1", "m2", "m3"}),
        {"m2": "e1", "m3": "e3"}, 1 / 5)


def test_generated_deals(client: TestClient, settings: Settings,
                         monkeypatch: pytest.MonkeyPatch) -> None:
    assert client.post("/v1/import", json=generate(scale=0.15, seed=3, today=TODAY),
                       headers=AUTH).status_code == 200
    # Every tenth day over 300 days (a few deals are open at once at this scale); three deals
    # a query.
    monkeypatch.setattr(service, "DEALS_PER_READ", 3)
    states = both_ways(settings, [TODAY - timedelta(days=d) for d in range(0, 301, 10)])
    for key, (lean, whole) in states.items():
        assert lean == whole, key
    # Not vacuous: many deals, with members, blockers, reachers and a coverage among them.
    lean_states = [lean for (lean, _), _ in states.values()]
    assert len(lean_states) >= 60 and len({o for o, _ in states}) >= 3
    assert sum(bool(s.members) for s in lean_states) >= 40
    assert any(s.blockers for s in lean_states)
    # Members reached by one colleague and by several.
    assert {None, "one"} <= {"one" if e else e for s in lean_states for e in s.reached.values()}
    assert any(s.supportive for s in lean_states)
