"""The days each pair's trend turned cooling are kept by the writes of activities
(app/network/touch.py) for the change feed to read by day: after any sequence of imports that
add activities, move them to other days, types and people, they must be those of the
definition (docs/domain.md section 9), worked out day by day from the final activities. An
import adds participants to an activity and removes none: an activity imported again with
other people is with all of them, on its last day; the contacts the document does not name
have their turns moved too.

Reference: the imported activities replayed in Python (the last import of an id wins), their
strengths term by term (tests/network/test_strength.py)."""

from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any
from unittest.mock import patch

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from neo4j import Driver

from app.config import Settings
from app.data_steps import data_steps
from app.db.cypher import q
from app.db.graph import run_with_graph
from app.main import create_app
from app.network import touch
from app.network.strength import Activity, horizon_days
from tests.conftest import AUTH, ready, settings_for
from tests.network.test_strength import defined_cooling, defined_strength
from tests.servers import Server

DAY0 = date(2026, 1, 1)
EMPLOYEES = ["e1", "e2"]
CONTACTS = ["t", "u"]
BASE = {
    "accounts": [{"id": "a1", "name": "华东电网"}],
    "employees": [{"id": e, "name": e} for e in EMPLOYEES],
    "contacts": [{"id": c, "account_id": "a1", "name": c, "key_person": True} for c in CONTACTS],
}

activity = st.fixed_dictionaries({
    "id": st.sampled_from(["v1", "v2", "v3", "v4", "v5"]),
    "at": st.integers(0, 300).map(lambda d: (DAY0 + timedelta(days=d)).isoformat()),
    "type": st.sampled_from(["meeting", "call", "email"]),
    "employee_ids": st.sampled_from([["e1"], ["e2"], ["e1", "e2"]]),
    "contact_ids": st.sampled_from([["t"], ["u"], ["t", "u"]]),
})


def expected(documents: list[list[dict[str, Any]]], s: Settings) -> set[tuple[Any, ...]]:
    final: dict[str, dict[str, Any]] = {}
    for document in documents:
        for a in document:
            had = final.get(a["id"], {"employee_ids": [], "contact_ids": []})
            final[a["id"]] = {**a, **{k: sorted({*had[k], *a[k]})
                                      for k in ("employee_ids", "contact_ids")}}
    found = set()
    for e in EMPLOYEES:
        for c in CONTACTS:
            shared = [Activity(date.fromisoformat(a["at"]), a["type"]) for a in final.values()
                      if e in a["employee_ids"] and c in a["contact_ids"]]
            if not shared:
                continue
            first = min(a.at for a in shared)
            last = max(a.at for a in shared) + timedelta(
                days=horizon_days(s) + s.activity_trend_days)
            for k in range((last - first).days + 1):
                day = first + timedelta(days=k)
                if defined_cooling(shared, day, s) and not defined_cooling(
                        shared, day - timedelta(days=1), s):
                    then = day - timedelta(days=s.activity_trend_days)
                    found.add((c, e, day.isoformat(), round(defined_strength(shared, then, s), 9),
                               round(defined_strength(shared, day, s), 9)))
    return found


def kept(driver: Driver) -> set[tuple[Any, ...]]:
    records, _, _ = driver.execute_query(
        "MATCH (k:CoolingTurn) RETURN k.contact_id AS c, k.employee_id AS e, "
        "toString(k.day) AS day, k.from AS then, k.to AS now", database_="neo4j")
    return {(r["c"], r["e"], r["day"], round(r["then"], 9), round(r["now"], 9)) for r in records}


def runs_agree(driver: Driver) -> bool:
    """Whether each turn carries its pair's runs of acquaintance as its IN_TOUCH edges have
    them (first days, in order, and their end days), which the change feed checks it by."""
    records, _, _ = driver.execute_query(
        "MATCH (k:CoolingTurn) "
        "OPTIONAL MATCH (:Employee {id: k.employee_id})-[t:IN_TOUCH]->(:Contact {id: k.contact_id}) "
        "WITH k, t ORDER BY t.since "
        "WITH k, collect(CASE WHEN t IS NOT NULL "
        "                THEN [toString(t.since), toString(t.until)] END) AS edges "
        "RETURN [d IN coalesce(k.touch_since, []) | toString(d)] AS since, "
        "[d IN coalesce(k.touch_until, []) | toString(d)] AS until, edges", database_="neo4j")
    return all([list(run) for run in zip(r["since"], r["until"], strict=True)] == r["edges"]
               for r in records)


@pytest.fixture(scope="module")
def batched(neo4j_server: Server) -> Iterator[TestClient]:
    """An API that writes every document batch by batch, one row a batch: each batch of the
    acquaintance step refreshes its own contacts and those its share of the activities are
    with that no batch names."""
    settings_ = settings_for(neo4j_server, import_single_tx_max_rows=1, import_batch_size=1)
    with TestClient(create_app(settings_), raise_server_exceptions=False) as api:
        yield ready(api)


@pytest.fixture(params=["one transaction", "batches"])
def importer(request: pytest.FixtureRequest, client: TestClient) -> TestClient:
    return client if request.param == "one transaction" else request.getfixturevalue("batched")


@settings(max_examples=20, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(documents=st.lists(st.lists(activity, min_size=1, max_size=5), min_size=1, max_size=4),
       per_read=st.sampled_from([1, 1000]))
def test_the_turns_kept_are_those_of_the_definition_after_any_sequence_of_imports(
        importer: TestClient, raw_driver: Driver, documents: list[list[dict[str, Any]]],
        per_read: int) -> None:
    with raw_driver.session(database="neo4j") as session:
        session.run(q("admin/wipe_data")).consume()
    client = importer
    assert client.post("/v1/import", json=BASE, headers=AUTH).status_code == 200
    unique = [list({a["id"]: a for a in document}.values())  # a document may not repeat an id
              for document in documents]
    # A write reads the activities of `per_read` contacts at a time.
    with patch.object(touch, "CONTACTS_PER_READ", per_read):
        for document in unique:
            response = client.post("/v1/import", json={"activities": document}, headers=AUTH)
            assert response.status_code == 200, response.text
    assert kept(raw_driver) == expected(unique, Settings())
    assert runs_agree(raw_driver)


def test_activities_stored_before_the_turns_were_kept_get_them_from_the_migration(
        client: TestClient, raw_driver: Driver, settings: Settings) -> None:
    # A meeting of e1 and t on 2026-01-01: cooling from 2026-04-01, 90 days on (0.6321 ->
    # 0.3935: tests/changes/test_cooling.py).
    assert client.post("/v1/import", json={**BASE, "activities": [
        {"id": "v1", "at": "2026-01-01", "type": "meeting", "employee_ids": ["e1"],
         "contact_ids": ["t"]}]}, headers=AUTH).status_code == 200
    written = kept(raw_driver)
    assert {turn[:3] for turn in written} == {("t", "e1", "2026-04-01")}
    raw_driver.execute_query("MATCH (k:CoolingTurn) DELETE k", database_="neo4j")
    run_with_graph(settings, data_steps(settings)[29])
    assert kept(raw_driver) == written
    assert runs_agree(raw_driver)
    # Turns kept before they carried their pair's runs (V034) get them from its data step.
    raw_driver.execute_query("MATCH (k:CoolingTurn) REMOVE k.touch_since, k.touch_until",
                             database_="neo4j")
    assert not runs_agree(raw_driver)
    run_with_graph(settings, data_steps(settings)[34])
    assert kept(raw_driver) == written
    assert runs_agree(raw_driver)
