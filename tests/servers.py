"""Real Neo4j servers for tests: NEO4J_URI if set, else Docker if an engine answers, else local."""

import contextlib
import os
import shutil
import signal
import subprocess
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from neo4j import GraphDatabase

PROJECT_DIR = Path(__file__).resolve().parent.parent  # the source tree: scripts/, .data/
SCRIPT = PROJECT_DIR / "scripts" / "neo4j.sh"


@dataclass
class Server:
    uri: str
    user: str = "neo4j"
    password: str = "brm-local-dev"
    env: dict[str, str] = field(default_factory=dict)

    def wait_until_queryable(self, timeout_s: float = 90) -> None:
        deadline = time.monotonic() + timeout_s
        while True:
            try:
                with GraphDatabase.driver(self.uri, auth=(self.user, self.password)) as d:
                    d.execute_query("RETURN 1", database_="neo4j")
                return
            except Exception:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.5)


class LocalServer(Server):
    """A server started by scripts/neo4j.sh, with its own ports and data dir."""

    def __init__(self, name: str, bolt_port: int, http_port: int) -> None:
        data_dir = PROJECT_DIR / ".data" / name
        super().__init__(uri=f"bolt://127.0.0.1:{bolt_port}", env={
            "BRM_DATA_DIR": str(data_dir), "NEO4J_BOLT_PORT": str(bolt_port),
            "NEO4J_HTTP_PORT": str(http_port), "NEO4J_HEAP": "1g", "NEO4J_PAGECACHE": "256m",
            "NEO4J_PASSWORD": "brm-local-dev"})
        self.data_dir = data_dir

    def _script(self, command: str) -> None:
        subprocess.run([str(SCRIPT), command], env={**os.environ, **self.env}, check=True)

    def start(self) -> None:
        self._script("start")
        self.wait_until_queryable()

    def stop(self) -> None:
        self._script("stop")

    @property
    def pid(self) -> int:
        return int((self.data_dir / "run" / "brm-neo4j.pid").read_text())

    def kill(self) -> None:
        """kill -9: no shutdown, no checkpoint; recovery happens at the next start."""
        pid = self.pid
        os.kill(pid, signal.SIGKILL)
        while Path(f"/proc/{pid}").exists():
            time.sleep(0.1)

    @contextlib.contextmanager
    def frozen(self, at_most_s: float) -> Iterator[None]:
        """SIGSTOP: connections stay open and nothing answers, as behind a dropped network
        path. Thawed on leaving, or after `at_most_s` whatever waits meanwhile."""
        pid = self.pid
        os.kill(pid, signal.SIGSTOP)
        thaw = threading.Timer(at_most_s, os.kill, (pid, signal.SIGCONT))
        thaw.start()
        try:
            yield
        finally:
            thaw.cancel()
            os.kill(pid, signal.SIGCONT)

    def running(self) -> bool:
        result = subprocess.run([str(SCRIPT), "status"], env={**os.environ, **self.env},
                                capture_output=True, check=False)
        return result.returncode == 0


def docker_engine_answers() -> bool:
    if not shutil.which("docker"):
        return False
    try:
        return subprocess.run(["docker", "info"], capture_output=True, timeout=10,
                              check=False).returncode == 0
    except subprocess.TimeoutExpired:
        return False


def wipe_dir(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)
