"""A real uvicorn process serving the app against the test Neo4j, for tests that need HTTP."""

import contextlib
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx

from tests.conftest import ADMIN_TOKEN
from tests.servers import Server

BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def running_api(neo4j_server: Server, log_path: Path, workers: int = 1,
                **env_extra: str) -> Iterator[str]:
    with api_process(neo4j_server, log_path, workers, **env_extra) as (_, url):
        yield url


@contextlib.contextmanager
def api_process(neo4j_server: Server, log_path: Path, workers: int = 1,
                **env_extra: str) -> Iterator[tuple[subprocess.Popen[bytes], str]]:
    """The process too, for tests that kill it; stopped (if it still runs) on the way out."""
    port = free_port()
    env = {**os.environ, "NEO4J_URI": neo4j_server.uri, "NEO4J_USER": neo4j_server.user,
           "NEO4J_PASSWORD": neo4j_server.password, "BRM_ADMIN_TOKEN": ADMIN_TOKEN, **env_extra}
    with log_path.open("w") as log:
        server = subprocess.Popen([str(BIN / "uvicorn"), "app.main:app", "--port", str(port),
                                   "--no-access-log", "--timeout-graceful-shutdown", "2",
                                   "--workers", str(workers)],
                                  env=env, stdout=log, stderr=subprocess.STDOUT)
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 30
            while True:
                try:
                    if httpx.get(url + "/ready", timeout=2).status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                assert time.monotonic() < deadline, log_path.read_text()
                time.sleep(0.3)
            yield server, url
        finally:
            if server.poll() is None:
                server.terminate()
                server.wait(timeout=20)
