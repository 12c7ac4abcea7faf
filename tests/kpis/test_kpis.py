"""KPIs as of a date with month-on-month and year-on-year, on a scenario worked out by hand.

D = 2026-03-31, one month before = 2026-02-28, one year before = 2025-03-31.
"""

from datetime import date
from typing import Any

import pytest
from fastapi.testclient import TestClient
from neo4j import Driver

from app.config import Settings
from app.data_steps import data_steps
from app.db.graph import run_with_graph
from app.kpis import kept, rollups
from app.kpis import service as kpis
from app.kpis.rollups import rebuild
from app.kpis.scope_data import months_before
from app.scopes import Scope
from tests.conftest import AUTH
from tests.transactions import counted

D = "2026-03-31"


def influences(a: str, b: str, since: str | None = None, until: str | None = None) -> dict[str, Any]:
    return {"type": "INFLUENCES", "from": a, "to": b, "since": since, "until": until}


def scenario() -> dict[str, Any]:
    key = {"key_person": True}
    return {
        "accounts": [{"id": "a1", "name": "华东电网", "focus": True},
                     {"id": "a2", "name": "江苏农商银行"}, {"id": "a3", "name": "山东重工"}],
        "teams": [{"id": "t1", "name": "能源行业部", "lead_id": "e1"},
                  {"id": "t2", "name": "金融行业部", "lead_id": "e2"}],
        "employees": [{"id": "e1", "name": "李明", "team_id": "t1"},
                      {"id": "e2", "name": "赵敏", "team_id": "t2"},
                      {"id": "e3", "name": "孙磊", "team_id": "t1"}],
        "contacts": [
            {"id": "p1", "account_id": "a1", "name": "p1", "department": "信息中心",
             "title": "主任", **key},
            {"id": "p2", "account_id": "a1", "name": "p2", **key},
            {"id": "p3", "account_id": "a1", "name": "p3", **key},
            {"id": "n1", "account_id": "a1", "name": "n1"},
            {"id": "q1", "account_id": "a2", "name": "q1", **key},
            {"id": "q2", "account_id": "a2", "name": "q2", **key},
            {"id": "r1", "account_id": "a3", "name": "r1", **key},
        ],
        "opportunities": [
            {"id": "w1", "account_id": "a1", "name": "w1", "amount": 100, "status": "won",
             "created_at": "2025-11-01", "closed_at": "2026-02-10"},
            {"id": "w2", "account_id": "a2", "name": "w2", "amount": 300, "status": "won",
             "created_at": "2025-05-01", "closed_at": "2025-10-01"},
            {"id": "w3", "account_id": "a1", "name": "w3", "amount": 50, "status": "won",
             "created_at": "2024-12-01", "closed_at": "2025-02-01"},
            {"id": "l1", "account_id": "a1", "name": "l1", "amount": 80, "status": "lost",
             "created_at": "2025-12-01", "closed_at": "2026-01-01"},
            {"id": "op", "account_id": "a1", "name": "op", "amount": 70, "created_at": "2026-01-01"},
        ],
        "relationships": [
            {"type": "OWNS", "from": "e1", "to": "a1", "since": "2025-01-01"},
            {"type": "OWNS", "from": "e2", "to": "a2"},
            {"type": "OWNS", "from": "e1", "to": "a3", "since": "2026-03-01"},
            {"type": "WORKS_AT", "from": "p3", "to": "a1", "since": "2026-03-15"},
            influences("e1", "p1", since="2025-06-01"),
            influences("e2", "p2", since="2024-01-01", until="2026-03-20"),
            influences("e3", "p3", since="2024-01-01"),
            influences("e1", "q1", since="2024-01-01"),
            influences("e2", "r1", since="2026-01-01"),
            influences("e1", "n1"),
            {"type": "LEVERAGED", "from": "e1", "to": "w1"},
            {"type": "LEVERAGED", "from": "e1", "to": "w3"},
        ],
        "assessments": [
            {"contact_id": "p1", "at": "2026-01-01", "closeness": "support", "solution": "support",
             "price": "neutral", "veto": False, "approver": True},
            {"contact_id": "q1", "at": "2025-01-01", "closeness": "strong_oppose"},
            {"contact_id": "r1", "at": "2026-03-10", "closeness": "neutral"},
        ],
    }


def get(client: TestClient, path: str, **params: Any) -> dict[str, Any]:
    response = client.get(f"/v1/kpis/{path}", headers=AUTH, params={"as_of": D, **params})
    assert response.status_code == 200, response.text
    return dict(response.json())


def triple(metric: dict[str, Any]) -> tuple[Any, Any, Any]:
    def r(v: Any) -> Any:
        return None if v is None else round(v, 4)
    return r(metric["value"]), r(metric["previous_month"]), r(metric["previous_year"])


def test_value_potential_company(loaded: TestClient) -> None:
    body = get(loaded, "influence")
    # D: key persons p1 p2 p3 q1 q2 r1, acquainted p1 p3 q1 r1 -> 4/6.
    # D-1m: p3 not yet employed; acquainted p1 p2 q1 r1 -> 4/5. D-1y: p2 q1 -> 2/5.
    vp = body["value_potential"]
    assert (vp["numerator"], vp["denominator"]) == (4, 6)
    assert triple(vp) == (round(4 / 6, 4), 0.8, 0.4)
    assert vp["mom_change"] == pytest.approx(4 / 6 - 0.8)
    assert vp["yoy_change"] == pytest.approx(4 / 6 - 0.4)
    assert triple(body["key_persons"]) == (6, 5, 5)
    assert triple(body["acquainted"]) == (4, 4, 2)
    # p1 is insighted from 2026-01-01.
    assert triple(body["acquainted_not_insighted"]) == (3, 3, 2)


def test_contribution_by_count_and_amount(loaded: TestClient) -> None:
    body = get(loaded, "influence", period_days=365)
    # D window (2025-03-31, 2026-03-31]: w1 (leveraged, 100) and w2 (300).
    # D-1y window: w3 only (leveraged). The lost deal never counts.
    assert triple(body["contribution_count"]) == (0.5, 0.5, 1.0)
    assert triple(body["contribution_amount"]) == (0.25, 0.25, 1.0)
    assert body["contribution_amount"]["yoy_change"] == pytest.approx(-0.75)
    shorter = get(loaded, "influence", period_days=30)  # (2026-03-01, 2026-03-31]: nothing won
    assert shorter["contribution_count"]["value"] is None
    assert shorter["contribution_count"]["denominator"] == 0
    # By default the calendar year to date, each date its own: D [2026-01-01, D]: w1 alone,
    # 1/1 and 100/100; D-1m [2026-01-01, 2026-02-28]: w1 again; D-1y [2025-01-01, 2025-03-31]:
    # w3 alone (leveraged), 1/1 and 50/50. w2 (2025-10-01) falls in no year to date here.
    ytd = get(loaded, "influence")
    assert (ytd["period"], ytd["period_start"], ytd["period_days"]) == ("ytd", "2026-01-01", 90)
    assert triple(ytd["contribution_count"]) == (1.0, 1.0, 1.0)
    assert triple(ytd["contribution_amount"]) == (1.0, 1.0, 1.0)
    assert (ytd["contribution_amount"]["numerator"], ytd["currency"]) == (100.0, "CNY")
    assert (body["period"], body["period_start"], body["period_days"]) == (
        "days", "2025-04-01", 365)


def test_a_leverage_counts_while_its_edge_holds(loaded: TestClient) -> None:
    # e1's leverage of w1 ends on 2026-03-01. On D, w1 (100) is won without it and w2 (300)
    # too: 0/2 by count, 0/400 by amount. A month before (2026-02-28) the edge still held:
    # w1 leveraged of w1 and w2, 1/2 and 100/400, as before the end. A year before: w3, 1/1.
    assert loaded.post("/v1/relationships/end", headers=AUTH, json={
        "type": "LEVERAGED", "from": "e1", "to": "w1", "until": "2026-03-01"}).json() == {
        "ended": 1}
    body = get(loaded, "influence", period_days=365)
    assert triple(body["contribution_count"]) == (0.0, 0.5, 1.0)
    assert triple(body["contribution_amount"]) == (0.0, 0.25, 1.0)


def test_team_scope_follows_ownership_on_each_date(loaded: TestClient) -> None:
    body = get(loaded, "influence", scope="team:t1")
    # D: e1 owns a1 and (since 2026-03-01) a3 -> p1 p2 p3 r1, acquainted p1 p3 r1.
    # D-1m: a1 only -> p1 p2 both acquainted. D-1y: a1 -> p1 p2, only p2.
    assert triple(body["value_potential"]) == (0.75, 1.0, 0.5)


def test_employee_scope_shows_the_own_network_anywhere(loaded: TestClient) -> None:
    body = get(loaded, "influence", scope="employee:e2")
    assert triple(body["value_potential"]) == (0.5, 0.5, 0.5)  # a2: q1 acquainted, q2 not
    # e2 personally influences r1 (at a3, owned by e1); p2 ended on 2026-03-20.
    assert body["own_network"] == [{"contact_id": "r1", "name": "r1", "company": "山东重工",
                                     "department": None, "position": None, "closeness": "neutral",
                                     "owner_ids": ["e1"]}]


def test_influence_list_names_place_not_the_acquaintance(loaded: TestClient) -> None:
    listing = get(loaded, "influence")["influence_list"]
    assert [i["contact_id"] for i in listing] == ["p1", "p3", "q1", "r1"]
    assert listing[0] == {"contact_id": "p1", "name": "p1", "company": "华东电网", "department": "信息中心",
                          "position": "主任", "closeness": "support", "owner_ids": ["e1"]}


def test_customer_line_averages_tiers_and_account_list(loaded: TestClient) -> None:
    body = get(loaded, "customers")
    assert triple(body["accounts"]) == (3, 3, 3)
    # Closeness known: D p1 +1, q1 -2, r1 0; D-1m p1, q1; D-1y q1.
    assert triple(body["averages"]["closeness"]) == (round(-1 / 3, 4), -0.5, -2.0)
    tiers = body["tiers"]["closeness"]
    assert tiers["excellent"]["accounts"] == ["a1"] and triple(tiers["excellent"]["count"]) == (1, 1, 0)
    assert tiers["good"]["accounts"] == ["a3"] and triple(tiers["good"]["count"]) == (1, 0, 0)
    assert tiers["poor"]["accounts"] == ["a2"] and tiers["poor"]["average"] == -2.0
    assert triple(tiers["unknown"]["count"]) == (0, 1, 2)
    a1 = next(a for a in body["account_list"] if a["account_id"] == "a1")
    assert a1["focus"] is True
    assert a1["open_amount"] == {"value": 70.0, "previous_month": 70.0, "mom_change": 0.0}
    assert a1["key_persons"] == {"value": 3, "previous_month": 2, "mom_change": 1}
    assert sorted(a1["key_person_ids"]) == ["p1", "p2", "p3"]


def test_a_page_of_the_account_list_is_that_slice_of_the_whole(loaded: TestClient) -> None:
    # On D (worked out) and today (kept per account: the whole list's rows kept by its first
    # answer, a page's made from the figures), for the company and a team.
    for as_of in (D, date.today().isoformat()):
        for scope in ("company", "team:t1"):
            whole = get(loaded, "customers", as_of=as_of, scope=scope)
            everyone = whole.pop("account_list")
            assert whole["account_list_total"] == len(everyone) > 1
            loaded.portal.call(kept.settled)  # type: ignore[union-attr]
            for offset, limit in ((0, 1), (1, 1), (1, 5), (0, 100), (len(everyone), 1),
                                  (99, 3)):
                page = get(loaded, "customers", as_of=as_of, scope=scope, offset=offset,
                           limit=limit)
                assert page.pop("account_list") == everyone[offset:offset + limit]
                assert page == whole
    for bad in ({"limit": 0}, {"offset": -1}, {"limit": "x"}):
        got = loaded.get("/v1/kpis/customers", headers=AUTH, params=bad)
        assert got.status_code == 422, got.text


def test_a_team_customer_line_follows_ownership_on_each_date(loaded: TestClient,
                                                             settings: Settings) -> None:
    found, _ = counted(settings, lambda graph: kpis.customers(
        graph, settings, scope=Scope("team", "t1"), as_of=date.fromisoformat(D)))
    # e1 owns a3 since 2026-03-01: in the team on D, not one month before.
    a3 = next(a for a in found.rows() if a.account_id == "a3")
    assert (a3.key_persons.value, a3.key_persons.previous_month) == (1, 0)
    assert (a3.closeness.value, a3.closeness.previous_month) == (0.0, None)
    line = found.line
    assert (line.accounts.value, line.accounts.previous_month, line.accounts.previous_year) == (2, 1, 1)


def test_key_person_line_buckets(loaded: TestClient) -> None:
    body = get(loaded, "key-persons")
    assert triple(body["key_persons"]) == (6, 5, 5)
    assert triple(body["insighted"]) == (1, 1, 0)
    closeness = body["buckets"]["closeness"]
    assert [closeness[b]["value"] for b in ("supportive", "neutral", "opposed", "unknown")] == [1, 1, 1, 3]
    assert [p["contact_id"] for p in body["lists"]["closeness"]["opposed"]] == ["q1"]


def test_scopes_are_validated(loaded: TestClient) -> None:
    bad = loaded.get("/v1/kpis/influence", headers=AUTH, params={"scope": "planet:x"})
    assert bad.status_code == 422 and bad.json()["errors"][0]["path"] == "scope"
    assert loaded.get("/v1/kpis/influence", headers=AUTH,
                      params={"scope": "team:nope"}).status_code == 404
    assert loaded.get("/v1/kpis/customers", headers=AUTH,
                      params={"scope": "employee:nope"}).status_code == 404


def test_months_before_clamps_to_month_end() -> None:
    assert months_before(date(2026, 3, 31), 1) == date(2026, 2, 28)
    assert months_before(date(2024, 2, 29), 12) == date(2023, 2, 28)
    assert months_before(date(2026, 1, 15), 1) == date(2025, 12, 15)


def test_figures_follow_every_write(loaded: TestClient) -> None:
    # The company's figures come from its day rollups, a team's from the pieces of its accounts:
    # a write changes both at once.
    assert triple(get(loaded, "influence")["value_potential"])[0] == round(4 / 6, 4)
    assert triple(get(loaded, "influence", scope="team:t1")["value_potential"]) == (0.75, 1.0, 0.5)
    ended = loaded.post("/v1/relationships/end", headers=AUTH, json={
        "type": "INFLUENCES", "from": "e1", "to": "p1", "until": "2026-03-30"})
    assert ended.status_code == 200
    # p1 is no longer acquainted on D: company 3/6, team t1 (p1 p2 p3 r1) 2/4.
    assert triple(get(loaded, "influence")["value_potential"])[0] == 0.5
    assert triple(get(loaded, "influence", scope="team:t1")["value_potential"])[0] == 0.5


def test_trend_gives_one_point_a_month_ending_at_as_of(loaded: TestClient) -> None:
    body = get(loaded, "trend", months="13")
    points = body["points"]
    assert [p["as_of"] for p in points] == [
        "2025-03-31", "2025-04-30", "2025-05-31", "2025-06-30", "2025-07-31", "2025-08-31",
        "2025-09-30", "2025-10-31", "2025-11-30", "2025-12-31", "2026-01-31", "2026-02-28", D]
    vp = [None if p["value_potential"] is None else round(p["value_potential"], 4) for p in points]
    # One year before: p2 q1 of five (as in the year-on-year figure); e1 meets p1 on 2025-06-01;
    # one month before: p1 p2 q1 r1 of five; D: p1 p3 q1 r1 of six.
    assert vp[0] == 0.4 and vp[2] == 0.4 and vp[3] == 0.6
    assert vp[11] == 0.8 and vp[12] == round(4 / 6, 4)
    assert [p["key_persons"] for p in points] == [5] * 12 + [6]
    assert points[-1]["insighted"] == 1  # p1, from 2026-01-01
    assert points[8]["insighted"] == 0
    too_long = loaded.get("/v1/kpis/trend", params={"months": 25}, headers=AUTH)
    assert too_long.status_code == 422


def test_rebuilding_every_piece_gives_the_same_figures(loaded: TestClient, settings: Settings,
                                                        raw_driver: Driver) -> None:
    """`brm rebuild-kpis` and migration V011's data step build what the writes kept (the
    account spans too, as V037's data step does)."""
    def pieces() -> list[Any]:
        found, _, _ = raw_driver.execute_query(
            "MATCH (p:KpiPiece) RETURN properties(p) AS p ORDER BY p.contact_id, p.account_id, "
            "p.since", database_="neo4j")
        spans, _, _ = raw_driver.execute_query(
            "MATCH (s:KpiAccountSpan) RETURN properties(s) AS s ORDER BY s.account_id, s.since",
            database_="neo4j")
        return [r["p"] for r in found] + [r["s"] for r in spans]

    before = pieces(), get(loaded, "key-persons"), get(loaded, "influence", scope="team:t1")
    run_with_graph(settings, lambda graph: rebuild(graph, settings))
    assert (pieces(), get(loaded, "key-persons"), get(loaded, "influence", scope="team:t1")) == before
    assert len(before[0]) >= 6  # p1 p2 p3 q1 q2 r1, p1 in several spans


KNOWN = {"closeness": "support", "solution": "support", "price": "neutral", "veto": True,
         "approver": False}
# c2's price, known in January, is recorded as unknown on 02-01.
UNKNOWN_PRICE = {
    "accounts": [{"id": "a1", "name": "甲公司"}],
    "contacts": [{"id": f"c{i}", "account_id": "a1", "name": f"人{i}", "key_person": True}
                 for i in (1, 2)],
    "assessments": [{"contact_id": "c1", "at": "2026-01-05", **KNOWN},
                    {"contact_id": "c2", "at": "2026-01-05", **KNOWN},
                    {"contact_id": "c2", "at": "2026-02-01", "price": "unknown"}]}


def test_a_degree_recorded_as_unknown_is_not_known(client: TestClient) -> None:
    """From 02-01 c2 is not insighted, on the key-person line as on the person's portrait
    (hand-worked)."""
    assert client.post("/v1/import", json=UNKNOWN_PRICE, headers=AUTH).status_code == 200
    line = get(client, "key-persons", as_of="2026-02-15")
    assert triple(line["insighted"]) == (1, 2, 0)
    assert triple(line["not_insighted"]) == (1, 0, 2)
    assert [p["contact_id"] for p in line["not_insighted_list"]] == ["c2"]
    assert [p["contact_id"] for p in line["lists"]["price"]["unknown"]] == ["c2"]
    for contact, insighted in (("c1", True), ("c2", False)):
        portrait = client.get(f"/v1/contacts/{contact}/portrait", headers=AUTH,
                              params={"as_of": "2026-02-15"})
        assert portrait.json()["features"]["insighted"] is insighted, portrait.text


def test_pieces_that_counted_an_unknown_degree_as_known_are_built_again(
        client: TestClient, settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    """Pieces as the versions before V040 made them (c2 insighted from 02-01, as every value
    was present), then migration V040's data step: the line is right again, its kept answer
    no longer served."""
    made = rollups.pieces

    def as_before(source: dict[str, Any]) -> list[dict[str, Any]]:
        return [{**p, "insighted": True} if p["contact_id"] == "c2"
                and p["since"] >= date(2026, 2, 1) else p for p in made(source)]

    monkeypatch.setattr(rollups, "pieces", as_before)
    assert client.post("/v1/import", json=UNKNOWN_PRICE, headers=AUTH).status_code == 200
    monkeypatch.undo()
    assert triple(get(client, "key-persons", as_of="2026-02-15")["insighted"]) == (2, 2, 0)
    run_with_graph(settings, data_steps(settings)[40])
    line = get(client, "key-persons", as_of="2026-02-15")
    assert triple(line["insighted"]) == (1, 2, 0)
    assert [p["contact_id"] for p in line["not_insighted_list"]] == ["c2"]
