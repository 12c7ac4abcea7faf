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
