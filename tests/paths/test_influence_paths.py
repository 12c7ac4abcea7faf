"""Influence paths: a hand-worked scenario, and random org charts against a brute-force search."""

import math
from datetime import date, timedelta
from typing import Any

import networkx as nx
import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from neo4j import Driver

from app.db.cypher import q
from app.main import create_app
from tests.conftest import AUTH, ready, settings_for
from tests.servers import Server


def rel(type_: str, a: str, b: str, strength: float | None = None, **extra: Any) -> dict[str, Any]:
    return {"type": type_, "from": a, "to": b, "strength": strength, **extra}


def scenario() -> dict[str, Any]:
    """boss <- mid <- t <- report (REPORTS_TO); rivals and our staff around them."""
    contacts = ["boss", "mid", "t", "report", "foe", "x1", "x2", "x3"]
    return {
        "accounts": [{"id": "a1", "name": "华东电网"}],
        "teams": [{"id": "team1", "name": "能源行业部", "lead_id": "e1"}],
        "employees": [{"id": f"e{i}", "name": f"员工{i}", "team_id": "team1" if i <= 2 else None}
                      for i in range(1, 8)],
        "contacts": [{"id": c, "account_id": "a1", "name": c} for c in contacts],
        "competitors": [{"id": "k1", "name": "远景科技"}],
        "competitor_staff": [{"id": "ks1", "competitor_id": "k1", "name": "周涛"}],
        "relationships": [
            rel("REPORTS_TO", "mid", "boss"), rel("REPORTS_TO", "t", "mid"),
            rel("REPORTS_TO", "report", "t"),
            rel("INFLUENCES", "e1", "boss", 0.9),
            rel("INFLUENCES", "e2", "t", 0.5),
            rel("INFLUENCES", "e3", "foe", 1.0), rel("INFLUENCES", "foe", "t", 0.9),
            rel("INFLUENCES", "e4", "mid", 0.6, until="2026-01-01"),
            rel("INFLUENCES", "e5", "t", 0.7, since="2026-06-01"),
            rel("INFLUENCES", "e6", "report", 1.0),
            rel("INFLUENCES", "e7", "x1", 1.0), rel("INFLUENCES", "x1", "x2", 1.0),
            rel("INFLUENCES", "x2", "x3", 1.0), rel("INFLUENCES", "x3", "t", 1.0),
            rel("INFLUENCES", "ks1", "t", 0.6),
        ],
        "assessments": [{"contact_id": "foe", "at": "2025-01-01", "closeness": "oppose"}],
    }


def best(client: TestClient, target: str, **params: Any) -> list[tuple[str, float, int]]:
    response = client.get(f"/v1/contacts/{target}/influence-paths", headers=AUTH,
                          params={"as_of": "2026-03-01", **params})
    assert response.status_code == 200, response.text
    return [(p["employee_id"], round(p["strength"], 6), p["hops"]) for p in response.json()["paths"]]


@pytest.fixture
def loaded(client: TestClient) -> TestClient:
    assert client.post("/v1/import", json=scenario(), headers=AUTH).status_code == 200
    return client


def test_best_path_per_employee_ranked_by_strength(loaded: TestClient) -> None:
    # e1: 0.9 x 0.8 (boss over mid) x 0.8 (mid over t); e6: 1.0 x 0.3 (report up to t);
    # e3 runs through an opponent, e4 ended, e5 not started, e7 needs 4 steps.
    assert best(loaded, "t") == [("e1", 0.576, 3), ("e2", 0.5, 1), ("e6", 0.3, 2)]


def test_path_names_every_node_and_step(loaded: TestClient) -> None:
    body = loaded.get("/v1/contacts/t/influence-paths", headers=AUTH,
                      params={"as_of": "2026-03-01", "employee_id": "e1"}).json()
    assert body["target"] == {"id": "t", "name": "t", "account_id": "a1"}
    (path,) = body["paths"]
    assert [(n["id"], n["kind"]) for n in path["nodes"]] == [
        ("e1", "Employee"), ("boss", "Contact"), ("mid", "Contact"), ("t", "Contact")]
    assert path["steps"] == [{"type": "INFLUENCES", "strength": 0.9, "source": "declared"},
                             {"type": "REPORTS_TO_DOWN", "strength": 0.8, "source": None},
                             {"type": "REPORTS_TO_DOWN", "strength": 0.8, "source": None}]
    assert path["hops"] == len(path["steps"])


def test_only_edges_valid_on_the_date_count(loaded: TestClient) -> None:
    assert ("e4", 0.48, 2) in best(loaded, "t", as_of="2025-12-31")  # before its until
    assert all(e != "e4" for e, _, _ in best(loaded, "t", as_of="2026-01-01"))  # until is exclusive
    assert ("e5", 0.7, 1) in best(loaded, "t", as_of="2026-06-01")  # since is inclusive
    assert all(e != "e5" for e, _, _ in best(loaded, "t", as_of="2026-05-31"))


def test_opposing_intermediaries_are_avoided_unless_asked(loaded: TestClient) -> None:
    assert ("e3", 0.9, 2) in best(loaded, "t", avoid_opposed="false")
    assert all(e != "e3" for e, _, _ in best(loaded, "t"))


def test_hop_cap_and_its_bounds(loaded: TestClient) -> None:
    assert best(loaded, "t", max_hops=4)[0] == ("e7", 1.0, 4)
    assert best(loaded, "t", max_hops=1) == [("e2", 0.5, 1)]
    too_far = loaded.get("/v1/contacts/t/influence-paths", headers=AUTH, params={"max_hops": 6})
    assert too_far.status_code == 422
    assert too_far.json()["errors"][0]["path"] == "max_hops"
    assert loaded.get("/v1/contacts/t/influence-paths", headers=AUTH,
                      params={"limit": 101}).status_code == 422


def test_the_default_hops_are_the_setting(loaded: TestClient, neo4j_server: Server) -> None:
    assert best(loaded, "t", limit=1) == [("e1", 0.576, 3)]  # three hops by default
    with TestClient(create_app(settings_for(neo4j_server, path_max_hops_default=1))) as api:
        ready(api)
        assert best(api, "t") == [("e2", 0.5, 1)]
        assert best(api, "t", max_hops=3, limit=1) == [("e1", 0.576, 3)]


def test_restricting_to_a_team_or_an_employee(loaded: TestClient) -> None:
    assert best(loaded, "t", team_id="team1") == [("e1", 0.576, 3), ("e2", 0.5, 1)]
    assert best(loaded, "t", employee_id="e6") == [("e6", 0.3, 2)]
    assert best(loaded, "t", limit=1) == [("e1", 0.576, 3)]
    for unknown in ({"team_id": "no"}, {"employee_id": "e-none"}):  # not "no paths"
        response = loaded.get("/v1/contacts/t/influence-paths", headers=AUTH, params=unknown)
        assert response.status_code == 404, unknown


def test_inbound_view_lists_who_influences_the_person(loaded: TestClient) -> None:
    body = loaded.get("/v1/contacts/t/influence-paths", headers=AUTH,
                      params={"as_of": "2026-03-01"}).json()
    inbound = [(i["id"], i["kind"], i["closeness"], i["competitor_id"], i["strength"])
               for i in body["influenced_by"]]
    assert inbound == [("x3", "Contact", "unknown", None, 1.0),  # strongest first
                       ("foe", "Contact", "oppose", None, 0.9),
                       ("ks1", "CompetitorStaff", None, "k1", 0.6)]


def test_contacts_on_a_path_carry_our_closeness(loaded: TestClient) -> None:
    body = loaded.get("/v1/contacts/t/influence-paths", headers=AUTH,
                      params={"as_of": "2026-03-01", "employee_id": "e3",
                              "avoid_opposed": "false"}).json()
    (path,) = body["paths"]
    assert [(n["id"], n.get("closeness")) for n in path["nodes"]] == [
        ("e3", None), ("foe", "oppose"), ("t", "unknown")]


def test_a_person_no_colleague_reaches_within_the_hops(loaded: TestClient) -> None:
    # e7 -> x1 -> x2 is two steps.
    response = loaded.get("/v1/contacts/x2/influence-paths", headers=AUTH,
                          params={"as_of": "2026-03-01", "max_hops": 1})
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["paths"], body["truncated"]) == ([], False)
    assert [(i["id"], i["closeness"]) for i in body["influenced_by"]] == [("x1", "unknown")]


def test_a_path_may_run_through_a_third_party(loaded: TestClient) -> None:
    # e8 knows the design institute p1 (0.9), which influences mid (0.9); mid is t's manager.
    # e8: 0.9 (e8 -> p1) x 0.9 (p1 -> mid) x 0.8 (mid over t, the default down) = 0.648, ahead
    # of e1's 0.576. e9 knows p1 less (0.5): 0.5 x 0.9 x 0.8 = 0.36. p1 has no attitude toward
    # us, so it is never an opposed intermediary; only an employee knows a third party.
    more = {"employees": [{"id": "e8", "name": "员工8"}, {"id": "e9", "name": "员工9"}],
            "third_parties": [{"id": "p1", "name": "华东电力设计院", "category": "design_institute"}],
            "relationships": [rel("INFLUENCES", "e8", "p1", 0.9), rel("INFLUENCES", "e9", "p1", 0.5),
                              rel("INFLUENCES", "p1", "mid", 0.9)]}
    assert loaded.post("/v1/import", json=more, headers=AUTH).status_code == 200
    assert best(loaded, "t") == [("e8", 0.648, 3), ("e1", 0.576, 3), ("e2", 0.5, 1),
                                 ("e9", 0.36, 3), ("e6", 0.3, 2)]
    body = loaded.get("/v1/contacts/t/influence-paths", headers=AUTH,
                      params={"as_of": "2026-03-01", "employee_id": "e8"}).json()
    (path,) = body["paths"]
    assert [(n["id"], n["kind"], n["name"]) for n in path["nodes"]] == [
        ("e8", "Employee", "员工8"), ("p1", "ThirdParty", "华东电力设计院"),
        ("mid", "Contact", "mid"), ("t", "Contact", "t")]
    assert [s["type"] for s in path["steps"]] == ["INFLUENCES", "INFLUENCES", "REPORTS_TO_DOWN"]
    assert path["nodes"][1]["closeness"] is None
    assert best(loaded, "mid", max_hops=2)[0] == ("e8", 0.81, 2)
    inbound = loaded.get("/v1/contacts/mid/influence-paths", headers=AUTH,
                         params={"as_of": "2026-03-01"}).json()["influenced_by"]
    assert [(i["id"], i["kind"], i["closeness"]) for i in inbound] == [
        ("p1", "ThirdParty", None)]


def test_unknown_contact_is_404(client: TestClient) -> None:
    assert client.get("/v1/contacts/nobody/influence-paths", headers=AUTH).status_code == 404


# --- property: the endpoint agrees with a brute-force search over the same random graph ---

AS_OF = date(2026, 3, 1)
SINCE = [None, "2025-01-01", "2026-06-01"]
UNTIL = [None, "2026-01-01", "2027-01-01"]
STRENGTHS = [0.2, 0.5, 0.8, 1.0, None]
ACTIVITY_WEIGHTS = {"meeting": 1.0, "call": 0.5, "email": 0.2}
# Days before AS_OF: today, recent, a half-life, old, decayed away, past the horizon, and after.
ACTIVITY_AGES = [0, 20, 90, 200, 400, 901, -5]


@st.composite
def org_charts(draw: st.DrawFn) -> dict[str, Any]:
    n_contacts = draw(st.integers(3, 8))
    n_employees = draw(st.integers(1, 3))
    contacts = [f"c{i}" for i in range(n_contacts)]
    employees = [f"e{i}" for i in range(n_employees)]
    rels = []
    for i in range(1, n_contacts):
        if draw(st.booleans()):
            rels.append(rel("REPORTS_TO", contacts[i], contacts[draw(st.integers(0, i - 1))],
                            draw(st.sampled_from(STRENGTHS)), since=draw(st.sampled_from(SINCE)),
                            until=draw(st.sampled_from(UNTIL))))
    pairs = st.tuples(st.sampled_from(contacts), st.sampled_from(contacts)).filter(lambda p: p[0] != p[1])
    for a, b in draw(st.lists(pairs, max_size=10, unique=True)):
        rels.append(rel("INFLUENCES", a, b, draw(st.sampled_from(STRENGTHS)),
                        since=draw(st.sampled_from(SINCE)), until=draw(st.sampled_from(UNTIL))))
    for e in employees:
        for c in draw(st.lists(st.sampled_from(contacts), max_size=3, unique=True)):
            rels.append(rel("INFLUENCES", e, c, draw(st.sampled_from(STRENGTHS)),
                            since=draw(st.sampled_from(SINCE)), until=draw(st.sampled_from(UNTIL))))
    # Third parties: employees know them, they influence contacts.
    third_parties = [f"p{i}" for i in range(draw(st.integers(0, 2)))]
    for p in third_parties:
        knowers = draw(st.lists(st.sampled_from(employees), max_size=2, unique=True))
        influenced = draw(st.lists(st.sampled_from(contacts), max_size=3, unique=True))
        for a, b in [(e, p) for e in knowers] + [(p, c) for c in influenced]:
            rels.append(rel("INFLUENCES", a, b, draw(st.sampled_from(STRENGTHS)),
                            since=draw(st.sampled_from(SINCE)), until=draw(st.sampled_from(UNTIL))))
    for r in rels:  # keep since < until
        if r["since"] and r["until"] and r["until"] <= r["since"]:
            r["until"] = None
    opposed = draw(st.lists(st.sampled_from(contacts), max_size=2, unique=True))
    activities = [{"id": f"act{i}", "type": draw(st.sampled_from(sorted(ACTIVITY_WEIGHTS))),
                   "at": (AS_OF - timedelta(days=draw(st.sampled_from(ACTIVITY_AGES)))).isoformat(),
                   "employee_ids": [draw(st.sampled_from(employees))],
                   "contact_ids": draw(st.lists(st.sampled_from(contacts), min_size=1, max_size=2,
                                                unique=True))}
                  for i in range(draw(st.integers(0, 6)))]
    return {
        "accounts": [{"id": "a1", "name": "acct"}],
        "employees": [{"id": e, "name": e} for e in employees],
        "contacts": [{"id": c, "account_id": "a1", "name": c} for c in contacts],
        "third_parties": [{"id": p, "name": p, "category": "partner"} for p in third_parties],
        "relationships": [{k: v for k, v in r.items() if v is not None} for r in rels],
        "assessments": [{"contact_id": c, "at": "2025-06-01",
                         "closeness": draw(st.sampled_from(["oppose", "strong_oppose"]))}
                        for c in opposed],
        "activities": activities,
    }


def brute_force(doc: dict[str, Any], target: str, max_hops: int) -> set[tuple[str, float, int]]:
    """Every simple path by networkx, strengths multiplied, best per employee."""
    def valid(r: dict[str, Any]) -> bool:
        since, until = r.get("since"), r.get("until")
        return (since is None or date.fromisoformat(since) <= AS_OF) and (
            until is None or date.fromisoformat(until) > AS_OF)

    opposed = {a["contact_id"] for a in doc["assessments"]}
    graph = nx.MultiDiGraph()
    # Acquaintance by activity (the product's spec, computed here on its own): per employee and
    # contact, 1 - exp(-sum of weight * 0.5^(age / 90)) over activities 0..900 days old; an edge
    # beside the declared ones from 0.2 on, so the best path takes the stronger.
    sums: dict[tuple[str, str], float] = {}
    for a in doc["activities"]:
        age = (AS_OF - date.fromisoformat(a["at"])).days
        if 0 <= age <= 900:
            for employee in a["employee_ids"]:
                for contact in a["contact_ids"]:
                    key = (employee, contact)
                    sums[key] = sums.get(key, 0.0) + ACTIVITY_WEIGHTS[a["type"]] * 0.5 ** (age / 90)
    for (employee, contact), total in sums.items():
        if 1 - math.exp(-total) >= 0.2:
            graph.add_edge(employee, contact, strength=1 - math.exp(-total))
    for r in filter(valid, doc["relationships"]):
        s = r.get("strength")
        if r["type"] == "INFLUENCES":
            graph.add_edge(r["from"], r["to"], strength=0.5 if s is None else s)
        else:  # report -> manager: the manager moves the report (down), the report the manager (up)
            graph.add_edge(r["to"], r["from"], strength=0.8 if s is None else s)
            graph.add_edge(r["from"], r["to"], strength=0.3 if s is None else s)
    results = set()
    for employee in (e["id"] for e in doc["employees"]):
        if employee not in graph or target not in graph:
            continue
        candidates = []
        for edges in nx.all_simple_edge_paths(graph, employee, target, cutoff=max_hops):
            middle = [v for _, v, _ in edges[:-1]]
            if any(m in opposed for m in middle):
                continue
            strength = 1.0
            for u, v, k in edges:
                strength *= graph.edges[u, v, k]["strength"]
            candidates.append((-strength, len(edges)))
        if candidates:
            strength, hops = min(candidates)
            results.add((employee, round(-strength, 6), hops))
    return results


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(doc=org_charts(), max_hops=st.integers(1, 4))
def test_paths_match_brute_force_on_random_org_charts(client: TestClient, raw_driver: Driver,
                                                       doc: dict[str, Any], max_hops: int) -> None:
    with raw_driver.session(database="neo4j") as session:
        session.run(q("admin/wipe_data")).consume()
    assert client.post("/v1/import", json=doc, headers=AUTH).status_code == 200
    for target in (c["id"] for c in doc["contacts"]):
        got = set(best(client, target, max_hops=max_hops, as_of=AS_OF.isoformat(), limit=100))
        assert got == brute_force(doc, target, max_hops), (target, doc)
