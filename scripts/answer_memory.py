"""The memory company answers take, in one process: the customer line's whole account list
(or a page of it) asked for several times at once, a few rounds, on the graph at NEO4J_URI.

    make memory                                  (the whole list, 4 at once, 3 rounds)
    make memory MEMORY_ARGS="--limit 100"        (a page, as the dashboard asks)
    make memory MEMORY_ARGS="--stale"            (the first answer worked out cold)

Prints the process's peak (VmHWM) over its first answer, its RSS after it, its peak over the
rounds and its RSS afterwards: what a process keeps after answering shows here, as its peak
does. The API's code without its HTTP server: the process starts at about 95 MB, the API at
about 165. Each answer's JSON is made in the pieces the API sends, each dropped when read.
"""

import argparse
import asyncio
import gc
import time
from pathlib import Path

from app.config import get_settings
from app.db.graph import Graph, create_driver
from app.kpis import kept, service
from app.scopes import Scope

STATUS = Path("/proc/self/status")


def status_mb(key: str) -> float:
    """A VmRSS or VmHWM line of this process's status, in MB."""
    line = next(line for line in STATUS.read_text().splitlines() if line.startswith(key))
    return int(line.split()[1]) / 1024


def reset_peak() -> None:
    """VmHWM counts from here (Linux: 5 written to clear_refs)."""
    Path("/proc/self/clear_refs").write_text("5")


async def measure(at_once: int, rounds: int, limit: int | None, stale: bool) -> None:
    settings = get_settings()
    driver = create_driver(settings)
    graph = Graph(driver, settings)

    async def one() -> int:
        line = await service.customers(graph, settings, scope=Scope("company"),
                                       as_of=graph.today(), limit=limit)
        return sum(map(len, line.made().pieces()))

    try:
        if stale:
            await kept.all_stale(graph)
        gc.collect()
        start = status_mb("VmRSS")
        reset_peak()
        size = await one()
        await kept.settled()  # what the first answer keeps, kept before the rounds
        gc.collect()
        first = status_mb("VmRSS")
        print(f"first answer: RSS {start:.1f} MB before, peak {status_mb('VmHWM'):.1f} MB")
        reset_peak()
        for n in range(rounds):
            started = time.perf_counter()
            await asyncio.gather(*(one() for _ in range(at_once)))
            print(f"round {n + 1}: {at_once} at once in {time.perf_counter() - started:.2f} s")
        await kept.settled()
        gc.collect()
        peak, after = status_mb("VmHWM"), status_mb("VmRSS")
        print(f"answer {size / 2**20:.1f} MB of JSON; RSS after a first answer {first:.1f} MB, "
              f"peak over the rounds {peak:.1f} MB, RSS after {after:.1f} MB")
    finally:
        await kept.settled()
        await graph.settle()
        await driver.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--at-once", type=int, default=4, help="answers asked for at once")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--limit", type=int, default=None,
                        help="a page of this many accounts (default: the whole list)")
    parser.add_argument("--stale", action="store_true",
                        help="every kept answer made stale first: the first answer works it out")
    args = parser.parse_args()
    asyncio.run(measure(args.at_once, args.rounds, args.limit, args.stale))


if __name__ == "__main__":
    main()
