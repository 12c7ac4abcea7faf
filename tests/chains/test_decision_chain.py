"""Decision chain and stuck-deal influencers on a scenario worked out by hand."""

import csv
import io
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.auth.conftest import create
from tests.chains.conftest import AS_OF, chain_rel, scenario
from tests.conftest import AUTH


def chain(client: TestClient, **params: Any) -> dict[str, Any]:
    response = client.get("/v1/opportunities/o1/decision-chain", headers=AUTH,
                          params={"as_of": AS_OF, **params})
    assert response.status_code == 200, response.text
    return dict(response.json())


def test_members_with_deal_assessments_first_and_latest_known(loaded: TestClient) -> None:
    body = chain(loaded)
    assert body["opportunity"] == {"id": "o1", "name": "核心系统升级", "account_id": "a1",
                                   "account_name": "江苏农商银行", "amount": 5e6, "currency": "CNY",
                                   "status": "open"}
    members = {m["contact_id"]: m for m in body["members"]}
    assert list(members) == ["m1", "m2", "m3", "m5"]  # m4 left the chain on 2026-02-01
    # The deal's own closeness (older) wins over the general one.
    assert (members["m1"]["closeness"], members["m1"]["solution"]) == ("strong_support", "support")
    assert members["m1"]["veto"] is True and members["m1"]["insighted"] is True
    assert members["m2"]["solution"] == "unknown" and members["m2"]["insighted"] is False
    # Ignored: m5's later assessment and its assessment for another deal.
    assert members["m5"]["closeness"] == "strong_support"
    assert [members[m]["contact_level"] for m in ("m1", "m2", "m5")] == ["occasional", "none", "multiple"]
    # m5: e1 is acquainted by activity (visits on 01-10, 02-10 and 02-20).
    assert [members[m]["reachable"] for m in ("m1", "m2", "m3", "m5")] == [True, True, False, True]
    assert members["m2"]["competitor_held"] == ["k1"] and members["m3"]["competitor_held"] == ["k1"]
    assert members["m1"]["role"] == "decision_maker"


def test_a_file_for_people_names_the_competitors_holding_members(loaded: TestClient) -> None:
    # The members' own ids and names stay; the competitors holding them are named.
    sheet = loaded.get("/v1/opportunities/o1/decision-chain", headers=AUTH,
                       params={"as_of": AS_OF, "format": "csv", "lang": "zh-CN"})
    assert sheet.status_code == 200, sheet.text
    rows = list(csv.DictReader(io.StringIO(sheet.content.decode("utf-8-sig"))))
    assert [(r["人员编号"], r["被竞争对手掌控"]) for r in rows] == [
        ("m1", ""), ("m2", "远景科技"), ("m3", "远景科技"), ("m5", "")]
    program = loaded.get("/v1/opportunities/o1/decision-chain", headers=AUTH,
                         params={"as_of": AS_OF, "format": "csv"})
    assert [r["competitor_held"] for r in csv.DictReader(io.StringIO(
        program.content.decode("utf-8-sig")))] == ["", "k1", "k1", ""]


def test_coverage_plain_and_weighted(loaded: TestClient) -> None:
    coverage = chain(loaded)["coverage"]
    # Weights: m1 decision maker and veto 3, m2 evaluator 2, m3 approver 3, m5 coach 1 -> 9.
    assert {k: v for k, v in coverage.items() if k != "weighted"} == {
        "contacted": 0.5, "insighted": 0.5, "supportive": 0.5, "reachable": 0.75,
        "competitor_held": 0.5}
    weighted = coverage["weighted"]
    assert weighted["contacted"] == pytest.approx(4 / 9)  # m1 + m5
    assert weighted["insighted"] == pytest.approx(4 / 9)  # m1 + m5
    assert weighted["supportive"] == pytest.approx(4 / 9)
    assert weighted["reachable"] == pytest.approx(6 / 9)  # m1 + m2 + m5 (by activity)
    assert weighted["competitor_held"] == pytest.approx(5 / 9)  # m2 + m3


def test_lead_and_lag_against_each_competitor_in_the_deal(loaded: TestClient) -> None:
    # Over the members known toward both. Closeness: m2 and m3, ours (0 - 1) / 2 = -0.5 vs
    # k1 (1 + 2) / 2 = 1.5 -> lag. Solution: k1 knows m2 alone, whose solution toward us is
    # unknown -> unknown. Price: k1 unknown. k2 left the deal.
    assert chain(loaded)["competitors"] == [
        {"competitor_id": "k1", "competitor_name": "远景科技", "closeness": "lag", "solution": "unknown",
         "price": "unknown"}]


def test_blockers_put_approvers_and_veto_holders_first(loaded: TestClient) -> None:
    assert chain(loaded)["blockers"] == ["m3", "m2"]


def test_as_of_before_a_member_left(loaded: TestClient) -> None:
    members = [m["contact_id"] for m in chain(loaded, as_of="2026-01-31")["members"]]
    assert members == ["m1", "m2", "m3", "m4", "m5"]


def test_stuck_deal_influencers_most_blockers_first(loaded: TestClient) -> None:
    response = loaded.get("/v1/opportunities/o1/influencers", headers=AUTH,
                          params={"as_of": AS_OF, "include_paths": "true"})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["blockers"] == ["m3", "m2"]
    summary = [(i["employee_id"], i["blockers_reachable"], round(i["best_strength"], 6))
               for i in body["influencers"]]
    # e1: m3 through its manager m1 (0.9 x 0.8), m2 through x (0.8 x 0.5);
    # e3: m2 directly by an edge of this deal (0.9).
    assert summary == [("e1", ["m3", "m2"], 0.72), ("e3", ["m2"], 0.9)]
    assert [p["nodes"][-1]["id"] for p in body["influencers"][0]["paths"]] == ["m3", "m2"]
    assert body["influencers"][0]["name"] == "李明"
    # The people on a path with our attitudes on this deal, as the chain has them: m1's own
    # closeness on o1 (strong support, over the general one), a veto holder.
    through_m1 = body["influencers"][0]["paths"][0]["nodes"]
    assert [n["id"] for n in through_m1] == ["e1", "m1", "m3"]
    assert (through_m1[1]["closeness"], through_m1[1]["veto"]) == ("strong_support", True)


def test_stuck_deal_influencers_with_their_teams(loaded: TestClient) -> None:
    joined = loaded.post("/v1/import", headers=AUTH, json={
        "teams": [{"id": "t1", "name": "华东大客户部"}],
        "employees": [{"id": "e1", "name": "李明", "team_id": "t1"}]})
    assert joined.status_code == 200, joined.text
    response = loaded.get("/v1/opportunities/o1/influencers", headers=AUTH,
                          params={"as_of": AS_OF})
    assert response.status_code == 200, response.text
    found = {i["employee_id"]: (i["name"], i["team_id"]) for i in response.json()["influencers"]}
    assert found == {"e1": ("李明", "t1"), "e3": ("赵敏", None)}


def test_a_deal_without_a_decision_chain_yet(loaded: TestClient) -> None:
    response = loaded.get("/v1/opportunities/o2/decision-chain", headers=AUTH,
                          params={"as_of": AS_OF})
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["members"], body["blockers"]) == ([], [])
    coverage = body["coverage"]
    weighted = coverage.pop("weighted")
    assert set(coverage.values()) == set(weighted.values()) == {None}  # no members to count
    assert body["competitors"] == []  # o2 has no competitor on it
    stuck = loaded.get("/v1/opportunities/o2/influencers", headers=AUTH,
                       params={"as_of": AS_OF}).json()
    assert (stuck["blockers"], stuck["influencers"], stuck["truncated"]) == ([], [], False)


def test_unknown_opportunity_is_404(client: TestClient) -> None:
    for path in ("decision-chain", "influencers"):
        response = client.get(f"/v1/opportunities/nope/{path}", headers=AUTH)
        assert response.status_code == 404


def test_opportunity_actions_break_through_first_with_helpers(loaded: TestClient) -> None:
    # 100% applies to focus deals only (tests/chains/test_hundred_percent.py): make o1 one.
    o1 = next(o for o in scenario()["opportunities"] if o["id"] == "o1")
    marked = loaded.post("/v1/import", headers=AUTH, json={"opportunities": [{**o1, "focus": True}]})
    assert marked.status_code == 200, marked.text
    response = loaded.get("/v1/opportunities/o1/actions", headers=AUTH, params={"as_of": AS_OF})
    assert response.status_code == 200, response.text
    actions = response.json()["actions"]
    assert (actions[0]["principle"], actions[0]["contact_id"]) == ("breakthrough", "m3")
    assert [h["employee_id"] for h in actions[0]["helpers"]] == ["e1"]  # via m3's manager m1
    short = next(a for a in actions if a["principle"] == "fix_short_boards")
    assert (short["contact_id"], short["gaps"]) == ("m3", ["closeness", "solution"])
    gaps = {a["contact_id"]: a["gaps"] for a in actions if a["principle"] == "hundred_percent"}
    assert gaps["m1"] == ["reporting_relationship"]  # m3 reports to m1, m1 to nobody known
    assert gaps["m3"] == ["veto", "contact"]
    assert gaps["m5"] == ["reporting_relationship", "influence_relationship"]
    assert set(gaps["m2"]) == {"solution", "price", "veto", "approver", "reporting_relationship",
                               "contact"}
    lead = [a["competitor_id"] for a in actions if a["principle"] == "lead_one_dimension"]
    assert lead == ["k1"]  # lag on closeness, unknown on solution and price


def test_decision_map_draws_members_lines_and_rival_hold(loaded: TestClient) -> None:
    extra = {"relationships": [
        {"type": "INFLUENCES", "from": "m1", "to": "m5", "strength": 0.6, "opportunity_id": "o1"},
        {"type": "INFLUENCES", "from": "m5", "to": "m2", "strength": 0.4, "opportunity_id": "o2"},
        {"type": "INFLUENCES", "from": "m2", "to": "m3", "strength": 0.3, "until": "2026-02-15"},
    ]}
    assert loaded.post("/v1/import", json=extra, headers=AUTH).status_code == 200
    response = loaded.get("/v1/opportunities/o1/decision-map", params={"as_of": AS_OF}, headers=AUTH)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["member_ids"] == ["m1", "m2", "m3", "m5"]  # m4 left the chain on 2026-02-01
    # m3 reports to m1; m1 -> m5 is this deal's own; o2's line and the ended one are left out;
    # x is not a member, so x -> m2 is not drawn.
    assert sorted((e["from"], e["to"], e["type"], e["deal_specific"]) for e in body["edges"]) == [
        ("m1", "m5", "INFLUENCES", True), ("m3", "m1", "REPORTS_TO", False)]
    assert body["rival_influence"] == [{"competitor_id": "k1", "competitor_name": "远景科技",
                                        "staff_id": "ks1", "staff_name": "周涛",
                                        "contact_id": "m3", "strength": 0.7}]
    assert body["truncated"] is False
    missing = loaded.get("/v1/opportunities/nope/decision-map", headers=AUTH)
    assert missing.status_code == 404


def test_portrait_gives_features_as_of_a_date_and_the_history_behind_them(loaded: TestClient) -> None:
    def portrait(as_of: str) -> dict[str, Any]:
        response = loaded.get("/v1/contacts/m5/portrait", params={"as_of": as_of}, headers=AUTH)
        assert response.status_code == 200, response.text
        return dict(response.json())

    march = portrait(AS_OF)
    # The o2 assessment is about another deal: it is history, not the general portrait.
    assert march["features"]["closeness"] == "strong_support"
    assert (march["features"]["veto"], march["features"]["approver"]) == (False, False)
    assert [(a["at"], a["opportunity_id"], a["closeness"]) for a in march["history"]] == [
        ("2026-02-01", "o2", "strong_oppose"), ("2026-01-10", None, "strong_support")]
    assert march["history_truncated"] is False
    may = portrait("2026-05-01")
    assert may["features"]["closeness"] == "oppose"
    assert may["history"][0]["at"] == "2026-04-01"
    assert loaded.get("/v1/contacts/nope/portrait", headers=AUTH).status_code == 404


def test_path_nodes_carry_the_contacts_attitudes(loaded: TestClient) -> None:
    body = loaded.get("/v1/contacts/m1/influence-paths", params={"as_of": AS_OF}, headers=AUTH).json()
    first = body["paths"][0]
    assert [n["id"] for n in first["nodes"]] == ["e1", "m1"]
    employee, target = first["nodes"]
    assert (employee["closeness"], employee["veto"]) == (None, None)
    # General assessment of 2026-01-10 (the o1 one is for that deal only).
    assert (target["closeness"], target["veto"], target["approver"]) == ("support", True, False)


def test_a_third_party_makes_a_member_reachable_and_is_on_the_decision_map(
        loaded: TestClient) -> None:
    # m3 is reached by nobody; e3 knows the design institute p1, which influences m3 (generally)
    # and m5 for this deal only; its line to m2 is another deal's, its line to m1 has ended.
    extra = {"third_parties": [{"id": "p1", "name": "江苏电力设计院", "category": "design_institute"}],
             "relationships": [
                 {"type": "INFLUENCES", "from": "e3", "to": "p1", "strength": 0.8},
                 {"type": "INFLUENCES", "from": "p1", "to": "m3", "strength": 0.6},
                 {"type": "INFLUENCES", "from": "p1", "to": "m5", "strength": 0.5,
                  "opportunity_id": "o1"},
                 {"type": "INFLUENCES", "from": "p1", "to": "m2", "opportunity_id": "o2"},
                 {"type": "INFLUENCES", "from": "p1", "to": "m1", "until": "2026-02-15"}]}
    assert loaded.post("/v1/import", json=extra, headers=AUTH).status_code == 200
    members = {m["contact_id"]: m for m in chain(loaded)["members"]}
    assert [members[m]["reachable"] for m in ("m1", "m2", "m3", "m5")] == [True, True, True, True]
    body = loaded.get("/v1/opportunities/o1/decision-map", params={"as_of": AS_OF},
                      headers=AUTH).json()
    assert body["third_party_influence"] == [
        {"third_party_id": "p1", "third_party_name": "江苏电力设计院", "category": "design_institute",
         "title": None, "contact_id": "m3", "strength": 0.6, "deal_specific": False},
        {"third_party_id": "p1", "third_party_name": "江苏电力设计院", "category": "design_institute",
         "title": None, "contact_id": "m5", "strength": 0.5, "deal_specific": True}]


def test_members_show_the_account_they_worked_at_on_the_date(client: TestClient) -> None:
    # m1 worked at a-old until 2025-06-01 (the first day they no longer did) and at a-new since;
    # m2 has always worked at a-new, the deal's account; the rep e1 owns a-new alone.
    doc = {
        "accounts": [{"id": "a-old", "name": "旧东家电网"}, {"id": "a-new", "name": "新东家银行"}],
        "employees": [{"id": "e1", "name": "李明"}],
        "contacts": [{"id": m, "account_id": "a-new", "name": m} for m in ("m1", "m2")],
        "opportunities": [{"id": "o1", "account_id": "a-new", "name": "核心系统升级"}],
        "relationships": [
            {"type": "WORKS_AT", "from": "m1", "to": "a-old", "since": "2025-01-01",
             "until": "2025-06-01"},
            {"type": "WORKS_AT", "from": "m1", "to": "a-new", "since": "2025-06-01"},
            chain_rel("m1", "decision_maker"), chain_rel("m2", "evaluator"),
            {"type": "OWNS", "from": "e1", "to": "a-new"},
        ],
    }
    assert client.post("/v1/import", json=doc, headers=AUTH).status_code == 200
    rep = create(client, role="rep", employee_id="e1")

    def read(as_of: str, headers: dict[str, str]) -> tuple[list[tuple[Any, ...]], str]:
        response = client.get("/v1/opportunities/o1/decision-chain", headers=headers,
                              params={"as_of": as_of})
        assert response.status_code == 200, response.text
        return [(m["contact_id"], m["account_id"], m["account_name"])
                for m in response.json()["members"]], response.text

    # 2025-01-01 <= 2025-03-01 < 2025-06-01: m1 still at a-old.
    assert read("2025-03-01", AUTH)[0] == [("m1", "a-old", "旧东家电网"),
                                           ("m2", "a-new", "新东家银行")]
    assert read("2025-09-01", AUTH)[0] == [("m1", "a-new", "新东家银行"),
                                           ("m2", "a-new", "新东家银行")]
    # The rep may read the deal (at a-new), not learn where m1 worked before.
    members, text = read("2025-03-01", rep)
    assert members == [("m1", None, None), ("m2", "a-new", "新东家银行")]
    assert "a-old" not in text and "旧东家电网" not in text
    assert read("2025-09-01", rep)[0] == [("m1", "a-new", "新东家银行"), ("m2", "a-new", "新东家银行")]
    sheet = client.get("/v1/opportunities/o1/decision-chain", headers=rep,
                       params={"as_of": "2025-03-01", "format": "csv"})
    assert sheet.status_code == 200 and "a-old" not in sheet.text and "旧东家电网" not in sheet.text
