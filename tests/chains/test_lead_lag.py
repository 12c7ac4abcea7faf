"""Lead and lag against a rival compare the same members (docs/domain.md section 6): only
those with a known score toward us and toward the rival on the degree; none: unknown."""

from typing import Any

from fastapi.testclient import TestClient

from tests.conftest import AUTH


def assess(contact: str, at: str, toward: str = "us", **features: str) -> dict[str, Any]:
    return {"contact_id": contact, "at": at, "toward": toward, **features}


def scenario() -> dict[str, Any]:
    members = ("ma", "mb", "md")
    return {
        "accounts": [{"id": "a1", "name": "江苏农商银行"}],
        "contacts": [{"id": c, "account_id": "a1", "name": c} for c in members],
        "competitors": [{"id": "k1", "name": "远景科技"}],
        "opportunities": [{"id": "o1", "account_id": "a1", "name": "核心系统升级"}],
        "relationships": [{"type": "IN_DECISION_CHAIN", "from": c, "to": "o1", "role": "user"}
                          for c in members] + [{"type": "COMPETES_ON", "from": "k1", "to": "o1"}],
        "assessments": [
            assess("ma", "2026-01-01", closeness="strong_support", solution="support",
                   price="support"),
            assess("mb", "2026-01-01", closeness="neutral"),
            assess("md", "2026-01-01", toward="k1", closeness="oppose", solution="support"),
            assess("ma", "2026-01-01", toward="k1", price="support"),
            # k1's view of mb is known from 2026-02-01 only.
            assess("mb", "2026-02-01", toward="k1", closeness="support"),
        ],
    }


def comparison(client: TestClient, as_of: str) -> dict[str, Any]:
    response = client.get("/v1/opportunities/o1/decision-chain", headers=AUTH,
                          params={"as_of": as_of})
    assert response.status_code == 200, response.text
    [k1] = response.json()["competitors"]
    return dict(k1)


def test_lead_and_lag_compare_the_same_members_before_and_after_a_rival_assessment(
        client: TestClient) -> None:
    assert client.post("/v1/import", json=scenario(), headers=AUTH).status_code == 200
    # 2026-03-01. Closeness: us ma +2, mb 0; k1 mb +1, md -1. Known to both: mb alone,
    # 0 against +1 -> lag. (Each side's own known scores: (2 + 0) / 2 = 1 against
    # (1 - 1) / 2 = 0 would say lead.)
    # Solution: us ma +1; k1 md +1: no member known to both -> unknown (was a tie, 1 = 1).
    # Price: ma +1 toward both -> tie.
    assert comparison(client, "2026-03-01") == {
        "competitor_id": "k1", "competitor_name": "远景科技", "closeness": "lag", "solution": "unknown",
        "price": "tie"}
    # 2026-01-15, before k1's view of mb: closeness is known toward k1 for md alone, toward us
    # for ma and mb: none in common -> unknown (was 1 against -1: lead).
    assert comparison(client, "2026-01-15")["closeness"] == "unknown"
