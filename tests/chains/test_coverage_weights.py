"""Coverage weights of a decision chain (docs/domain.md section 6), worked out by hand: 3 for
the role decision_maker or approver, or for either vote; 2 for an evaluator; 1 otherwise."""

from typing import Any

from fastapi.testclient import TestClient

from tests.conftest import AUTH

AS_OF = "2026-03-31"


def member(contact: str, role: str) -> dict[str, Any]:
    return {"type": "IN_DECISION_CHAIN", "from": contact, "to": "o1", "role": role}


def test_the_approver_role_weighs_as_much_as_a_decision_maker(client: TestClient) -> None:
    roles = {"ap": "approver", "dm": "decision_maker", "vh": "user", "ev": "evaluator",
             "co": "coach"}
    doc = {
        "accounts": [{"id": "a1", "name": "华东电网"}],
        "employees": [{"id": "e1", "name": "李明"}],
        "contacts": [{"id": c, "account_id": "a1", "name": c} for c in roles],
        "opportunities": [{"id": "o1", "account_id": "a1", "name": "调度系统"}],
        "relationships": [member(c, role) for c, role in roles.items()],
        # vh holds the veto; ap holds no vote, only the approver role.
        "assessments": [{"contact_id": "vh", "at": "2026-01-01", "veto": True}],
        "activities": [
            {"id": "v1", "at": "2026-03-01", "type": "visit", "employee_ids": ["e1"],
             "contact_ids": ["ap"]},
            {"id": "v2", "at": "2026-03-02", "type": "visit", "employee_ids": ["e1"],
             "contact_ids": ["ev"]},
        ],
    }
    assert client.post("/v1/import", json=doc, headers=AUTH).status_code == 200
    response = client.get("/v1/opportunities/o1/decision-chain", headers=AUTH,
                          params={"as_of": AS_OF})
    assert response.status_code == 200, response.text
    body = response.json()
    coverage = body["coverage"]
    # Weights: ap 3 (role approver), dm 3 (role), vh 3 (veto), ev 2, co 1 -> 12.
    # Contacted: ap and ev -> (3 + 2) / 12. (Before: ap weighed 1 -> (1 + 2) / 10.)
    assert coverage["contacted"] == 2 / 5
    assert coverage["weighted"]["contacted"] == 5 / 12
    # Everyone is unknown on every degree, so everyone blocks: the veto holder first, then
    # by weight (ap, dm: 3; ev: 2; co: 1), then by id.
    assert body["blockers"] == ["vh", "ap", "dm", "ev", "co"]
