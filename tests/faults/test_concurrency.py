"""Concurrent writers and more slow readers than connections, through the real ASGI app."""

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import httpx
from fastapi import FastAPI
from fastapi.testclient import TestClient
from neo4j import Driver

from app.config import Settings
from app.main import create_app
from tests.conftest import AUTH, count, settings_for
from tests.servers import Server
from tests.test_hostile_input import held_account

T = TypeVar("T")


def run_concurrently(settings: Settings, work: Callable[[httpx.AsyncClient], Awaitable[T]]) -> T:
    async def go() -> T:
        app: FastAPI = create_app(settings)
        async with app.router.lifespan_context(app):
            transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
            async with httpx.AsyncClient(transport=transport, base_url="http://api",
                                         headers=AUTH, timeout=60) as http:
                return await work(http)

    return asyncio.run(go())


def overlapping(n: int) -> dict[str, Any]:
    """Every document shares accounts, contacts and edges with the others, and adds its own."""
    shared = [f"c{i}" for i in range(30)]
    return {
        "accounts": [{"id": f"a{i}", "name": f"account {i}"} for i in range(3)],
        "employees": [{"id": "e0", "name": "shared"}, {"id": f"e-{n}", "name": f"own {n}"}],
        "contacts": [{"id": c, "account_id": f"a{i % 3}", "name": c} for i, c in enumerate(shared)]
        + [{"id": f"own-{n}", "account_id": "a0", "name": "own"}],
        "relationships": [{"type": "REPORTS_TO", "from": shared[i], "to": shared[i - 1]}
                          for i in range(1, 30)]
        + [{"type": "INFLUENCES", "from": "e0", "to": c, "strength": 0.5} for c in shared]
        + [{"type": "INFLUENCES", "from": f"e-{n}", "to": f"own-{n}"}],
    }


def test_concurrent_overlapping_imports_and_assessments(neo4j_server: Server, client: TestClient,
                                                        raw_driver: Driver) -> None:
    writers, assessments = 8, 40

    async def work(http: httpx.AsyncClient) -> list[int]:
        first = await asyncio.gather(*[http.post("/v1/import", json=overlapping(n))
                                       for n in range(writers)])
        # Assessments on one contact while the same documents are imported again.
        notes = [http.post("/v1/assessments", json={
            "contact_id": "c0", "at": f"2026-{1 + i // 28:02d}-{1 + i % 28:02d}", "closeness": "support"})
            for i in range(assessments)]
        again = await asyncio.gather(*notes, *[http.post("/v1/import", json=overlapping(n))
                                               for n in range(writers)])
        return [r.status_code for r in (*first, *again)]

    statuses = run_concurrently(settings_for(neo4j_server), work)
    assert statuses == [200] * len(statuses), statuses
    assert count(raw_driver, "MATCH (c:Contact) RETURN count(c)") == 30 + writers
    assert count(raw_driver, "MATCH (a:Account) RETURN count(a)") == 3
    # No duplicated edge: one REPORTS_TO and one INFLUENCES per pair, one current WORKS_AT each.
    assert count(raw_driver, "MATCH ()-[r:REPORTS_TO]->() RETURN count(r)") == 29
    assert count(raw_driver, "MATCH (:Employee {id: 'e0'})-[r:INFLUENCES]->() RETURN count(r)") == 30
    assert count(raw_driver, "MATCH (c:Contact)-[w:WORKS_AT]->() WITH c, count(w) AS n "
                             "WHERE n > 1 RETURN count(c)") == 0
    # No lost assessment.
    assert count(raw_driver, "MATCH (:Contact {id: 'c0'})-[:HAS_ASSESSMENT]->(a) "
                             "RETURN count(a)") == assessments


def test_concurrent_batched_imports_of_the_same_activities_link_each_once(
        neo4j_server: Server, client: TestClient, raw_driver: Driver) -> None:
    # Batched, so an activity's node is committed before its edges are looked for and created.
    settings = settings_for(neo4j_server, import_single_tx_max_rows=10, import_batch_size=5)
    base = {"accounts": [{"id": "a0", "name": "account"}],
            "employees": [{"id": f"e{i}", "name": f"e{i}"} for i in range(3)],
            "contacts": [{"id": f"c{i}", "account_id": "a0", "name": f"c{i}"} for i in range(4)]}
    assert client.post("/v1/import", headers=AUTH, json=base).status_code == 200
    activities = {"activities": [
        {"id": f"act-{i}", "at": "2026-03-01", "type": "visit", "employee_ids": ["e0", f"e{1 + i % 2}"],
         "contact_ids": [f"c{i % 4}", f"c{(i + 1) % 4}"]} for i in range(30)]}

    async def work(http: httpx.AsyncClient) -> list[int]:
        done = await asyncio.gather(*[http.post("/v1/import", json=activities) for _ in range(6)])
        return [r.status_code for r in done]

    assert run_concurrently(settings, work) == [200] * 6
    assert count(raw_driver, "MATCH (:Employee)-[p:PARTICIPATED_IN]->(:Activity) RETURN count(p)") == 60
    assert count(raw_driver, "MATCH (:Activity)-[w:WITH_CONTACT]->(:Contact) RETURN count(w)") == 60


def test_more_slow_requests_than_connections_get_fast_503s(neo4j_server: Server, client: TestClient,
                                                          raw_driver: Driver) -> None:
    # Slow requests: writes waiting on a lock another writer holds until their budget ends.
    assert client.post("/v1/import", json={"accounts": [{"id": "held", "name": "before"}]},
                       headers=AUTH).status_code == 200
    settings = settings_for(neo4j_server, pool_size=2, connection_acquisition_timeout_s=1.0,
                            write_timeout_s=4.0)
    slow = 8

    async def work(http: httpx.AsyncClient) -> list[tuple[int, float]]:
        async def one(n: int) -> tuple[int, float]:
            started = time.monotonic()
            response = await http.post("/v1/import",
                                       json={"accounts": [{"id": "held", "name": f"writer {n}"}]})
            return response.status_code, time.monotonic() - started

        return list(await asyncio.gather(*[one(n) for n in range(slow)]))

    with held_account(raw_driver, "held"):
        results = run_concurrently(settings, work)
    refused = [elapsed for status, elapsed in results if status == 503]
    assert len(refused) >= slow - 2, results  # two connections: at most two run
    assert max(refused) < 5, results  # refused fast, not after a 60-second wait
    assert all(status in (503, 504) for status, _ in results), results
    assert max(elapsed for _, elapsed in results) < 15, results
