"""make bench: build a large graph through the public import endpoint, then measure.

    make bench                      # default: about 100k contacts, 1M relationships
    make bench BENCH_ARGS="--scale 35 --samples 100"
    make bench BENCH_ARGS="--skip-import --only changes,webhooks"
    make bench BENCH_ARGS="--skip-import --only first_kpis --stale"   # the first answers cold

Prints the import rate; p50/p95/p99 of influence paths, decision chain, stuck-deal
influencers and KPIs through HTTP and of the same transactions through the raw driver, sync
and async, with their ratios; a rep logging an interaction with attitudes, alone and while
paths and chains are read (`--writes-per-second`, default 10); the change feed of a team and
of the company over 7 and 30 days; webhook delivery lag under those writes; throughput and errors of
concurrent clients; the API's peak
RSS; and one JSON line of every figure at the end. Uses its own Neo4j (scripts/neo4j.sh,
ports 7699/7479) unless NEO4J_URI is set.
"""

import argparse
import asyncio
import contextlib
import gc
import json
import os
import random
import secrets
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Awaitable, Callable
from datetime import date, timedelta
from functools import partial
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, LiteralString, TypeVar

import httpx
from kept_alive import KeptAlive
from neo4j import AsyncDriver, Driver, GraphDatabase
from neo4j.exceptions import ClientError
from relational_peer import RelationalPeer, hops_of

from app import dates
from app.activities import service as activities
from app.auth.policy import EVERYONE
from app.chains import service as chains
from app.changes import service as changes
from app.changes.schemas import EventType
from app.config import Settings
from app.dates import Period
from app.db.cypher import q
from app.db.graph import Graph, Reader, create_driver, pipelined_begin
from app.demo.generator import generate
from app.kpis import kept
from app.kpis import service as kpis
from app.paths import service as paths
from app.paths.repository import paths_query
from app.scopes import Scope

PROJECT_DIR = Path(__file__).resolve().parent.parent  # the source tree: scripts/, .data/

BIN = Path(sys.executable).parent
PARTS_FIRST = ["accounts", "competitors", "employees", "teams", "competitor_staff",
               "third_parties"]
# What make bench measures, in order; --only picks some.
PARTS = ["first_kpis", "latency", "capture", "under_writes", "changes", "webhooks", "load",
         "import_memory"]


T = TypeVar("T")
U = TypeVar("U")
Case = tuple[str, Callable[[Graph], Awaitable[Any]]]  # a URL and the service it calls
Transaction = tuple[str, list[tuple[LiteralString, dict[str, Any]]]]


class Recorder(Graph):
    """A Graph that notes every query it runs, and which share a transaction, so the raw
    driver can replay exactly them."""

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.transactions: list[Transaction] = []
        self.open: list[tuple[LiteralString, dict[str, Any]]] | None = None

    def note(self, mode: str, query: LiteralString, params: dict[str, Any]) -> None:
        if self.open is not None:
            self.open.append((query, params))
        else:
            self.transactions.append((mode, [(query, params)]))

    async def read(self, query: LiteralString, *, timeout_s: float | None = None,
                   **params: Any) -> list[dict[str, Any]]:
        self.note("read", query, params)
        return await super().read(query, timeout_s=timeout_s, **params)

    async def read_shaped(self, query: LiteralString, shape: Callable[[dict[str, Any]], U], *,
                          timeout_s: float | None = None, **params: Any) -> list[U]:
        self.note("read", query, params)
        return await super().read_shaped(query, shape, timeout_s=timeout_s, **params)

    async def write(self, query: LiteralString, **params: Any) -> list[dict[str, Any]]:
        self.note("write", query, params)
        return await super().write(query, **params)

    async def together(self, work: Callable[[Reader], Awaitable[T]]) -> T:
        """Runs the reads one by one, noting them as one transaction, as the API runs them."""
        if self.open is not None:
            return await work(self)
        self.open = []
        try:
            return await work(self)
        finally:
            self.transactions.append(("read", self.open))
            self.open = None


# The hub's answers sampled: of 20, the p95 was the slowest one, a figure one stall decided.
HUB_SAMPLES = 60


def percentiles(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)

    def at(p: float) -> float:
        return round(ordered[min(len(ordered) - 1, int(p * len(ordered)))] * 1000, 2)

    return {"p50": at(0.50), "p95": at(0.95), "p99": at(0.99), "n": len(ordered)}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def neo4j_server() -> tuple[str, str, str]:
    if os.environ.get("NEO4J_URI"):
        return (os.environ["NEO4J_URI"], os.environ.get("NEO4J_USER", "neo4j"),
                os.environ.get("NEO4J_PASSWORD", "brm-local-dev"))
    env = {**os.environ, "BRM_DATA_DIR": str(PROJECT_DIR / ".data" / "bench-neo4j"),
           "NEO4J_BOLT_PORT": "7699", "NEO4J_HTTP_PORT": "7479",
           "NEO4J_HEAP": os.environ.get("NEO4J_HEAP", "4g"),
           "NEO4J_PAGECACHE": os.environ.get("NEO4J_PAGECACHE", "4g")}
    subprocess.run([str(PROJECT_DIR / "scripts" / "neo4j.sh"), "start"], env=env, check=True)
    return "bolt://127.0.0.1:7699", "neo4j", "brm-local-dev"


def imported_on(driver: Driver) -> date | None:
    """The day the bench graph was generated for (set by the import)."""
    records, _, _ = driver.execute_query("MATCH (b:BenchImport {id: 'bench'}) RETURN b.day AS day",
                                         database_="neo4j")
    return records[0]["day"].to_native() if records else None


def wipe(driver: Driver) -> None:
    """A graph of millions of nodes takes longer to delete than the server's transaction
    timeout allows one query: each try commits its batches, and the next goes on from there."""
    with driver.session(database="neo4j") as session:
        while True:
            try:
                session.run(q("admin/wipe_data")).consume()
                return
            except ClientError as exc:
                if exc.code != "Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration":
                    raise


def graph_size(driver: Driver) -> tuple[int, int]:
    records, _, _ = driver.execute_query(
        "CALL () { MATCH (n) RETURN count(n) AS nodes } "
        "CALL () { MATCH ()-[r]->() RETURN count(r) AS rels } RETURN nodes, rels", database_="neo4j")
    return records[0]["nodes"], records[0]["rels"]


def chunks(doc: dict[str, list[Any]], rows: int) -> list[dict[str, list[Any]]]:
    """Import documents in dependency order, each at most `rows` items."""
    out = [{p: doc[p] for p in PARTS_FIRST}]
    for part in ("contacts", "opportunities", "relationships", "assessments", "activities"):
        items = doc[part]
        out += [{part: items[i:i + rows]} for i in range(0, len(items), rows)]
    return out


def hub(doc: dict[str, list[Any]], size: int) -> dict[str, list[Any]]:
    """A contact that thousands of colleagues and our staff influence."""
    contacts = [c["id"] for c in doc["contacts"]][:size]
    employees = [e["id"] for e in doc["employees"]]
    account = doc["accounts"][0]["id"]
    return {"contacts": [{"id": "hub", "account_id": account, "name": "枢纽", "key_person": True}],
            "relationships": [{"type": "INFLUENCES", "from": c, "to": "hub", "strength": 0.5}
                              for c in contacts]
            + [{"type": "INFLUENCES", "from": e, "to": c, "strength": 0.7}
               for e, c in zip(employees, contacts[::7], strict=False)]}


class Api:
    def __init__(self, uri: str, user: str, password: str, token: str) -> None:
        self.port = free_port()
        env = {**os.environ, "NEO4J_URI": uri, "NEO4J_USER": user, "NEO4J_PASSWORD": password,
               "BRM_ADMIN_TOKEN": token, "BRM_MAX_REQUEST_BYTES": str(256 * 1024 * 1024),
               "BRM_WRITE_TIMEOUT_S": "600", "BRM_WEBHOOK_ALLOWED_HOSTS": "127.0.0.1"}
        self.process = subprocess.Popen(
            [str(BIN / "uvicorn"), "app.main:app", "--port", str(self.port), "--no-access-log",
             "--log-level", "warning", "--timeout-graceful-shutdown", "2",
             # measure() keeps one connection open across raw replays of seconds
             "--timeout-keep-alive", "900"], env=env)
        self.url = f"http://127.0.0.1:{self.port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(self.url + "/ready", timeout=2).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                self.stop()
                raise RuntimeError("the API did not become ready")
            time.sleep(0.3)

    def wait_planned(self) -> None:
        """Until the searches the API plans at start are planned: a first answer measured
        meanwhile shares the machine with that planning."""
        deadline = time.monotonic() + 600
        while not httpx.get(self.url + "/ready", timeout=2).json().get("searches_planned", True):
            if time.monotonic() > deadline:
                raise RuntimeError("the API did not plan its searches within 600 s")
            time.sleep(0.3)

    def rss_mb(self, field: str = "VmRSS") -> float:
        """The API's resident memory now (VmHWM: its peak since it started)."""
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith(f"{field}:"):
                return int(line.split()[1]) / 1024
        return 0.0

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=20)


def import_memory(server: tuple[str, str, str], token: str, doc: dict[str, list[Any]],
                  sizes: tuple[int, ...]) -> dict[str, dict[str, float]]:
    """The memory of one import document: the first `size` items of a part of the generated
    document imported again (changing nothing) into a freshly started API; its RSS once its
    searches are planned, and its peak over the post (VmHWM, reset by writing 5 to clear_refs)."""
    found = {}
    for part in ("contacts", "assessments", "activities"):
        for size in sizes:
            api = Api(*server, token)
            try:
                api.wait_planned()
                ready = api.rss_mb()
                Path(f"/proc/{api.process.pid}/clear_refs").write_text("5")
                import_all(api, {"Authorization": f"Bearer {token}"}, [{part: doc[part][:size]}])
                peak = api.rss_mb("VmHWM")
            finally:
                api.stop()
            found[f"{part}_{size}"] = {"ready": round(ready, 1), "peak": round(peak, 1)}
            print(f"import memory, {size} {part}: RSS {ready:.1f} MB ready, peak {peak:.1f} MB",
                  flush=True)
    return found


def import_all(api: Api, headers: dict[str, str], docs: list[dict[str, list[Any]]],
               peaks: list[float] | None = None) -> float:
    """Posts the documents in turn; with `peaks`, the API's peak RSS over each is appended
    (VmHWM reset before each: the caller keeps the run's peak)."""
    started = time.perf_counter()
    with httpx.Client(base_url=api.url, headers=headers, timeout=900) as http:
        for doc in docs:
            if peaks is not None:
                Path(f"/proc/{api.process.pid}/clear_refs").write_text("5")
            response = http.post("/v1/import", content=json.dumps(doc),
                                 headers={"content-type": "application/json"})
            if response.status_code != 200:
                raise RuntimeError(response.text[:2000])
            if peaks is not None:
                peaks.append(round(api.rss_mb("VmHWM"), 1))
    return time.perf_counter() - started


def replay(driver: Driver, transactions: list[Transaction]) -> float:
    """The transactions on the raw driver, each query's records fetched as the driver gives
    them (no .data(): converting them is a cost the API's side pays in its own code)."""
    started = time.perf_counter()
    with driver.session(database="neo4j") as session:
        for mode, queries in transactions:
            def work(tx: Any, queries: list[tuple[LiteralString, dict[str, Any]]] = queries) -> Any:
                return [list(tx.run(query, params)) for query, params in queries]
            with pipelined_begin(session):
                (session.execute_read if mode == "read" else session.execute_write)(work)
    return time.perf_counter() - started


async def replay_async(driver: AsyncDriver, transactions: list[Transaction]) -> float:
    """The same on the async driver, which the API uses: the API's own overhead over it."""
    started = time.perf_counter()
    async with driver.session(database="neo4j") as session:
        for mode, queries in transactions:
            async def work(tx: Any, queries: list[tuple[LiteralString, dict[str, Any]]] = queries) -> Any:
                return [[record async for record in await tx.run(query, params)]
                        for query, params in queries]
            with pipelined_begin(session):
                await (session.execute_read if mode == "read" else session.execute_write)(work)
    return time.perf_counter() - started


async def record(settings: Settings, cases: list[Case]) -> dict[str, list[Transaction]]:
    """The transactions each case's service runs, by URL, to replay on the raw driver."""
    driver = create_driver(settings)
    try:
        recorded: dict[str, list[Transaction]] = {}
        for url, run in cases:
            if url not in recorded:
                graph = Recorder(driver, settings)
                await run(graph)
                await graph.settle()
                recorded[url] = graph.transactions
        return recorded
    finally:
        # What the company answers keep, off their path, before the driver closes: closed
        # under them, their transactions were retried on dead connections ("Failed to read
        # from defunct connection", about 1 s each) and then failed ("Driver closed"), in this
        # process, while the timed requests ran.
        await kept.settled()
        await driver.close()


def measure(api: Api, headers: dict[str, str], driver: Driver, settings: Settings,
            cases: list[Case],
            part: Callable[[list[Transaction]], list[Transaction]] | None = None,
            peer: RelationalPeer | None = None) -> dict[str, Any]:
    """HTTP latency of each URL and raw-driver latency of the same transactions, side by side:
    on the synchronous driver (`raw`) and on the async one the API uses (`raw_async`); with
    `part`, also the part of them it picks alone on the synchronous driver (`raw_part`), and
    beside it a read transaction that does nothing (`raw_floor`, FLOOR): what any query costs
    here before its own work; with `peer` too, the same question of the relational peer
    (`peer`, relational_peer.py, its answers checked first to be the part's) and a statement
    there that does nothing (`peer_floor`).

    The HTTP client is KeptAlive (kept_alive.py), on one kept-alive connection: httpx spends
    about 0.45 ms more of this machine's CPU per request, http.client 0.06 ms more (measured),
    which is the client's cost, not the API's. Every case is recorded before timing starts:
    recording runs the service here with a driver of its own, which slowed whatever request
    came right after. The three sides of a case take turns going first. The raw sides replay
    the reads only (the API writes its audit events in batches, off the request path), with
    BEGIN sent along with the first query as the API sends it.
    """
    times: dict[str, list[float]] = {"http": [], "raw": [], "raw_async": [],
                                     **({"raw_part": [], "raw_floor": []} if part else {}),
                                     **({"peer": [], "peer_floor": []} if part and peer else {})}
    connection = KeptAlive(api.port, headers, timeout_s=600)

    def over_http(url: str) -> float:
        started = time.perf_counter()
        status, body = connection.get(url)
        if status != 200:
            raise RuntimeError(f"{url}: {status} {body[:300]!r}")
        return time.perf_counter() - started

    with asyncio.Runner() as runner:
        recorded = runner.run(record(settings, cases))
        searches = ({url: part(transactions)[0][1][0] for url, transactions in recorded.items()}
                    if part and peer else {})
        if peer:
            for search in searches.values():
                peer.check(driver, search)
        async_driver = create_driver(settings)
        try:
            def on_async(transactions: list[Transaction]) -> float:
                return runner.run(replay_async(async_driver, transactions))

            for i, (url, _) in enumerate(cases):
                sides: list[tuple[str, Callable[[], float]]] = [
                    ("http", partial(over_http, url)),
                    ("raw", partial(replay, driver, recorded[url])),
                    ("raw_async", partial(on_async, recorded[url]))]
                if part:
                    sides += [("raw_part", partial(replay, driver, part(recorded[url]))),
                              ("raw_floor", partial(replay, driver, FLOOR))]
                if peer and url in searches:
                    sides += [("peer", partial(peer.timed, searches[url])),
                              ("peer_floor", peer.floor)]
                for name, side in sides[i % len(sides):] + sides[:i % len(sides)]:
                    times[name].append(side())
        finally:
            connection.close()
            runner.run(async_driver.close())
    figures: dict[str, Any] = {name: percentiles(samples) for name, samples in times.items()}
    for raw in ("raw", "raw_async"):
        key = "ratio_p50" + raw.removeprefix("raw")
        figures[key] = (round(figures["http"]["p50"] / figures[raw]["p50"], 2)
                        if figures[raw]["p50"] else None)
    return figures


# A read transaction of one query that reads nothing, replayed as any other.
FLOOR: list[Transaction] = [("read", [("RETURN 1 AS one", {})])]


def path_search(transactions: list[Transaction]) -> list[Transaction]:
    """Of an influence-paths answer's transactions, its path search alone: paths/best_paths on
    its target with the same parameters and hops (the answer runs it inside
    paths/influence_paths, written for its hops)."""
    searches: list[Transaction] = []
    for _, queries in transactions:
        for query, params in queries:
            if "target_id" in params and "path_budget" in params:
                hops = hops_of("paths/influence_paths", query)
                alone = {k: v for k, v in params.items() if k not in ("target_id", "limit")}
                searches.append(("read", [(paths_query("paths/best_paths", hops),
                                           {**alone, "target_ids": [params["target_id"]]})]))
    if len(searches) != 1:
        raise RuntimeError(f"an influence-paths answer ran {len(searches)} path searches")
    return searches


class Prober:
    """Asks for a decision chain every 10 ms on a connection of its own, while the bench does
    something heavy through the API: how long everyone else waits meanwhile."""

    def __init__(self, api: Api, headers: dict[str, str], urls: list[str]) -> None:
        self.api, self.headers, self.urls = api, headers, urls
        self.samples: list[float] = []
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self.run)

    def ask(self, connection: KeptAlive, url: str) -> float:
        started = time.perf_counter()
        status, _ = connection.get(url)
        if status != 200:
            raise RuntimeError(f"probe: {status}")
        return time.perf_counter() - started

    def run(self) -> None:
        i = 0
        while not self.stopping.wait(0.01):
            self.samples.append(self.ask(self.connection, self.urls[i % len(self.urls)]))
            i += 1
        self.connection.close()

    def __enter__(self) -> "Prober":
        self.connection = KeptAlive(self.api.port, self.headers, timeout_s=600)
        # Untimed, before the heavy part: after an import, Neo4j plans the chain's queries anew.
        self.ask(self.connection, self.urls[0])
        self.thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self.stopping.set()
        self.thread.join()

    def figures(self) -> dict[str, float]:
        if not self.samples:  # the heavy part was over within the first 10 ms
            return {"n": 0}
        return {**percentiles(self.samples), "max": round(max(self.samples) * 1000, 2)}


class Capture:
    """A rep logging interactions with attitudes observed (one activity and an assessment per
    request, as the web app's "log an interaction" sends them), on the accounts they own."""

    ATTITUDES = ["strong_support", "support", "neutral", "oppose", "strong_oppose"]

    def __init__(self, api: Api, admin: dict[str, str], doc: dict[str, list[Any]],
                 rep: int = 0) -> None:
        owns = [r for r in doc["relationships"] if r["type"] == "OWNS"][rep]
        self.employee, account = owns["from"], owns["to"]
        self.contacts = [c["id"] for c in doc["contacts"] if c["account_id"] == account]
        self.deals = [o["id"] for o in doc["opportunities"] if o["account_id"] == account] or [None]
        created = httpx.post(f"{api.url}/v1/principals", headers=admin, timeout=60,
                             json={"role": "rep", "employee_id": self.employee})
        created.raise_for_status()
        self.headers = {"Authorization": f"Bearer {created.json()['token']}",
                        "X-BRM-Source": "web"}
        self.api, self.sent = api, 0
        self.rnd = random.Random(17)
        self.written: list[tuple[str, float]] = []  # each write's contact and when it answered

    def log_interaction(self, http: httpx.Client) -> float:
        self.sent += 1
        contact, deal = self.rnd.choice(self.contacts), self.rnd.choice(self.deals)
        at = time.strftime("%Y-%m-%dT%H:%M:%S+08:00", time.gmtime(time.time() + 8 * 3600))
        body = {"activities": [{"id": f"bench-act-{self.sent}-{secrets.token_hex(4)}", "at": at,
                                "type": "visit", "employee_ids": [self.employee],
                                "contact_ids": [contact], "opportunity_id": deal,
                                "summary": "bench visit"}],
                "assessments": [{"contact_id": contact, "at": at[:10], "opportunity_id": deal,
                                 "closeness": self.rnd.choice(self.ATTITUDES),
                                 "solution": self.rnd.choice(self.ATTITUDES),
                                 "veto": self.rnd.random() < 0.2, "note": "bench"}]}
        started = time.perf_counter()
        response = http.post(f"{self.api.url}/v1/import", json=body, headers=self.headers)
        answered = time.perf_counter()
        if response.status_code != 200:
            raise RuntimeError(f"capture: {response.status_code} {response.text[:300]}")
        self.written.append((contact, answered))
        return answered - started

    def alone(self, samples: int) -> dict[str, float]:
        with httpx.Client(timeout=60) as http:
            return percentiles([self.log_interaction(http) for _ in range(samples)])


class Writes:
    """Interactions logged at `per_second` on a thread of their own while something else is
    measured: what reads cost while people write, and what the writes cost meanwhile."""

    def __init__(self, capture: Capture, per_second: float) -> None:
        self.capture, self.interval = capture, 1 / per_second
        self.samples: list[float] = []
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self.run)

    def run(self) -> None:
        with httpx.Client(timeout=60) as http:
            due = time.monotonic()
            while not self.stopping.is_set():
                self.samples.append(self.capture.log_interaction(http))
                due += self.interval
                self.stopping.wait(max(0.0, due - time.monotonic()))

    def __enter__(self) -> "Writes":
        self.thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self.stopping.set()
        self.thread.join()


def webhook_lag(api: Api, headers: dict[str, str], capture: Capture, per_second: float,
                seconds: float) -> dict[str, Any]:
    """Webhook delivery lag while a rep logs interactions at `per_second`, subscribed to every
    event type: from a write's answer to the arrival of an event about its contact (the
    latest write of that contact answered before the arrival)."""
    arrivals: list[tuple[str | None, str, float]] = []

    class Hook(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"]))
            event = json.loads(body)["event"]
            arrivals.append((event["contact_id"], event["type"], time.perf_counter()))
            self.send_response(204)
            self.end_headers()

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Hook)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    subscribed = httpx.post(f"{api.url}/v1/webhooks", headers=headers, timeout=60, json={
        "url": f"http://127.0.0.1:{server.server_address[1]}/hooks",
        "events": list(EventType), "secret": secrets.token_hex(16)})
    subscribed.raise_for_status()
    capture.written.clear()
    try:
        with Writes(capture, per_second):
            time.sleep(seconds)
        time.sleep(10)  # the last writes' deliveries
    finally:
        httpx.delete(f"{api.url}/v1/webhooks/{subscribed.json()['id']}", headers=headers)
        server.shutdown()
    lags: dict[str, list[float]] = {}
    for contact, kind, arrived in arrivals:
        answered = [t for c, t in capture.written if c == contact and t <= arrived]
        if answered:
            lags.setdefault(kind, []).append(arrived - max(answered))
    every = [lag for of_kind in lags.values() for lag in of_kind]
    return {**(percentiles(every) if every else {"n": 0}), "writes": len(capture.written),
            "events": len(arrivals), "matched": len(every),
            "by_type": {kind: percentiles(of_kind) for kind, of_kind in sorted(lags.items())}}


def load(api: Api, headers: dict[str, str], urls: list[str], clients: int, seconds: float) -> dict[str, Any]:
    """Concurrent clients looping over the URLs; throughput, errors and peak RSS."""
    done, errors, peak = 0, 0, api.rss_mb()
    stop_at = time.monotonic() + seconds

    async def client(offset: int) -> None:
        nonlocal done, errors
        async with httpx.AsyncClient(base_url=api.url, headers=headers, timeout=30) as http:
            i = offset
            while time.monotonic() < stop_at:
                try:
                    response = await http.get(urls[i % len(urls)])
                    errors += response.status_code >= 400
                except httpx.HTTPError:
                    errors += 1
                done += 1
                i += clients

    def sample() -> None:
        nonlocal peak
        while time.monotonic() < stop_at:
            peak = max(peak, api.rss_mb())
            time.sleep(0.2)

    sampler = threading.Thread(target=sample)
    sampler.start()
    started = time.monotonic()

    async def everyone() -> None:
        await asyncio.gather(*[client(i) for i in range(clients)])

    asyncio.run(everyone())
    sampler.join()
    elapsed = time.monotonic() - started
    return {"clients": clients, "requests": done, "errors": errors,
            "rps": round(done / elapsed, 1), "peak_rss_mb": round(peak, 1)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=float, default=350, help="generator scale (350: ~100k contacts)")
    parser.add_argument("--samples", type=int, default=200)
    parser.add_argument("--load-seconds", type=float, default=10)
    parser.add_argument("--chunk", type=int, default=100_000, help="items per import document")
    parser.add_argument("--hub", type=int, default=3000, help="influencers of the hub contact")
    parser.add_argument("--skip-import", action="store_true", help="measure the graph as it is")
    parser.add_argument("--rep", type=int, default=0,
                        help="the rep whose interactions are logged: the owner of the Nth account "
                             "owned (another than an earlier run's: an interaction is news only "
                             "when it moves an attitude not yet moved so that day)")
    parser.add_argument("--writes-per-second", type=float, default=10,
                        help="interactions logged while paths and chains are measured")
    parser.add_argument("--only", default=",".join(PARTS),
                        help=f"measure only these parts, comma-separated: {', '.join(PARTS)}")
    parser.add_argument("--stale", action="store_true",
                        help="first_kpis: make every kept answer stale first, as a large import, "
                             "an exchange rate or a migration's data step does")
    parser.add_argument("--cases", default="",
                        help="latency: only these cases, comma-separated (influence_paths, hub_paths, "
                             "influence_paths_5_hops, kpi_company, ...); all by default")
    parser.add_argument("--peer", action="store_true",
                        help="latency: ask the path cases of a relational peer too, PostgreSQL "
                             "(relational_peer.py), its answers checked to be the same")
    args = parser.parse_args()
    wanted = set(args.only.split(","))
    if wanted - set(PARTS):
        parser.error(f"unknown parts: {', '.join(sorted(wanted - set(PARTS)))}")

    uri, user, password = neo4j_server()
    token = secrets.token_urlsafe(16)
    headers = {"Authorization": f"Bearer {token}"}
    settings = Settings(neo4j_uri=uri, neo4j_user=user, neo4j_password=password, admin_token=token)
    figures: dict[str, Any] = {"scale": args.scale}
    with GraphDatabase.driver(uri, auth=(user, password), notifications_min_severity="OFF") as driver:
        # The generated document depends on its day: --skip-import measures the graph of the
        # day it was imported, kept in the graph itself. The questions are asked for today, as
        # people ask them (today's company answers are those kept).
        today = dates.today(settings.org_zone)
        generated = (imported_on(driver) if args.skip_import else None) or today
        doc = generate(scale=args.scale, seed=11, today=generated, staff_ratio=0.36,
                       assessment_days=(75, 105), activities_per_contact=1.0)
        if not args.skip_import:
            # Before the API starts, as for a deployment's first import: an API started on the
            # old graph worked its company lines out over it at start (and while it was wiped).
            wipe(driver)
        api = Api(uri, user, password, token)
        peer: RelationalPeer | None = None
        try:
            if not args.skip_import:
                rows = sum(len(v) for v in doc.values())
                before = graph_size(driver)
                peaks = [round(api.rss_mb("VmHWM"), 1)]  # the API's start, before the resets
                seconds = import_all(api, headers, chunks(doc, args.chunk), peaks)
                nodes, rels = graph_size(driver)
                driver.execute_query("MERGE (b:BenchImport {id: 'bench'}) SET b.day = $day",
                                     day=generated, database_="neo4j")
                figures["import"] = {
                    "rows": rows, "seconds": round(seconds, 1), "rows_per_s": round(rows / seconds),
                    "relationships": rels - before[1], "nodes": nodes - before[0],
                    "relationships_per_s": round((rels - before[1]) / seconds)}
                figures["import"]["document_peaks_mb"] = peaks[1:]
                figures["import"]["start_peak_mb"] = peaks[0]
                print(f"import: {rows} rows, {nodes} nodes, {rels} relationships in {seconds:.1f} s: "
                      f"{figures['import']['relationships_per_s']} relationships/s; the API's peak "
                      f"RSS over each document (MB): {peaks[1:]}", flush=True)
                import_all(api, headers, [hub(doc, args.hub)])
            # The first company answers after the import (nothing is cached: every answer reads
            # the graph, so these are the first plans of their queries). Meanwhile a prober reads
            # decision chains: company figures must not stall other requests.
            if args.stale and "first_kpis" in wanted:
                api.wait_planned()
                driver.execute_query(q("kpis/kept_epoch"), database_="neo4j")
            probes = [f"/v1/opportunities/{o['id']}/decision-chain" for o in doc["opportunities"][:200]]
            prober = Prober(api, headers, probes) if "first_kpis" in wanted else None
            with prober or contextlib.nullcontext():
                for line in ("influence", "customers", "key-persons") if prober else ():
                    started = time.perf_counter()
                    httpx.get(f"{api.url}/v1/kpis/{line}", headers=headers, timeout=600)
                    name = "" if line == "influence" else "_" + line.replace("-", "_")
                    figures[f"kpi_company{name}_first_ms"] = round(
                        (time.perf_counter() - started) * 1000)
            figures["chain_during_first_kpis_ms"] = prober.figures() if prober else {}
            print("first company KPI answers (ms): "
                  + ", ".join(f"{k} {v}" for k, v in figures.items() if k.startswith("kpi_")), flush=True)
            print("decision chains meanwhile (ms): "
                  + ", ".join(f"{k} {v}" for k, v in figures["chain_during_first_kpis_ms"].items()),
                  flush=True)
            figures["graph"] = dict(zip(("nodes", "relationships"), graph_size(driver), strict=True))

            # The generated document is this process's, not the API's: keep the cycle collector
            # from walking it while the load clients run here.
            gc.freeze()
            rnd = random.Random(5)
            people = rnd.sample([c["id"] for c in doc["contacts"] if c["key_person"]], args.samples)
            deals = rnd.sample([o["id"] for o in doc["opportunities"]],
                               min(args.samples, len(doc["opportunities"])))
            teams = rnd.sample([t["id"] for t in doc["teams"]], min(20, len(doc["teams"])))

            def path_case(c: str, hops: int = 3) -> Case:
                return (f"/v1/contacts/{c}/influence-paths?as_of={today}&max_hops={hops}",
                        lambda g: paths.influence_paths(g, settings, contact_id=c, as_of=today, max_hops=hops,
                                                        limit=10, employee_id=None, team_id=None,
                                                        avoid_opposed=True))

            def chain_case(o: str) -> Case:
                return (f"/v1/opportunities/{o}/decision-chain?as_of={today}",
                        lambda g: chains.decision_chain(g, settings, opportunity_id=o, as_of=today))

            def stuck_case(o: str) -> Case:
                return (f"/v1/opportunities/{o}/influencers?as_of={today}",
                        lambda g: chains.influencers(g, settings, opportunity_id=o, as_of=today,
                                                     max_hops=3, include_paths=False, limit=100))

            lines: dict[str, Callable[[Graph, Scope], Awaitable[Any]]] = {
                "influence": lambda g, scope: kpis.influence(g, settings, scope=scope, as_of=today,
                                                             period_days=365),
                "customers": lambda g, scope: kpis.customers(g, settings, scope=scope, as_of=today),
                # The first page of the account list, as the dashboard asks for it.
                "customers-page": lambda g, scope: kpis.customers(g, settings, scope=scope,
                                                                  as_of=today, limit=100),
                "key-persons": lambda g, scope: kpis.key_persons(g, settings, scope=scope,
                                                                 as_of=today),
            }

            def kpi_case(line: str, scope: Scope) -> Case:
                query = f"&scope={scope}" if scope.id else ""
                path = "customers?limit=100&" if line == "customers-page" else f"{line}?"
                return (f"/v1/kpis/{path}as_of={today}{query}",
                        lambda g: lines[line](g, scope))

            families: dict[str, list[Case]] = {
                "influence_paths": [path_case(c) for c in people],
                "decision_chain": [chain_case(o) for o in deals],
                "stuck_deal_influencers": [stuck_case(o) for o in deals[:max(20, args.samples // 4)]],
                # The raw side of a company line reads the whole company (seconds): fewer cases.
                "kpi_company": [kpi_case("influence", Scope("company"))] * 10,
                "kpi_company_customers": [kpi_case("customers", Scope("company"))] * 10,
                "kpi_company_customers_page": [kpi_case("customers-page", Scope("company"))] * 10,
                "kpi_company_key_persons": [kpi_case("key-persons", Scope("company"))] * 3,
                "kpi_team": [kpi_case("influence", Scope("team", t)) for t in teams],
                "kpi_team_customers": [kpi_case("customers", Scope("team", t)) for t in teams],
                "kpi_team_key_persons": [kpi_case("key-persons", Scope("team", t)) for t in teams],
                "hub_paths": [path_case("hub")] * HUB_SAMPLES,
                "influence_paths_5_hops": [path_case(c, 5) for c in people],
                "hub_paths_5_hops": [path_case("hub", 5)] * HUB_SAMPLES,
            }
            figures["latency_ms"] = {}
            if args.peer and "latency" in wanted:
                peer = RelationalPeer(free_port())
                started = time.perf_counter()
                steps = peer.load(driver, settings, today)
                print(f"relational peer: {steps} steps as of {today} into PostgreSQL in "
                      f"{time.perf_counter() - started:.1f} s", flush=True)
            chosen = set(args.cases.split(",")) if args.cases else set(families)
            for name, cases in families.items() if "latency" in wanted else ():
                if name not in chosen:
                    continue
                paths_case = name.startswith(("influence_paths", "hub_paths"))
                result = measure(api, headers, driver, settings, cases,
                                 path_search if paths_case else None, peer)
                figures["latency_ms"][name] = result
                alone = (f" | path search alone p50 {result['raw_part']['p50']:8.2f} p95 "
                         f"{result['raw_part']['p95']:8.2f} | a read of nothing p50 "
                         f"{result['raw_floor']['p50']:8.2f}" if paths_case else "")
                alone += (f" | relational peer p50 {result['peer']['p50']:8.2f} p95 "
                          f"{result['peer']['p95']:8.2f} | a statement of nothing there p50 "
                          f"{result['peer_floor']['p50']:8.2f}" if "peer" in result else "")
                print(f"{name:24} http p50 {result['http']['p50']:8.2f} p95 {result['http']['p95']:8.2f} "
                      f"p99 {result['http']['p99']:8.2f} | raw p50 {result['raw']['p50']:8.2f} "
                      f"p95 {result['raw']['p95']:8.2f} | ratio {result['ratio_p50']} | raw async p50 "
                      f"{result['raw_async']['p50']:8.2f} ratio {result['ratio_p50_async']}{alone}",
                      flush=True)
            capture = Capture(api, headers, doc, args.rep)
            if "capture" in wanted:
                figures["capture_ms"] = capture.alone(args.samples)
                print("log an interaction with attitudes (ms): "
                      + ", ".join(f"{k} {v}" for k, v in figures["capture_ms"].items()), flush=True)
            under: dict[str, Any] = {}
            writes = Writes(capture, args.writes_per_second) if "under_writes" in wanted else None
            with writes or contextlib.nullcontext():
                # Every figure is exact right after each write: none is cached.
                for name in ("influence_paths", "decision_chain", "kpi_company",
                             "kpi_company_customers", "kpi_company_customers_page",
                             "kpi_company_key_persons", "kpi_team"
                             ) if "under_writes" in wanted else ():
                    result = measure(api, headers, driver, settings, families[name])
                    under[name] = result
                    print(f"{name:24} with {args.writes_per_second:g} writes/s: http p50 "
                          f"{result['http']['p50']:8.2f} p95 {result['http']['p95']:8.2f} | raw "
                          f"p50 {result['raw']['p50']:8.2f} | ratio {result['ratio_p50']}",
                          flush=True)
            under["writes"] = percentiles(writes.samples) if writes else {}
            figures["under_writes_ms"] = under
            print("the writes meanwhile (ms): " + ", ".join(
                f"{k} {v}" for k, v in under["writes"].items()), flush=True)
            # The change feed of a team and of the company over a week and a month.
            def feed_case(scope: Scope, days: int) -> Case:
                period = Period(today - timedelta(days=days - 1), today)
                query = f"&scope={scope}" if scope.id else ""
                return (f"/v1/changes?since={period.since}&until={today}{query}",
                        lambda g: changes.changes(g, settings, scope=scope, period=period,
                                                  types=None, limit=100, offset=0,
                                                  viewer=EVERYONE))

            # Who met the scope's customers over the same periods (the weekly review's first
            # block), its first page.
            def activity_case(scope: Scope, days: int) -> Case:
                period = Period(today - timedelta(days=days - 1), today)
                query = f"&scope={scope}" if scope.id else ""
                return (f"/v1/activities?since={period.since}&until={today}{query}",
                        lambda g: activities.in_period(g, settings, scope=scope, period=period,
                                                       limit=50, offset=0, colleagues_limit=100,
                                                       accounts_limit=100, viewer=EVERYONE,
                                                       accounts=None, me=None))

            feeds = {f"{kind}_{name}_{days}d": [case(scope, days) for scope in scopes]
                     for kind, case in (("changes", feed_case), ("activities", activity_case))
                     for days in (7, 30)
                     for name, scopes in (("team", [Scope("team", t) for t in teams]),
                                          ("company", [Scope("company")] * 10))}
            figures["changes_ms"] = {}
            for name, cases in feeds.items() if "changes" in wanted else ():
                result = measure(api, headers, driver, settings, cases)
                figures["changes_ms"][name] = result
                print(f"{name:24} http p50 {result['http']['p50']:8.2f} p95 "
                      f"{result['http']['p95']:8.2f} | raw p50 {result['raw']['p50']:8.2f} | "
                      f"ratio {result['ratio_p50']}", flush=True)
            if "webhooks" in wanted:
                figures["webhook_lag_ms"] = webhook_lag(api, headers, capture,
                                                        args.writes_per_second,
                                                        seconds=args.load_seconds * 3)
                print(f"webhook delivery lag with {args.writes_per_second:g} writes/s (ms): "
                      + ", ".join(f"{k} {v}" for k, v in figures["webhook_lag_ms"].items()),
                      flush=True)
            urls = [c[0] for c in families["influence_paths"]]
            figures["load"] = [load(api, headers, urls, n, args.load_seconds)
                               for n in ((8, 32) if "load" in wanted else ())]
            for row in figures["load"]:
                print(f"load {row['clients']:2} clients: {row['rps']} req/s, {row['errors']} errors, "
                      f"peak RSS {row['peak_rss_mb']} MB", flush=True)
            if "import_memory" in wanted:
                figures["import_memory_mb"] = import_memory((uri, user, password), token, doc,
                                                            (10_000, args.chunk))
            imported = figures.get("import", {})
            figures["api_peak_rss_mb"] = max(round(api.rss_mb("VmHWM"), 1),
                                             imported.get("start_peak_mb", 0),
                                             *imported.get("document_peaks_mb", []))
            print(f"API peak RSS over the whole run (VmHWM): {figures['api_peak_rss_mb']} MB",
                  flush=True)
        finally:
            api.stop()
            if peer:
                peer.close()
    print(json.dumps(figures, separators=(",", ":")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
