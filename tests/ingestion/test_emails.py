"""People's e-mail addresses: normalised, several per person, unique per kind of person,
importable as JSON and as a spreadsheet, edited like any other field, shown in node reads."""

from typing import Any

from fastapi.testclient import TestClient
from neo4j import Driver

from tests.auth.conftest import create
from tests.conftest import AUTH, count, graph_fingerprint

BASE: dict[str, Any] = {
    "accounts": [{"id": "a1", "name": "华东电网"}],
    "employees": [{"id": "e1", "name": "李明", "emails": [" Li.Ming@Ours.CN ", "lm@ours.cn"]},
                  {"id": "e2", "name": "赵敏"}],
    "contacts": [{"id": "c1", "account_id": "a1", "name": "王建国",
                  "emails": ["WJG@sgcc.example.CN"]},
                 {"id": "c2", "account_id": "a1", "name": "陈红梅"}],
}


def addresses(driver: Driver, person: str) -> list[str]:
    return sorted(count(driver, "MATCH (:Entity {id: $id})-[:HAS_EMAIL]->(a:EmailAddress) "
                                "RETURN collect(a.address)", id=person))


def test_addresses_are_normalised_stored_and_shown(client: TestClient,
                                                   raw_driver: Driver) -> None:
    assert client.post("/v1/import", json=BASE, headers=AUTH).status_code == 200
    employee = client.get("/v1/employees/e1", headers=AUTH).json()
    assert employee["emails"] == ["li.ming@ours.cn", "lm@ours.cn"]
    assert client.get("/v1/contacts/c1", headers=AUTH).json()["emails"] == ["wjg@sgcc.example.cn"]
    assert (addresses(raw_driver, "e1")) == ["li.ming@ours.cn", "lm@ours.cn"]
    # Re-importing the same document changes nothing.
    before = graph_fingerprint(raw_driver)
    assert client.post("/v1/import", json=BASE, headers=AUTH).status_code == 200
    assert graph_fingerprint(raw_driver) == before


def test_an_edit_replaces_the_list_and_an_address_moves_between_two_people(
        client: TestClient, raw_driver: Driver) -> None:
    assert client.post("/v1/import", json=BASE, headers=AUTH).status_code == 200
    edited = client.post("/v1/employees", json={"id": "e1", "name": "李明",
                                                "emails": ["li.ming@ours.cn"]}, headers=AUTH)
    assert edited.status_code == 200, edited.text
    assert addresses(raw_driver, "e1") == ["li.ming@ours.cn"]
    # One document takes lm@ from nobody and li.ming@ from e1, who gives it up in it.
    moved = client.post("/v1/import", json={"employees": [
        {"id": "e2", "name": "赵敏", "emails": ["LI.MING@ours.cn"]},
        {"id": "e1", "name": "李明", "emails": ["lm@ours.cn"]}]}, headers=AUTH)
    assert moved.status_code == 200, moved.text
    assert addresses(raw_driver, "e1") == ["lm@ours.cn"]
    assert addresses(raw_driver, "e2") == ["li.ming@ours.cn"]
    # A contact may not take an employee's address, stored or in the same document: capture
    # would put the employee's mail on the contact's account. An employee giving it up in the
    # document lets it go to a contact.
    before = graph_fingerprint(raw_driver)
    ours = client.post("/v1/contacts", json={"id": "c2", "account_id": "a1", "name": "陈红梅",
                                             "emails": ["LM@ours.cn"]}, headers=AUTH)
    assert ours.status_code == 422, ours.text
    assert [(e["path"], e["code"], e.get("params")) for e in ours.json()["errors"]] == [
        ("emails[0]", "email_ours", {"email": "lm@ours.cn"})]
    # Nor one that delivers to an employee's mailbox (a +tag after its local part).
    tagged = client.post("/v1/contacts", json={"id": "c2", "account_id": "a1", "name": "陈红梅",
                                               "emails": ["lm+crm@Ours.cn"]}, headers=AUTH)
    assert [(e["path"], e["code"]) for e in tagged.json()["errors"]] == [("emails[0]", "email_ours")]
    # A control character is no part of an address.
    nul = client.post("/v1/contacts", json={"id": "c2", "account_id": "a1", "name": "陈红梅",
                                            "emails": ["chm@sgcc.cn\u0000"]}, headers=AUTH)
    assert [(e["path"], e["code"]) for e in nul.json()["errors"]] == [("emails[0]", "email_invalid")]
    both = client.post("/v1/import", json={
        "employees": [{"id": "e3", "name": "孙伟", "emails": ["sw@ours.cn"]}],
        "contacts": [{"id": "c2", "account_id": "a1", "name": "陈红梅",
                      "emails": ["sw@ours.cn"]}]}, headers=AUTH)
    assert both.status_code == 422, both.text
    assert [(e["path"], e["code"]) for e in both.json()["errors"]] == [
        ("contacts[0].emails[0]", "email_ours")]
    assert graph_fingerprint(raw_driver) == before
    given_up = client.post("/v1/import", json={
        "employees": [{"id": "e1", "name": "李明", "emails": []}],
        "contacts": [{"id": "c2", "account_id": "a1", "name": "陈红梅",
                      "emails": ["lm@ours.cn"]}]}, headers=AUTH)
    assert given_up.status_code == 200, given_up.text
    assert addresses(raw_driver, "c2") == ["lm@ours.cn"]
    assert addresses(raw_driver, "e1") == []
    # Leaving the field out removes the addresses, as with any field.
    assert client.post("/v1/contacts", json={"id": "c2", "account_id": "a1", "name": "陈红梅"},
                       headers=AUTH).status_code == 200
    assert addresses(raw_driver, "c2") == []
    assert "emails" not in client.get("/v1/contacts/c2", headers=AUTH).json()


def test_duplicates_and_malformed_addresses_are_listed_and_nothing_is_written(
        client: TestClient, raw_driver: Driver) -> None:
    assert client.post("/v1/import", json=BASE, headers=AUTH).status_code == 200
    before = graph_fingerprint(raw_driver)
    refused = client.post("/v1/import", json={
        "contacts": [{"id": "c2", "account_id": "a1", "name": "陈红梅",
                      "emails": ["ok@example.cn", "wjg@sgcc.example.cn"]},
                     {"id": "c3", "account_id": "a1", "name": "刘洋", "emails": ["x@y.cn"]},
                     {"id": "c4", "account_id": "a1", "name": "周涛", "emails": ["X@Y.cn"]},
                     {"id": "c5", "account_id": "a1", "name": "吴刚", "emails": ["no-at.cn"]}]},
        headers=AUTH)
    assert refused.status_code == 422, refused.text
    assert sorted((e["path"], e["message"]) for e in refused.json()["errors"]) == [
        ("contacts[0].emails[1]", "'wjg@sgcc.example.cn' is already the address of another "
                                  "contact"),
        ("contacts[2].emails[0]", "'x@y.cn' is given to 'c3' too (at contacts[1].emails[0])"),
        ("contacts[3].emails[0]", "'no-at.cn' is not an e-mail address"),
    ]
    # What a client says in its own words: each problem's code and the values it names.
    assert sorted((e["code"], e.get("params")) for e in refused.json()["errors"]) == [
        ("email_invalid", {"value": "no-at.cn"}),
        ("email_taken", {"email": "wjg@sgcc.example.cn", "kind": "Contact"}),
        ("email_twice", {"email": "x@y.cn", "id": "c3", "at": "contacts[1].emails[0]"}),
    ]
    assert graph_fingerprint(raw_driver) == before
    single = client.post("/v1/contacts", json={"id": "c2", "account_id": "a1", "name": "陈红梅",
                                               "emails": ["wjg@sgcc.example.cn"]}, headers=AUTH)
    assert single.status_code == 422
    assert single.json()["errors"][0]["path"] == "emails[0]"


def test_a_spreadsheet_holds_several_addresses_in_one_cell(client: TestClient,
                                                           raw_driver: Driver) -> None:
    assert client.post("/v1/import", json=BASE, headers=AUTH).status_code == 200
    sheet = "id,account_id,name,emails\nc5,a1,刘洋,Liu.Yang@Example.cn; ly@example.cn\n"
    response = client.post("/v1/import/contacts", content=sheet.encode(),
                           headers={**AUTH, "content-type": "text/csv"})
    assert response.status_code == 200, response.text
    assert (addresses(raw_driver, "c5")) == ["liu.yang@example.cn", "ly@example.cn"]
    bad = "id,account_id,name,emails\nc6,a1,x,wjg@sgcc.example.cn\n"
    refused = client.post("/v1/import/contacts", content=bad.encode(),
                          headers={**AUTH, "content-type": "text/csv"})
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["row"] == 2
    assert refused.json()["errors"][0]["column"] == "emails"


def test_a_rep_sees_the_addresses_of_the_people_they_may_see_and_no_others(
        client: TestClient) -> None:
    doc = {**BASE, "accounts": [*BASE["accounts"], {"id": "a2", "name": "江苏农商银行"}],
           "contacts": [*BASE["contacts"], {"id": "c9", "account_id": "a2", "name": "刘洋",
                                            "emails": ["liu.yang@bank.cn"]}],
           "relationships": [{"type": "OWNS", "from": "e1", "to": "a1"}]}
    assert client.post("/v1/import", json=doc, headers=AUTH).status_code == 200
    rep = create(client, role="rep", employee_id="e1")
    assert client.get("/v1/contacts/c1", headers=rep).json()["emails"] == ["wjg@sgcc.example.cn"]
    assert client.get("/v1/employees/e1", headers=rep).json()["emails"] == [
        "li.ming@ours.cn", "lm@ours.cn"]
    assert client.get("/v1/contacts/c9", headers=rep).status_code == 403
    assert client.get("/v1/employees/e2", headers=rep).status_code == 403
    listed = client.get("/v1/contacts", headers=rep)
    assert [c["id"] for c in listed.json()["items"]] == ["c1", "c2"]
    assert "liu.yang" not in listed.text
    # A rep edits the addresses of their own account's people; employees' are company data.
    assert client.post("/v1/contacts", json={"id": "c2", "account_id": "a1", "name": "陈红梅",
                                             "emails": ["chm@sgcc.example.cn"]},
                       headers=rep).status_code == 200
    assert client.post("/v1/employees", json={"id": "e1", "name": "李明",
                                              "emails": ["me@ours.cn"]},
                       headers=rep).status_code == 403
