"""Schema migrations in the style of neo4j-migrations.

Files `app/migrations/V001__description.cypher`, shipped in the package (read with
importlib.resources), are applied in version order. Each applied file is
recorded as a `__Neo4jMigration` node with its checksum, chained by `MIGRATED_TO`; a file that
changed after it was applied stops the start. A lock node keeps two processes from migrating
at once.
"""

import asyncio
import hashlib
import logging
import os
import re
import socket
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from importlib.resources import files
from importlib.resources.abc import Traversable
from typing import LiteralString, cast

from neo4j.exceptions import ConstraintError

from app.db.cypher import q
from app.db.graph import Graph

log = logging.getLogger(__name__)

_FILE_NAME = re.compile(r"^V(\d+)__(\w+)\.cypher$")
_LOCK_ID = "brm"
SHIPPED: Traversable = files("app") / "migrations"
# Work in Python a migration needs after its statements (data it builds with the app's own
# code), by version: given to `migrate` by whoever runs it (app/data_steps.py).
DataSteps = Mapping[int, Callable[[Graph], Awaitable[None]]]


class MigrationError(RuntimeError):
    pass


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    description: str
    checksum: str
    statements: tuple[LiteralString, ...]


def discover(directory: Traversable | None = None) -> list[Migration]:
    """The migrations in `directory`, by default those shipped in the package."""
    found: dict[int, Migration] = {}
    files_in = (directory or SHIPPED).iterdir()
    for path in sorted((f for f in files_in if f.name.endswith(".cypher")), key=lambda f: f.name):
        match = _FILE_NAME.match(path.name)
        if not match:
            raise MigrationError(f"{path.name}: migration files are named V<number>__<words>.cypher")
        text = path.read_text(encoding="utf-8")
        version = int(match.group(1))
        if version in found:
            raise MigrationError(f"two migration files have version {version}")
        found[version] = Migration(
            version=version,
            name=path.name.removesuffix(".cypher"),
            description=match.group(2).replace("_", " "),
            checksum=hashlib.sha256(text.encode()).hexdigest(),
            statements=_statements(text),
        )
    return [found[v] for v in sorted(found)]


def _statements(text: str) -> tuple[LiteralString, ...]:
    lines = [ln for ln in text.splitlines() if not ln.lstrip().startswith("//")]
    parts = re.split(r";\s*(?:\n|$)", "\n".join(lines))
    return tuple(cast(LiteralString, p.strip()) for p in parts if p.strip())


async def applied(graph: Graph) -> list[dict[str, object]]:
    return await graph.read(q("migrations/applied"))


async def pending(graph: Graph, migrations: list[Migration]) -> list[Migration]:
    """The migrations not yet applied; raises when an applied file has changed or vanished."""
    done = {int(str(row["version"])): row for row in await applied(graph)}
    by_version = {m.version: m for m in migrations}
    for version, row in done.items():
        if version not in by_version:
            raise MigrationError(f"migration V{version:03d} is recorded in the database "
                                 "but its file is missing")
        if by_version[version].checksum != row["checksum"]:
            raise MigrationError(
                f"{by_version[version].name}.cypher changed after it was applied "
                f"(checksum {str(row['checksum'])[:12]} in the database, "
                f"{by_version[version].checksum[:12]} on disk); add a new migration instead")
    return [m for m in migrations if m.version not in done]


async def migrate(graph: Graph, migrations: list[Migration], lock_timeout_s: float, *,
                  data_steps: DataSteps, stale_lock_s: float = 600) -> list[str]:
    """Apply pending migrations under the lock, each with its data step if it has one; returns
    the names applied. A migration is recorded only once both are done (its statements are
    written to run again), so one that fails part way runs again at the next start.

    A lock older than `stale_lock_s` belongs to a process that died while migrating.
    """
    await graph.auto_commit(q("migrations/history_constraint"))
    await graph.auto_commit(q("migrations/lock_constraint"))
    owner = f"{socket.gethostname()}:{os.getpid()}"
    await _acquire(graph, owner, lock_timeout_s, stale_lock_s)
    try:
        names = []
        for migration in await pending(graph, migrations):
            log.info("applying migration %s", migration.name)
            for statement in migration.statements:
                await graph.auto_commit(statement)
            if migration.version in data_steps:
                await data_steps[migration.version](graph)
            await graph.write(q("migrations/record"), owner=owner, version=migration.version,
                              description=migration.description, checksum=migration.checksum)
            names.append(migration.name)
        return names
    finally:
        await graph.write(q("migrations/release_lock"), lock_id=_LOCK_ID, owner=owner)


async def _acquire(graph: Graph, owner: str, timeout_s: float, stale_lock_s: float) -> None:
    deadline = asyncio.get_running_loop().time() + timeout_s
    while True:
        try:
            await graph.write(q("migrations/acquire_lock"), lock_id=_LOCK_ID, owner=owner)
            return
        except ConstraintError:
            await graph.write(q("migrations/break_stale_lock"), lock_id=_LOCK_ID,
                              stale_after_s=int(stale_lock_s))
            if asyncio.get_running_loop().time() > deadline:
                raise MigrationError(
                    f"another process holds the migration lock for over {timeout_s:.0f} s"
                ) from None
            await asyncio.sleep(0.5)
