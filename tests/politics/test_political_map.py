"""Hidden influencers: a staff member two levels down who moves the top and both managers."""

from typing import Any

from fastapi.testclient import TestClient

from tests.conftest import AUTH


def org() -> dict[str, Any]:
    reports = [("M1", "T"), ("M2", "T"), ("S1", "M1"), ("S2", "M1"), ("S3", "M2"), ("S4", "M2")]
    people = ["T", "M1", "M2", "S1", "S2", "S3", "S4", "LONE"]
    return {
        "accounts": [{"id": "a1", "name": "山东重工"}],
        "contacts": [{"id": p, "account_id": "a1", "name": p, "key_person": p != "LONE",
                      "top_of_hierarchy": p == "T"} for p in people],
        "relationships": [{"type": "REPORTS_TO", "from": a, "to": b} for a, b in reports] + [
            {"type": "INFLUENCES", "from": "S3", "to": t, "strength": 0.9} for t in ("T", "M1", "M2", "S1")
        ] + [{"type": "INFLUENCES", "from": "S4", "to": "T", "strength": 0.9, "since": "2026-06-01"}],
    }


def political_map(client: TestClient, as_of: str) -> dict[str, Any]:
    response = client.get("/v1/accounts/a1/political-map", headers=AUTH, params={"as_of": as_of})
    assert response.status_code == 200, response.text
    return dict(response.json())


def test_the_influential_staff_member_is_hidden(client: TestClient) -> None:
    assert client.post("/v1/import", json=org(), headers=AUTH).status_code == 200
    body = political_map(client, "2026-03-01")
    people = {p["contact_id"]: p for p in body["people"]}
    assert body["hidden"] == ["S3"]
    assert people["S3"]["depth"] == 2 and people["S3"]["influence_rank"] <= 2
    assert people["S3"]["influences"] == ["M1", "M2", "S1", "T"]
    assert people["S3"]["influence_score"] > people["M1"]["influence_score"]
    assert (people["T"]["depth"], people["M1"]["depth"], people["LONE"]["depth"]) == (0, 1, None)
    assert [p["influence_rank"] for p in body["people"]] == list(range(1, 9))
    assert len(body["edges"]) == 10  # six reporting lines, four influences (S4's starts later)


def test_edges_count_only_from_their_start(client: TestClient) -> None:
    assert client.post("/v1/import", json=org(), headers=AUTH).status_code == 200
    later_map = political_map(client, "2026-07-01")
    later = {p["contact_id"]: p for p in later_map["people"]}
    assert later["S4"]["influences"] == ["T"]
    # Each line says since when it holds: it cannot end before that day.
    assert {(e["from"], e["to"], e["since"]) for e in later_map["edges"]
            if e["from"] == "S4"} == {("S4", "M2", None), ("S4", "T", "2026-06-01")}


def test_unknown_account_is_404(client: TestClient) -> None:
    assert client.get("/v1/accounts/none/political-map", headers=AUTH).status_code == 404


def test_third_parties_influencing_the_people_are_on_the_map_but_not_ranked(
        client: TestClient) -> None:
    doc = org()
    doc["third_parties"] = [{"id": "P1", "name": "山东电力设计院", "category": "design_institute",
                             "title": "总工办"}]
    doc["relationships"] += [{"type": "INFLUENCES", "from": "P1", "to": "T", "strength": 0.7},
                             {"type": "INFLUENCES", "from": "P1", "to": "M1", "strength": 0.4,
                              "until": "2026-01-01"}]
    assert client.post("/v1/import", json=doc, headers=AUTH).status_code == 200
    body = political_map(client, "2026-03-01")
    assert body["third_party_influence"] == [
        {"third_party_id": "P1", "third_party_name": "山东电力设计院",
         "category": "design_institute", "title": "总工办", "contact_id": "T", "strength": 0.7,
         "deal_specific": False}]
    assert [p["contact_id"] for p in body["people"]] == [
        p["contact_id"] for p in political_map(client, "2026-03-01")["people"]]
    assert body["hidden"] == ["S3"] and len(body["people"]) == 8 and len(body["edges"]) == 10


def test_veto_holders_and_approvers_as_we_last_saw_them_in_general(client: TestClient) -> None:
    doc = org()
    doc["competitors"] = [{"id": "k1", "name": "对手"}]
    doc["opportunities"] = [{"id": "o1", "account_id": "a1", "name": "项目", "status": "open"}]
    doc["assessments"] = [
        {"contact_id": "T", "at": "2026-02-01", "veto": True, "approver": True},
        {"contact_id": "T", "at": "2026-05-01", "veto": False},
        {"contact_id": "M1", "at": "2026-02-01", "approver": True},
        # Not our general view: a deal's own, and a competitor's.
        {"contact_id": "M2", "at": "2026-02-01", "opportunity_id": "o1", "veto": True},
        {"contact_id": "S1", "at": "2026-02-01", "toward": "k1", "veto": True}]
    assert client.post("/v1/import", json=doc, headers=AUTH).status_code == 200

    def votes(as_of: str) -> dict[str, tuple[bool | None, bool | None]]:
        return {p["contact_id"]: (p["veto"], p["approver"])
                for p in political_map(client, as_of)["people"] if p["veto"] is not None
                or p["approver"] is not None}

    assert votes("2026-01-15") == {}
    assert votes("2026-03-01") == {"T": (True, True), "M1": (None, True)}
    # A later assessment of the veto alone leaves the approver as it was.
    assert votes("2026-06-01") == {"T": (False, True), "M1": (None, True)}
