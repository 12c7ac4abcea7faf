"""Continuous improvement (docs/domain.md section 8): an account's average that fell
month-on-month or year-on-year, or is below good (under 0), is flagged; one steady at good or
excellent is not.

D = 2026-03-31: a month before 2026-02-28, a year before 2025-03-31.
"""

from typing import Any

from fastapi.testclient import TestClient

from tests.conftest import AUTH

D = "2026-03-31"
YEAR, MONTH, NOW = "2025-03-01", "2026-02-15", "2026-03-15"


def account(account_id: str, history: dict[str, dict[str, str]]) -> dict[str, Any]:
    """Three key persons who all hold, on each date, the attitude given for each degree."""
    people = [f"{account_id}-p{i}" for i in range(3)]
    dates = sorted({at for by_date in history.values() for at in by_date})
    return {
        "accounts": [{"id": account_id, "name": account_id}],
        "contacts": [{"id": c, "account_id": account_id, "name": c, "key_person": True}
                     for c in people],
        "assessments": [{"contact_id": c, "at": at,
                         **{d: by_date[at] for d, by_date in history.items() if at in by_date}}
                        for c in people for at in dates],
    }


def flagged(client: TestClient, account_id: str, as_of: str = D) -> list[str]:
    response = client.get(f"/v1/accounts/{account_id}/actions", headers=AUTH,
                          params={"as_of": as_of})
    assert response.status_code == 200, response.text
    return [d for a in response.json()["actions"] if a["principle"] == "continuous_improvement"
            for d in a["gaps"]]


def test_fell_or_below_good_is_flagged_and_steady_at_good_or_better_is_not(
        client: TestClient) -> None:
    a1 = account("a1", {
        # 2.0 a year before, a month before and now: steady at excellent, not flagged.
        "closeness": {YEAR: "strong_support", NOW: "strong_support"},
        # 2.0 a year before, 0.0 a month before, 1.0 now: rose month-on-month but fell
        # year-on-year (1.0 < 2.0): flagged.
        "solution": {YEAR: "strong_support", MONTH: "neutral", NOW: "support"},
        # -2.0, -2.0, -1.0: rose on both, but -1.0 is below good (poor): flagged.
        "price": {YEAR: "strong_oppose", NOW: "oppose"},
    })
    a2 = account("a2", {
        "closeness": {YEAR: "support"},  # 1.0 throughout: steady at excellent
        "price": {YEAR: "neutral"},  # 0.0 throughout: steady at good
        "solution": {MONTH: "oppose", NOW: "neutral"},  # -1.0 -> 0.0: rose to good
    })
    for doc in (a1, a2):
        assert client.post("/v1/import", json=doc, headers=AUTH).status_code == 200
    assert flagged(client, "a1") == ["solution", "price"]
    assert flagged(client, "a2") == []
    # As of 2026-02-28 (a month before 2026-01-28, a year before 2025-02-28, when nothing was
    # known yet): a1's closeness 2.0 = 2.0, not flagged; solution 0.0 fell from 2.0; price
    # -2.0 is poor.
    assert flagged(client, "a1", "2026-02-28") == ["solution", "price"]
    # As of 2026-02-01, before the solution fell: 2.0 on both dates, so only price.
    assert flagged(client, "a1", "2026-02-01") == ["price"]
