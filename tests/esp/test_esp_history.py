"""Dated ESP+ evaluations (the quarterly re-evaluation): the ranking as of a date uses the
evaluations in force then, with each account's change since its previous evaluation."""

from typing import Any

from fastapi.testclient import TestClient
from neo4j import Driver

from tests.conftest import AUTH, count


def scores(account_id: str, at: str, *values: float) -> dict[str, Any]:
    names = ("sales", "potential", "demonstration", "winnable")
    return {"account_id": account_id, "at": at, **dict(zip(names, values, strict=True))}


# Energy, default weights .4 .3 .1 .2 (an evaluation with four equal scores composes to them).
# a: undated scores 60 (known since always), re-evaluated on 1 April;
# b: 40 from 1 October 2025, 70 from 1 January, 50 from 1 April; c: 65 from 1 January;
# d: first evaluated on 1 July.
DOC = {
    "accounts": [{"id": i, "name": i, "industry": "energy"} for i in "bcd"]
    + [{"id": "a", "name": "a", "industry": "energy", "esp_sales": 60, "esp_potential": 60,
        "esp_demonstration": 60, "esp_winnable": 60}],
    "esp_scores": [
        scores("a", "2026-04-01", 90, 80, 50, 70),
        scores("b", "2025-10-01", 40, 40, 40, 40), scores("b", "2026-01-01", 70, 70, 70, 70),
        scores("b", "2026-04-01", 50, 50, 50, 50),
        scores("c", "2026-01-01", 65, 65, 65, 65),
        scores("d", "2026-07-01", 99, 99, 99, 99),
    ],
}


def ranking(client: TestClient, as_of: str) -> dict[str, dict[str, Any]]:
    response = client.get("/v1/esp/accounts", headers=AUTH, params={"as_of": as_of})
    assert response.status_code == 200, response.text
    return {a["account_id"]: a for a in response.json()["accounts"]}


def changes(rows: dict[str, dict[str, Any]]) -> dict[str, tuple[Any, ...]]:
    """account: (evaluated_at, composite, rank, previous composite, previous rank,
    composite change, rank change, key account)."""
    return {a: (r["evaluated_at"], r["composite"], r["rank"],
                r["previous"] and r["previous"]["composite"], r["previous"] and r["previous"]["rank"],
                r["composite_change"], r["rank_change"], r["key_account"])
            for a, r in rows.items()}


def test_the_ranking_is_exact_before_and_after_a_re_evaluation(client: TestClient,
                                                                raw_driver: Driver) -> None:
    response = client.post("/v1/import", json=DOC, headers=AUTH)
    assert response.status_code == 200, response.text
    assert response.json()["counts"]["esp_scores"] == 6
    assert count(raw_driver, "MATCH (:Account)-[:HAS_ESP_SCORE]->(s:EspScore) RETURN count(s)") == 6

    # 31 March, the day before the re-evaluation: b 70, c 65, a 60 (undated); d not yet.
    # b's previous evaluation is 1 October's 40: 70 - 40 = +30; its rank the day before its
    # evaluation took effect (31 December: a 60 first, b 40 second, c not yet) was 2, now 1:
    # 1 - 2 = -1 (moved up one). a's undated scores and c's first evaluation have none before.
    # Key accounts, the top 20%: ceil(3 x .2) = 1, b.
    assert changes(ranking(client, "2026-03-31")) == {
        "b": ("2026-01-01", 70.0, 1, 40.0, 2, 30.0, -1, True),
        "c": ("2026-01-01", 65.0, 2, None, None, None, None, False),
        "a": (None, 60.0, 3, None, None, None, None, False),
        "d": (None, None, None, None, None, None, None, False)}

    # 15 May, after it: a .4 x 90 + .3 x 80 + .1 x 50 + .2 x 70 = 36 + 24 + 5 + 14 = 79,
    # b 50, c still 65. Ranks before 1 April (the ranking of 31 March above): a 3, b 1.
    # a: 79 - 60 = +19, 1 - 3 = -2; b: 50 - 70 = -20, 3 - 1 = +2. The key account is now a.
    rows = ranking(client, "2026-05-15")
    assert changes(rows) == {
        "a": ("2026-04-01", 79.0, 1, 60.0, 3, 19.0, -2, True),
        "c": ("2026-01-01", 65.0, 2, None, None, None, None, False),
        "b": ("2026-04-01", 50.0, 3, 70.0, 1, -20.0, 2, False),
        "d": (None, None, None, None, None, None, None, False)}
    assert rows["a"]["scores"] == {"sales": 90, "potential": 80, "demonstration": 50,
                                   "winnable": 70}
    assert rows["a"]["previous"]["at"] is None and rows["b"]["previous"]["at"] == "2026-01-01"


def test_dated_scores_are_validated_like_the_rest(client: TestClient) -> None:
    doc = {"accounts": [{"id": "a", "name": "a"}],
           "esp_scores": [{"account_id": "nobody", "at": "2026-01-01", "sales": 50},
                          {"account_id": "a", "at": "2026-01-01"},
                          {"account_id": "a", "at": "2026-01-01", "sales": 101}]}
    response = client.post("/v1/import", json=doc, headers=AUTH)
    assert response.status_code == 422
    assert sorted(e["path"] for e in response.json()["errors"]) == [
        "esp_scores[0].account_id", "esp_scores[1]", "esp_scores[2].sales"]
    assert client.get("/v1/accounts", headers=AUTH).json()["items"] == []
