"""A Graph that counts the transactions it opens, for tests of how services use them."""

import asyncio
from collections.abc import Awaitable, Callable
from typing import TypeVar

from app.config import Settings
from app.db.graph import Graph, TxWork, create_driver

T = TypeVar("T")


class CountingGraph(Graph):
    read_transactions = 0

    async def read_tx(self, work: TxWork[T], *, timeout_s: float | None = None) -> T:
        self.read_transactions += 1
        return await super().read_tx(work, timeout_s=timeout_s)


def counted(settings: Settings, work: Callable[[Graph], Awaitable[T]]) -> tuple[T, int]:
    """`work`'s answer, and how many read transactions it took."""

    async def run() -> tuple[T, int]:
        driver = create_driver(settings)
        try:
            graph = CountingGraph(driver, settings)
            found = await work(graph), graph.read_transactions
            await graph.settle()
            return found
        finally:
            await driver.close()

    return asyncio.run(run())
