"""The influence-path question asked of a relational peer, for make bench (`--peer`).

PostgreSQL holds the steps the path search may take on a day as an edge table indexed on the
person a step moves, and a recursive CTE walks it backwards from the target, as a relational
design answers "the best path from each employee to this person within N hops". The steps are
read out of the bench graph with the search's own rules (app/db/cypher.py's PREDICATES): edges
valid on the day, general ones only (no deal), an employee's declared acquaintance or activity
(the stronger), influence between people, reporting lines both ways with their default
strengths, and no step out of a contact who opposes us. The peer is given that work done in
advance; the search does it on every answer.

Its own server: a cluster in .data/bench-postgres (initdb, on a free port, unlogged tables, no
fsync), from Debian's postgresql package, run as the `postgres` user when this runs as root.
"""

import os
import shutil
import subprocess
import time
from datetime import date
from pathlib import Path
from typing import Any, LiteralString

from neo4j import Driver

from app.config import Settings
from app.db.cypher import PREDICATES
from app.domain import HARD_HOP_CAP, US
from app.network.strength import horizon_days
from app.paths.repository import paths_query

PROJECT_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_DIR / ".data" / "bench-postgres"


def _valid(variable: str) -> str:
    return PREDICATES["valid"].format(v=variable)


# Every step as (person who moves, person moved, strength, whether the first is an employee).
# An employee's declared acquaintance and acquaintance by activity are one step, the stronger.
STEPS: LiteralString = (
    "MATCH (e:Employee)-[t:INFLUENCES|IN_TOUCH]->(x:Contact|ThirdParty) "
    f"WHERE {_valid('t')} AND t.opportunity_id IS NULL "
    "WITH e, x, max(CASE type(t) WHEN 'IN_TOUCH' THEN "
    f"{PREDICATES['activity'].format(v='t')} "
    "ELSE coalesce(t.strength, $influence_default) END) AS strength "
    "RETURN e.id AS src, x.id AS dst, strength, true AS employee "
    "UNION ALL "
    "WITH null AS opportunity_id "
    "MATCH (a:Contact|ThirdParty)-[r:INFLUENCES|REPORTS_TO]-(b:Contact|ThirdParty) "
    f"WHERE (type(r) = 'REPORTS_TO' OR endNode(r) = b) AND {_valid('r')} "
    f"AND r.opportunity_id IS NULL AND NOT ({PREDICATES['opposed'].format(v='a')}) "
    "RETURN a.id AS src, b.id AS dst, CASE "
    "WHEN type(r) = 'INFLUENCES' THEN coalesce(r.strength, $influence_default) "
    "WHEN startNode(r) = a THEN coalesce(r.strength, $up_default) "
    "ELSE coalesce(r.strength, $down_default) END AS strength, false AS employee")

# Every simple path backwards from the target within the hops, then each employee's best
# (strongest, then fewest hops) and the first rows of those, as the search orders them. The
# strength is multiplied from the target outwards, in the search's order, so that equal paths
# give equal floats.
BEST = """
WITH RECURSIVE way(person, s, h, employee, path) AS (
    SELECT src, strength, 1, employee, ARRAY[dst, src] FROM step WHERE dst = %(target)s
  UNION ALL
    SELECT st.src, w.s * st.strength, w.h + 1, st.employee, w.path || st.src
    FROM way w JOIN step st ON st.dst = w.person
    WHERE w.h < %(hops)s AND NOT w.employee AND st.src <> ALL (w.path)
)
SELECT person, s, h FROM (
    SELECT DISTINCT ON (person) person, s, h FROM way WHERE employee
    ORDER BY person, s DESC, h
) best ORDER BY s DESC, h, person LIMIT %(rows)s
"""


class RelationalPeer:
    def __init__(self, port: int) -> None:
        binaries = sorted(Path("/usr/lib/postgresql").glob("*/bin/postgres"))
        if not binaries:
            raise RuntimeError("--peer needs a PostgreSQL server: apt-get install postgresql")
        self.bin = binaries[-1].parent
        self.port = port
        self.as_root = os.geteuid() == 0
        if DATA_DIR.exists():
            shutil.rmtree(DATA_DIR)
        DATA_DIR.mkdir(parents=True)
        if self.as_root:
            shutil.chown(DATA_DIR, "postgres", "postgres")
        self.run("initdb", "--pgdata", str(DATA_DIR), "--username", "postgres", "--auth", "trust",
                 "--locale", "C", "--encoding", "UTF8")
        self.run("pg_ctl", "--pgdata", str(DATA_DIR), "--wait", "--log", str(DATA_DIR / "log"),
                 "--options", f"-p {self.port} -k {DATA_DIR} -c listen_addresses=127.0.0.1 "
                 "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
                 "-c shared_buffers=512MB -c work_mem=64MB", "start")
        import psycopg  # a bench dependency only (the dev extra)

        self.connection = psycopg.connect(host="127.0.0.1", port=self.port, user="postgres",
                                          dbname="postgres", autocommit=True)

    def run(self, program: str, *args: str) -> None:
        command = [str(self.bin / program), *args]
        if self.as_root:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, capture_output=True)

    def load(self, driver: Driver, settings: Settings, as_of: date) -> int:
        """The steps of the graph on `as_of` into the table `step`; how many."""
        records, _, _ = driver.execute_query(
            STEPS, as_of=as_of, us=US, database_="neo4j",
            influence_default=settings.influence_default_strength,
            up_default=settings.reports_up_strength, down_default=settings.reports_down_strength,
            activity_half_life=settings.activity_half_life_days,
            activity_horizon_days=horizon_days(settings))
        with self.connection.cursor() as cursor:
            cursor.execute("CREATE UNLOGGED TABLE step (src text NOT NULL, dst text NOT NULL, "
                           "strength float8 NOT NULL, employee bool NOT NULL)")
            with cursor.copy("COPY step (src, dst, strength, employee) FROM STDIN") as copy:
                for record in records:
                    copy.write_row((record["src"], record["dst"], record["strength"],
                                    record["employee"]))
            # Everything a step of the walk needs is in the index: index-only scans.
            cursor.execute("CREATE INDEX step_dst ON step (dst) INCLUDE (src, strength, employee)")
            cursor.execute("VACUUM ANALYZE step")
        return len(records)

    def best(self, target: str, hops: int, rows: int) -> list[tuple[str, float, int]]:
        """Each employee's best path to `target` within `hops`: (employee, strength, hops),
        strongest first, then fewest hops, then by id; the first `rows`."""
        found = self.connection.execute(BEST, {"target": target, "hops": hops, "rows": rows},
                                        prepare=True).fetchall()
        return [(person, s, h) for person, s, h in found]

    def timed(self, search: tuple[str, dict[str, Any]]) -> float:
        """Seconds the peer takes for the question of one path search (paths/best_paths'
        text and parameters)."""
        target, hops, rows = question(search)
        started = time.perf_counter()
        self.best(target, hops, rows)
        return time.perf_counter() - started

    def floor(self) -> float:
        """Seconds a statement that does nothing takes here: what any answer costs first."""
        started = time.perf_counter()
        self.connection.execute("SELECT 1", prepare=True).fetchall()
        return time.perf_counter() - started

    def check(self, driver: Driver, search: tuple[str, dict[str, Any]]) -> None:
        """Raises unless the peer and the path search give the same rows."""
        query, params = search
        records, _, _ = driver.execute_query(query, params, database_="neo4j")
        ours = [(r["employee_id"], r["strength"], r["hops"]) for r in records]
        target, hops, rows = question(search)
        theirs = self.best(target, hops, rows)
        same = len(ours) == len(theirs) and all(
            a[0] == b[0] and a[2] == b[2] and abs(a[1] - b[1]) <= 1e-12
            for a, b in zip(ours, theirs, strict=True))
        if not same:
            raise RuntimeError(f"the peer's answer for {target} at {hops} hops differs:\n"
                               f"search {ours}\npeer   {theirs}")

    def close(self) -> None:
        self.connection.close()
        self.run("pg_ctl", "--pgdata", str(DATA_DIR), "--wait", "--mode", "fast", "stop")


def question(search: tuple[str, dict[str, Any]]) -> tuple[str, int, int]:
    """The target, hops and rows of one path search."""
    query, params = search
    (target,) = params["target_ids"]
    return target, hops_of("paths/best_paths", query), params["max_rows"]


def hops_of(name: str, query: str) -> int:
    """The hops a path search's text (`name`'s template) was written for."""
    return next(h for h in range(1, HARD_HOP_CAP + 1) if query == paths_query(name, h))
