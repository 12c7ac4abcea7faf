"""Answers name what they point to, so that screens show names and keep ids for links: the
account and competitors of a decision chain, the colleagues who reach its members, the helpers
and rivals of actions, a portrait's account and the deals and rivals of its history, search
hits' accounts, introductions' deals, the influence list's people, a rival's staff, the teams
and colleagues of one's scopes. A colleague the viewer may not see stays a reference, without
a name, in every one of them."""

from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.conftest import AUTH

HIDDEN = "孙磊"  # e4: another team's rep, who reaches c1; never named to the rep e1


@pytest.fixture
def named(client: TestClient, tokens: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
    """The org of tests/auth/conftest.py with a focus account and deal, a rival on it, the rival's staff
    influencing c1, and an assessment of c1 toward the rival on the deal."""
    more = {
        "accounts": [{"id": "a1", "name": "华东电网", "focus": True}],
        "competitor_staff": [{"id": "s1", "competitor_id": "k1", "name": "钱伟"}],
        "opportunities": [{"id": "o1", "account_id": "a1", "name": "数据中台", "amount": 1_200_000,
                           "currency": "CNY", "focus": True}],
        "relationships": [{"type": "COMPETES_ON", "from": "k1", "to": "o1"},
                          {"type": "INFLUENCES", "from": "s1", "to": "c1", "strength": 0.4}],
        "assessments": [{"contact_id": "c1", "at": "2026-01-05", "toward": "k1",
                         "opportunity_id": "o1", "closeness": "support"}],
    }
    response = client.post("/v1/import", json=more, headers=AUTH)
    assert response.status_code == 200, response.text
    return tokens


def read(client: TestClient, path: str, token: dict[str, str], **params: Any) -> Any:
    response = client.get(path, headers=token, params=params)
    assert response.status_code == 200, response.text
    assert HIDDEN not in response.text
    return response.json()


def test_a_decision_chain_names_its_account_and_competitors(client: TestClient,
                                                            named: dict[str, dict[str, str]]) -> None:
    chain = read(client, "/v1/opportunities/o1/decision-chain", named["rep"])
    assert chain["opportunity"].items() >= {"account_id": "a1", "account_name": "华东电网",
                                            "amount": 1_200_000, "currency": "CNY"}.items()
    assert [(c["competitor_id"], c["competitor_name"]) for c in chain["competitors"]] == [("k1", "远景科技")]


def test_the_colleagues_who_reach_a_member_are_named_when_the_viewer_sees_them(
        client: TestClient, named: dict[str, dict[str, str]]) -> None:
    for who, e4_name in (("rep", None), ("exec", HIDDEN)):
        risk = client.get("/v1/opportunities/o1/risk", headers=named[who]).json()
        member = next(m for m in risk["members"] if m["contact_id"] == "c1")
        names = dict(zip(member["reachers"], member["reacher_names"], strict=True))
        assert names.pop("e1") == "李明"
        assert list(names.values()) == [e4_name]  # e4: a reference to the rep, e4 to the exec
    read(client, "/v1/opportunities/o1/risk", named["rep"])


def test_actions_name_their_helpers_and_rivals(client: TestClient,
                                               named: dict[str, dict[str, str]]) -> None:
    for path in ("/v1/opportunities/o1/actions", "/v1/accounts/a1/actions"):
        actions = read(client, path, named["rep"])["actions"]
        rivals = {(a["competitor_id"], a["competitor_name"]) for a in actions if a["competitor_id"]}
        assert rivals == {("k1", "远景科技")}
        helpers = {(h["name"], h["masked"]) for a in actions for h in a["helpers"]}
        assert helpers == {("李明", False), (None, True)}


def test_a_portrait_names_its_account_and_the_deals_and_rivals_of_its_history(
        client: TestClient, named: dict[str, dict[str, str]]) -> None:
    portrait = read(client, "/v1/contacts/c1/portrait", named["rep"])
    assert portrait["account_name"] == "华东电网"
    assert [(a["toward"], a["toward_name"], a["opportunity_id"], a["opportunity_name"])
            for a in portrait["history"]] == [("k1", "远景科技", "o1", "数据中台")]


def test_search_hits_name_their_account(client: TestClient, named: dict[str, dict[str, str]]) -> None:
    hits = read(client, "/v1/search", named["rep"], q="王建国")["hits"]
    assert [(h["id"], h["account_name"]) for h in hits] == [("c1", "华东电网")]


def test_introductions_name_their_deal(client: TestClient, named: dict[str, dict[str, str]]) -> None:
    paths = read(client, "/v1/contacts/c1/influence-paths", named["rep"])["paths"]
    masked = next(p["employee_id"] for p in paths if p["masked"])
    asked = client.post("/v1/introductions", headers=named["rep"],
                        json={"colleague": masked, "contact_id": "c1", "opportunity_id": "o1"})
    assert asked.status_code == 201, asked.text
    # The colleague asked, outside the deal's account, by its name alone.
    for who, deal_id in (("rep", "o1"), ("other_rep", None)):
        intro = client.get("/v1/introductions", headers=named[who]).json()[0]
        assert (intro["opportunity_id"], intro["opportunity_name"]) == (deal_id, "数据中台")
    read(client, "/v1/introductions", named["rep"])


def test_the_influence_list_names_its_people(client: TestClient, named: dict[str, dict[str, str]]) -> None:
    kpis = read(client, "/v1/kpis/influence", named["rep"], scope="employee:e1")
    assert [(p["contact_id"], p["name"]) for p in kpis["influence_list"]] == [("c1", "王建国")]


def test_a_rivals_staff_is_named_with_their_company(client: TestClient,
                                                    named: dict[str, dict[str, str]]) -> None:
    found = read(client, "/v1/contacts/c1/influence-paths", named["rep"])
    assert [(i["id"], i["name"], i["competitor_id"], i["competitor_name"])
            for i in found["influenced_by"]] == [("s1", "钱伟", "k1", "远景科技")]


def test_me_names_the_teams_and_colleagues_of_its_scopes(client: TestClient,
                                                         named: dict[str, dict[str, str]]) -> None:
    lead = read(client, "/v1/me", named["lead"])
    assert lead["scope_names"] == {"team:t1": "能源行业部", "employee:e1": "李明", "employee:e2": "王芳"}
    assert read(client, "/v1/me", named["rep"])["scope_names"] == {"employee:e1": "李明"}
    assert client.get("/v1/me", headers=named["exec"]).json()["scope_names"] == {}
