"""Perspectives as access control: tokens, roles, object-level authorisation on every endpoint."""

import pytest
from fastapi.testclient import TestClient
from neo4j import Driver

from tests.conftest import AUTH, count

# Every endpoint that takes an id or a scope, with an object outside team t1 (rep e1's reach)
# and the same endpoint with an object inside it.
OUTSIDE_AND_INSIDE = [
    ("/v1/accounts/{}", "a2", "a1"),
    ("/v1/contacts/{}", "c2", "c1"),
    ("/v1/opportunities/{}", "o2", "o1"),
    ("/v1/employees/{}", "e3", "e1"),
    ("/v1/teams/{}", "t2", None),
    ("/v1/contacts/{}/influence-paths", "c2", "c1"),
    ("/v1/opportunities/{}/decision-chain", "o2", "o1"),
    ("/v1/opportunities/{}/decision-map", "o2", "o1"),
    ("/v1/contacts/{}/portrait", "c2", "c1"),
    ("/v1/kpis/trend?scope={}", "employee:e3", "employee:e1"),
    ("/v1/opportunities/{}/influencers", "o2", "o1"),
    ("/v1/opportunities/{}/risk", "o2", "o1"),
    ("/v1/opportunities/{}/actions", "o2", "o1"),
    ("/v1/accounts/{}/strategy", "a2", "a1"),
    ("/v1/accounts/{}/actions", "a2", "a1"),
    ("/v1/accounts/{}/political-map", "a2", "a1"),
    ("/v1/kpis/influence?scope={}", "employee:e3", "employee:e1"),
    ("/v1/kpis/influence?scope={}", "team:t2", None),
    ("/v1/kpis/influence?scope={}", "company", None),
    ("/v1/kpis/customers?scope={}", "employee:e4", "employee:e1"),
    ("/v1/kpis/key-persons?scope={}", "team:t2", "employee:e1"),
    ("/v1/competitors/k1/perspective?scope={}", "company", "employee:e1"),
]


@pytest.mark.parametrize(("template", "outside", "inside"), OUTSIDE_AND_INSIDE)
def test_a_rep_is_refused_outside_their_perspective(client: TestClient, tokens: dict[str, dict[str, str]],
                                                   template: str, outside: str, inside: str | None) -> None:
    refused = client.get(template.format(outside), headers=tokens["rep"])
    assert refused.status_code == 403, (template, refused.text)
    assert refused.headers["content-type"] == "application/problem+json"
    if inside:
        allowed = client.get(template.format(inside), headers=tokens["rep"])
        assert allowed.status_code == 200, (template, allowed.text)


def test_company_wide_reads_are_for_company_wide_principals(client: TestClient,
                                                           tokens: dict[str, dict[str, str]]) -> None:
    assert client.get("/v1/esp/accounts", headers=tokens["rep"]).status_code == 403
    assert client.get("/v1/esp/accounts", headers=tokens["exec"]).status_code == 200
    assert client.get("/v1/esp/thresholds", headers=tokens["rep"]).status_code == 403
    assert client.get("/v1/esp/thresholds", headers=tokens["exec"]).status_code == 200
    assert client.get("/v1/kpis/influence", headers=tokens["exec"]).status_code == 200


def test_a_lead_sees_the_team(client: TestClient, tokens: dict[str, dict[str, str]]) -> None:
    lead = tokens["lead"]
    assert client.get("/v1/kpis/influence?scope=team:t1", headers=lead).status_code == 200
    assert client.get("/v1/kpis/influence?scope=employee:e1", headers=lead).status_code == 200
    assert client.get("/v1/employees/e1", headers=lead).status_code == 200
    assert client.get("/v1/teams/t1", headers=lead).status_code == 200
    assert client.get("/v1/contacts/c1", headers=lead).status_code == 200
    assert client.get("/v1/kpis/influence?scope=team:t2", headers=lead).status_code == 403
    assert client.get("/v1/opportunities/o2/decision-chain", headers=lead).status_code == 403


def test_lists_hold_only_what_the_principal_may_see(client: TestClient,
                                                   tokens: dict[str, dict[str, str]]) -> None:
    def ids(path: str, who: str) -> list[str]:
        return [i["id"] for i in client.get(path, headers=tokens[who]).json()["items"]]

    assert ids("/v1/accounts", "rep") == ["a1"]
    assert ids("/v1/contacts", "rep") == ["c1"]
    assert ids("/v1/opportunities", "rep") == ["o1"]
    assert ids("/v1/employees", "rep") == ["e1"]
    assert ids("/v1/employees", "lead") == ["e1", "e2"]
    assert ids("/v1/teams", "lead") == ["t1"]
    assert ids("/v1/accounts", "exec") == ["a1", "a2"]


def test_integrations_keep_to_their_scopes_and_write_rights(client: TestClient,
                                                           tokens: dict[str, dict[str, str]]) -> None:
    scoped, writer = tokens["team_integration"], tokens["writer_integration"]
    assert client.get("/v1/kpis/influence?scope=team:t1", headers=scoped).status_code == 200
    assert client.get("/v1/contacts/c1", headers=scoped).status_code == 200
    assert client.get("/v1/contacts/c2", headers=scoped).status_code == 403
    doc = {"accounts": [{"id": "a3", "name": "山东重工"}]}
    assert client.post("/v1/import", json=doc, headers=scoped).status_code == 403
    assert client.post("/v1/import", json=doc, headers=tokens["rep"]).status_code == 403
    assert client.post("/v1/import", json=doc, headers=writer).status_code == 200


def test_tokens_are_shown_once_stored_hashed_and_revocable(client: TestClient, raw_driver: Driver) -> None:
    assert client.post("/v1/import", json={"employees": [{"id": "e9", "name": "x"}]},
                       headers=AUTH).status_code == 200
    created = client.post("/v1/principals", json={"role": "rep", "employee_id": "e9"}, headers=AUTH).json()
    token, headers = created["token"], {"Authorization": f"Bearer {created['token']}"}
    assert count(raw_driver, "MATCH (p:Principal) WHERE any(k IN keys(p) WHERE p[k] = $t) "
                             "RETURN count(p)", t=token) == 0
    listed = client.get("/v1/principals", headers=AUTH).json()
    assert [p["id"] for p in listed] == [created["id"]] and "token" not in listed[0]
    assert client.get("/v1/employees/e9", headers=headers).status_code == 200
    assert client.delete(f"/v1/principals/{created['id']}", headers=AUTH).status_code == 204
    assert client.get("/v1/employees/e9", headers=headers).status_code == 401
    assert client.delete(f"/v1/principals/{created['id']}", headers=AUTH).status_code == 404


def test_only_admins_manage_principals(client: TestClient, tokens: dict[str, dict[str, str]]) -> None:
    body = {"role": "admin"}
    assert client.post("/v1/principals", json=body, headers=tokens["exec"]).status_code == 403
    assert client.get("/v1/principals", headers=tokens["rep"]).status_code == 403
    assert client.get("/v1/audit", headers=tokens["lead"]).status_code == 403
    bad = client.post("/v1/principals", json={"role": "rep"}, headers=AUTH)
    assert bad.status_code == 422 and bad.json()["errors"][0]["path"] == "employee_id"
    # Listed in id order, a page at a time, or one employee's; can_write as it holds.
    every = client.get("/v1/principals", headers=AUTH).json()
    page = client.get("/v1/principals", headers=AUTH, params={"limit": 2}).json()
    after = client.get("/v1/principals", headers=AUTH, params={"after": page[-1]["id"]}).json()
    assert [p["id"] for p in page + after] == sorted(p["id"] for p in every) and len(every) >= 7
    [rep] = client.get("/v1/principals", headers=AUTH, params={"employee_id": "e1"}).json()
    assert (rep["role"], rep["can_write"]) == ("rep", True)
    assert {p["can_write"] for p in every if p["role"] == "integration"} == {True, False}
    twice = client.post("/v1/principals", headers=AUTH, json={
        "role": "integration", "scopes": ["team:t1", "company", "team:t1"]})
    assert twice.json()["scopes"] == ["team:t1", "company"]
    # A scope of nobody would give a token that reads nothing: refused, every one named.
    before = len(client.get("/v1/principals", headers=AUTH).json())
    misspelt = client.post("/v1/principals", headers=AUTH, json={
        "role": "integration", "scopes": ["team:t1", "team:t-nope", "employee:e-nope", "teams:t1"]})
    assert misspelt.status_code == 422
    errors = misspelt.json()["errors"]
    assert [(e["path"], e["code"], e.get("params", {}).get("expected")) for e in errors] == [
        ("scopes[1]", "unknown_id", "Team"), ("scopes[2]", "unknown_id", "Employee"),
        ("scopes[3]", "scope_invalid", None)]
    assert len(client.get("/v1/principals", headers=AUTH).json()) == before


def test_me_tells_each_principal_its_default_perspective(client: TestClient,
                                                         tokens: dict[str, dict[str, str]]) -> None:
    me = {name: client.get("/v1/me", headers=tokens[name]).json()
          for name in ("rep", "lead", "exec", "team_integration")}
    assert (me["rep"]["role"], me["rep"]["employee_id"], me["rep"]["name"]) == ("rep", "e1", "李明")
    assert me["rep"]["default_scope"] == "employee:e1"
    # A rep writes inside their perspective (app/auth/writes.py); an integration only when
    # created with can_write.
    assert me["rep"]["scopes"] == ["employee:e1"] and me["rep"]["can_write"] is True
    assert me["team_integration"]["can_write"] is False
    assert me["lead"]["default_scope"] == "team:t1" and me["lead"]["teams"] == ["t1"]
    assert set(me["lead"]["scopes"]) == {"team:t1", "employee:e1", "employee:e2"}
    assert (me["exec"]["default_scope"], me["exec"]["scopes"]) == ("company", None)
    assert me["team_integration"]["default_scope"] == "team:t1"
    admin = client.get("/v1/me", headers=AUTH).json()
    assert (admin["role"], admin["can_write"], admin["company_wide"]) == ("admin", True, True)
    assert client.get("/v1/me").status_code == 401



@pytest.mark.parametrize("path", ["/v1/kpis/influence", "/v1/kpis/customers",
                                  "/v1/kpis/key-persons", "/v1/kpis/trend?months=2",
                                  "/v1/changes", "/v1/reviews/due",
                                  "/v1/competitors/k1/perspective"])
def test_a_route_without_scope_reads_the_principals_default_scope(
        client: TestClient, tokens: dict[str, dict[str, str]], path: str) -> None:
    # Naming no scope must not mean the company (a 403 for everyone but company-wide
    # principals): each reads its own default, and says which it read.
    for name, expected in (("rep", "employee:e1"), ("lead", "team:t1"), ("exec", "company")):
        response = client.get(path, headers=tokens[name])
        assert response.status_code == 200, (name, response.text)
        assert response.json()["scope"] == expected, name

def test_search_finds_only_what_the_principal_may_see(client: TestClient,
                                                      tokens: dict[str, dict[str, str]]) -> None:
    def ids(headers: dict[str, str], **params: str) -> list[str]:
        response = client.get("/v1/search", params=params, headers=headers)
        assert response.status_code == 200, response.text
        return [h["id"] for h in response.json()["hits"]]

    # 王 is in contact c1 (a1), employee e2 (王芳) and account... none; 红 in c2 only (a2).
    assert sorted(ids(AUTH, q="王")) == ["c1", "e2"]
    assert ids(tokens["rep"], q="王") == ["c1"]  # e2 is a colleague: not the rep's to look up
    assert ids(tokens["rep"], q="红") == []  # c2 sits at a2, outside the rep's accounts
    assert sorted(ids(tokens["lead"], q="王")) == ["c1", "e2"]
    # Pinyin and initials keep to the perspective too: 王建国 (c1) yes, 陈红梅 (c2, a2) no.
    assert ids(tokens["rep"], q="wjg") == ["c1"]
    assert ids(tokens["rep"], q="chenhongmei") == []
    assert ids(AUTH, q="chenhongmei") == ["c2"]
    assert ids(AUTH, q="o2") == ["o2"]  # an exact id
    assert ids(AUTH, q="系统", kind="Opportunity") == ["o2"]
    refused = client.get("/v1/search", params={"q": "x", "kind": "Team"}, headers=AUTH)
    assert refused.status_code == 422 and refused.json()["errors"][0]["path"] == "kind"
