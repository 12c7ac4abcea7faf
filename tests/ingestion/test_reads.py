from datetime import UTC, datetime, timedelta, timezone

from fastapi.testclient import TestClient

from tests.conftest import AUTH
from tests.ingestion.test_import import post, small_document


def test_unknown_ids_get_404_problems(client: TestClient) -> None:
    for path in ("/v1/accounts/x", "/v1/contacts/x", "/v1/employees/x", "/v1/opportunities/x"):
        response = client.get(path, headers=AUTH)
        assert response.status_code == 404
        assert response.headers["content-type"] == "application/problem+json"


def test_node_read_lists_every_edge_touching_it(client: TestClient) -> None:
    assert post(client, small_document()).status_code == 200
    body = client.get("/v1/contacts/c1", headers=AUTH).json()
    assert body["kind"] == "Contact" and body["name"] == "王建国" and body["key_person"] is True
    edges = {(e["type"], e["from"], e["to"]) for e in body["relationships"]}
    assert edges == {
        ("WORKS_AT", "c1", "a1"), ("REPORTS_TO", "c2", "c1"), ("INFLUENCES", "c2", "c1"),
        ("IN_DECISION_CHAIN", "c1", "o1"), ("INFLUENCES", "ks1", "c1")}
    ended = [e for e in body["relationships"] if e["from"] == "ks1"]
    assert ended[0]["until"] == "2026-02-01"


def test_lists_page_by_id(client: TestClient) -> None:
    assert post(client, small_document()).status_code == 200
    first = client.get("/v1/contacts", params={"limit": 1, "account_id": "a1"}, headers=AUTH).json()
    assert [c["id"] for c in first["items"]] == ["c1"] and first["next_after"] == "c1"
    second = client.get("/v1/contacts", headers=AUTH,
                        params={"limit": 1, "account_id": "a1", "after": "c1"}).json()
    assert [c["id"] for c in second["items"]] == ["c2"]
    assert client.get("/v1/accounts", params={"limit": 101}, headers=AUTH).status_code == 422


def test_a_person_is_found_by_an_email_address_within_the_readers_perspective(
        client: TestClient) -> None:
    """A CRM finds the contact or colleague it holds an address of: in any case, a page of one
    or none, and a contact outside the reader's accounts is nobody's."""
    doc = small_document()
    doc["contacts"][1]["emails"] = ["chen.hm@sgcc.example"]
    doc["contacts"].append({"id": "c3", "account_id": "a2", "name": "刘洋",
                            "emails": ["liu.yang@bank.example"]})
    doc["employees"][0]["emails"] = ["li.ming@ours.example"]
    assert post(client, doc).status_code == 200

    def found(path: str, token: dict[str, str] = AUTH, **params: str) -> list[str]:
        answer = client.get(path, params=params, headers=token)
        assert answer.status_code == 200, answer.text
        assert answer.json()["next_after"] is None
        return [p["id"] for p in answer.json()["items"]]

    assert found("/v1/contacts", email=" Chen.HM@SGCC.example ", limit="1") == ["c2"]
    assert found("/v1/contacts", email="chen.hm@sgcc.example", account_id="a2") == []
    assert found("/v1/employees", email="li.ming@ours.example") == ["e1"]
    # An address is of one kind of person: a colleague's is no contact's.
    assert found("/v1/contacts", email="li.ming@ours.example") == []
    assert found("/v1/contacts", email="not an address") == []
    # Only the lists of people take an address.
    refused = client.get("/v1/accounts", params={"email": "x@y.cn"}, headers=AUTH)
    assert refused.status_code == 422 and refused.json()["errors"][0]["code"] == "unknown_parameter"
    # A rep who owns a1 (not a2) finds a1's contact, and nobody at a2.
    made = client.post("/v1/principals", headers=AUTH,
                       json={"role": "rep", "employee_id": "e1"})
    assert made.status_code == 201, made.text
    rep = {"Authorization": f"Bearer {made.json()['token']}"}
    assert found("/v1/contacts", rep, email="chen.hm@sgcc.example") == ["c2"]
    assert found("/v1/contacts", rep, email="liu.yang@bank.example") == []


def test_a_sync_lists_what_changed_since_its_last_run(client: TestClient) -> None:
    """`changed_since` keeps the records whose own fields changed at or after a moment: one
    updated after it is listed, one sent again unchanged is not, nor are the others; an edge
    written is no change of its ends."""
    doc = small_document()
    doc["contacts"][1]["emails"] = ["chen.hm@sgcc.example"]
    assert post(client, doc).status_code == 200
    listed = client.get("/v1/contacts", headers=AUTH).json()["items"]
    moment = max(datetime.fromisoformat(c["entered_at"]) for c in listed) + timedelta(microseconds=1)
    c1, c2 = doc["contacts"]
    assert client.post("/v1/contacts", json=c1, headers=AUTH).status_code == 200  # unchanged
    assert client.post("/v1/contacts", json=c2 | {"title": "副总经理"}, headers=AUTH).status_code == 200
    assert client.post("/v1/relationships", headers=AUTH, json={
        "type": "INFLUENCES", "from": "e2", "to": "c1", "strength": 0.4}).status_code == 200

    def changed(path: str, since: datetime, **params: str) -> list[str]:
        answer = client.get(path, params={"changed_since": since.isoformat(), **params},
                            headers=AUTH)
        assert answer.status_code == 200, answer.text
        return [item["id"] for item in answer.json()["items"]]

    assert changed("/v1/contacts", moment) == ["c2"]
    assert changed("/v1/contacts", moment, email="CHEN.HM@sgcc.example") == ["c2"]
    assert changed("/v1/employees", moment) == changed("/v1/accounts", moment) == []
    # The same moment in another zone.
    assert changed("/v1/contacts", moment.astimezone(timezone(timedelta(hours=8)))) == ["c2"]
    assert changed("/v1/contacts", moment - timedelta(days=1)) == ["c1", "c2"]
    assert changed("/v1/contacts", moment + timedelta(days=1)) == []
    assert changed("/v1/contacts", moment + timedelta(days=1), email="chen.hm@sgcc.example") == []
    # Without an offset, a moment is in UTC (as the audit log's `since`).
    naive = moment.astimezone(UTC).replace(tzinfo=None)
    assert changed("/v1/contacts", naive) == ["c2"]
    assert changed("/v1/contacts", naive + timedelta(hours=1)) == []
