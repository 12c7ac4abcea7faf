"""Schemathesis against /openapi.json on a real server: no 5xx, no response off its schema,
with an admin token and with a rep's. SCHEMATHESIS_MAX_EXAMPLES sets the depth (make fuzz)."""

import os
import subprocess
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import httpx
import pytest

from app.demo.generator import generate
from tests.conftest import ADMIN_TOKEN, AUTH
from tests.live import BIN, running_api
from tests.servers import Server

PROJECT = Path(__file__).resolve().parent.parent  # where `tests.schemathesis_hooks` imports from


@pytest.fixture
def live_api(neo4j_server: Server, client: object, tmp_path: Path) -> Iterator[str]:
    with running_api(neo4j_server, tmp_path / "api.log") as url:
        yield url


def fuzz(url: str, token: str, report: Path) -> subprocess.CompletedProcess[str]:
    examples = os.environ.get("SCHEMATHESIS_MAX_EXAMPLES", "8")
    return subprocess.run(
        [str(BIN / "schemathesis"), "run", f"{url}/openapi.json", "-H", f"Authorization: Bearer {token}",
         "--checks", "not_a_server_error,response_schema_conformance,content_type_conformance",
         "--max-examples", examples, "--seed", "7", "--phases", "examples,coverage,fuzzing",
         "--request-timeout", "30", "--report", "junit", "--report-junit-path", str(report)],
        capture_output=True, text=True, timeout=1800, check=False, cwd=PROJECT,
        env={**os.environ, "SCHEMATHESIS_HOOKS": "tests.schemathesis_hooks"})


def test_no_server_errors_and_responses_match_the_schema(live_api: str, tmp_path: Path) -> None:
    assert httpx.post(live_api + "/v1/import", headers=AUTH, timeout=60,
                      json=generate(scale=0.3, seed=3, today=date(2026, 11, 23))).status_code == 200
    rep = httpx.post(live_api + "/v1/principals", headers=AUTH, timeout=10,
                     json={"role": "rep", "employee_id": "e-00001"}).json()["token"]
    for name, token in (("admin", ADMIN_TOKEN), ("rep", rep)):
        result = fuzz(live_api, token, tmp_path / f"{name}.xml")
        summary = "\n".join(result.stdout.splitlines()[-40:])
        # On failure: every failing case with its reproduction, and what the API logged.
        assert result.returncode == 0, (f"schemathesis as {name}:\n{result.stdout[-20000:]}\n"
                                        f"API log:\n{(tmp_path / 'api.log').read_text()[-8000:]}")
        print(f"schemathesis as {name}:\n{summary}")
