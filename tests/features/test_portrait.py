"""The portrait shows what is stored on the contact beside the seven features."""

from fastapi.testclient import TestClient

from tests.conftest import AUTH


def test_portrait_shows_behaviour_orientation_and_importance(client: TestClient) -> None:
    doc = {
        "accounts": [{"id": "a1", "name": "华东电网"}],
        "contacts": [
            {"id": "c1", "account_id": "a1", "name": "王建国", "behavior": "pragmatic_professional",
             "importance": "both"},
            {"id": "c2", "account_id": "a1", "name": "刘洋"},
        ],
    }
    assert client.post("/v1/import", json=doc, headers=AUTH).status_code == 200

    def portrait(contact: str) -> dict[str, object]:
        response = client.get(f"/v1/contacts/{contact}/portrait", headers=AUTH)
        assert response.status_code == 200, response.text
        return dict(response.json())

    c1, c2 = portrait("c1"), portrait("c2")
    assert (c1["behavior"], c1["importance"]) == ("pragmatic_professional", "both")
    assert (c2["behavior"], c2["importance"]) == (None, None)  # never recorded
    # A later upsert changes them (they are current values, not dated).
    changed = {"contacts": [{"id": "c1", "account_id": "a1", "name": "王建国",
                             "behavior": "balanced", "importance": "position"}]}
    assert client.post("/v1/import", json=changed, headers=AUTH).status_code == 200
    c1 = portrait("c1")
    assert (c1["behavior"], c1["importance"]) == ("balanced", "position")
