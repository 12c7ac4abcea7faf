"""The public contract (docs/api.md): every endpoint of it is documented, and every analytics
endpoint answers on realistic demo data."""

from datetime import date

from fastapi.testclient import TestClient
from neo4j import Driver

from app.demo.generator import generate
from tests.conftest import AUTH

CONTRACT = {
    ("post", "/v1/import"), ("get", "/v1/accounts/{id}"), ("get", "/v1/contacts/{id}"),
    ("get", "/v1/employees/{id}"), ("get", "/v1/opportunities/{id}"),
    ("get", "/v1/contacts/{id}/influence-paths"), ("get", "/v1/opportunities/{id}/decision-chain"),
    ("get", "/v1/opportunities/{id}/influencers"), ("get", "/v1/kpis/influence"),
    ("get", "/v1/accounts/{id}/strategy"), ("get", "/health"), ("get", "/ready"),
}


def test_openapi_describes_every_contract_endpoint(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    operations = {(m, p): op for p, item in spec["paths"].items() for m, op in item.items()}
    assert set(operations) >= CONTRACT, sorted(CONTRACT - set(operations))
    undocumented = [k for k, op in operations.items() if k[1].startswith("/v1")
                    and not op.get("description")]
    assert undocumented == []
    assert "ImportDocument" in spec["components"]["schemas"]
    assert spec["components"]["schemas"]["ImportDocument"].get("examples")
    assert "Problem" in spec["components"]["schemas"]
    # What every route may answer is listed, as problem+json: for generated clients.
    for (method, path), op in operations.items():
        if not path.startswith("/v1/"):
            continue
        listed = {"422", "503", "504"} | (set() if (method, path) == ("post", "/v1/session")
                                          else {"401", "403"})
        assert listed <= set(op["responses"]), (method, path)
        assert all(op["responses"][s]["content"] == {"application/problem+json": {
            "schema": {"$ref": "#/components/schemas/Problem"}}} for s in listed), (method, path)
    assert all("422" not in op.get("responses", {}) for item in spec.get("webhooks", {}).values()
               for op in item.values())
    paths_op = operations[("get", "/v1/contacts/{id}/influence-paths")]
    max_hops = next(p for p in paths_op["parameters"] if p["name"] == "max_hops")["schema"]
    # Optional (the setting's default when left out), and capped where it is given.
    assert [s["maximum"] for s in max_hops["anyOf"] if s.get("type") == "integer"] == [5]


def test_every_analytics_endpoint_answers_on_demo_data(client: TestClient, raw_driver: Driver) -> None:
    today = date(2026, 11, 23)
    assert client.post("/v1/import", json=generate(scale=0.5, seed=5, today=today),
                       headers=AUTH).status_code == 200
    ids = {label: raw_driver.execute_query(
        f"MATCH (n:{label}) RETURN n.id AS id ORDER BY id LIMIT 3", database_="neo4j").records
        for label in ("Contact", "Opportunity", "Account", "Team", "Employee", "Competitor")}
    first = {label: rows[0]["id"] for label, rows in ids.items()}
    as_of = {"as_of": today.isoformat()}
    urls = [
        f"/v1/contacts/{first['Contact']}/influence-paths",
        f"/v1/opportunities/{first['Opportunity']}/decision-chain",
        f"/v1/opportunities/{first['Opportunity']}/influencers?include_paths=true",
        f"/v1/opportunities/{first['Opportunity']}/risk?employee_left={first['Employee']}",
        f"/v1/opportunities/{first['Opportunity']}/actions",
        f"/v1/accounts/{first['Account']}/strategy",
        f"/v1/accounts/{first['Account']}/actions",
        f"/v1/accounts/{first['Account']}/political-map",
        f"/v1/competitors/{first['Competitor']}/perspective",
        "/v1/kpis/influence", f"/v1/kpis/influence?scope=team:{first['Team']}",
        f"/v1/kpis/influence?scope=employee:{first['Employee']}",
        "/v1/kpis/customers", "/v1/kpis/key-persons", "/v1/esp/accounts",
    ]
    for url in urls:
        response = client.get(url, headers=AUTH, params=as_of)
        assert response.status_code == 200, (url, response.text[:500])
    # A record as it is now: a read of a node takes no date (one sent is refused, not ignored).
    for url in (f"/v1/contacts/{first['Contact']}", f"/v1/accounts/{first['Account']}"):
        assert client.get(url, headers=AUTH).status_code == 200, url
        assert client.get(url, headers=AUTH, params=as_of).status_code == 422, url
    kpis = client.get("/v1/kpis/influence", headers=AUTH, params=as_of).json()
    assert kpis["key_persons"]["value"] > 0
    assert 0 <= kpis["value_potential"]["value"] <= 1
