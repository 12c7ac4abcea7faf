"""Decision chain and stuck-deal influencers on a scenario worked out by hand."""

from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.conftest import AUTH

AS_OF = "2026-03-01"


def chain_rel(contact: str, role: str, **extra: Any) -> dict[str, Any]:
    return {"type": "IN_DECISION_CHAIN", "from": contact, "to": "o1", "role": role, **extra}


def assess(contact: str, at: str, toward: str = "us", **features: Any) -> dict[str, Any]:
    return {"contact_id": contact, "at": at, "toward": toward, **features}


def visit(act_id: str, contact: str, at: str) -> dict[str, Any]:
    return {"id": act_id, "at": at, "type": "visit", "employee_ids": ["e1"], "contact_ids": [contact]}


def scenario() -> dict[str, Any]:
    return {
        "accounts": [{"id": "a1", "name": "江苏农商银行"}],
        "employees": [{"id": "e1", "name": "李明"}, {"id": "e3", "name": "赵敏"}],
        "contacts": [{"id": c, "account_id": "a1", "name": c, "key_person": True}
                     for c in ("m1", "m2", "m3", "m4", "m5", "x")],
        "competitors": [{"id": "k1", "name": "远景科技"}, {"id": "k2", "name": "华信软件"}],
        "competitor_staff": [{"id": "ks1", "competitor_id": "k1", "name": "周涛"}],
        "opportunities": [{"id": "o1", "account_id": "a1", "name": "核心系统升级", "amount": 5e6},
                          {"id": "o2", "account_id": "a1", "name": "其他项目"}],
        "relationships": [
            chain_rel("m1", "decision_maker"), chain_rel("m2", "evaluator"),
            chain_rel("m3", "user"), chain_rel("m5", "coach"),
            chain_rel("m4", "influencer", until="2026-02-01"),
            {"type": "COMPETES_ON", "from": "k1", "to": "o1"},
            {"type": "COMPETES_ON", "from": "k2", "to": "o1", "until": "2026-01-01"},
            {"type": "INFLUENCES", "from": "e1", "to": "m1", "strength": 0.9},
            {"type": "INFLUENCES", "from": "e1", "to": "x", "strength": 0.8},
            {"type": "INFLUENCES", "from": "x", "to": "m2", "strength": 0.5},
            {"type": "INFLUENCES", "from": "e3", "to": "m2", "strength": 0.9, "opportunity_id": "o1"},
            {"type": "INFLUENCES", "from": "ks1", "to": "m3", "strength": 0.7},
            {"type": "REPORTS_TO", "from": "m3", "to": "m1"},
        ],
        "assessments": [
            assess("m1", "2026-01-10", closeness="support", solution="support", price="support",
                   veto=True, approver=False),
            {**assess("m1", "2026-01-05", closeness="strong_support"), "opportunity_id": "o1"},
            assess("m2", "2026-01-10", closeness="neutral", solution="unknown"),
            assess("m2", "2026-01-10", toward="k1", closeness="support", solution="neutral"),
            assess("m3", "2026-01-10", closeness="oppose", solution="oppose", price="neutral",
                   approver=True),
            assess("m3", "2026-01-10", toward="k1", closeness="strong_support"),
            assess("m5", "2026-01-10", closeness="strong_support", solution="support",
                   price="support", veto=False, approver=False),
            assess("m5", "2026-04-01", closeness="oppose"),  # after the as-of date
            {**assess("m5", "2026-02-01", closeness="strong_oppose"), "opportunity_id": "o2"},
        ],
        "activities": [visit("v1", "m1", "2026-02-01"), visit("v2", "m5", "2026-01-10"),
                       visit("v3", "m5", "2026-02-10"), visit("v4", "m5", "2026-02-20"),
                       visit("v5", "m2", "2025-01-01")],
    }


@pytest.fixture
def loaded(client: TestClient) -> TestClient:
    assert client.post("/v1/import", json=scenario(), headers=AUTH).status_code == 200
    return client


def chain(client: TestClient, **params: Any) -> dict[str, Any]:
    response = client.get("/v1/opportunities/o1/decision-chain", headers=AUTH,
                          params={"as_of": AS_OF, **params})
    assert response.status_code == 200, response.text
    return dict(response.json())


def test_members_with_deal_assessments_first_and_latest_known(loaded: TestClient) -> None:
    body = chain(loaded)
    assert body["opportunity"] == {"id": "o1", "name": "核心系统升级", "account_id": "a1",
                                   "amount": 5e6, "status": "open"}
    members = {m["contact_id"]: m for m in body["members"]}
    assert list(members) == ["m1", "m2", "m3", "m5"]  # m4 left the chain on 2026-02-01
    # The deal's own closeness (older) wins over the general one.
    assert (members["m1"]["closeness"], members["m1"]["solution"]) == ("strong_support", "support")
    assert members["m1"]["veto"] is True and members["m1"]["insighted"] is True
    assert members["m2"]["solution"] == "unknown" and members["m2"]["insighted"] is False
    # Ignored: m5's later assessment and its assessment for another deal.
    assert members["m5"]["closeness"] == "strong_support"
    assert [members[m]["contact_level"] for m in ("m1", "m2", "m5")] == ["occasional", "none", "multiple"]
    assert [members[m]["reachable"] for m in ("m1", "m2", "m3", "m5")] == [True, True, False, False]
    assert members["m2"]["competitor_held"] == ["k1"] and members["m3"]["competitor_held"] == ["k1"]
    assert members["m1"]["role"] == "decision_maker"


def test_coverage_plain_and_weighted(loaded: TestClient) -> None:
    coverage = chain(loaded)["coverage"]
    # Weights: m1 decision maker and veto 3, m2 evaluator 2, m3 approver 3, m5 coach 1 -> 9.
    assert {k: v for k, v in coverage.items() if k != "weighted"} == {
        "contacted": 0.5, "insighted": 0.5, "supportive": 0.5, "reachable": 0.5,
        "competitor_held": 0.5}
    weighted = coverage["weighted"]
    assert weighted["contacted"] == pytest.approx(4 / 9)  # m1 + m5
    assert weighted["insighted"] == pytest.approx(4 / 9)  # m1 + m5
    assert weighted["supportive"] == pytest.approx(4 / 9)
    assert weighted["reachable"] == pytest.approx(5 / 9)  # m1 + m2
    assert weighted["competitor_held"] == pytest.approx(5 / 9)  # m2 + m3


def test_lead_and_lag_against_each_competitor_in_the_deal(loaded: TestClient) -> None:
    # Closeness: ours (2 + 0 - 1 + 2) / 4 = 0.75 vs k1 (1 + 2) / 2 = 1.5 -> lag.
    # Solution: ours (1 - 1 + 1) / 3 vs k1 0 -> lead. Price: k1 unknown. k2 left the deal.
    assert chain(loaded)["competitors"] == [
        {"competitor_id": "k1", "closeness": "lag", "solution": "lead", "price": "unknown"}]


def test_blockers_put_approvers_and_veto_holders_first(loaded: TestClient) -> None:
    assert chain(loaded)["blockers"] == ["m3", "m2"]


def test_as_of_before_a_member_left(loaded: TestClient) -> None:
    members = [m["contact_id"] for m in chain(loaded, as_of="2026-01-31")["members"]]
    assert members == ["m1", "m2", "m3", "m4", "m5"]


def test_stuck_deal_influencers_most_blockers_first(loaded: TestClient) -> None:
    response = loaded.get("/v1/opportunities/o1/influencers", headers=AUTH,
                          params={"as_of": AS_OF, "include_paths": "true"})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["blockers"] == ["m3", "m2"]
    summary = [(i["employee_id"], i["blockers_reachable"], round(i["best_strength"], 6))
               for i in body["influencers"]]
    # e1: m3 through its manager m1 (0.9 x 0.8), m2 through x (0.8 x 0.5);
    # e3: m2 directly by an edge of this deal (0.9).
    assert summary == [("e1", ["m3", "m2"], 0.72), ("e3", ["m2"], 0.9)]
    assert [p["nodes"][-1]["id"] for p in body["influencers"][0]["paths"]] == ["m3", "m2"]
    assert body["influencers"][0]["name"] == "李明"


def test_unknown_opportunity_is_404(client: TestClient) -> None:
    for path in ("decision-chain", "influencers"):
        response = client.get(f"/v1/opportunities/nope/{path}", headers=AUTH)
        assert response.status_code == 404


def test_opportunity_actions_break_through_first_with_helpers(loaded: TestClient) -> None:
    response = loaded.get("/v1/opportunities/o1/actions", headers=AUTH, params={"as_of": AS_OF})
    assert response.status_code == 200, response.text
    actions = response.json()["actions"]
    assert (actions[0]["principle"], actions[0]["contact_id"]) == ("breakthrough", "m3")
    assert [h["employee_id"] for h in actions[0]["helpers"]] == ["e1"]  # via m3's manager m1
    short = next(a for a in actions if a["principle"] == "fix_short_boards")
    assert (short["contact_id"], short["gaps"]) == ("m3", ["closeness", "solution"])
    gaps = {a["contact_id"]: a["gaps"] for a in actions if a["principle"] == "hundred_percent"}
    assert gaps["m1"] == ["reporting_relationship"]  # m3 reports to m1, m1 to nobody known
    assert gaps["m3"] == ["veto", "contact"]
    assert gaps["m5"] == ["reporting_relationship", "influence_relationship"]
    assert set(gaps["m2"]) == {"solution", "price", "veto", "approver", "reporting_relationship",
                               "contact"}
    lead = [a for a in actions if a["principle"] == "lead_one_dimension"]
    assert lead == []  # we lead k1 on solution
