"""The decision-chain scenario shared by the tests of this folder, worked out by hand."""

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
