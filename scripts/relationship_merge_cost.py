"""What writing relationships costs Neo4j with this checkout's ingestion/merge_relationships and
with an earlier revision's, side by side on a graph of the bench (`make bench` builds one),
each run in a transaction rolled back, so the graph stays as it was.

The rows are the graph's current INFLUENCES edges from employees (up to 10,000) sent again,
half dated as stored and half from a later day (the next version of the relationship), a
quarter of them with another strength; and 2,000 new pairs. Prints each run and the medians.

    .venv/bin/python scripts/relationship_merge_cost.py --uri bolt://127.0.0.1:7699 --before 0d97f6e
"""

import argparse
import random
import statistics
import subprocess
import time
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from neo4j import GraphDatabase

QUERY = "app/cypher/ingestion/merge_relationships.cypher"
ROOT = Path(__file__).resolve().parent.parent
LATER = date(2026, 6, 1)


def query_at(revision: str | None) -> str:
    text = ((ROOT / QUERY).read_text() if revision is None else subprocess.run(
        ["git", "-C", str(ROOT), "show", f"{revision}:{QUERY}"], capture_output=True, text=True,
        check=True).stdout)
    lines = [ln for ln in text.splitlines() if not ln.lstrip().startswith("//")]
    return "\n".join(lines).replace("<<rel_type>>", "INFLUENCES")


def rows_of(driver: Any) -> list[dict[str, Any]]:
    with driver.session() as s:
        held = s.run("MATCH (e:Employee)-[r:INFLUENCES]->(c:Contact) WHERE r.until IS NULL "
                     "RETURN e.id AS f, c.id AS t, r.strength AS st, r.since AS since "
                     "LIMIT 10000").data()
        employees = [r["id"] for r in s.run("MATCH (e:Employee) RETURN e.id AS id LIMIT 2000")]
        contacts = [r["id"] for r in s.run("MATCH (c:Contact) RETURN c.id AS id LIMIT 20000")]
    rng = random.Random(1)

    def row(f: str, t: str, strength: float, since: date | None) -> dict[str, Any]:
        key = f"INFLUENCES|{f}|{t}||{since.isoformat() if since else ''}"
        return {"from": f, "to": t, "key": key, "props": {
            "strength": strength, "role": None, "opportunity_id": None, "since": since,
            "until": None, "note": None}}

    found = [row(p["f"], p["t"], p["st"] if i % 4 < 2 else 0.77,
                 LATER if i % 2 else (p["since"].to_native() if p["since"] else None))
             for i, p in enumerate(held)]
    found += [row(rng.choice(employees), rng.choice(contacts), 0.5, LATER) for _ in range(2000)]
    return sorted(found, key=lambda r: (r["from"], r["to"], str(r["props"]["since"])))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--uri", default="bolt://127.0.0.1:7699")
    parser.add_argument("--user", default="neo4j")
    parser.add_argument("--password", default="brm-local-dev")
    parser.add_argument("--before", required=True, help="the earlier revision to compare with")
    parser.add_argument("--rounds", type=int, default=4)
    args = parser.parse_args()
    queries = {"before": query_at(args.before), "now": query_at(None)}
    driver = GraphDatabase.driver(args.uri, auth=(args.user, args.password))
    rows = rows_of(driver)
    entered = {"entered_by_principal": "bench", "entered_by_employee": None,
               "entered_at": datetime.now(UTC), "source": "import"}
    times: dict[str, list[float]] = {name: [] for name in queries}
    for round_ in range(args.rounds):
        # Alternating which goes first; the first round plans the queries and is left out.
        for name in (list(queries) if round_ % 2 == 0 else list(queries)[::-1]):
            with driver.session() as s:
                tx = s.begin_transaction()
                started = time.perf_counter()
                for start in range(0, len(rows), 1000):
                    tx.run(queries[name], rows=rows[start:start + 1000], entered=entered).consume()
                took = time.perf_counter() - started
                tx.rollback()
            if round_:
                times[name].append(took)
            print(f"round {round_} {name}: {took:.2f} s", flush=True)
    for name, taken in times.items():
        print(f"{name}: median {statistics.median(taken):.2f} s for {len(rows)} rows "
              f"({statistics.median(taken) / len(rows) * 1e3:.3f} ms a row)")
    driver.close()


if __name__ == "__main__":
    main()
