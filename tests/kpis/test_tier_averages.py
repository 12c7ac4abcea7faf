"""Each customer-line tier's average is a metric with month-on-month and year-on-year
(docs/domain.md section 7): the mean of the tier's accounts' averages, each date's tier taken
as of that date. Worked out by hand on closeness.

D = 2026-03-31, one month before 2026-02-28, one year before 2025-03-31.
"""

from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.conftest import AUTH

D = "2026-03-31"
ACCOUNTS = {"b1": ["k1", "k2"], "b2": ["k3"], "b3": ["k4", "k5"], "b4": ["k6"], "b5": ["k7"]}


def closeness(contact: str, at: str, attitude: str) -> dict[str, Any]:
    return {"contact_id": contact, "at": at, "closeness": attitude}


def scenario() -> dict[str, Any]:
    return {
        "accounts": [{"id": a, "name": a} for a in ACCOUNTS],
        "contacts": [{"id": c, "account_id": a, "name": c, "key_person": True}
                     for a, people in ACCOUNTS.items() for c in people],
        "assessments": [
            closeness("k1", "2025-01-01", "support"),
            closeness("k2", "2026-03-10", "strong_support"),
            closeness("k3", "2025-01-01", "support"),
            closeness("k3", "2025-06-01", "strong_support"),
            closeness("k4", "2025-01-01", "neutral"),
            closeness("k5", "2026-03-20", "support"),
            closeness("k6", "2025-01-01", "oppose"),
            closeness("k6", "2026-03-01", "neutral"),
            # k7 (b5) is never assessed: b5 is unknown on every date.
        ],
    }


def triple(metric: dict[str, Any]) -> tuple[Any, Any, Any]:
    return metric["value"], metric["previous_month"], metric["previous_year"]


def test_tier_averages_with_month_on_month_and_year_on_year(client: TestClient) -> None:
    assert client.post("/v1/import", json=scenario(), headers=AUTH).status_code == 200
    response = client.get("/v1/kpis/customers", headers=AUTH, params={"as_of": D})
    assert response.status_code == 200, response.text
    tiers = response.json()["tiers"]["closeness"]
    # Account averages (D / a month before / a year before):
    #   b1 (1 + 2) / 2 = 1.5 / 1.0 (k1 alone) / 1.0     excellent on each date
    #   b2 2.0 / 2.0 / 1.0                               excellent
    #   b3 (0 + 1) / 2 = 0.5 / 0.0 / 0.0                 good
    #   b4 0.0 / -1.0 / -1.0                             good / poor / poor
    #   b5 none                                          unknown
    excellent = tiers["excellent"]["average_metric"]
    # (1.5 + 2) / 2 = 1.75; (1 + 2) / 2 = 1.5; (1 + 1) / 2 = 1.0.
    assert triple(excellent) == (1.75, 1.5, 1.0)
    assert (excellent["mom_change"], excellent["yoy_change"]) == (0.25, 0.75)
    good = tiers["good"]["average_metric"]
    # (0.5 + 0) / 2 = 0.25 with b4 now; b3 alone before.
    assert triple(good) == (0.25, 0.0, 0.0)
    assert (good["mom_change"], good["yoy_change"]) == (0.25, 0.25)
    poor = tiers["poor"]["average_metric"]
    # b4 left the tier on 2026-03-01: no account in it now, so no average and no change.
    assert triple(poor) == (None, -1.0, -1.0)
    assert (poor["mom_change"], poor["yoy_change"]) == (None, None)
    assert triple(tiers["medium"]["average_metric"]) == (None, None, None)
    assert triple(tiers["unknown"]["average_metric"]) == (None, None, None)
    # The plain average stays as it was, the value as of D.
    assert [tiers[t]["average"] for t in ("excellent", "good", "poor")] == [1.75, 0.25, None]
    assert tiers["good"]["accounts"] == ["b3", "b4"]


@pytest.mark.parametrize("degree", ["solution", "price"])
def test_a_degree_nobody_assessed_has_only_the_unknown_tier(client: TestClient, degree: str) -> None:
    assert client.post("/v1/import", json=scenario(), headers=AUTH).status_code == 200
    tiers = client.get("/v1/kpis/customers", headers=AUTH, params={"as_of": D}).json()["tiers"][degree]
    assert tiers["unknown"]["count"]["value"] == 5
    assert triple(tiers["unknown"]["average_metric"]) == (None, None, None)
