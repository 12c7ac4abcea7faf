"""Where an answer's time goes in the API, on the one clock the client shares with it.

    make trace                                   # after make bench: its Neo4j and graph
    make trace TRACE_ARGS="--answer paths --pattern tight --samples 300"

Starts the API (uvicorn, one worker) with timestamps where a request's bytes arrive, where
each Bolt batch is sent and each socket read returns, and where the response is written
(CLOCK_MONOTONIC, which time.perf_counter reads in every process). Asks for decision chains,
stuck-deal influencers or influence paths of sampled deals or key persons, either back to
back (`tight`) or taking turns with the raw drivers' replay of the same transactions
(`turns`, as make bench does), and prints the medians of each segment of the critical path;
then the same segments of the raw async driver's replay. The database segments include the
waking of whichever process waits for Neo4j.
"""

import argparse
import asyncio
import itertools
import json
import os
import random
import secrets
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import date
from typing import Any, LiteralString

from kept_alive import KeptAlive
from neo4j import GraphDatabase

from app import dates
from app.chains import service as chains
from app.config import Settings
from app.db.graph import create_driver
from app.paths import service as paths

Event = tuple[str, float]
EVENTS: list[Event] = []


def stamp_bolt() -> None:
    """Note each Bolt send and each socket read the async driver makes. It talks to Neo4j
    through asyncio's streams (StreamWriter.write, StreamReader.read: public API, whatever the
    driver's version), which nothing else in these processes uses: uvicorn has protocols of
    its own, the HTTP client here a plain socket, the sync driver blocking sockets."""
    writer, reader = asyncio.StreamWriter, asyncio.StreamReader
    write, read = writer.write, reader.read

    def stamped_write(self: asyncio.StreamWriter, data: Any) -> None:
        EVENTS.append(("send", time.perf_counter()))
        write(self, data)

    async def stamped_read(self: asyncio.StreamReader, n: int = -1) -> bytes:
        got = await read(self, n)
        EVENTS.append(("read", time.perf_counter()))
        return got

    writer.write = stamped_write  # type: ignore[method-assign]
    reader.read = stamped_read  # type: ignore[method-assign]


def serve(port: int) -> None:
    import uvicorn
    from fastapi.responses import JSONResponse
    from uvicorn.protocols.http import httptools_impl as http

    stamp_bolt()
    received, send = http.HttpToolsProtocol.data_received, http.RequestResponseCycle.send

    def stamped_received(self: Any, data: bytes) -> None:
        EVENTS.append(("arrived", time.perf_counter()))
        received(self, data)

    async def stamped_send(self: Any, message: Any) -> None:
        await send(self, message)
        if message["type"] == "http.response.body":
            EVENTS.append(("answered", time.perf_counter()))

    http.HttpToolsProtocol.data_received = stamped_received  # type: ignore[method-assign]
    http.RequestResponseCycle.send = stamped_send  # type: ignore[method-assign]
    from app.main import app

    @app.get("/__events", include_in_schema=False)
    async def events() -> JSONResponse:
        taken = list(EVENTS)
        EVENTS.clear()
        return JSONResponse(taken)

    uvicorn.run(app, port=port, log_level="warning", access_log=False, timeout_keep_alive=900)


def segments(events: list[Event], sent: float, received: float) -> dict[str, float]:
    """One request's critical path: `sent`/`received` are the client's clock around it."""
    arrived = next((t for k, t in events if k == "arrived"), sent)
    answered = next((t for k, t in reversed(events) if k == "answered"), events[-1][1])
    # A read answers before its COMMIT is answered (Graph.read_tx): that is off the path.
    bolt = [e for e in events if e[0] in ("send", "read") and e[1] <= answered]
    database = ours = 0.0
    for (kind, at), (next_kind, next_at) in itertools.pairwise(bolt):
        if next_kind == "read":
            database += next_at - at
        elif kind == "read":
            ours += next_at - at
    return {"wake_in": arrived - sent, "framework": bolt[0][1] - arrived, "database": database,
            "ours_between": ours, "response": answered - bolt[-1][1],
            "wake_out": received - answered}


def print_medians(name: str, rows: list[dict[str, float]]) -> None:
    medians = {k: statistics.median(r[k] for r in rows) * 1000 for k in rows[0]}
    print(f"{name:18} " + "  ".join(f"{k} {v:.3f}" for k, v in medians.items())
          + f"  | sum {sum(medians.values()):.3f} ms", flush=True)


DEALS = "MATCH (o:Opportunity) RETURN o.id AS id"
ANSWERS: dict[str, tuple[LiteralString, str, Callable[[Any, Settings, str, date], Any]]] = {
    # answer: the ids sampled, the URL, the service the API calls for it
    "chain": (DEALS, "/v1/opportunities/{}/decision-chain",
              lambda g, s, i, d: chains.decision_chain(g, s, opportunity_id=i, as_of=d)),
    "stuck": (DEALS, "/v1/opportunities/{}/influencers",
              lambda g, s, i, d: chains.influencers(g, s, opportunity_id=i, as_of=d, max_hops=3,
                                                    include_paths=False, limit=100)),
    "paths": ("MATCH (c:Contact {key_person: true}) RETURN c.id AS id",
              "/v1/contacts/{}/influence-paths",
              lambda g, s, i, d: paths.influence_paths(g, s, contact_id=i, as_of=d, max_hops=3,
                                                       limit=10, employee_id=None, team_id=None,
                                                       avoid_opposed=True)),
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--serve", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--answer", choices=sorted(ANSWERS), default="chain")
    parser.add_argument("--pattern", choices=("turns", "tight"), default="turns")
    parser.add_argument("--samples", type=int, default=200)
    parser.add_argument("--port", type=int, default=8123)
    args = parser.parse_args()
    if args.serve:
        serve(args.serve)
        return 0

    from bench import Recorder, neo4j_server, replay, replay_async
    uri, user, password = neo4j_server()
    token = secrets.token_urlsafe(16)
    settings = Settings(neo4j_uri=uri, neo4j_user=user, neo4j_password=password,
                        admin_token=token)
    env = {"NEO4J_URI": uri, "NEO4J_USER": user, "NEO4J_PASSWORD": password,
           "BRM_ADMIN_TOKEN": token}
    api = subprocess.Popen([sys.executable, __file__, "--serve", str(args.port)],
                           env={**os.environ, **env})
    sync_driver = GraphDatabase.driver(uri, auth=(user, password), notifications_min_severity="OFF")
    try:
        sampled, path, call = ANSWERS[args.answer]
        ids = [r["id"] for r in sync_driver.execute_query(sampled, database_="neo4j").records]
        deals = random.Random(5).sample(ids, min(args.samples, len(ids)))
        today = dates.today(settings.org_zone)

        async def record_all() -> dict[str, Any]:
            driver = create_driver(settings)
            recorded = {}
            for deal in deals:
                graph = Recorder(driver, settings)
                await call(graph, settings, deal, today)
                await graph.settle()
                recorded[deal] = graph.transactions
            await driver.close()
            return recorded

        recorded = asyncio.run(record_all())
        for _ in range(100):
            try:
                connection = KeptAlive(args.port, {"Authorization": f"Bearer {token}"}, timeout_s=60)
                if connection.get("/ready")[0] == 200:
                    break
                connection.close()
            except OSError:
                pass
            time.sleep(0.3)
        else:
            raise RuntimeError("the API did not become ready")

        def get(url: str) -> bytes:
            status, body = connection.get(url)
            assert status == 200, (url, status, body[:200])
            return body
        with asyncio.Runner() as runner:
            async_driver = create_driver(settings)
            raw: list[dict[str, float]] = []

            def replay_timed(deal: str) -> None:
                EVENTS.clear()
                started = time.perf_counter()
                runner.run(replay_async(async_driver, recorded[deal]))
                raw.append(segments(EVENTS, started, time.perf_counter()))

            stamp_bolt()
            sides: list[Callable[[str], Any]] = (
                [lambda d: replay(sync_driver, recorded[d]), replay_timed]
                if args.pattern == "turns" else [])
            url = path + "?as_of=" + str(today)
            for deal in deals:  # untimed: warm the API and Neo4j's plans
                get(url.format(deal))
            get("/__events")
            clocks = []
            for deal in deals:
                for side in sides:
                    side(deal)
                sent = time.perf_counter()
                get(url.format(deal))
                clocks.append((sent, time.perf_counter()))
            served: list[Event] = [(kind, at) for kind, at in json.loads(get("/__events"))]
            runner.run(async_driver.close())
        requests: list[list[Event]] = []
        for event in served:
            if event[0] == "arrived":
                requests.append([])
            if requests:
                requests[-1].append(event)
        rows = [segments(events, sent, received)
                for events, (sent, received) in zip(requests, clocks, strict=False)]
        print(f"{args.answer}, {len(rows)} samples, {args.pattern}:")
        print_medians("API over HTTP", rows)
        if raw:
            print_medians("raw async replay", raw)
    finally:
        api.terminate()
        api.wait(timeout=20)
        sync_driver.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
