"""Each answer about a deal or a contact reads in one transaction: one BEGIN and COMMIT."""

from collections.abc import Awaitable, Callable
from datetime import date
from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.chains import decision_map, risk
from app.chains import service as chains
from app.config import Settings
from app.db.graph import Graph
from app.paths import service as paths
from tests.chains.conftest import AS_OF
from tests.transactions import counted

DAY = date.fromisoformat(AS_OF)


async def chain(g: Graph, s: Settings) -> Any:
    found = await chains.decision_chain(g, s, opportunity_id="o1", as_of=DAY)
    return [m.contact_id for m in found.members], found.blockers


async def influencers(g: Graph, s: Settings) -> Any:
    found = await chains.influencers(g, s, opportunity_id="o1", as_of=DAY, max_hops=3,
                                     include_paths=True, limit=10)
    return [(i.employee_id, i.blockers_reachable) for i in found.influencers]


async def drawn(g: Graph, s: Settings) -> Any:
    found = await decision_map.decision_map(g, s, opportunity_id="o1", as_of=DAY)
    return [(e.from_, e.to) for e in found.edges], [r.staff_id for r in found.rival_influence]


async def what_if(g: Graph, s: Settings) -> Any:
    found = await risk.deal_risk(g, s, opportunity_id="o1", as_of=DAY, max_hops=3,
                                 employee_left="e1", contact_left=None)
    assert found.what_if is not None
    return found.single_threaded, found.what_if.lose_every_path


async def influence_paths(g: Graph, s: Settings) -> Any:
    found = await paths.influence_paths(g, s, contact_id="m2", as_of=DAY, max_hops=3, limit=10,
                                        employee_id=None, team_id=None, avoid_opposed=False)
    return [([n.id for n in p.nodes], round(p.strength, 6)) for p in found.paths]


# What each answer holds in the scenario of conftest.py, worked out by hand.
ANSWERS: dict[str, tuple[Callable[[Graph, Settings], Awaitable[Any]], Any]] = {
    "decision chain": (chain, (["m1", "m2", "m3", "m5"], ["m3", "m2"])),
    "stuck-deal influencers": (influencers, [("e1", ["m3", "m2"]), ("e3", ["m2"])]),
    "decision map": (drawn, ([("m3", "m1")], ["ks1"])),
    "risk with a what-if": (what_if, (["m1", "m3", "m5"], ["m1", "m3", "m5"])),
    # e3's edge to m2 belongs to the deal, so only e1 through x: 0.8 x 0.5
    "influence paths": (influence_paths, [(["e1", "x", "m2"], 0.4)]),
}


@pytest.mark.parametrize("answer", ANSWERS)
def test_answer_reads_in_one_transaction(loaded: TestClient, settings: Settings,
                                         answer: str) -> None:
    work, expected = ANSWERS[answer]
    found, transactions = counted(settings, lambda graph: work(graph, settings))
    assert found == expected
    assert transactions == 1
