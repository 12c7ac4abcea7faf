"""A reporting line that would make someone report, through others, to themselves is refused
(422 at its `to`, nothing written); lines that ended before today and a deal's own lines do not
count."""

from datetime import date, timedelta
from typing import Any

from fastapi.testclient import TestClient
from neo4j import Driver

from tests.conftest import AUTH, graph_fingerprint

YESTERDAY = (date.today() - timedelta(days=1)).isoformat()


def line(a: str, b: str, **more: Any) -> dict[str, Any]:
    return {"type": "REPORTS_TO", "from": a, "to": b, **more}


def org() -> dict[str, Any]:
    # c4 reports to c3, c3 to c2, c2 to c1 (the general manager).
    return {"accounts": [{"id": "a1", "name": "华东电网"}],
            "contacts": [{"id": f"c{i}", "account_id": "a1", "name": f"人员{i}"}
                         for i in range(1, 6)],
            "opportunities": [{"id": "o1", "account_id": "a1", "name": "数据中台"}],
            "relationships": [line(a, b, since="2025-01-01")
                              for a, b in (("c4", "c3"), ("c3", "c2"), ("c2", "c1"))]}


def loops(response: Any) -> list[tuple[str, str]]:
    assert response.status_code == 422, response.text
    return [(e["path"], e["code"]) for e in response.json()["errors"]]


def test_a_line_closing_a_loop_is_refused_at_its_end(client: TestClient,
                                                     raw_driver: Driver) -> None:
    assert client.post("/v1/import", json=org(), headers=AUTH).status_code == 200
    before = graph_fingerprint(raw_driver)
    # The general manager reporting to someone below him.
    assert loops(client.post("/v1/relationships", json=line("c1", "c4"), headers=AUTH)) == [
        ("to", "reporting_loop")]
    # Two new lines that close one only together with the stored ones: both are in it.
    assert loops(client.post("/v1/import", headers=AUTH, json={"relationships": [
        line("c5", "c4"), line("c1", "c5")]})) == [
        ("relationships[0].to", "reporting_loop"), ("relationships[1].to", "reporting_loop")]
    assert graph_fingerprint(raw_driver) == before
    # A line that begins later counts as one that holds today.
    assert loops(client.post("/v1/relationships", json=line(
        "c1", "c3", since=(date.today() + timedelta(days=30)).isoformat()), headers=AUTH)) == [
        ("to", "reporting_loop")]


def test_what_no_longer_holds_and_a_deals_own_lines_make_no_loop(client: TestClient) -> None:
    assert client.post("/v1/import", json=org(), headers=AUTH).status_code == 200
    # c2 no longer reports to c1: c1 may now report to c4, below c2.
    ended = client.post("/v1/relationships/end", headers=AUTH, json={
        "type": "REPORTS_TO", "from": "c2", "to": "c1", "until": YESTERDAY})
    assert ended.status_code == 200, ended.text
    assert client.post("/v1/relationships", json=line("c1", "c4"),
                       headers=AUTH).status_code == 200
    # A line of the past closes no loop today, nor does a line of one deal only.
    assert client.post("/v1/relationships", headers=AUTH, json=line(
        "c3", "c4", since="2020-01-01", until="2021-01-01")).status_code == 200
    assert client.post("/v1/relationships", headers=AUTH, json=line(
        "c3", "c4", opportunity_id="o1")).status_code == 200
