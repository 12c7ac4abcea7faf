"""The company's whole account list kept whole (app/kpis/company_list.py): its rows in parts,
read back with only the accounts touched since it was kept read again. Parts of two rows
here, so that a touched account takes one part of several apart, and new accounts fall before,
inside and after them. Each answer from the kept list is compared with the same list worked
out with the kept list forgotten (from every account's kept figures, or worked out), and with
its pages of one account (test_kept_customers.account_list)."""

import asyncio
import threading
from collections.abc import Iterator
from datetime import date
from functools import partial
from typing import Any

import pytest
from fastapi.testclient import TestClient
from neo4j import Driver

from app.db.cypher import q
from app.kpis import company_list, kept
from app.main import create_app
from tests.conftest import AUTH, ready, settings_for
from tests.kpis.test_kept_customers import (
    LONG_AGO,
    account_list,
    contact,
    deal,
    forget_kept_list,
    write,
)
from tests.servers import Server

ACCOUNTS = ["a2", "a4", "a6", "a8", "b1"]  # parts: a2 a4 | a6 a8 | b1
DOCUMENT = {
    "accounts": [{"id": a, "name": a} for a in ACCOUNTS],
    "contacts": [contact(f"k{a}", a) for a in ACCOUNTS],
    "opportunities": [deal("d1", "a6", 100)],
    "assessments": [{"contact_id": "ka2", "at": LONG_AGO, "closeness": "support"}]}


@pytest.fixture(autouse=True)
def parts_of_two(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(company_list, "LIST_PART", 2)


@pytest.fixture
def from_kept(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[bool]]:
    """Of each whole list since that found a kept list holding, whether it came from it (not
    if parts of it were missing)."""
    answered: list[bool] = []
    read = company_list._from_kept

    async def recorded(*args: Any) -> Any:
        found = await read(*args)
        answered.append(found is not None)
        return found

    monkeypatch.setattr(company_list, "_from_kept", recorded)
    yield answered


def listed(client: TestClient) -> list[dict[str, Any]]:
    """The whole list (equal to its pages), what it keeps kept before the next answer."""
    found = account_list(client)
    client.portal.call(kept.settled)  # type: ignore[union-attr]
    return found


def worked_out(client: TestClient, driver: Driver) -> list[dict[str, Any]]:
    """The whole list with the kept list forgotten (it is kept anew)."""
    forget_kept_list(driver)
    return listed(client)


def kept_parts(driver: Driver) -> tuple[int, int]:
    """The kept list's parts: how many are the version its summary names, how many others."""
    found, _, _ = driver.execute_query(
        "MATCH (p:KeptListPart) OPTIONAL MATCH (m:KeptSummary {id: p.list}) "
        "RETURN count(CASE WHEN p.version = m.list_version THEN 1 END) AS named, "
        "count(CASE WHEN p.version <> coalesce(m.list_version, '') THEN 1 END) AS others",
        database_="neo4j")
    return found[0]["named"], found[0]["others"]


WRITES: list[dict[str, Any]] = [
    # a4's key person comes to support us (the first part), d1 grows (the second).
    {"assessments": [{"contact_id": "ka4", "at": LONG_AGO, "closeness": "support"}],
     "opportunities": [deal("d1", "a6", 300)]},
    # New accounts: before the first, inside the first part, between parts, after the last.
    {"accounts": [{"id": a, "name": a} for a in ("a0", "a3", "a5", "c1")],
     "contacts": [contact("ka0", "a0"), contact("kc1", "c1")]},
    # The last part's account renamed and made a focus account; a key person moves.
    {"accounts": [{"id": "b1", "name": "Beta", "focus": True}],
     "contacts": [contact("ka2", "a8")]},
]


def test_the_kept_list_is_the_list_worked_out_after_each_write(
        client: TestClient, raw_driver: Driver, from_kept: list[bool]) -> None:
    write(client, DOCUMENT)
    first = listed(client)
    assert [a["account_id"] for a in first] == ACCOUNTS
    assert listed(client) == first and kept_parts(raw_driver) == (3, 0)
    for doc in WRITES:
        write(client, doc)
        from_kept.clear()
        now = listed(client)
        assert from_kept == [True], doc  # with the accounts touched read again
        assert now == worked_out(client, raw_driver), doc
        assert listed(client) == now
    assert [a["account_id"] for a in now] == ["a0", "a2", "a3", "a4", "a5", "a6", "a8", "b1",
                                              "c1"]
    by_id = {a["account_id"]: a for a in now}
    assert (by_id["b1"]["name"], by_id["b1"]["focus"]) == ("Beta", True)
    assert by_id["a6"]["open_amount"]["value"] == 300
    assert by_id["a8"]["key_person_ids"] == ["ka2", "ka8"]
    assert by_id["a4"]["closeness"]["value"] == 1.0


def test_it_is_kept_anew_once_enough_accounts_are_touched(
        client: TestClient, raw_driver: Driver, from_kept: list[bool],
        monkeypatch: pytest.MonkeyPatch) -> None:
    write(client, DOCUMENT)
    listed(client)
    assert kept_parts(raw_driver) == (3, 0)
    monkeypatch.setattr(company_list, "TOUCHED_MAX", 2)
    write(client, WRITES[0])  # two accounts touched: a4 and a6
    from_kept.clear()
    now = listed(client)
    # Answered from the kept list, and kept anew from that answer; the older parts stay a
    # while, for answers that read the summary before.
    assert from_kept == [True] and kept_parts(raw_driver) == (3, 3)
    monkeypatch.setattr(company_list, "GRACE_S", 0)
    write(client, WRITES[1])  # four new accounts
    later = listed(client)
    assert kept_parts(raw_driver) == (5, 0)
    assert later == worked_out(client, raw_driver) != now
    # Kept anew with nothing touched since: read whole.
    from_kept.clear()
    assert listed(client) == later and from_kept == [True]


def test_of_two_keeps_in_flight_the_one_as_of_the_later_write_is_read(
        client: TestClient, raw_driver: Driver, from_kept: list[bool],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Two processes keep the list at once (here one process, the keep in flight forgotten as
    another process would not know it): the keep made before a write has written its parts
    when the keep made after it writes its own and its summary; the first one's summary, kept
    last, is refused, and its parts dropped."""
    write(client, DOCUMENT)
    graph = client.app.state.graph  # type: ignore[attr-defined]
    reached, go_on = threading.Event(), threading.Event()
    write_tx = graph.write_tx

    async def held_before_its_summary(work: Any) -> Any:
        steps = work.keywords.get("steps", ()) if isinstance(work, partial) else ()
        if not reached.is_set() and any(step.query == q("kpis/keep_list") for step in steps):
            reached.set()
            await asyncio.to_thread(go_on.wait, 60)
        return await write_tx(work)

    monkeypatch.setattr(graph, "write_tx", held_before_its_summary)
    # This test's keeps alone (earlier tests' keep other rules' lists).
    keeps: dict[str, asyncio.Task[None]] = {}
    monkeypatch.setattr(company_list, "_keeping", keeps)
    before = account_list(client)  # worked out; its keep writes its parts, then waits
    assert reached.wait(60) and kept_parts(raw_driver) == (0, 3)
    (list_id, first_keep), = keeps.items()
    del keeps[list_id]
    write(client, WRITES[0])
    after = account_list(client)  # worked out again (nothing kept yet), and kept whole
    assert after != before

    async def ended(keep: "asyncio.Task[None]") -> None:
        await keep

    try:
        client.portal.call(ended, keeps[list_id])  # type: ignore[union-attr]
        assert kept_parts(raw_driver) == (3, 3)  # the first keep's parts stay till it ends
    finally:  # not left waiting into the next test
        go_on.set()
        client.portal.call(ended, first_keep)  # type: ignore[union-attr]
    assert kept_parts(raw_driver) == (3, 0)
    from_kept.clear()
    assert listed(client) == after and from_kept == [True]
    assert after == worked_out(client, raw_driver)


def test_parts_no_summary_will_read_are_dropped(client: TestClient, raw_driver: Driver) -> None:
    """Those of a keep whose summary was not kept, those left unnamed (a keep that failed, one
    replaced) once older than a keep takes, those of a summary of a day before yesterday; not
    those of a keep in flight, nor those a summary names."""
    raw_driver.execute_query(
        "CREATE (:KeptSummary {id: 'l1', day: $today, list_version: 'named'}), "
        "(:KeptSummary {id: 'l2', day: $today - duration({days: 3}), list_version: 'old'}) "
        "WITH 1 AS one UNWIND $parts AS p "
        "CREATE (:KeptListPart {list: p[0], version: p[1], at: 0, rows: '[]', "
        "written_at: datetime() - duration({seconds: p[2]})})",
        parts=[["l1", "named", 3600], ["l1", "refused", 0], ["l1", "in flight", 0],
               ["l1", "left", 601], ["l2", "old", 0], ["l3", "none", 601],
               ["l3", "none yet", 0]], today=date.today(), database_="neo4j")
    raw_driver.execute_query(q("kpis/drop_list_parts"), version="refused", grace_s=600,
                             today=date.today(), database_="neo4j")
    found, _, _ = raw_driver.execute_query(
        "MATCH (p:KeptListPart) RETURN p.version AS v ORDER BY v", database_="neo4j")
    assert [r["v"] for r in found] == ["in flight", "named", "none yet"]


def test_each_reporting_currency_keeps_its_own(neo4j_server: Server, client: TestClient,
                                               raw_driver: Driver,
                                               from_kept: list[bool]) -> None:
    write(client, DOCUMENT)
    cny = listed(client)
    dollars = settings_for(neo4j_server, reporting_currency="USD")
    with TestClient(create_app(dollars), raise_server_exceptions=False) as usd:
        ready(usd)
        assert {a["currency"] for a in listed(usd)} == {"USD"}
        from_kept.clear()
        assert {a["currency"] for a in listed(usd)} == {"USD"} and from_kept == [True]
    from_kept.clear()
    assert listed(client) == cny and from_kept == [True]
    assert kept_parts(raw_driver) == (6, 0)


def test_a_list_missing_a_part_is_worked_out_and_kept_anew(
        client: TestClient, raw_driver: Driver, from_kept: list[bool]) -> None:
    write(client, DOCUMENT)
    first = listed(client)
    raw_driver.execute_query("MATCH (p:KeptListPart {at: 1}) DELETE p", database_="neo4j")
    from_kept.clear()
    # Read again once (it may have been kept anew meanwhile), then worked out.
    assert listed(client) == first and from_kept == [False, False]
    assert kept_parts(raw_driver) == (3, 2)
    from_kept.clear()
    assert listed(client) == first and from_kept == [True]


def test_its_spreadsheet_is_the_worked_out_one(client: TestClient, raw_driver: Driver,
                                               from_kept: list[bool]) -> None:
    write(client, DOCUMENT)
    listed(client)
    write(client, WRITES[1])

    def sheet() -> str:
        got = client.get("/v1/kpis/customers", headers=AUTH,
                         params={"scope": "company", "format": "csv"})
        assert got.status_code == 200, got.text
        client.portal.call(kept.settled)  # type: ignore[union-attr]
        return got.text

    from_kept.clear()
    kept_sheet = sheet()
    assert from_kept == [True]
    forget_kept_list(raw_driver)
    from_kept.clear()
    assert sheet() == kept_sheet and from_kept == []
    assert kept_sheet.count("\n") == 1 + len(ACCOUNTS) + 4
