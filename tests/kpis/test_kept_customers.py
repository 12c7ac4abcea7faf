"""Today's customer-line figures are kept per account once worked out, and read back until a
write may change them (app/kpis/customer_rows.py, app/kpis/kept.py). Worked out by hand, today:
a1 has key persons k1 (closeness support, +1) and k2 (oppose, -1) and the open deal d1 (100
CNY); a2 has k3 (closeness unknown) and d2 (50 USD at 7.0). Then, one write at a time, each
answer right after the write and again from the figures kept meanwhile: k2 comes to support
us; d1 grows to 300; d1 moves to a2; the dollar is worth 8.0 from yesterday; k1 moves to a2;
a1 is renamed and made a focus account (the rows are kept as written); a new account a0
with the key person k4 comes.
The figures of every other date and scope, and against a person-by-person reference after
random writes, are tests/kpis/test_rollups_against_reference.py's."""

from datetime import date, timedelta
from typing import Any

import orjson
import pytest
from fastapi.testclient import TestClient
from neo4j import Driver

from app.db.cypher import q
from app.kpis import company_list, customer_rows, kept, service
from app.main import create_app
from tests.conftest import AUTH, ready, settings_for
from tests.servers import Server

TODAY = date.today().isoformat()
YESTERDAY = (date.today() - timedelta(days=1)).isoformat()
LONG_AGO = "2025-01-01"


def write(client: TestClient, doc: dict[str, Any]) -> None:
    written = client.post("/v1/import", headers=AUTH, json=doc)
    assert written.status_code == 200, written.text


def contact(cid: str, account: str) -> dict[str, Any]:
    return {"id": cid, "name": cid, "account_id": account, "key_person": True}


def deal(did: str, account: str, amount: float, currency: str = "CNY") -> dict[str, Any]:
    return {"id": did, "account_id": account, "name": did, "amount": amount,
            "currency": currency, "created_at": LONG_AGO}


def account_list(client: TestClient) -> list[dict[str, Any]]:
    """The company's account list today, whole; asked for again a page of one account at a
    time (from the company's summary and the accounts written since), it is the same."""
    def line(**page: int) -> dict[str, Any]:
        got = client.get("/v1/kpis/customers", headers=AUTH, params={"scope": "company", **page})
        assert got.status_code == 200, got.text
        return dict(got.json())

    whole = line()
    listed: list[dict[str, Any]] = whole.pop("account_list")
    for offset in range(len(listed)):
        page = line(offset=offset, limit=1)
        assert page.pop("account_list") == listed[offset:offset + 1]
        assert page == whole
    return listed


def figures(client: TestClient) -> dict[str, tuple[Any, ...]]:
    """Each account's key persons, closeness, open deals and their amount, today."""
    return {a["account_id"]: (a["key_persons"]["value"], a["closeness"]["value"],
                              a["open_count"]["value"], a["open_amount"]["value"])
            for a in account_list(client)}


def shown(client: TestClient) -> dict[str, tuple[Any, ...]]:
    """Each account's name and focus in the account list, today."""
    return {a["account_id"]: (a["name"], a["focus"]) for a in account_list(client)}


def forget_kept_list(driver: Driver) -> None:
    """The company's whole account list kept whole (app/kpis/company_list.py) forgotten: the
    next whole list is worked out from every account's kept figures."""
    driver.execute_query("MATCH (n) WHERE n:KeptListPart OR (n:KeptSummary AND n.id STARTS WITH "
                         "$list) DETACH DELETE n", list=company_list.LIST, database_="neo4j")


def kept_now(driver: Driver) -> dict[str, bool]:
    found, _, _ = driver.execute_query(
        "OPTIONAL MATCH (e:KeptEpoch) WITH e MATCH (k:KeptAccount) RETURN k.account_id AS a, "
        "coalesce(k.customers_day = $today AND k.customers_kept = k.version "
        "AND k.customers_epoch = e.n, false) AS current", today=date.today(), database_="neo4j")
    return {r["a"]: r["current"] for r in found}


def test_each_write_changes_the_kept_figures_it_touches(client: TestClient,
                                                       raw_driver: Driver) -> None:
    write(client, {
        "accounts": [{"id": "a1", "name": "a1"}, {"id": "a2", "name": "a2"}],
        "contacts": [contact("k1", "a1"), contact("k2", "a1"), contact("k3", "a2")],
        "opportunities": [deal("d1", "a1", 100), deal("d2", "a2", 50, "USD")],
        "exchange_rates": [{"currency": "USD", "at": LONG_AGO, "rate": 7.0}],
        "assessments": [{"contact_id": "k1", "at": LONG_AGO, "closeness": "support"},
                        {"contact_id": "k2", "at": LONG_AGO, "closeness": "oppose"}]})

    def answered(expected: dict[str, tuple[Any, ...]], stale: set[str]) -> None:
        assert {a for a, current in kept_now(raw_driver).items() if not current} >= stale
        # Right after the write, and again once it is known applied (kept then).
        for _ in range(2):
            assert figures(client) == expected
            client.portal.call(kept.settled)  # type: ignore[union-attr]
        assert all(kept_now(raw_driver).values())
        assert figures(client) == expected  # from the figures kept

    expected = {"a1": (2, 0.0, 1, 100.0), "a2": (1, None, 1, 350.0)}
    assert figures(client) == expected  # no epoch yet to keep under
    client.portal.call(kept.settled)  # type: ignore[union-attr]
    answered(expected, set())

    write(client, {"assessments": [{"contact_id": "k2", "at": TODAY, "closeness": "support"}]})
    answered({"a1": (2, 1.0, 1, 100.0), "a2": (1, None, 1, 350.0)}, {"a1"})
    write(client, {"opportunities": [deal("d1", "a1", 300)]})
    answered({"a1": (2, 1.0, 1, 300.0), "a2": (1, None, 1, 350.0)}, {"a1"})
    write(client, {"opportunities": [deal("d1", "a2", 300)]})
    answered({"a1": (2, 1.0, 0, 0.0), "a2": (1, None, 2, 650.0)}, {"a1", "a2"})
    write(client, {"exchange_rates": [{"currency": "USD", "at": YESTERDAY, "rate": 8.0}]})
    answered({"a1": (2, 1.0, 0, 0.0), "a2": (1, None, 2, 700.0)}, {"a1", "a2"})
    write(client, {"contacts": [contact("k1", "a2")]})
    answered({"a1": (1, 1.0, 0, 0.0), "a2": (2, 1.0, 2, 700.0)}, {"a1", "a2"})
    # The rows are kept written: a1 renamed and made a focus account shows so at once.
    assert shown(client) == {"a1": ("a1", False), "a2": ("a2", False)}
    write(client, {"accounts": [{"id": "a1", "name": "Alpha", "focus": True}]})
    answered({"a1": (1, 1.0, 0, 0.0), "a2": (2, 1.0, 2, 700.0)}, {"a1"})
    assert shown(client) == {"a1": ("Alpha", True), "a2": ("a2", False)}
    # A new account, first in the list, after the company's summary was kept without it.
    write(client, {"accounts": [{"id": "a0", "name": "a0"}], "contacts": [contact("k4", "a0")]})
    answered({"a0": (1, None, 0, 0.0), "a1": (1, 1.0, 0, 0.0), "a2": (2, 1.0, 2, 700.0)}, set())


def epoch_writes(driver: Driver) -> tuple[int, int]:
    """The latest write's number and the latest known applied (kpis/kept_settle)."""
    found, _, _ = driver.execute_query(
        "MATCH (e:KeptEpoch {id: 'kept'}) RETURN e.writes AS writes, "
        "coalesce(e.settled, 0) AS settled", database_="neo4j")
    return found[0]["writes"], found[0]["settled"]


def test_figures_are_kept_once_the_write_they_read_is_known_applied(
        client: TestClient, raw_driver: Driver) -> None:
    """Neo4j's readers may see a commit's records while they are applied: an answer that read
    an account the latest write touched, before that write was known applied, keeps nothing of
    it, and has the writes settled; the next answer keeps it."""
    write(client, {"accounts": [{"id": "a1", "name": "a1"}, {"id": "a2", "name": "a2"}],
                   "contacts": [contact("k1", "a1"), contact("k2", "a2")]})
    page = {"scope": "company", "limit": 10}

    def answer() -> None:
        got = client.get("/v1/kpis/customers", headers=AUTH, params=page)
        assert got.status_code == 200, got.text
        assert got.json()["account_list"][0]["account_id"] == "a1"
        client.portal.call(kept.settled)  # type: ignore[union-attr]

    writes, settled = epoch_writes(raw_driver)
    assert settled < writes
    answer()
    assert kept_now(raw_driver) == {"a1": False, "a2": False}
    assert epoch_writes(raw_driver) == (writes, writes)
    answer()
    assert kept_now(raw_driver) == {"a1": True, "a2": True}
    settled = writes
    write(client, {"contacts": [contact("k3", "a1")]})
    writes_after, settled_after = epoch_writes(raw_driver)
    assert (writes_after, settled_after) == (writes + 1, settled)
    page["limit"] = 1  # only a1
    answer()
    assert kept_now(raw_driver) == {"a1": False, "a2": True}
    assert epoch_writes(raw_driver) == (writes + 1, writes + 1)
    answer()
    assert kept_now(raw_driver) == {"a1": True, "a2": True}


def test_rows_of_figures_a_page_kept_are_kept_by_the_whole_list(
        client: TestClient, raw_driver: Driver) -> None:
    """A page of the account list keeps the figures it works out, not rows; the whole list
    makes the rows of those and keeps them beside the figures, as written then."""
    write(client, {"accounts": [{"id": "a1", "name": "a1"}, {"id": "a2", "name": "a2"}],
                   "contacts": [contact("k1", "a1"), contact("k2", "a2")]})

    def rows_kept() -> dict[str, bool]:
        found, _, _ = raw_driver.execute_query(
            "MATCH (k:KeptAccount) RETURN k.account_id AS a, k.customers_row IS NOT NULL AS row",
            database_="neo4j")
        return {r["a"]: r["row"] for r in found}

    def answer(**page: int) -> list[dict[str, Any]]:
        got = client.get("/v1/kpis/customers", headers=AUTH, params={"scope": "company", **page})
        assert got.status_code == 200, got.text
        client.portal.call(kept.settled)  # type: ignore[union-attr]
        return list(got.json()["account_list"])

    for _ in range(2):  # kept by the second, once the import is known applied
        answer(limit=10)
    assert kept_now(raw_driver) == {"a1": True, "a2": True}
    assert rows_kept() == {"a1": False, "a2": False}
    whole = answer()
    assert rows_kept() == {"a1": True, "a2": True}
    assert answer() == whole == answer(limit=10)
    write(client, {"accounts": [{"id": "a1", "name": "Alpha"}]})
    for _ in range(2):
        answer(limit=10)
    assert rows_kept() == {"a1": False, "a2": True}
    renamed = answer()
    assert [a["name"] for a in renamed] == ["Alpha", "a2"]
    assert rows_kept() == {"a1": True, "a2": True}
    assert answer() == renamed


def test_the_whole_list_tests_only_what_the_summary_does_not_hold(
        client: TestClient, raw_driver: Driver, monkeypatch: pytest.MonkeyPatch) -> None:
    """Beside the company's customer summary, the whole list takes each untouched account's
    kept figures where they are the summary's without testing them. An account whose kept
    figures are gone (none to compare) is tested, found stale with its version, worked out
    and kept again; a touched one likewise."""
    write(client, {"accounts": [{"id": "a1", "name": "a1"}, {"id": "a2", "name": "a2"}],
                   "contacts": [contact("k1", "a1"), contact("k2", "a2")]})
    for _ in range(2):  # the figures and the summary kept once the import is known applied
        page = client.get("/v1/kpis/customers", headers=AUTH,
                          params={"scope": "company", "limit": 1})
        assert page.status_code == 200, page.text
        client.portal.call(kept.settled)  # type: ignore[union-attr]
    assert kept_now(raw_driver) == {"a1": True, "a2": True}
    whole = account_list(client)
    client.portal.call(kept.settled)  # type: ignore[union-attr]
    forget_kept_list(raw_driver)  # else read from the list kept whole (test_kept_list.py)
    raw_driver.execute_query(
        "MATCH (k:KeptAccount {account_id: 'a2'}) REMOVE k.customers_figures, "
        "k.customers_key_person_ids, k.customers_row, k.customers_day", database_="neo4j")
    assert kept_now(raw_driver) == {"a1": True, "a2": False}
    tested: list[list[str] | None] = []
    read_kept = customer_rows._kept

    async def recorded(graph: Any, account_ids: list[str] | None, *args: Any) -> Any:
        tested.append(account_ids)
        return await read_kept(graph, account_ids, *args)

    monkeypatch.setattr(customer_rows, "_kept", recorded)
    assert account_list(client) == whole
    # Beside the summary, only a2 (nothing kept to compare) was tested, never every account.
    assert [ids for ids in tested if ids] == [["a2"]] and None not in tested
    monkeypatch.undo()
    client.portal.call(kept.settled)  # type: ignore[union-attr]
    assert kept_now(raw_driver) == {"a1": True, "a2": True}
    write(client, {"contacts": [contact("k3", "a1")]})
    for _ in range(2):  # kept by the second, once the write is known applied
        assert [a["key_persons"]["value"] for a in account_list(client)] == [2, 1]
        client.portal.call(kept.settled)  # type: ignore[union-attr]
    assert kept_now(raw_driver) == {"a1": True, "a2": True}


def test_figures_kept_under_another_rule_since_the_summary_are_not_taken(
        neo4j_server: Server, client: TestClient, raw_driver: Driver) -> None:
    """Another process's reporting currency (or another version's rule) keeps an account's
    figures anew without a write: where they are the same text as the summary's (no open
    deals), its row still names the other currency, and is not taken beside the summary."""
    write(client, {"accounts": [{"id": "a1", "name": "a1"}, {"id": "a2", "name": "a2"}],
                   "contacts": [contact("k1", "a1"), contact("k2", "a2")]})

    def currencies(api: TestClient) -> set[str]:
        got = api.get("/v1/kpis/customers", headers=AUTH, params={"scope": "company"})
        assert got.status_code == 200, got.text
        api.portal.call(kept.settled)  # type: ignore[union-attr]
        return {a["currency"] for a in got.json()["account_list"]}

    for _ in range(2):  # the figures and the summary kept once the import is known applied
        page = client.get("/v1/kpis/customers", headers=AUTH,
                          params={"scope": "company", "limit": 1})
        assert page.status_code == 200, page.text
        client.portal.call(kept.settled)  # type: ignore[union-attr]
    assert currencies(client) == {"CNY"}
    dollars = settings_for(neo4j_server, reporting_currency="USD")
    with TestClient(create_app(dollars), raise_server_exceptions=False) as usd:
        ready(usd)
        assert currencies(usd) == {"USD"}  # kept anew under its rule, rows and all
    assert kept_now(raw_driver) == {"a1": True, "a2": True}  # the day and version hold
    assert currencies(client) == {"CNY"}


def test_what_is_kept_is_written_and_read_in_parts_as_a_whole(
        client: TestClient, raw_driver: Driver, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each account's kept figures and rows come one account a record here and are kept one
    account a query, the figures are parsed and the answer sent one account at a time, and the
    company's summary is kept and read in parts of 40 characters (at 3x: 1,000 accounts,
    0.5 MB). By hand: a1's key person k1 supports us (+1), a2's k2 opposes (-1), a3 has none."""
    monkeypatch.setattr(customer_rows, "KEPT_PART", 1)
    monkeypatch.setattr(customer_rows, "ROWS_AT_ONCE", 1)
    monkeypatch.setattr(kept, "KEEP_PART", 1)
    monkeypatch.setattr(kept, "SUMMARY_PART", 40)
    monkeypatch.setattr(service, "PIECE_BYTES", 1)
    write(client, {
        "accounts": [{"id": a, "name": a} for a in ("a1", "a2", "a3")],
        "contacts": [contact("k1", "a1"), contact("k2", "a2")],
        "assessments": [{"contact_id": "k1", "at": LONG_AGO, "closeness": "support"},
                        {"contact_id": "k2", "at": LONG_AGO, "closeness": "oppose"}]})
    expected = {"a1": (1, 1.0, 0, 0.0), "a2": (1, -1.0, 0, 0.0), "a3": (0, None, 0, 0.0)}
    for _ in range(3):  # worked out, kept once the import is known applied, read back
        assert figures(client) == expected
        client.portal.call(kept.settled)  # type: ignore[union-attr]
    assert all(kept_now(raw_driver).values())

    records, _, _ = raw_driver.execute_query(
        q("kpis/customers_kept"), account_ids=None, as_of=date.today(), rows=True, part=1,
        rule=kept.rule(customer_rows.RULE_VERSION, "CNY"), database_="neo4j")
    # One account a record, in the order the graph keeps them (not the ids').
    assert sorted((r["kept_ids"], len(r["kept_rows"])) for r in records) == [
        (["a1"], 1), (["a2"], 1), (["a3"], 1)]
    records, _, _ = raw_driver.execute_query(
        q("kpis/customers_every"), as_of=date.today(), part=1,
        rule=kept.rule(customer_rows.RULE_VERSION, "CNY"), database_="neo4j")
    assert sorted((r["ids"], len(r["figures"]), len(r["key_person_ids"]), len(r["rows"]))
                  for r in records) == [(["a1"], 1, 1, 1), (["a2"], 1, 1, 1), (["a3"], 1, 1, 1)]

    def summary() -> tuple[list[str], str | None]:
        found, _, _ = raw_driver.execute_query(
            "MATCH (m:KeptSummary {id: $id}) RETURN m.parts AS parts, m.content AS content",
            id=customer_rows.SUMMARY, database_="neo4j")
        return found[0]["parts"], found[0]["content"]

    parts, whole = summary()
    assert whole is None and len(parts) > 1 and all(len(p) <= 40 for p in parts)
    assert orjson.loads("".join(parts))["accounts"] == ["a1", "a2", "a3"]
    # A summary kept whole by an older version of the API is the newer: read before the parts.
    raw_driver.execute_query(
        "MATCH (m:KeptSummary {id: $id}) SET m.content = $content, m.parts = ['not JSON']",
        id=customer_rows.SUMMARY, content="".join(parts), database_="neo4j")
    assert figures(client) == expected
