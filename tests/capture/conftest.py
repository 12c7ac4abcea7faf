"""One account with two contacts and two employees who have e-mail addresses."""

from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.conftest import AUTH

# Every capture in these tests names its window: the default follows today.
WINDOW = {"since": "2026-01-01", "until": "2026-12-31"}


def org() -> dict[str, Any]:
    return {
        "accounts": [{"id": "a1", "name": "华东电网"}, {"id": "a2", "name": "江苏农商银行"}],
        "teams": [{"id": "t1", "name": "能源行业部", "lead_id": "e2"}],
        "employees": [{"id": "e1", "name": "李明", "team_id": "t1", "emails": ["li.ming@ours.cn"]},
                      {"id": "e2", "name": "赵敏", "team_id": "t1",
                       "emails": ["zhao.min@ours.cn", "zm@ours.cn"]},
                      {"id": "e3", "name": "孙磊", "emails": ["sun.lei@ours.cn"]}],
        "contacts": [{"id": "c1", "account_id": "a1", "name": "王建国", "emails": ["wjg@sgcc.cn"]},
                     {"id": "c2", "account_id": "a1", "name": "陈红梅", "emails": ["chm@sgcc.cn"]},
                     {"id": "c3", "account_id": "a2", "name": "刘洋", "emails": ["ly@bank.cn"]}],
        "relationships": [{"type": "OWNS", "from": "e1", "to": "a1"},
                          {"type": "OWNS", "from": "e3", "to": "a2"}],
    }


@pytest.fixture
def client(in_shanghai: TestClient) -> TestClient:
    """The organisation captures in Shanghai, whatever zone the run is in: the days below are
    worked out there."""
    return in_shanghai


@pytest.fixture
def people(client: TestClient) -> TestClient:
    response = client.post("/v1/import", json=org(), headers=AUTH)
    assert response.status_code == 200, response.text
    return client


def written(tmp_path: Path, name: str, text: str) -> bytes:
    """The file as a test writes it to disk (CRLF lines, as RFC 5545 and mbox writers do
    differently), read back as the bytes an upload sends."""
    path = tmp_path / name
    path.write_bytes(text.encode())
    return path.read_bytes()
