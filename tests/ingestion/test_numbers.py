"""Numbers JSON does not have (1e400 overflows to infinity; NaN, Infinity) are refused alike by
the import document and every other body: 422, nothing written."""

import httpx
import pytest
from fastapi.testclient import TestClient
from neo4j import Driver

from app.main import app
from tests.conftest import AUTH, graph_fingerprint

NOT_FINITE = ["1e400", "-1e400", "1" + "0" * 400, "NaN", "Infinity", "-Infinity"]
JSON = {**AUTH, "Content-Type": "application/json"}


def refused(response: httpx.Response, before: tuple[int, int, str], raw_driver: Driver) -> str:
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == "application/problem+json"
    [error] = response.json()["errors"]
    assert error["path"] == "" and error["message"].startswith("invalid JSON at character ")
    assert graph_fingerprint(raw_driver) == before
    return str(error["message"])


@pytest.mark.parametrize("number", NOT_FINITE)
def test_an_amount_json_cannot_hold_is_refused_by_both_paths(client: TestClient, raw_driver: Driver,
                                                             number: str) -> None:
    assert client.post("/v1/accounts", headers=AUTH, json={"id": "a1", "name": "x"}).status_code == 200
    before = graph_fingerprint(raw_driver)
    item = '{"id": "o1", "account_id": "a1", "name": "x", "amount": ' + number + "}"
    single = refused(client.post("/v1/opportunities", headers=JSON, content=item), before, raw_driver)
    document = refused(client.post("/v1/import", headers=JSON,
                                   content='{"opportunities": [' + item + "]}"), before, raw_driver)
    # One reader, one message: only the position differs.
    assert single.split(": ", 1)[1] == document.split(": ", 1)[1]


def test_other_bodies_are_read_the_same_way(client: TestClient, raw_driver: Driver) -> None:
    before = graph_fingerprint(raw_driver)
    weights = '{"sales": 1e400, "potential": 0, "demonstration": 0, "winnable": 0}'
    refused(client.put("/v1/esp/weights/energy", headers=JSON, content=weights), before, raw_driver)


def test_every_json_body_is_read_the_same_way(app_client: TestClient) -> None:
    operations = [(method, path) for path, item in app.openapi()["paths"].items()
                  for method, operation in item.items()
                  if "application/json" in operation.get("requestBody", {}).get("content", {})]
    assert len(operations) >= 15
    for method, path in operations:
        response = app_client.request(method, path.replace("{id}", "x").replace("{industry}", "x"),
                                      headers=JSON, content="1e400")
        assert response.status_code == 422, (method, path)
        [error] = response.json()["errors"]
        assert error == {"path": "", "code": "json_invalid", "params": {"position": 0},
                         "message": "invalid JSON at character 0: number is infinity when "
                                    "parsed as double"}, path
