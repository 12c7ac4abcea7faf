"""Stuck-deal influencers find the blockers without the rest of the decision chain: the two
answers must name the same blockers, in the same order, for every deal."""

from datetime import date

from fastapi.testclient import TestClient

from app.demo.generator import generate
from tests.conftest import AUTH

TODAY = date(2026, 11, 23)


def test_every_deal_has_the_same_blockers_in_both_answers(client: TestClient) -> None:
    doc = generate(scale=0.5, seed=7, today=TODAY)
    assert client.post("/v1/import", json=doc, headers=AUTH).status_code == 200
    with_blockers = 0
    for deal in doc["opportunities"]:
        params = {"as_of": TODAY.isoformat()}
        url = f"/v1/opportunities/{deal['id']}"
        chain = client.get(f"{url}/decision-chain", headers=AUTH, params=params).json()
        stuck = client.get(f"{url}/influencers", headers=AUTH, params=params).json()
        assert stuck["blockers"] == chain["blockers"], deal["id"]
        with_blockers += len(chain["blockers"]) > 1
    assert with_blockers >= 5, "the generated deals exercise the blockers' order"


def test_blockers_order_veto_approver_then_role_weight(client: TestClient) -> None:
    # Every member unknown on some degree, so all block; one per rank of the order, ids
    # chosen against it so that a missing rule shows.
    members = {"a-user": "user", "b-evaluator": "evaluator", "c-decider": "decision_maker",
               "d-approver": "user", "e-veto": "coach"}
    doc = {
        "accounts": [{"id": "a1", "name": "A"}],
        "contacts": [{"id": c, "account_id": "a1", "name": c} for c in members],
        "opportunities": [{"id": "o1", "account_id": "a1", "name": "deal"}],
        "relationships": [{"type": "IN_DECISION_CHAIN", "from": c, "to": "o1", "role": role}
                          for c, role in members.items()],
        "assessments": [
            {"contact_id": "d-approver", "at": "2026-01-01", "toward": "us", "approver": True},
            {"contact_id": "e-veto", "at": "2026-01-01", "toward": "us", "veto": True},
        ],
    }
    assert client.post("/v1/import", json=doc, headers=AUTH).status_code == 200
    expected = ["e-veto", "d-approver", "c-decider", "b-evaluator", "a-user"]
    for answer in ("decision-chain", "influencers"):
        response = client.get(f"/v1/opportunities/o1/{answer}", headers=AUTH,
                              params={"as_of": TODAY.isoformat()})
        assert response.json()["blockers"] == expected, answer
