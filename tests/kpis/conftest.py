"""The hand-worked KPI scenario of tests/kpis/test_kpis.py, loaded: shared by the KPI tests."""

import pytest
from fastapi.testclient import TestClient

from tests.conftest import AUTH
from tests.kpis.test_kpis import scenario


@pytest.fixture
def loaded(client: TestClient) -> TestClient:
    doc = scenario()
    doc["relationships"] = [{k: v for k, v in r.items() if v is not None} for r in doc["relationships"]]
    assert client.post("/v1/import", json=doc, headers=AUTH).status_code == 200
    return client
