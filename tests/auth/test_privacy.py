"""Private networks: colleagues outside the team stay hidden until they accept an introduction."""

from datetime import date, timedelta
from typing import Any

from fastapi.testclient import TestClient
from neo4j import Driver

from tests.conftest import AUTH, count


def paths_to_c1(client: TestClient, headers: dict[str, str]) -> list[dict[str, Any]]:
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
    # As a value: a reference is random text, which may hold the two letters anywhere.
    assert '"e4"' not in client.get("/v1/contacts/c1/influence-paths", headers=tokens["rep"]).text
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
    assert client.post(f"/v1/introductions/{intro['id']}/helped", headers=colleague).status_code == 403
    assert client.post(f"/v1/introductions/{intro['id']}/helped", headers=rep).status_code == 409
    incoming = client.get("/v1/introductions", headers=colleague).json()
    assert [(i["id"], i["requester_id"]) for i in incoming] == [(intro["id"], "e1")]

    accepted = client.post(f"/v1/introductions/{intro['id']}/accept", headers=colleague)
    assert accepted.status_code == 200 and accepted.json()["status"] == "accepted"
    assert paths_to_c1(client, rep)[0]["employee_id"] == "e4"  # now the rep may know

    assert client.post(f"/v1/introductions/{intro['id']}/made", headers=colleague).status_code == 200
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
                       headers=tokens["other_rep"]).status_code == 409


def test_a_request_withdrawn_before_an_answer_keeps_the_colleague_hidden(
        client: TestClient, tokens: dict[str, dict[str, str]]) -> None:
    rep, colleague = tokens["rep"], tokens["other_rep"]
    ref = paths_to_c1(client, rep)[0]["employee_id"]
    intro = client.post("/v1/introductions", headers=rep,
                        json={"colleague": ref, "contact_id": "c1"}).json()
    # Only the requester withdraws, and only a request not yet answered.
    assert client.post(f"/v1/introductions/{intro['id']}/withdraw",
                       headers=colleague).status_code == 403
    withdrawn = client.post(f"/v1/introductions/{intro['id']}/withdraw", headers=rep,
                            json={"message": "asked the wrong person"})
    assert withdrawn.status_code == 200, withdrawn.text
    body = withdrawn.json()
    assert (body["status"], body["colleague_id"]) == ("withdrawn", ref)
    assert [h.split("@")[0] for h in body["history"]] == ["requested", "withdrawn"]
    assert [(m["status"], m["text"]) for m in body["messages"]] == [
        ("withdrawn", "asked the wrong person")]
    assert paths_to_c1(client, rep)[0]["masked"] is True
    # The colleague can no longer answer it; the requester may ask again.
    assert client.post(f"/v1/introductions/{intro['id']}/accept",
                       headers=colleague).status_code == 409
    again = client.post("/v1/introductions", headers=rep, json={"colleague": ref, "contact_id": "c1"})
    assert again.status_code == 201, again.text
    accepted = client.post(f"/v1/introductions/{again.json()['id']}/accept", headers=colleague)
    assert accepted.status_code == 200
    assert client.post(f"/v1/introductions/{again.json()['id']}/withdraw",
                       headers=rep).status_code == 409


def test_reads_of_networks_are_audited(client: TestClient, tokens: dict[str, dict[str, str]]) -> None:
    paths_to_c1(client, tokens["rep"])
    assert client.get("/v1/employees/e1", headers=tokens["lead"]).status_code == 200
    assert client.get("/v1/kpis/influence?scope=employee:e1", headers=tokens["lead"]).status_code == 200
    events = client.get("/v1/audit", headers=AUTH).json()
    seen = {(e["employee_id"], e["action"], e["subject"]) for e in events}
    assert {("e1", "influence-paths", "c1"), ("e2", "employee", "e1"),
            ("e2", "own-network", "e1")} <= seen
    # Paged back from a page's last event: the events before it, newest first.
    first = client.get("/v1/audit", headers=AUTH, params={"limit": 1}).json()
    rest = client.get("/v1/audit", headers=AUTH, params={"before": first[-1]["at"]}).json()
    assert first + rest == events and len(events) >= 3
    only_lead = client.get("/v1/audit", headers=AUTH, params={"employee_id": "e2"}).json()
    assert {e["employee_id"] for e in only_lead} == {"e2"}
    # Any ISO offset is taken, also one Neo4j cannot store (beyond +-18h): compared in UTC.
    far_offset = client.get("/v1/audit", headers=AUTH, params={"since": "2000-01-01T00:00:00-20:21"})
    assert far_offset.status_code == 200 and len(far_offset.json()) == len(events)
    future = client.get("/v1/audit", headers=AUTH, params={"since": "2999-01-01T00:00:00+00:00"})
    assert future.json() == []


def _strings(value: object) -> set[str]:
    """Every string in a JSON answer, keys and values."""
    if isinstance(value, dict):
        return set(value) | {s for v in value.values() for s in _strings(v)}
    if isinstance(value, list):
        return {s for v in value for s in _strings(v)}
    return {value} if isinstance(value, str) else set()


# The ids of team t1's objects a rep reads by, per resource; the scope of its own network.
OWN = {"accounts": "a1", "contacts": "c1", "opportunities": "o1", "employees": "e1",
       "competitors": "k1", "third-parties": "p1"}
# The query: c2's name, another team's key person (found by the acquaintance search alone).
QUERY = {"scope": "employee:e1", "q": "陈红梅"}
# GET routes a rep is refused whatever the id (tests/auth/test_access.py covers those).
NOT_FOR_REPS = {"/v1/teams/{id}", "/v1/esp/accounts", "/v1/esp/weights", "/v1/esp/thresholds",
                "/v1/principals", "/v1/audit",
                # a spreadsheet of column names, the same for everyone (tests/sheets)
                "/v1/import/{part}/template",
                # webhooks are for admins and company-wide integrations (tests/webhooks)
                "/v1/webhooks", "/v1/webhooks/{id}/deliveries"}


def rep_reads(client: TestClient) -> list[str]:
    """Every GET route of the API, filled with ids a rep may read: new routes join the walk."""
    found = []
    for template, operations in client.app.openapi()["paths"].items():  # type: ignore[attr-defined]
        if "get" not in operations or not template.startswith("/v1") or template in NOT_FOR_REPS:
            continue
        path = template.replace("{id}", OWN.get(template.split("/")[2], ""))
        params = [f"{p['name']}={QUERY[p['name']]}" for p in operations["get"].get("parameters", [])
                  if p["in"] == "query" and p["name"] in QUERY]
        found.append(path + ("?" + "&".join(params) if params else ""))
    return found


def test_no_answer_names_a_colleague_the_rep_may_not_see(client: TestClient,
                                                       tokens: dict[str, dict[str, str]]) -> None:
    # Team t2's colleagues also own and know things at a1, and a rival is on both teams' deals;
    # the rep knows c2 (another team's key person, owned by e3).
    more = {"relationships": [
        {"type": "OWNS", "from": "e4", "to": "a1"},
        {"type": "LEVERAGED", "from": "e3", "to": "o1"},
        {"type": "INFLUENCES", "from": "e1", "to": "c2", "strength": 0.7},
        {"type": "COMPETES_ON", "from": "k1", "to": "o1"},
        {"type": "COMPETES_ON", "from": "k1", "to": "o2"},
        # A third party known to a hidden colleague, influencing both teams' people.
        {"type": "INFLUENCES", "from": "e4", "to": "p1", "strength": 0.8},
        {"type": "INFLUENCES", "from": "p1", "to": "c1", "strength": 0.6},
        {"type": "INFLUENCES", "from": "p1", "to": "c2", "strength": 0.6}],
        "assessments": [{"contact_id": "c2", "at": "2026-01-05", "closeness": "support"}]}
    assert client.post("/v1/import", json=more, headers=AUTH).status_code == 200
    # An action on a1 that e4 took on and let fall overdue yesterday: listed in the rep's
    # actions and in this week's changes, with e4 as its owner.
    late = (date.today() - timedelta(days=1)).isoformat()
    assert client.post("/v1/actions", headers=AUTH, json={
        "account_id": "a1", "kind": "custom", "note": "x", "owner_id": "e4",
        "due": late}).status_code == 201
    overdue = client.get("/v1/changes?scope=employee:e1", headers=tokens["rep"]).json()
    assert [e["type"] for e in overdue["events"]] == ["action_overdue"]
    reads = rep_reads(client)
    assert len(reads) >= 32  # the walk found the routes (32 on 2026-11-30)
    for path in [*reads, "/v1/opportunities/o1/influencers?include_paths=true", "/v1/search?q=孙"]:
        response = client.get(path, headers=tokens["rep"])
        assert response.status_code == 200, (path, response.text)
        if path.startswith("/v1/acquaintance-candidates"):  # by name and account name only
            assert [(c["contact_id"], c["account_id"], c["account_name"])
                    for c in response.json()["candidates"]] == [("c2", None, "江苏农商银行")]
        strings = _strings(response.json())
        assert not strings & {"e3", "e4", "t2", "o2", "a2"}, (path, strings & {"e3", "e4", "o2"})
        assert not any(name in s for s in strings for name in ("赵敏", "孙磊")), path
    edges = client.get("/v1/accounts/a1", headers=tokens["rep"]).json()["relationships"]
    owners = [e["from"] for e in edges if e["type"] == "OWNS"]
    assert len(owners) == 2 and "e1" in owners
    assert next(o for o in owners if o != "e1").startswith("colleague-")
    rival = client.get("/v1/competitors/k1", headers=tokens["rep"]).json()["relationships"]
    assert [e["to"] for e in rival] == ["o1"]
    # The company view still names them.
    exec_edges = client.get("/v1/accounts/a1", headers=tokens["exec"]).json()["relationships"]
    assert sorted(e["from"] for e in exec_edges if e["type"] == "OWNS") == ["e1", "e4"]


def test_a_hidden_colleague_cannot_be_probed_by_id(client: TestClient,
                                                 tokens: dict[str, dict[str, str]]) -> None:
    rep = tokens["rep"]
    probes = ["/v1/contacts/c1/influence-paths?employee_id={}",
              "/v1/opportunities/o1/risk?employee_left={}"]
    for probe in probes:
        hidden = client.get(probe.format("e4"), headers=rep)
        missing = client.get(probe.format("e-none"), headers=rep)
        assert hidden.status_code == missing.status_code == 404, (probe, hidden.text)
        assert hidden.json() == missing.json()
        assert client.get(probe.format("e1"), headers=rep).status_code == 200
    for colleague in ("e4", "e-none"):
        asked = client.post("/v1/introductions", headers=rep,
                            json={"colleague": colleague, "contact_id": "c1"})
        assert asked.status_code == 404 and '"e4"' not in asked.text
    # The reference the rep was shown names the colleague well enough.
    ref = paths_to_c1(client, rep)[0]["employee_id"]
    only_e4 = client.get(f"/v1/contacts/c1/influence-paths?employee_id={ref}", headers=rep).json()
    assert [p["employee_id"] for p in only_e4["paths"]] == [ref]


def test_reads_of_another_employees_network_are_audited_on_every_route(
        client: TestClient, tokens: dict[str, dict[str, str]]) -> None:
    lead = tokens["lead"]
    for path in ["/v1/contacts/c1/influence-paths?employee_id=e1",
                 "/v1/opportunities/o1/risk?employee_left=e1",
                 "/v1/kpis/key-persons?scope=employee:e1", "/v1/employees/e1/network"]:
        assert client.get(path, headers=lead).status_code == 200, path
    events = client.get("/v1/audit", headers=AUTH, params={"employee_id": "e2"}).json()
    assert sum((e["action"], e["subject"]) == ("own-network", "e1") for e in events) == 4


def test_introductions_stay_inside_the_perspective_and_each_step_is_atomic(
        client: TestClient, raw_driver: Driver, tokens: dict[str, dict[str, str]]) -> None:
    rep, colleague = tokens["rep"], tokens["other_rep"]
    ref = paths_to_c1(client, rep)[0]["employee_id"]
    # Another team's deal, or a deal of another account, cannot be what the introduction is for:
    # refused as one that does not exist is, so that the answer tells nothing of it.
    for deal in ("o2", "o-none"):
        no_deal = client.post("/v1/introductions", headers=rep, json={
            "colleague": ref, "contact_id": "c1", "opportunity_id": deal})
        assert no_deal.status_code == 422 and no_deal.json()["errors"] == [{
            "path": "opportunity_id", "code": "deal_not_on_account",
            "message": "no deal with that id on the contact's account"}]
    # A colleague who does not exist, even for a company-wide requester.
    assert client.post("/v1/introductions", headers=tokens["exec"], json={
        "colleague": "e-none", "contact_id": "c1"}).status_code == 404
    intro = client.post("/v1/introductions", headers=rep, json={
        "colleague": ref, "contact_id": "c1", "opportunity_id": "o1"}).json()
    step = f"/v1/introductions/{intro['id']}/"
    # Only the right party takes each step; a stranger cannot even tell it exists.
    assert client.post(step + "accept", headers=tokens["lead"]).status_code == 404
    assert client.post(step + "accept", headers=colleague).status_code == 200
    assert client.post(step + "made", headers=rep).status_code == 403
    assert client.post(step + "made", headers=colleague).status_code == 200
    assert client.post(step + "helped", headers=colleague).status_code == 403
    # The rep no longer owns the deal's account: recording the leverage is refused, and the
    # status stays where it was.
    today = date.today().isoformat()
    assert client.post("/v1/relationships/end", headers=AUTH, json={
        "type": "OWNS", "from": "e1", "to": "a1", "until": today}).json() == {"ended": 1}
    refused = client.post(step + "helped", headers=rep)
    assert refused.status_code == 403, refused.text
    assert [i["status"] for i in client.get("/v1/introductions", headers=colleague).json()] == ["made"]
    assert count(raw_driver, "MATCH ()-[r:LEVERAGED]->() RETURN count(r)") == 0


def test_a_scope_on_an_earlier_date_holds_only_the_accounts_its_reader_sees_today(
        client: TestClient, tokens: dict[str, dict[str, str]]) -> None:
    """e1 owned a2 until a month ago: e1's lines as of before then counted a2, but e1 (and e1's
    lead) see only e1's accounts of today; an exec sees e1's portfolio as it was."""
    today = date.today()
    assert client.post("/v1/import", headers=AUTH, json={"relationships": [
        {"type": "OWNS", "from": "e1", "to": "a2", "since": str(today - timedelta(days=400)),
         "until": str(today - timedelta(days=30))}]}).status_code == 200

    def seen(who: str, as_of: date) -> tuple[list[str], list[str], float | None]:
        params = {"scope": "employee:e1", "as_of": str(as_of)}
        customers = client.get("/v1/kpis/customers", headers=tokens[who], params=params)
        people = client.get("/v1/kpis/key-persons", headers=tokens[who], params=params)
        assert customers.status_code == people.status_code == 200, (customers.text, people.text)
        line = people.json()
        listed = [p["account_id"] for degree in line["lists"].values()
                  for bucket in degree.values() for p in bucket]
        return ([a["account_id"] for a in customers.json()["account_list"]],
                sorted(set(listed + [p["account_id"] for p in line["not_insighted_list"]])),
                line["key_persons"]["value"])

    then = today - timedelta(days=60)
    assert seen("exec", then) == (["a1", "a2"], ["a1", "a2"], 2)
    assert seen("rep", then) == seen("lead", then) == (["a1"], ["a1"], 1)
    assert seen("rep", today) == seen("exec", today) == (["a1"], ["a1"], 1)


def test_a_person_at_an_account_the_reader_does_not_see_is_someone_elsewhere(
        client: TestClient, tokens: dict[str, dict[str, str]]) -> None:
    # c2 (a2, not the rep's) influences c1 (a1, the rep's); e3 reaches c1 only through c2.
    for item in ({"type": "INFLUENCES", "from": "c2", "to": "c1", "strength": 0.8},
                 {"type": "INFLUENCES", "from": "e3", "to": "c2", "strength": 0.9}):
        assert client.post("/v1/relationships", json=item, headers=AUTH).status_code == 200
    assert client.post("/v1/assessments", headers=AUTH, json={
        "contact_id": "c2", "at": "2026-01-05", "closeness": "support", "veto": True}
                       ).status_code == 200
    url = "/v1/contacts/c1/influence-paths"
    for reader in ("rep", "lead"):
        response = client.get(url, headers=tokens[reader])
        assert response.status_code == 200, response.text
        found = response.json()
        through = [p for p in found["paths"] if p["hops"] == 2]
        assert len(through) == 1 and through[0]["masked"] is True
        person = through[0]["nodes"][1]
        assert str(person["id"]).startswith("person-")
        assert {k: v for k, v in person.items() if v is not None} == {
            "id": person["id"], "kind": "Contact"}
        assert [{k: v for k, v in i.items() if v is not None} for i in found["influenced_by"]] == [
            {"id": person["id"], "kind": "Contact", "strength": 0.8}]
        assert '"c2"' not in response.text and "陈红梅" not in response.text
        # A reference to show, not to ask with.
        assert client.get(f"/v1/contacts/{person['id']}",
                          headers=tokens[reader]).status_code == 404
        assert client.post("/v1/introductions", headers=tokens[reader], json={
            "colleague": person["id"], "contact_id": "c1"}).status_code == 404
    # The same person is another reference for another reader; the company view names them.
    rep_ref = client.get(url, headers=tokens["rep"]).json()["influenced_by"][0]["id"]
    assert rep_ref != client.get(url, headers=tokens["lead"]).json()["influenced_by"][0]["id"]
    company = client.get(url, headers=tokens["exec"]).json()
    assert [(n["id"], n["name"], n["closeness"], n["veto"]) for p in company["paths"]
            if p["hops"] == 2 for n in p["nodes"][1:2]] == [("c2", "陈红梅", "support", True)]
    assert [(i["id"], i["name"], i["closeness"]) for i in company["influenced_by"]] == [
        ("c2", "陈红梅", "support")]


def test_an_own_network_shows_a_person_outside_the_perspective_by_name_and_company_only(
        client: TestClient, tokens: dict[str, dict[str, str]]) -> None:
    """Anyone may say they know anyone: saying so must not show how that person stands toward
    us. The rep e1 knows c1 (their account) and c2 (another team's, assessed supportive)."""
    assert client.post("/v1/import", headers=AUTH, json={
        "contacts": [{"id": "c2", "account_id": "a2", "name": "陈红梅", "key_person": True,
                      "department": "科技部", "title": "总经理"}],
        "relationships": [{"type": "INFLUENCES", "from": "e1", "to": "c2", "strength": 0.1}],
        "assessments": [{"contact_id": "c2", "at": "2026-01-05", "closeness": "support"},
                        {"contact_id": "c1", "at": "2026-01-05", "closeness": "oppose"}]}
    ).status_code == 200

    def own(who: dict[str, str]) -> dict[str, tuple[Any, ...]]:
        line = client.get("/v1/kpis/influence", headers=who, params={"scope": "employee:e1"})
        assert line.status_code == 200, line.text
        return {i["contact_id"]: (i["company"], i["department"], i["position"], i["closeness"],
                                  len(i["owner_ids"])) for i in line.json()["own_network"]}

    assert own(tokens["rep"]) == {"c1": ("华东电网", None, None, "oppose", 1),
                                  "c2": ("江苏农商银行", None, None, None, 0)}
    assert own(tokens["exec"])["c2"] == ("江苏农商银行", "科技部", "总经理", "support", 1)
