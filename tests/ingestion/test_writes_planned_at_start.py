"""The API plans a logged interaction's write when it starts (app/warm.py plan_interaction), by
writing one in a transaction it rolls back: nothing of it may be left in the graph, neither
nodes nor edges nor the kept answers' marks, whatever the graph holds."""

from typing import Any

from fastapi.testclient import TestClient
from neo4j import Driver

from app.kpis import kept
from app.warm import NOTHING, plan_interaction
from tests.conftest import AUTH

DOCUMENT = {
    "accounts": [{"id": "a1", "name": "华东电网"}],
    "teams": [{"id": "t1", "name": "t"}],
    "employees": [{"id": "e1", "name": "e", "team_id": "t1"}],
    "contacts": [{"id": "c1", "account_id": "a1", "name": "c", "key_person": True}],
    "relationships": [{"type": "INFLUENCES", "from": "e1", "to": "c1", "strength": 0.6}],
    "activities": [{"id": "v1", "type": "visit", "at": "2026-03-02T10:00:00+08:00",
                    "employee_ids": ["e1"], "contact_ids": ["c1"]}],
    "assessments": [{"contact_id": "c1", "at": "2026-03-02", "closeness": "support"}],
}


def graph_as_it_is(driver: Driver) -> list[Any]:
    """Every node with its labels and properties, every edge with its ends and properties."""
    nodes, _, _ = driver.execute_query(
        "MATCH (n) RETURN labels(n) AS labels, properties(n) AS props", database_="neo4j")
    edges, _, _ = driver.execute_query(
        "MATCH (a)-[r]->(b) RETURN elementId(a) AS a, type(r) AS type, properties(r) AS props, "
        "elementId(b) AS b", database_="neo4j")
    return sorted(repr(sorted(r.data().items())) for r in [*nodes, *edges])


def test_the_interaction_planned_at_start_leaves_nothing(client: TestClient,
                                                         raw_driver: Driver) -> None:
    assert client.post("/v1/import", headers=AUTH, json=DOCUMENT).status_code == 200
    # Answers kept, whose marks a write would move.
    assert client.get("/v1/kpis/influence", headers=AUTH).status_code == 200
    client.portal.call(kept.settled)  # type: ignore[union-attr]
    before = graph_as_it_is(raw_driver)
    state = client.app.state  # type: ignore[attr-defined]
    client.portal.call(plan_interaction, state.graph, state.settings)  # type: ignore[union-attr]
    after = graph_as_it_is(raw_driver)
    assert after == before
    assert not [n for n in after if NOTHING in n]
