"""Two teams, two accounts, and principals for every role, created through the API."""

from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.conftest import AUTH


def org() -> dict[str, Any]:
    return {
        "accounts": [{"id": "a1", "name": "华东电网"}, {"id": "a2", "name": "江苏农商银行"}],
        "teams": [{"id": "t1", "name": "能源行业部", "lead_id": "e2"},
                  {"id": "t2", "name": "金融行业部", "lead_id": "e3"}],
        "employees": [{"id": "e1", "name": "李明", "team_id": "t1"},
                      {"id": "e2", "name": "王芳", "team_id": "t1"},
                      {"id": "e3", "name": "赵敏", "team_id": "t2"},
                      {"id": "e4", "name": "孙磊", "team_id": "t2"}],
        "contacts": [{"id": "c1", "account_id": "a1", "name": "王建国", "key_person": True},
                     {"id": "c2", "account_id": "a2", "name": "陈红梅", "key_person": True}],
        "competitors": [{"id": "k1", "name": "远景科技"}],
        "third_parties": [{"id": "p1", "name": "华东电力设计院", "category": "design_institute"}],
        "opportunities": [{"id": "o1", "account_id": "a1", "name": "数据中台"},
                          {"id": "o2", "account_id": "a2", "name": "核心系统"}],
        "relationships": [
            {"type": "OWNS", "from": "e1", "to": "a1"}, {"type": "OWNS", "from": "e3", "to": "a2"},
            {"type": "IN_DECISION_CHAIN", "from": "c1", "to": "o1", "role": "decision_maker"},
            {"type": "IN_DECISION_CHAIN", "from": "c2", "to": "o2", "role": "decision_maker"},
            {"type": "INFLUENCES", "from": "e1", "to": "c1", "strength": 0.5},
            {"type": "INFLUENCES", "from": "e4", "to": "c1", "strength": 0.9},
            {"type": "INFLUENCES", "from": "e4", "to": "c2", "strength": 0.9},
        ],
    }


def create(client: TestClient, **body: Any) -> dict[str, str]:
    response = client.post("/v1/principals", json=body, headers=AUTH)
    assert response.status_code == 201, response.text
    return {"Authorization": f"Bearer {response.json()['token']}"}


@pytest.fixture
def tokens(client: TestClient) -> dict[str, dict[str, str]]:
    assert client.post("/v1/import", json=org(), headers=AUTH).status_code == 200
    return {
        "rep": create(client, role="rep", employee_id="e1"),
        "lead": create(client, role="lead", employee_id="e2"),
        "other_rep": create(client, role="rep", employee_id="e4"),
        "exec": create(client, role="exec", employee_id="e3"),
        "team_integration": create(client, role="integration", scopes=["team:t1"]),
        "writer_integration": create(client, role="integration", scopes=["company"], can_write=True),
        "scoped_writer": create(client, role="integration", scopes=["team:t1"], can_write=True),
    }
