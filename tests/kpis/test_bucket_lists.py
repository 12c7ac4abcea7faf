"""The buckets of the influence line (over the acquainted key persons) and of the key-person line
come with their lists: contact id, name, account and its name, the first list_limit of each bucket by
account and contact id, the bucket's count being the total (docs/domain.md sections 9-10).
On the scenario of test_kpis.py, worked out by hand."""

import asyncio
from collections.abc import Callable
from datetime import date
from typing import Any, LiteralString, TypeVar

import pytest
from fastapi.testclient import TestClient
from neo4j import Driver

from app.config import Settings
from app.db.cypher import q
from app.db.graph import Graph, Row, create_driver
from app.kpis import lists, rollups, scope_data
from app.kpis import service as kpis
from app.kpis.schemas import KeyPersonLine
from app.scopes import Scope
from tests.conftest import AUTH, run_migration
from tests.kpis.test_kpis import D, scenario
from tests.transactions import counted

T = TypeVar("T")
ACCOUNT = {"p1": "a1", "p2": "a1", "p3": "a1", "q1": "a2", "q2": "a2", "r1": "a3"}
ACCOUNT_NAME = {"a1": "华东电网", "a2": "江苏农商银行", "a3": "山东重工"}  # test_kpis.scenario's


def refs(*contacts: str) -> list[dict[str, Any]]:
    return [{"contact_id": c, "name": c, "account_id": ACCOUNT[c],
             "account_name": ACCOUNT_NAME[ACCOUNT[c]]} for c in contacts]


def line(client: TestClient, path: str, as_of: str = D) -> dict[str, Any]:
    response = client.get(f"/v1/kpis/{path}", headers=AUTH, params={"as_of": as_of})
    assert response.status_code == 200, response.text
    return dict(response.json())


def test_the_influence_lines_buckets_list_their_acquainted_key_persons(loaded: TestClient) -> None:
    body = line(loaded, "influence")
    # D: acquainted p1 (support, support, neutral), p3 (nothing known), q1 (closeness
    # strong_oppose), r1 (closeness neutral).
    assert body["acquainted_lists"] == {
        "closeness": {"supportive": refs("p1"), "neutral": refs("r1"), "opposed": refs("q1"),
                      "unknown": refs("p3")},
        "solution": {"supportive": refs("p1"), "neutral": [], "opposed": [],
                     "unknown": refs("p3", "q1", "r1")},
        "price": {"supportive": [], "neutral": refs("p1"), "opposed": [],
                  "unknown": refs("p3", "q1", "r1")}}
    # Each list beside its count, which it holds whole here.
    counts = body["acquainted_buckets"]["solution"]
    assert [counts[b]["value"] for b in ("supportive", "neutral", "opposed", "unknown")] == [1, 0, 0, 3]
    # A month before: p2 still acquainted (e2 until 2026-03-20), p3 not yet employed, r1 not
    # yet assessed (2026-03-10).
    before = line(loaded, "influence", "2026-02-28")["acquainted_lists"]["closeness"]
    assert before == {"supportive": refs("p1"), "neutral": [], "opposed": refs("q1"),
                      "unknown": refs("p2", "r1")}


def test_the_key_person_lines_buckets_list_every_key_person(loaded: TestClient) -> None:
    lists = line(loaded, "key-persons")["lists"]["closeness"]
    assert lists == {"supportive": refs("p1"), "neutral": refs("r1"), "opposed": refs("q1"),
                     "unknown": refs("p2", "p3", "q2")}


@pytest.mark.parametrize("seek_factor", [0, 10**9])
def test_bucket_lists_are_bounded_and_the_counts_keep_the_total(
        loaded: TestClient, settings: Settings, monkeypatch: pytest.MonkeyPatch,
        seek_factor: int) -> None:
    # The company's lists read in index order (0) or sought by value and end (10**9).
    monkeypatch.setattr(scope_data, "SEEK_FACTOR", seek_factor)
    one = settings.model_copy(update={"list_limit": 1})
    day = date.fromisoformat(D)
    influence, _ = counted(one, lambda graph: kpis.influence(
        graph, one, scope=Scope("company"), as_of=day, period_days=365))
    unknown = influence.acquainted_lists["solution"]["unknown"]
    assert [p.contact_id for p in unknown] == ["p3"]  # of p3, q1, r1
    assert influence.acquainted_buckets.solution.unknown.value == 3
    # Read in index order: p2's acquainted piece (closeness unknown, ended 2026-03-20) comes
    # before p3's, and a list that stopped at it would show nobody.
    assert [p.contact_id for p in influence.acquainted_lists["closeness"]["unknown"]] == ["p3"]
    assert [p.contact_id for p in influence.influence_list] == ["p1"]
    # Before e1 knew p1 (2025-06-01), p1's acquainted piece (closeness unknown then) comes
    # before p2's but begins later.
    before, _ = counted(one, lambda graph: kpis.influence(
        graph, one, scope=Scope("company"), as_of=date(2025, 5, 31), period_days=365))
    assert [p.contact_id for p in before.acquainted_lists["closeness"]["unknown"]] == ["p2"]
    assert [p.contact_id for p in before.influence_list] == ["p2"]
    people, _ = counted(one, lambda graph: kpis.key_persons(
        graph, one, scope=Scope("company"), as_of=day))
    assert [p.contact_id for p in people.lists["closeness"]["unknown"]] == ["p2"]  # of three
    assert people.buckets.closeness.unknown.value == 3


class ListsAsked(Graph):
    """Notes how each list of kpis/listed is read."""

    asked: dict[str, str]

    async def read_shaped(self, query: LiteralString, shape: Callable[[Row], T], *,
                          timeout_s: float | None = None, **params: Any) -> list[T]:
        if query == q("kpis/listed"):
            self.asked = {x["key"]: x["how"] for x in params["lists"]}
        return await super().read_shaped(query, shape, timeout_s=timeout_s, **params)


def test_a_list_whose_half_holds_fewer_than_the_limit_is_sought(
        loaded: TestClient, settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    # Read in order, a list of every key person reads its acquainted and its other key persons
    # each until list_limit are valid: a half with fewer would pass every piece of its value
    # that ever was. On D, of those with unknown closeness p3 is acquainted, p2 and q2 not; of
    # the supportive, p1 is acquainted and nobody else is supportive.
    monkeypatch.setattr(scope_data, "SEEK_FACTOR", 0)  # else a list this small is sought
    one = settings.model_copy(update={"list_limit": 1})

    async def asked() -> tuple[dict[str, str], KeyPersonLine]:
        driver = create_driver(one)
        try:
            graph = ListsAsked(driver, one)
            line = await kpis.key_persons(graph, one, scope=Scope("company"),
                                          as_of=date.fromisoformat(D))
            await graph.settle()
            return graph.asked, line
        finally:
            await driver.close()

    how, line = asyncio.run(asked())
    assert how["closeness:unknown"] == "ordered"
    assert how["closeness:supportive"] == "seek"
    assert [p.contact_id for p in line.lists["closeness"]["unknown"]] == ["p2"]
    assert [p.contact_id for p in line.lists["closeness"]["supportive"]] == ["p1"]


def stored_buckets(driver: Driver) -> list[tuple[Any, ...]]:
    found, _, _ = driver.execute_query(
        "MATCH (p:KpiPiece) RETURN p.contact_id AS c, p.account_id AS a, p.since AS since, "
        "[p.closeness, p.solution, p.price] AS scores, [p.closeness_bucket, p.solution_bucket, "
        "p.price_bucket] AS buckets ORDER BY c, a, since", database_="neo4j")
    return [(r["c"], r["a"], r["since"], r["scores"], r["buckets"]) for r in found]


def without_buckets(driver: Driver) -> None:
    driver.execute_query("MATCH (p:KpiPiece) REMOVE p.closeness_bucket, p.solution_bucket, "
                         "p.price_bucket", database_="neo4j")


def test_pieces_stored_before_the_buckets_get_them_from_the_migration(
        loaded: TestClient, raw_driver: Driver) -> None:
    written = stored_buckets(raw_driver)
    assert written and all(b == [rollups.bucket_of(s) for s in scores]
                           for *_, scores, b in written)
    assert {b for *_, bs in written for b in bs} >= {"supportive", "neutral", "opposed",
                                                     "unknown"}
    without_buckets(raw_driver)
    run_migration(raw_driver, "V024__kpi_piece_lists")
    assert stored_buckets(raw_driver) == written


def test_a_piece_written_without_buckets_gets_them_when_its_contact_is_written_again(
        loaded: TestClient, raw_driver: Driver) -> None:
    # As an API of a version before V024 would write it during a rolling upgrade.
    written = stored_buckets(raw_driver)
    without_buckets(raw_driver)
    doc = scenario()
    assert loaded.post("/v1/import", headers=AUTH,
                       json={"contacts": doc["contacts"]}).status_code == 200
    assert stored_buckets(raw_driver) == written


# What a piece or a day rollup that a concurrent write deleted after a read found it may read
# as (read committed: its properties null from then on, some read before): copies of the stored
# ones with some properties gone, each found by a different read.
HALF_READ = [
    # by the lists' seeks and the customer line's span read: contact and account gone
    "MATCH (p:KpiPiece) CREATE (c:KpiPiece) SET c = properties(p) REMOVE c.contact_id, c.account_id",
    # by a scope's pieces (the account index): contact and insighted gone
    "MATCH (p:KpiPiece) CREATE (c:KpiPiece) SET c = properties(p) REMOVE c.contact_id, c.insighted",
    # by an employee's own network (the contact index): account gone
    "MATCH (p:KpiPiece) CREATE (c:KpiPiece) SET c = properties(p) REMOVE c.account_id",
    # by the company's day rollups: the figures gone (one a day: a day of its own)
    "CREATE (:KpiCompanyDay {day: date('1999-12-31')})",
]
SCOPES = [("influence", "company"), ("key-persons", "company"), ("customers", "company"),
          ("influence", "team:t1"), ("key-persons", "team:t1"), ("influence", "employee:e2")]


@pytest.mark.parametrize("seek_factor", [0, 10**9])
def test_what_a_concurrent_write_deleted_meanwhile_is_left_out(
        loaded: TestClient, raw_driver: Driver, monkeypatch: pytest.MonkeyPatch,
        seek_factor: int) -> None:
    """Under read committed, a KPI piece that a write of its contact replaces (or a day rollup
    it brings to nothing) after a read found it reads as nulls: stood for here by copies
    without some of their properties. Every line answers as before, the lists read in index
    order or sought."""
    monkeypatch.setattr(scope_data, "SEEK_FACTOR", seek_factor)

    def answers() -> list[dict[str, Any]]:
        found = []
        for path, scope in SCOPES:
            response = loaded.get(f"/v1/kpis/{path}", headers=AUTH,
                                  params={"as_of": D, "scope": scope})
            assert response.status_code == 200, (path, scope, response.text)
            found.append(response.json())
        return found

    before = answers()
    for copy in HALF_READ:
        raw_driver.execute_query(copy, database_="neo4j")
    assert answers() == before


def test_an_influence_list_item_whose_account_is_gone_has_no_company(
        loaded: TestClient, settings: Settings) -> None:
    # The pieces are read in one transaction, the names in another: an account deleted between
    # them (a wipe under a running API) leaves its item without company and owners, not a 500.
    async def listed() -> list[Any]:
        driver = create_driver(settings)
        try:
            graph = Graph(driver, settings)
            rows = [{"contact_id": "p1", "account_id": "a1", "closeness": 2},
                    {"contact_id": "x9", "account_id": "a-gone", "closeness": None}]
            return await lists.listing(graph, rows, date.fromisoformat(D))
        finally:
            await driver.close()

    first, gone = asyncio.run(listed())
    # e1 owns a1 since 2025-01-01 (test_kpis.scenario).
    assert (first.contact_id, first.name, first.company, first.owner_ids) == (
        "p1", "p1", ACCOUNT_NAME["a1"], ["e1"])
    assert (gone.contact_id, gone.name, gone.company, gone.owner_ids) == ("x9", None, None, [])
