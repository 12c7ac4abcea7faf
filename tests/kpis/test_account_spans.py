"""The account spans that the company's account list reads (kpis/account_spans): writes of
several key persons of one account at once each rebuild the account's spans under its lock, so
none is lost; what they leave equals the spans built anew from the pieces, and the figures
those read equal the ones worked out by hand. A write of many accounts leaves them pending,
read from their pieces, until the company's lines build them."""

import asyncio
from datetime import date
from typing import Any
from unittest.mock import patch

import httpx
from fastapi.testclient import TestClient
from neo4j import Driver

from app.config import Settings
from app.db.graph import run_with_graph
from app.kpis import customer_rows, rollups
from app.kpis.rollups import build_spans
from app.warm import company_lines
from tests.conftest import AUTH, settings_for
from tests.faults.test_concurrency import run_concurrently
from tests.servers import Server

PEOPLE = 16
# Each key person's closeness from the day of their assessment: support (1) for the even ones,
# oppose (-1) for the odd ones, each on a day of its own in January 2026.
ATTITUDES = ("support", "oppose")


def spans(driver: Driver) -> list[dict[str, Any]]:
    found, _, _ = driver.execute_query(
        "MATCH (s:KpiAccountSpan) RETURN properties(s) AS s ORDER BY s.account_id, s.since",
        database_="neo4j")
    return [r["s"] for r in found]


def test_writes_at_once_to_one_account_leave_its_spans_as_built_anew(
        neo4j_server: Server, client: TestClient, raw_driver: Driver,
        settings: Settings) -> None:
    people = [f"k{i:02d}" for i in range(PEOPLE)]
    assert client.post("/v1/import", headers=AUTH, json={
        "accounts": [{"id": "a0", "name": "a0"}],
        "contacts": [{"id": c, "name": c, "account_id": "a0", "key_person": True}
                     for c in people]}).status_code == 200

    async def work(http: httpx.AsyncClient) -> list[int]:
        answers = await asyncio.gather(*[http.post("/v1/assessments", json={
            "contact_id": c, "at": f"2026-01-{1 + i:02d}", "closeness": ATTITUDES[i % 2]})
            for i, c in enumerate(people)])
        return [a.status_code for a in answers]

    assert run_concurrently(settings_for(neo4j_server), work) == [200] * PEOPLE
    written = spans(raw_driver)
    # From the 16th of January every key person's closeness is known: half 1, half -1.
    assert written[-1] | {"key_person_ids": []} == {
        "account_id": "a0", "since": date(2026, 1, PEOPLE), "until": date(9999, 12, 31),
        "key_persons": PEOPLE, "key_person_ids": [], "closeness_sum": 0,
        "closeness_count": PEOPLE, "solution_sum": 0, "solution_count": 0, "price_sum": 0,
        "price_count": 0}
    assert written[-1]["key_person_ids"] == people
    # One span before the first assessment and one from each assessment's day on.
    assert [s["closeness_count"] for s in written] == list(range(PEOPLE + 1))
    assert [s["closeness_sum"] for s in written] == [
        sum(1 if i % 2 == 0 else -1 for i in range(n)) for n in range(PEOPLE + 1)]
    run_with_graph(settings, build_spans)
    assert spans(raw_driver) == written
    line = client.get("/v1/kpis/customers", headers=AUTH,
                      params={"as_of": "2026-01-05"}).json()
    (row,) = line["account_list"]
    # Five known on the 5th: 1 - 1 + 1 - 1 + 1 over five.
    assert (row["key_persons"]["value"], row["closeness"]["value"]) == (PEOPLE, 1 / 5)


def test_a_write_of_many_accounts_leaves_them_pending_until_the_company_lines(
        client: TestClient, raw_driver: Driver, settings: Settings) -> None:
    accounts = ["b1", "b2", "b3"]
    graph = client.app.state.graph  # type: ignore[attr-defined]
    # Today's figures of every account from the company's spans, as of more than a thousand.
    with (patch.object(rollups, "SPANS_IN_WRITE", 2),
          patch.object(customer_rows, "EVERY_FROM", 0)):
        # Two accounts' spans are built in the write; three are left pending.
        assert client.post("/v1/import", headers=AUTH, json={
            "accounts": [{"id": a, "name": a} for a in accounts],
            "contacts": [{"id": f"{a}-k", "name": a, "account_id": a, "key_person": True}
                         for a in accounts[:2]]}).status_code == 200
        assert {s["account_id"] for s in spans(raw_driver)} == {"b1", "b2"}
        assert client.post("/v1/import", headers=AUTH, json={
            "contacts": [{"id": f"{a}-k{i}", "name": a, "account_id": a, "key_person": True}
                         for a in accounts for i in range(2)]}).status_code == 200
        assert client.portal.call(rollups.pending, graph) == set(accounts)  # type: ignore
        # The spans are as the first write left them; the figures are read from the pieces.
        assert [s["key_persons"] for s in spans(raw_driver)] == [1, 1]
        line = client.get("/v1/kpis/customers", headers=AUTH).json()
    assert [(a["account_id"], a["key_persons"]["value"], a["key_person_ids"])
            for a in line["account_list"]] == [
        ("b1", 3, ["b1-k", "b1-k0", "b1-k1"]), ("b2", 3, ["b2-k", "b2-k0", "b2-k1"]),
        ("b3", 2, ["b3-k0", "b3-k1"])]
    client.portal.call(company_lines, graph, settings, date.today())  # type: ignore[union-attr]
    assert client.portal.call(rollups.pending, graph) == set()  # type: ignore[union-attr]
    built = spans(raw_driver)
    assert [(s["account_id"], s["key_persons"]) for s in built] == [
        ("b1", 3), ("b2", 3), ("b3", 2)]
    run_with_graph(settings, build_spans)
    assert spans(raw_driver) == built
