"""Only the deals that moved in a period are compared (changes/moved_deals): on generated demo
data, over periods of a week and a month at several dates, the deal-state events are the
same as comparing every open deal, and some are found."""

from datetime import date, timedelta

import pytest
from fastapi.testclient import TestClient

from app.changes.events import DEAL_STATES, Family, Period
from app.changes.schemas import ChangeEvent
from app.changes.service import events
from app.config import Settings
from app.db.graph import Graph, run_with_graph
from app.demo.generator import generate
from tests.conftest import AUTH

TODAY = date(2026, 11, 23)


def key(e: ChangeEvent) -> tuple[str, ...]:
    return (e.at.isoformat(), e.type.value, e.opportunity_id or "", e.contact_id or "",
            str(e.from_), str(e.to))


@pytest.mark.parametrize("seed", [3, 8])
def test_the_deals_that_moved_give_every_deal_state_event(client: TestClient, settings: Settings,
                                                          seed: int) -> None:
    assert client.post("/v1/import", json=generate(scale=0.15, seed=seed, today=TODAY),
                       headers=AUTH).status_code == 200
    periods = [Period(end - timedelta(days=days - 1), end)
               for end in (TODAY, TODAY - timedelta(days=60), TODAY - timedelta(days=200))
               for days in (7, 30)]

    async def both(graph: Graph) -> list[tuple[list[ChangeEvent], list[ChangeEvent]]]:
        found = []
        for period in periods:
            deals = frozenset({Family.DEALS})
            found.append((await events(graph, settings, None, period, families=deals),
                          await events(graph, settings, None, period, families=deals,
                                       only_moved=False)))
        return found

    compared = run_with_graph(settings, both)
    for period, (moved, everyone) in zip(periods, compared, strict=True):
        assert sorted(map(key, moved)) == sorted(map(key, everyone)), period
    assert sum(len(everyone) for _, everyone in compared) > 0
    assert {e.type for _, everyone in compared for e in everyone} <= DEAL_STATES
