"""The company's whole account list today is read and written a chunk of accounts at a time
(app/kpis/customer_rows.py Chunks; two accounts a chunk here). Worked out by hand: five
accounts, one key person each, whose closeness is support (+1) for a1 and a4, oppose (-1) for
a2 and a5, and unknown for a3: tiers excellent a1, a4; poor a2, a5; unknown a3."""

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.ingestion.service import TRUSTED, import_document
from app.kpis import customer_rows, kept
from tests.conftest import AUTH

ACCOUNTS = ["a1", "a2", "a3", "a4", "a5"]
CLOSENESS = {"a1": 1.0, "a2": -1.0, "a3": None, "a4": 1.0, "a5": -1.0}


@pytest.fixture
def five(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> Iterator[TestClient]:
    monkeypatch.setattr(customer_rows, "CHUNK", 2)
    attitude = {"a1": "support", "a2": "oppose", "a4": "support", "a5": "oppose"}
    written = client.post("/v1/import", headers=AUTH, json={
        "accounts": [{"id": a, "name": a} for a in ACCOUNTS],
        "contacts": [{"id": f"k{a}", "name": f"k{a}", "account_id": a, "key_person": True}
                     for a in ACCOUNTS],
        "assessments": [{"contact_id": f"k{a}", "at": "2025-01-01", "closeness": c}
                        for a, c in attitude.items()]})
    assert written.status_code == 200, written.text
    yield client


def line(client: TestClient, **params: Any) -> tuple[dict[str, Any], bool]:
    """The company's customer line, and whether it came in one piece (with its length)."""
    got = client.get("/v1/kpis/customers", headers=AUTH, params={"scope": "company", **params})
    assert got.status_code == 200, got.text
    return dict(got.json()), "content-length" in got.headers


def closeness(found: dict[str, Any]) -> tuple[dict[str, Any], dict[str, list[str]]]:
    """Each listed account's closeness, and the accounts of each closeness tier."""
    tiers = found["tiers"]["closeness"]
    return ({a["account_id"]: a["closeness"]["value"] for a in found["account_list"]},
            {name: tier["accounts"] for name, tier in tiers.items() if tier["accounts"]})


def test_the_whole_list_comes_in_chunks_as_its_pages(five: TestClient) -> None:
    # Worked out; again once the import is known applied (kept then); from the figures kept.
    for _ in range(3):
        whole, in_one_piece = line(five)
        assert not in_one_piece
        assert closeness(whole) == (CLOSENESS, {"excellent": ["a1", "a4"],
                                                "poor": ["a2", "a5"], "unknown": ["a3"]})
        assert whole["account_list_total"] == 5
        rows = whole.pop("account_list")
        for offset in range(5):
            page, in_one_piece = line(five, offset=offset, limit=1)
            assert in_one_piece
            assert page.pop("account_list") == rows[offset:offset + 1]
            assert page == whole
        rest, _ = line(five, offset=3)
        assert rest.pop("account_list") == rows[3:]
        assert rest == whole
        five.portal.call(kept.settled)  # type: ignore[union-attr]
    # A spreadsheet of the whole list is not streamed.
    sheet = five.get("/v1/kpis/customers", headers=AUTH, params={"format": "csv"})
    assert sheet.status_code == 200 and sheet.text.count("\n") == 6


def test_a_write_while_the_list_is_read_shows_in_its_rows_and_tiers(
        five: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    for _ in range(2):  # kept by the second, once the import is known applied
        line(five)
        five.portal.call(kept.settled)  # type: ignore[union-attr]
    page = customer_rows.Chunks.page
    written: list[int] = []

    async def a3_assessed_before_the_second_chunk(
            chunks: customer_rows.Chunks, start: int) -> Any:
        if start == 2 and not written:
            written.append(start)
            await import_document(chunks.graph, chunks.settings, {"assessments": [
                {"contact_id": "ka3", "at": date.today().isoformat(), "closeness": "support"}]},
                writer=TRUSTED)
        return await page(chunks, start)

    monkeypatch.setattr(customer_rows.Chunks, "page", a3_assessed_before_the_second_chunk)
    during, _ = line(five)
    assert written == [2]
    after = {**CLOSENESS, "a3": 1.0}
    tiers = {"excellent": ["a1", "a3", "a4"], "poor": ["a2", "a5"]}
    assert closeness(during) == (after, tiers)
    monkeypatch.setattr(customer_rows.Chunks, "page", page)
    assert closeness(line(five)[0]) == (after, tiers)
