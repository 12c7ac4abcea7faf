"""brm capture FILE: the same capture from the command line, trusted like brm import."""

from pathlib import Path

import orjson
import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from app.cli import cli
from app.config import get_settings
from tests.capture.test_calendar import FILE
from tests.capture.test_mail import REPLY, mbox
from tests.servers import Server


def test_brm_capture_takes_a_calendar_and_a_mailbox(people: TestClient, neo4j_server: Server,
                                                    tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in (("NEO4J_URI", neo4j_server.uri), ("NEO4J_USER", neo4j_server.user),
                        ("NEO4J_PASSWORD", neo4j_server.password)):
        monkeypatch.setenv(name, value)
    get_settings.cache_clear()
    try:
        (tmp_path / "cal.ics").write_text(FILE)
        (tmp_path / "inbox.mbox").write_text(mbox(REPLY))
        (tmp_path / "bad.mbox").write_text("From x\nSubject: no id\n\nbody\n")
        runner = CliRunner()
        calendar = runner.invoke(cli, ["capture", str(tmp_path / "cal.ics"),
                                       "--since", "2026-01-01", "--until", "2026-12-31"])
        assert calendar.exit_code == 0, calendar.output
        assert len(orjson.loads(calendar.stdout.splitlines()[-1])["created"]) == 5
        mail = runner.invoke(cli, ["capture", str(tmp_path / "inbox.mbox")])
        assert mail.exit_code == 0, mail.output
        assert [c["key"] for c in orjson.loads(mail.stdout.splitlines()[-1])["created"]] == [
            "m3@sgcc.cn"]
        bad = runner.invoke(cli, ["capture", str(tmp_path / "bad.mbox")])
        assert bad.exit_code == 1
        assert "Message-ID" in bad.output
        assert runner.invoke(cli, ["capture", str(tmp_path / "notes.txt")]).exit_code == 2
    finally:
        get_settings.cache_clear()
