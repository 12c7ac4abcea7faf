"""The change feed's deal-state events on generated demo data, read two deals a query, against
states built from the whole decision chain (test_deal_state.reference): the events are those
the period's two ends differ by, and each is dated on a day whose state holds it while the day
before does not."""

from datetime import date, timedelta

import pytest
from fastapi.testclient import TestClient
from neo4j import Driver

from app.changes import service
from app.changes.events import Event, Family, deal_events, holds
from app.config import Settings
from app.dates import Period
from app.db.cypher import q
from app.db.graph import Graph, run_with_graph
from app.demo.generator import generate
from tests.changes.test_deal_state import reference
from tests.conftest import AUTH

TODAY = date(2026, 11, 23)
DEALS = frozenset({Family.DEALS})


def key(e: Event) -> tuple[str, ...]:
    return (e.type.value, e.opportunity_id or "", e.contact_id or "", str(e.from_), str(e.to))


@pytest.mark.parametrize("seed", [3, 8])
def test_deal_events_are_the_whole_chains_differences_dated_where_they_came_about(
        client: TestClient, settings: Settings, monkeypatch: pytest.MonkeyPatch,
        seed: int) -> None:
    assert client.post("/v1/import", json=generate(scale=0.15, seed=seed, today=TODAY),
                       headers=AUTH).status_code == 200
    monkeypatch.setattr(service, "DEALS_PER_READ", 2)
    periods = [Period(end - timedelta(days=days - 1), end)
               for end in (TODAY, TODAY - timedelta(days=60), TODAY - timedelta(days=200))
               for days in (7, 30)]
    drop = settings.changes_coverage_drop

    async def check(graph: Graph) -> int:
        states: dict[tuple[str, date], service.State] = {}

        async def state(o: str, day: date) -> service.State:
            if (o, day) not in states:
                states[(o, day)] = await graph.together(lambda r: reference(r, settings, o, day))
            return states[(o, day)]

        checked = 0
        for period in periods:
            found = await service.events(graph, settings, None, period, families=DEALS)
            assert not found.truncated
            deals = await graph.read_list(q("changes/open_deals"), account_ids=None,
                                          until=period.until, limit=settings.changes_max_deals)
            expected = []
            for deal in deals:
                o = deal["opportunity_id"]
                (before, _), (after, names) = (await state(o, period.before),
                                               await state(o, period.until))
                expected += deal_events(deal, names, before, after, period.until, drop)
            assert sorted(map(key, found.events)) == sorted(map(key, expected)), period
            for event in found.events:
                o = event.opportunity_id or ""
                before = (await state(o, period.before))[0]
                assert event.at in period
                assert holds(event, before, (await state(o, event.at))[0], drop), event
                assert not holds(event, before,
                                 (await state(o, event.at - timedelta(days=1)))[0], drop), event
                checked += 1
        return checked

    assert run_with_graph(settings, check) > 0


def test_more_open_deals_than_are_compared_is_said(client: TestClient, settings: Settings,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    assert client.post("/v1/import", json=generate(scale=0.15, seed=3, today=TODAY),
                       headers=AUTH).status_code == 200
    period = Period(TODAY - timedelta(days=6), TODAY)

    async def open_and_found(graph: Graph) -> tuple[int, bool]:
        deals = await graph.read_list(q("changes/open_deals"), account_ids=None,
                                      until=period.until, limit=1000)
        found = await service.events(graph, settings, None, period, families=DEALS)
        return len(deals), found.truncated

    opened, cut = run_with_graph(settings, open_and_found)
    assert opened >= 2 and not cut
    monkeypatch.setattr(settings, "changes_max_deals", opened - 1)
    assert run_with_graph(settings, open_and_found) == (opened, True)
    monkeypatch.setattr(settings, "changes_max_deals", opened)
    assert run_with_graph(settings, open_and_found) == (opened, False)


def test_a_capped_feed_compares_the_focus_deals_first(client: TestClient, settings: Settings,
                                                      raw_driver: Driver) -> None:
    assert client.post("/v1/import", json=generate(scale=0.15, seed=3, today=TODAY),
                       headers=AUTH).status_code == 200

    async def open_deals(graph: Graph, limit: int) -> list[str]:
        return [d["opportunity_id"] for d in await graph.read_list(
            q("changes/open_deals"), account_ids=None, until=TODAY, limit=limit)]

    every = run_with_graph(settings, lambda graph: open_deals(graph, 1000))
    flagged, _, _ = raw_driver.execute_query(
        "MATCH (o:Opportunity) WHERE o.focus RETURN o.id AS id", database_="neo4j")
    focus = {r["id"] for r in flagged} & set(every)
    assert 0 < len(focus) < len(every)  # both kinds open: the order is tested
    first = run_with_graph(settings, lambda graph: open_deals(graph, len(focus)))
    assert set(first) == focus
    assert every == sorted(focus) + sorted(set(every) - focus)
