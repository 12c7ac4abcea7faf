"""Contact level per deal (docs/domain.md section 6): a decision-chain member's activities about
the deal, with the thresholds and window of the overall contact level (section 3: 1, 3, 6
activities within the 180 days up to the date)."""

from typing import Any

from fastapi.testclient import TestClient

from tests.conftest import AUTH


def activity(act_id: str, at: str, contacts: list[str], deal: str | None) -> dict[str, Any]:
    return {"id": act_id, "at": at, "type": "meeting", "employee_ids": ["e1"],
            "contact_ids": contacts, "opportunity_id": deal}


def scenario() -> dict[str, Any]:
    return {
        "accounts": [{"id": "a1", "name": "华东电网"}],
        "employees": [{"id": "e1", "name": "李明"}],
        "contacts": [{"id": c, "account_id": "a1", "name": c} for c in ("m", "n")],
        "opportunities": [{"id": "o1", "account_id": "a1", "name": "调度系统"},
                          {"id": "o2", "account_id": "a1", "name": "营销系统"}],
        "relationships": [
            {"type": "IN_DECISION_CHAIN", "from": "m", "to": "o1", "role": "decision_maker"},
            {"type": "IN_DECISION_CHAIN", "from": "n", "to": "o1", "role": "user"},
            {"type": "IN_DECISION_CHAIN", "from": "m", "to": "o2", "role": "evaluator"},
        ],
        "activities": [
            activity("act1", "2026-03-10", ["m"], "o1"),
            activity("act2", "2026-03-20", ["m"], "o1"),
            activity("act3", "2026-03-25", ["m", "n"], "o1"),
            activity("act4", "2026-03-01", ["m"], "o2"),
            activity("act5", "2026-02-01", ["m"], None),
            activity("act6", "2026-01-15", ["m"], None),
            activity("act7", "2025-06-01", ["m"], "o1"),
        ],
    }


def levels(client: TestClient, deal: str, as_of: str) -> dict[str, tuple[str, str]]:
    response = client.get(f"/v1/opportunities/{deal}/decision-chain", headers=AUTH,
                          params={"as_of": as_of})
    assert response.status_code == 200, response.text
    return {m["contact_id"]: (m["contact_level"], m["deal_contact_level"])
            for m in response.json()["members"]}


def test_deal_contact_level_counts_the_activities_about_the_deal(client: TestClient) -> None:
    assert client.post("/v1/import", json=scenario(), headers=AUTH).status_code == 200
    # 2026-03-31, window (2025-10-02, 2026-03-31]: m has act1-act6 -> 6, deep; about o1
    # act1, act2, act3 -> 3, multiple (act7 is older than the window); about o2 act4 -> 1,
    # occasional. n has act3 alone, about o1 -> occasional on both.
    assert levels(client, "o1", "2026-03-31") == {"m": ("deep", "multiple"),
                                                  "n": ("occasional", "occasional")}
    assert levels(client, "o2", "2026-03-31") == {"m": ("deep", "occasional")}
    # 2026-03-15, window (2025-09-16, 2026-03-15]: m has act1, act4, act5, act6 -> 4,
    # multiple; about o1 act1 alone -> occasional. n: nothing yet.
    assert levels(client, "o1", "2026-03-15") == {"m": ("multiple", "occasional"),
                                                  "n": ("none", "none")}
    # 2025-11-01, window (2025-05-05, 2025-11-01]: act7 alone, about o1.
    assert levels(client, "o1", "2025-11-01") == {"m": ("occasional", "occasional"),
                                                  "n": ("none", "none")}
    assert levels(client, "o2", "2025-11-01") == {"m": ("occasional", "none")}
