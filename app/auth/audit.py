"""The audit log, written in batches off the request path.

Events wait in memory for at most `flush_interval_s` (or until `batch` are waiting); reading
the log flushes first, and shutdown flushes what is left.
"""

import asyncio
import contextlib
import logging
from datetime import UTC, datetime
from typing import Any

from app.db import causal
from app.db.cypher import q
from app.db.graph import Graph

log = logging.getLogger(__name__)


class AuditLog:
    def __init__(self, graph: Graph, flush_interval_s: float = 1.0, batch: int = 500) -> None:
        self.graph = graph
        self.flush_interval_s = flush_interval_s
        self.batch = batch
        self.pending: list[dict[str, Any]] = []
        self.task: asyncio.Task[None] | None = None
        self.flushing: asyncio.Task[None] | None = None  # kept so that it is not collected
        # A reader's flush must wait for a flush under way: its events are taken but not stored.
        self.writing = asyncio.Lock()

    def record(self, *, principal_id: str | None, role: str, employee_id: str | None,
               action: str, subject: str) -> None:
        self.pending.append({"at": datetime.now(UTC), "principal_id": principal_id, "role": role,
                             "employee_id": employee_id, "action": action, "subject": subject})
        if len(self.pending) >= self.batch and self.task:
            self.flushing = causal.detached(self._flush_or_keep())

    async def flush(self) -> None:
        async with self.writing:
            events, self.pending = self.pending, []
            if not events:
                return
            try:
                await self.graph.write(q("auth/audit"), events=events)
            except Exception:
                self.pending[:0] = events  # keep them for the next flush
                raise

    async def _flush_or_keep(self) -> None:
        try:
            await self.flush()
        except Exception as exc:  # the database may be down; the events wait for the next try
            log.warning("audit flush failed: %s", exc)

    async def _run(self) -> None:
        while True:
            await asyncio.sleep(self.flush_interval_s)
            await self._flush_or_keep()

    def start(self) -> None:
        self.task = asyncio.get_running_loop().create_task(self._run())

    async def stop(self) -> None:
        if self.task:
            self.task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self.task
        with contextlib.suppress(Exception):
            await self.flush()
