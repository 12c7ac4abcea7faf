"""Keeps today's company snapshots (and a month and a year back) computed ahead of requests,
and today's company influence line with its default period: its breakthrough list is a path
search over every focus deal, seconds on a large graph.

Poked after every write through the API and at start. It runs only when no write is under way
and none came for a second (a write cancels it), and a poke while it runs makes it run once
more, so the cache soon holds the newest data version.
"""

import asyncio
import contextlib
import logging
from datetime import date

from app.config import Settings
from app.db import causal
from app.db.graph import Graph
from app.kpis.cache import SnapshotCache
from app.kpis.service import PERIOD_DAYS, influence
from app.kpis.snapshot import take_with_history
from app.scopes import Scope

log = logging.getLogger(__name__)


class Warmer:
    def __init__(self, graph: Graph, settings: Settings, cache: SnapshotCache,
                 quiet_s: float = 1.0) -> None:
        self.graph = graph
        self.settings = settings
        self.cache = cache
        self.quiet_s = quiet_s
        self.task: asyncio.Task[None] | None = None
        self.again = False
        self.writing = 0

    def write_started(self) -> None:
        """A write is under way: stop warming, it would compete with the write and go stale."""
        self.writing += 1
        if self.task and not self.task.done():
            self.task.cancel()

    def write_ended(self) -> None:
        self.writing -= 1
        if not self.writing:
            self.poke()

    def poke(self) -> None:
        if self.task and not self.task.done():
            self.again = True
            return
        self.task = causal.detached(self._run())

    async def _run(self) -> None:
        while True:
            # Wait for a quiet moment: a stream of imports pokes many times.
            self.again = False
            await asyncio.sleep(self.quiet_s)
            if self.again or self.writing:
                continue
            try:
                today, company = date.today(), Scope("company")
                await take_with_history(self.graph, company, today, self.cache)
                await influence(self.graph, self.settings, scope=company, as_of=today,
                                period_days=PERIOD_DAYS, cache=self.cache)
            except Exception as exc:  # a cold cache is only slower, never wrong
                log.warning("KPI warm-up failed: %s", exc)
            if not self.again:
                return

    async def stop(self) -> None:
        if self.task:
            self.task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self.task
