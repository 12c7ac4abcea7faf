"""Private networks: colleagues outside the team stay hidden until they accept an introduction."""

from fastapi.testclient import TestClient
from neo4j import Driver

from tests.conftest import AUTH, count


def paths_to_c1(client: TestClient, headers: dict[str, str]) -> list[dict[str, object]]:
    response = client.get("/v1/contacts/c1/influence-paths", headers=headers)
    assert response.status_code == 200, response.text
    return list(response.json()["paths"])


def test_a_colleague_outside_the_team_is_a_reference(client: TestClient,
                                                    tokens: dict[str, dict[str, str]]) -> None:
    paths = paths_to_c1(client, tokens["rep"])
    assert [(p["strength"], p["masked"]) for p in paths] == [(0.9, True), (0.5, False)]
    hidden = paths[0]
    assert str(hidden["employee_id"]).startswith("colleague-") and hidden["employee_id"] != "e4"
    assert {k: v for k, v in hidden["nodes"][0].items() if v is not None} == {
        "id": hidden["employee_id"], "kind": "Employee"}
    assert paths[1]["employee_id"] == "e1"
    assert "e4" not in client.get("/v1/contacts/c1/influence-paths", headers=tokens["rep"]).text
    # The company view names everyone.
    assert [p["employee_id"] for p in paths_to_c1(client, tokens["exec"])] == ["e4", "e1"]


def test_introduction_workflow_reveals_and_records_leverage(client: TestClient, raw_driver: Driver,
                                                            tokens: dict[str, dict[str, str]]) -> None:
    rep, colleague = tokens["rep"], tokens["other_rep"]
    ref = paths_to_c1(client, rep)[0]["employee_id"]
    asked = client.post("/v1/introductions", headers=rep,
                        json={"colleague": ref, "contact_id": "c1", "opportunity_id": "o1"})
    assert asked.status_code == 201, asked.text
    intro = asked.json()
    assert intro["status"] == "requested" and intro["colleague_id"] == ref

    assert client.post(f"/v1/introductions/{intro['id']}/accept", headers=rep).status_code == 403
    assert client.post(f"/v1/introductions/{intro['id']}/helped", headers=colleague).status_code == 409
    incoming = client.get("/v1/introductions", headers=colleague).json()
    assert [(i["id"], i["requester_id"]) for i in incoming] == [(intro["id"], "e1")]

    accepted = client.post(f"/v1/introductions/{intro['id']}/accept", headers=colleague)
    assert accepted.status_code == 200 and accepted.json()["status"] == "accepted"
    assert paths_to_c1(client, rep)[0]["employee_id"] == "e4"  # now the rep may know

    assert client.post(f"/v1/introductions/{intro['id']}/made", headers=rep).status_code == 200
    helped = client.post(f"/v1/introductions/{intro['id']}/helped", headers=rep)
    assert helped.status_code == 200 and helped.json()["status"] == "helped"
    assert [h.split("@")[0] for h in helped.json()["history"]] == [
        "requested", "accepted", "made", "helped"]
    assert count(raw_driver, "MATCH (:Employee {id: 'e4'})-[r:LEVERAGED]->(:Opportunity {id: 'o1'}) "
                             "RETURN count(r)") == 1


def test_a_declined_introduction_keeps_the_colleague_hidden(client: TestClient,
                                                           tokens: dict[str, dict[str, str]]) -> None:
    ref = paths_to_c1(client, tokens["rep"])[0]["employee_id"]
    intro = client.post("/v1/introductions", headers=tokens["rep"],
                        json={"colleague": ref, "contact_id": "c1"}).json()
    assert client.post(f"/v1/introductions/{intro['id']}/decline",
                       headers=tokens["other_rep"]).status_code == 200
    assert paths_to_c1(client, tokens["rep"])[0]["masked"] is True
    assert client.post(f"/v1/introductions/{intro['id']}/made",
                       headers=tokens["rep"]).status_code == 409


def test_reads_of_networks_are_audited(client: TestClient, tokens: dict[str, dict[str, str]]) -> None:
    paths_to_c1(client, tokens["rep"])
    assert client.get("/v1/employees/e1", headers=tokens["lead"]).status_code == 200
    assert client.get("/v1/kpis/influence?scope=employee:e1", headers=tokens["lead"]).status_code == 200
    events = client.get("/v1/audit", headers=AUTH).json()
    seen = {(e["employee_id"], e["action"], e["subject"]) for e in events}
    assert {("e1", "influence-paths", "c1"), ("e2", "employee", "e1"),
            ("e2", "own-network", "e1")} <= seen
    only_lead = client.get("/v1/audit", headers=AUTH, params={"employee_id": "e2"}).json()
    assert {e["employee_id"] for e in only_lead} == {"e2"}
    # Any ISO offset is taken, also one Neo4j cannot store (beyond +-18h): compared in UTC.
    far_offset = client.get("/v1/audit", headers=AUTH, params={"since": "2000-01-01T00:00:00-20:21"})
    assert far_offset.status_code == 200 and len(far_offset.json()) == len(events)
    future = client.get("/v1/audit", headers=AUTH, params={"since": "2999-01-01T00:00:00+00:00"})
    assert future.json() == []
