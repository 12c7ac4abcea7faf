"""The change feed's deal states are kept per deal and day once worked out, and read back until a
write may change them (app/changes/service.py, app/kpis/kept.py). Every state read must be the
state worked out afresh: right after each write, and from the kept states once they are kept.

By hand: a deal's states are kept for the days asked, a write near one deal leaves the other's
kept, a state kept under other settings is worked out again, and a deal keeps its most
recently kept days only. Then on random graphs after every write of a random sequence (the
writes of tests/kpis/test_kept_breakthroughs: edges, acquaintances declared, ended and by
activity, assessments general and for a deal, chain members joining and leaving, deals moving,
losing focus and closing), the states of every deal on a past day, yesterday and today."""

from datetime import date, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given
from hypothesis import settings as examples
from neo4j import Driver

from app.changes import service
from app.config import Settings
from app.db.cypher import q
from app.db.graph import Graph, run_with_graph
from app.kpis import kept
from tests.kpis.test_kept_breakthroughs import (
    DEALS,
    LONG_AGO,
    apply,
    each_write,
    homes,
    operations,
    random_base,
    write,
)

TODAY = date.today()
DAYS = [date.fromisoformat(LONG_AGO) + timedelta(days=30), TODAY - timedelta(days=1), TODAY]


def read_twice(settings: Settings, days: list[date] = DAYS,
               deals: list[str] = DEALS) -> dict[str, Any]:
    """Each day's states as read (kept or worked out, then kept), again once they are kept,
    worked out afresh, and the deals whose states were not kept after the second read."""

    async def work(graph: Graph) -> dict[str, Any]:
        first = {day: await service.deal_states(graph, settings, deals, day) for day in days}
        await kept.settled()
        second = {day: await service.deal_states(graph, settings, deals, day) for day in days}
        fresh = {day: await service.worked_out(graph, settings, deals, day) for day in days}
        # The second read keeps what the first could not (a write not yet known applied, which
        # the first settles), off its path: waited for, or the states read next may race it.
        await kept.settled()
        not_kept = {}
        for day in days:
            found = await graph.read_one(q("changes/deal_states_kept"), opportunity_ids=deals,
                                         day=day, rule=service.fingerprint(settings))
            assert found is not None
            not_kept[day] = sorted(deal for deal, _ in found["stale"])
        return {"first": first, "second": second, "fresh": fresh, "not_kept": not_kept}

    return run_with_graph(settings, work)


def kept_days(driver: Driver) -> dict[str, list[str]]:
    found, _, _ = driver.execute_query(
        "MATCH (k:KeptDealState) RETURN k.opportunity_id AS deal, "
        "collect(toString(k.day)) AS days", database_="neo4j")
    return {r["deal"]: sorted(r["days"]) for r in found}


def stale_today(settings: Settings) -> list[str]:
    found = run_with_graph(settings, lambda graph: graph.read_one(
        q("changes/deal_states_kept"), opportunity_ids=DEALS, day=TODAY,
        rule=service.fingerprint(settings)))
    assert found is not None
    return sorted(deal for deal, _ in found["stale"])


def test_states_are_kept_per_deal_and_day_and_a_write_makes_only_its_deals_stale(
        client: TestClient, raw_driver: Driver, settings: Settings) -> None:
    # f1 at a1 (c1, c2 in its chain), f2 at a2 (c3, c4), g1 at a3 (not a focus deal), which c1
    # joins; e1 influences c4, who influences c1.
    write(client, random_base(["a1", "a1", "a2", "a2"]))
    apply(client, ("member", "c1", "g1", "user"), 1)
    read = read_twice(settings)
    assert read["first"] == read["second"] == read["fresh"]
    assert read["first"][TODAY]["g1"][0].reached == {"c1": "e1"}
    assert read["not_kept"] == {day: [] for day in DAYS}
    assert kept_days(raw_driver) == {deal: sorted(map(str, DAYS)) for deal in DEALS}
    # e2 comes to influence c1: c1's account (f1's) is marked, and g1's, whose chain holds c1;
    # f2's is not.
    apply(client, ("reach", "e2", "c1", None), 2)
    assert stale_today(settings) == ["f1", "g1"]
    read = read_twice(settings)
    assert read["first"] == read["second"] == read["fresh"]
    assert read["first"][TODAY]["g1"][0].reached == {"c1": None}  # e1 and e2 reach c1
    assert read["not_kept"] == {day: [] for day in DAYS}
    # A deal that does not exist has no state.
    assert read_twice(settings, [TODAY], ["nothing", "f1"])["first"][TODAY].keys() == {"f1"}


def test_a_state_kept_under_other_settings_is_worked_out_again(
        client: TestClient, settings: Settings) -> None:
    write(client, random_base(["a1", "a1", "a2", "a2"]))
    read_twice(settings)
    other = settings.model_copy(update={"weight_other": settings.weight_other + 1})
    assert stale_today(other) == DEALS
    read = read_twice(other)
    assert read["first"] == read["second"] == read["fresh"]


def test_a_deal_keeps_its_most_recently_kept_days(
        client: TestClient, raw_driver: Driver, settings: Settings,
        monkeypatch: pytest.MonkeyPatch) -> None:
    write(client, random_base(["a1", "a1", "a2", "a2"]))
    monkeypatch.setattr(service, "KEPT_DAYS_PER_DEAL", 2)
    days = [TODAY - timedelta(days=n) for n in (5, 4, 3)]
    for day in days:  # kept one day after the other
        read_twice(settings, [day])
    assert kept_days(raw_driver) == {deal: sorted(map(str, days[1:])) for deal in DEALS}


@pytest.mark.timeout(900)
@examples(max_examples=12, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(homes, operations)
def test_every_state_read_is_the_state_worked_out_afresh(
        client: TestClient, raw_driver: Driver, settings: Settings, accounts: list[str],
        ops: list[tuple[Any, ...]]) -> None:
    for step, op in each_write(client, raw_driver, accounts, ops):
        read = read_twice(settings)
        assert read["first"] == read["fresh"], (step, op)
        assert read["second"] == read["fresh"], (step, op)
        assert read["not_kept"] == {day: [] for day in DAYS}, (step, op)
