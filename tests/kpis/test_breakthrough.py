"""Breakthrough (重点突破, docs/domain.md sections 8 and 10): the members of focus decision
chains (deals with focus, open on the date) at neutral, oppose or strong oppose on any of the
three degrees (this deal's assessments first) whom an employee reaches, within the hop cap of 3
(this deal's own edges counted, opposed intermediaries avoided). Worked out by hand.

D = 2026-03-31; FEB = 2026-02-28, before v1's deal assessment, e3's deal edge to far and the
close of f2.

a1 (owned by e1):
  f1  focus, open     d1 decision_maker  closeness support, solution neutral, price support
                      v1 user, veto      closeness neutral (on f1 support from 2026-03-10),
                                         solution support, price support
                      s1 evaluator       oppose, strong_oppose, neutral; reports to d1
                      u1 user            nothing known
                      far influencer     price neutral
  f2  focus, won on 2026-03-15           w1 user: closeness neutral
  n1  not focus       nm user: closeness neutral
a2 (owned by e2):
  g1  focus, open     q1 approver        price oppose

Employees: e1 influences d1 (so s1 through its manager d1), u1 and nm; e2 influences v1 and
q1; e3 influences w1, and far on f1 only from 2026-03-01.
"""

from datetime import date
from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.config import Settings
from app.kpis import service as kpis
from app.scopes import Scope
from tests.conftest import AUTH
from tests.transactions import counted

D, FEB = "2026-03-31", "2026-02-28"
NAMES = {"d1": "王建国", "v1": "刘洋", "s1": "陈静", "u1": "张伟", "far": "赵磊", "w1": "孙丽",
         "nm": "周强", "q1": "吴敏"}
ACCOUNT = {"q1": "a2"}


def member(contact: str, deal: str, role: str) -> dict[str, Any]:
    return {"type": "IN_DECISION_CHAIN", "from": contact, "to": deal, "role": role}


def influences(employee: str, contact: str, **extra: Any) -> dict[str, Any]:
    return {"type": "INFLUENCES", "from": employee, "to": contact, **extra}


def attitudes(contact: str, at: str, **features: Any) -> dict[str, Any]:
    return {"contact_id": contact, "at": at, **features}


def scenario() -> dict[str, Any]:
    return {
        "accounts": [{"id": "a1", "name": "华东电网", "focus": True},
                     {"id": "a2", "name": "江苏农商银行"}],
        "employees": [{"id": e, "name": e} for e in ("e1", "e2", "e3")],
        "contacts": [{"id": c, "account_id": ACCOUNT.get(c, "a1"), "name": name, "key_person": True}
                     for c, name in NAMES.items()],
        "opportunities": [
            {"id": "f1", "account_id": "a1", "name": "调度系统", "focus": True,
             "created_at": "2025-01-01"},
            {"id": "f2", "account_id": "a1", "name": "营销系统", "focus": True, "status": "won",
             "created_at": "2025-01-01", "closed_at": "2026-03-15"},
            {"id": "n1", "account_id": "a1", "name": "办公系统", "created_at": "2025-01-01"},
            {"id": "g1", "account_id": "a2", "name": "核心系统", "focus": True,
             "created_at": "2025-01-01"},
        ],
        "relationships": [
            {"type": "OWNS", "from": "e1", "to": "a1"}, {"type": "OWNS", "from": "e2", "to": "a2"},
            member("d1", "f1", "decision_maker"), member("v1", "f1", "user"),
            member("s1", "f1", "evaluator"), member("u1", "f1", "user"),
            member("far", "f1", "influencer"), member("w1", "f2", "user"),
            member("nm", "n1", "user"), member("q1", "g1", "approver"),
            {"type": "REPORTS_TO", "from": "s1", "to": "d1"},
            influences("e1", "d1", strength=0.9), influences("e1", "u1"), influences("e1", "nm"),
            influences("e2", "v1"), influences("e2", "q1", strength=0.7), influences("e3", "w1"),
            influences("e3", "far", strength=0.6, opportunity_id="f1", since="2026-03-01"),
        ],
        "assessments": [
            attitudes("d1", "2025-06-01", closeness="support", solution="neutral", price="support"),
            attitudes("v1", "2025-06-01", closeness="neutral", solution="support", price="support",
                      veto=True),
            {**attitudes("v1", "2026-03-10", closeness="support"), "opportunity_id": "f1"},
            attitudes("s1", "2025-06-01", closeness="oppose", solution="strong_oppose",
                      price="neutral"),
            attitudes("far", "2025-06-01", price="neutral"),
            attitudes("w1", "2025-06-01", closeness="neutral"),
            attitudes("nm", "2025-06-01", closeness="neutral"),
            attitudes("q1", "2025-06-01", price="oppose"),
        ],
    }


DEALS = {"f1": "调度系统", "f2": "营销系统", "n1": "办公系统", "g1": "核心系统"}


@pytest.fixture
def loaded(client: TestClient) -> TestClient:
    assert client.post("/v1/import", json=scenario(), headers=AUTH).status_code == 200
    return client


def target(contact: str, deal: str, role: str, *degrees: str) -> dict[str, Any]:
    account = ACCOUNT.get(contact, "a1")
    return {"contact_id": contact, "name": NAMES[contact], "account_id": account,
            "account_name": {"a1": "华东电网", "a2": "江苏农商银行"}[account],
            "opportunity_id": deal, "opportunity_name": DEALS[deal], "role": role,
            "degrees": list(degrees)}


def influence_line(client: TestClient, as_of: str, scope: str = "company") -> dict[str, Any]:
    response = client.get("/v1/kpis/influence", headers=AUTH,
                          params={"as_of": as_of, "scope": scope})
    assert response.status_code == 200, response.text
    return dict(response.json())


AT_D = [
    # f1 in the blockers' order (weight, then id): d1 (3), s1 (2), far (1). u1 is unknown on
    # every degree, v1 supports on f1 on all three.
    target("d1", "f1", "decision_maker", "solution"),
    target("s1", "f1", "evaluator", "closeness", "solution", "price"),
    target("far", "f1", "influencer", "price"),  # e3's edge for f1, since 2026-03-01
    target("q1", "g1", "approver", "price"),
]
IN_FEB = [
    # The veto holder first; far is not reached yet; f2 is still open.
    target("v1", "f1", "user", "closeness"),
    target("d1", "f1", "decision_maker", "solution"),
    target("s1", "f1", "evaluator", "closeness", "solution", "price"),
    target("w1", "f2", "user", "closeness"),
    target("q1", "g1", "approver", "price"),
]


def test_the_influence_line_lists_breakthroughs_before_and_after_changes(loaded: TestClient) -> None:
    body = influence_line(loaded, D)
    assert body["breakthrough"] == AT_D and body["breakthrough_total"] == 4
    body = influence_line(loaded, FEB)
    assert body["breakthrough"] == IN_FEB and body["breakthrough_total"] == 5
    # e1's accounts: a1 alone.
    body = influence_line(loaded, D, scope="employee:e1")
    assert body["breakthrough"] == AT_D[:3] and body["breakthrough_total"] == 3


def test_the_breakthrough_list_is_bounded_and_keeps_the_total(loaded: TestClient,
                                                              settings: Settings) -> None:
    two = settings.model_copy(update={"list_limit": 2})
    line, _ = counted(two, lambda graph: kpis.influence(
        graph, two, scope=Scope("company"), as_of=date.fromisoformat(D), period_days=365))
    assert [t.contact_id for t in line.breakthrough] == ["d1", "s1"]
    assert line.breakthrough_total == 4


def actions(client: TestClient, path: str, as_of: str = D) -> list[dict[str, Any]]:
    response = client.get(f"/v1/{path}/actions", headers=AUTH, params={"as_of": as_of})
    assert response.status_code == 200, response.text
    return list(response.json()["actions"])


def breakthroughs(items: list[dict[str, Any]]) -> list[tuple[str, str, list[str], list[str]]]:
    return [(a["contact_id"], a["opportunity_id"], a["gaps"],
             [h["employee_id"] for h in a["helpers"]])
            for a in items if a["principle"] == "breakthrough"]


def test_the_action_lists_follow_the_same_rule(loaded: TestClient) -> None:
    expected = [("d1", "f1", ["solution"], ["e1"]),
                ("s1", "f1", ["closeness", "solution", "price"], ["e1"]),  # via its manager d1
                ("far", "f1", ["price"], ["e3"])]
    deal = actions(loaded, "opportunities/f1")
    assert breakthroughs(deal) == expected
    assert [a["principle"] for a in deal[:3]] == ["breakthrough"] * 3  # breakthroughs first
    assert breakthroughs(actions(loaded, "opportunities/n1")) == []  # not a focus deal
    # The account's open focus deals on the date: f1 (f2 closed on 2026-03-15).
    assert breakthroughs(actions(loaded, "accounts/a1")) == expected
    feb = breakthroughs(actions(loaded, "accounts/a1", FEB))
    assert [(c, o) for c, o, _, _ in feb] == [("v1", "f1"), ("d1", "f1"), ("s1", "f1"),
                                              ("w1", "f2")]
