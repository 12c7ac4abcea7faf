"""Several API workers (uvicorn --workers 2) answer the company figures identically, and each
answer is exact right after a write made through any of them: nothing is cached per process,
and what is kept for today is kept in the graph."""

from pathlib import Path
from typing import Any

import httpx
from fastapi.testclient import TestClient

from app.db.causal import HEADER
from tests.conftest import AUTH
from tests.kpis.test_kept_breakthroughs import hand_worked
from tests.kpis.test_kept_customers import contact, deal
from tests.kpis.test_kpis import D, scenario
from tests.live import running_api
from tests.servers import Server


def test_two_workers_answer_alike_right_after_each_write(neo4j_server: Server, client: TestClient,
                                                         tmp_path: Path) -> None:
    with running_api(neo4j_server, tmp_path / "api.log", workers=2) as url:
        def write(doc: dict[str, Any], path: str = "/v1/import") -> str:
            # A connection of its own each time: the workers share the listening socket.
            written = httpx.post(url + path, json=doc, headers=AUTH, timeout=30)
            assert written.status_code == 200, written.text
            return written.headers[HEADER]

        def answers(bookmark: str) -> list[dict[str, Any]]:
            found = []
            for _ in range(8):
                got = httpx.get(url + "/v1/kpis/key-persons", params={"as_of": D},
                                headers={**AUTH, HEADER: bookmark}, timeout=30)
                assert got.status_code == 200, got.text
                found.append(got.json())
            assert all(a == found[0] for a in found)
            return found

        doc = scenario()
        doc["relationships"] = [{k: v for k, v in r.items() if v is not None}
                                for r in doc["relationships"]]
        first = answers(write(doc))[0]
        # p1 support; q1 strong_oppose; r1 neutral; p2 p3 q2 unknown (tests/kpis/test_kpis.py).
        assert first["buckets"]["closeness"]["supportive"]["value"] == 1
        assert first["buckets"]["closeness"]["unknown"]["value"] == 3
        second = answers(write({"assessments": [
            {"contact_id": "q2", "at": "2026-03-30", "closeness": "support"}]}))[0]
        assert second["buckets"]["closeness"]["supportive"]["value"] == 2
        assert second["buckets"]["closeness"]["unknown"]["value"] == 2
        # q2 opposes on D itself (a key-person flag changed now would not move D's figures).
        third = answers(write({"assessments": [
            {"contact_id": "q2", "at": "2026-03-31", "closeness": "oppose"}]}))[0]
        assert third["key_persons"]["value"] == 6
        assert third["buckets"]["closeness"]["supportive"]["value"] == 1
        assert third["buckets"]["closeness"]["opposed"]["value"] == 2  # q1 and q2


def test_two_workers_keep_todays_answers_alike(neo4j_server: Server, client: TestClient,
                                               tmp_path: Path) -> None:
    # Today's breakthrough lists and customer figures are kept in the graph by whichever worker
    # works them out, and read back by both (tests/kpis/test_kept_*.py for the scenarios).
    with running_api(neo4j_server, tmp_path / "api.log", workers=2) as url:
        def write(doc: dict[str, Any]) -> str:
            written = httpx.post(url + "/v1/import", json=doc, headers=AUTH, timeout=30)
            assert written.status_code == 200, written.text
            return written.headers[HEADER]

        def answers(bookmark: str) -> tuple[list[Any], dict[str, Any]]:
            found = []
            for _ in range(8):
                got = [httpx.get(url + f"/v1/kpis/{line}", headers={**AUTH, HEADER: bookmark},
                                 timeout=30) for line in ("influence", "customers")]
                assert all(g.status_code == 200 for g in got), [g.text for g in got]
                influence, customers = (g.json() for g in got)
                found.append(([t["contact_id"] for t in influence["breakthrough"]],
                              {a["account_id"]: (a["key_persons"]["value"],
                                                 a["open_amount"]["value"])
                               for a in customers["account_list"]}))
            assert all(a == found[0] for a in found)
            return found[0]

        doc = hand_worked()
        doc["opportunities"].append(deal("d1", "a1", 100))
        # Key persons and open amounts: a1 m1, m2 and d1; a2 m3, y; a3 x, z.
        assert answers(write(doc)) == (["m1"], {"a1": (2, 100.0), "a2": (2, 0.0),
                                                "a3": (2, 0.0)})
        assert answers(write({"relationships": [
            {"type": "INFLUENCES", "from": "x", "to": "m2"}]})) == (
            ["m1", "m2"], {"a1": (2, 100.0), "a2": (2, 0.0), "a3": (2, 0.0)})
        assert answers(write({"opportunities": [deal("d1", "a2", 300)],
                              "contacts": [contact("x", "a1")]})) == (
            ["m1", "m2"], {"a1": (3, 0.0), "a2": (2, 300.0), "a3": (1, 0.0)})
