"""ESP+ identification: composite scores with per-industry weights, top X%, override, classes."""

from fastapi.testclient import TestClient

from tests.conftest import AUTH


def account(id_: str, industry: str, scores: tuple[float | None, ...], **extra: object) -> dict[str, object]:
    names = ("esp_sales", "esp_potential", "esp_demonstration", "esp_winnable")
    return {"id": id_, "name": id_, "industry": industry,
            **{n: s for n, s in zip(names, scores, strict=True) if s is not None}, **extra}


def test_ranking_weights_override_and_classes(client: TestClient) -> None:
    doc = {"accounts": [
        account("b1", "banking", (80, 20, 50, 90)),
        account("b2", "banking", (90, 90, 90, 10)),
        account("e1", "energy", (60, 70, 40, 50)),
        account("e2", "energy", (30, 20, 10, 20), key_account_override=True),
        account("e3", "energy", (40, 80, 30, None)),
    ]}
    assert client.post("/v1/import", json=doc, headers=AUTH).status_code == 200
    weights = {"sales": 0.1, "potential": 0.1, "demonstration": 0.1, "winnable": 0.7}
    assert client.put("/v1/esp/weights/banking", json=weights, headers=AUTH).status_code == 200

    body = client.get("/v1/esp/accounts", headers=AUTH, params={"top_percent": 50}).json()
    rows = {a["account_id"]: a for a in body["accounts"]}
    # banking: 0.1*80 + 0.1*20 + 0.1*50 + 0.7*90 = 78; 0.1*90*3 + 0.7*10 = 34.
    # energy (defaults .4 .3 .1 .2): 24 + 21 + 4 + 10 = 59; 12 + 6 + 1 + 4 = 23.
    assert [(a["account_id"], a["composite"]) for a in body["accounts"]] == [
        ("b1", 78.0), ("e1", 59.0), ("b2", 34.0), ("e2", 23.0), ("e3", None)]
    # Top 50% of the four scored accounts: b1 and e1; e2 by manual override.
    assert {a for a, r in rows.items() if r["key_account"]} == {"b1", "e1", "e2"}
    assert rows["e2"]["overridden"] is True and rows["e3"]["rank"] is None
    assert {a: r["resource_class"] for a, r in rows.items()} == {
        "b1": "B", "b2": "A", "e1": "A", "e2": "D", "e3": "C"}


def test_weights_must_sum_to_one(client: TestClient) -> None:
    bad = {"sales": 0.5, "potential": 0.3, "demonstration": 0.1, "winnable": 0.2}
    response = client.put("/v1/esp/weights/energy", json=bad, headers=AUTH)
    assert response.status_code == 422
    assert "sum to 1" in response.json()["errors"][0]["message"]
    assert client.get("/v1/esp/weights", headers=AUTH).json() == []
