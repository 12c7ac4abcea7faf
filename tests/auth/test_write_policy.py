"""Who may write what (one policy for every write route): each limited writer inside its
perspective, refused outside it with 403 problem+json and nothing written.

The org (tests/auth/conftest.py): rep e1 owns a1 (contact c1, deal o1) in team t1, led by e2;
e3 owns a2 (contact c2, deal o2) in team t2 with e4. The scoped writer is an integration
scoped to team t1 with write rights.
"""

from typing import Any

import pytest
from fastapi.testclient import TestClient
from neo4j import Driver

from tests.conftest import AUTH, count, graph_fingerprint

LIMITED = ["rep", "lead", "scoped_writer"]

# (route, body): each touches or points to data outside team t1's accounts, or is data only
# admins and company-wide writers change.
OUTSIDE: list[tuple[str, dict[str, Any]]] = [
    ("/v1/accounts", {"id": "a2", "name": "renamed"}),
    ("/v1/accounts", {"id": "a9", "name": "a new account nobody owns"}),
    ("/v1/teams", {"id": "t2", "name": "金融行业部", "lead_id": "e1"}),
    ("/v1/employees", {"id": "e4", "name": "孙磊", "team_id": "t1"}),
    ("/v1/competitors", {"id": "k1", "name": "renamed"}),
    ("/v1/competitor-staff", {"id": "ks9", "competitor_id": "k1", "name": "x"}),
    ("/v1/third-parties", {"id": "p1", "name": "renamed", "category": "consultant"}),
    ("/v1/third-parties", {"id": "p9", "name": "新咨询", "category": "consultant"}),
    # A third party's influence on another team's contact; another team's member knowing one.
    ("/v1/relationships", {"type": "INFLUENCES", "from": "p1", "to": "c2", "strength": 0.5}),
    ("/v1/relationships", {"type": "INFLUENCES", "from": "e4", "to": "p1", "strength": 0.5}),
    ("/v1/contacts", {"id": "c2", "account_id": "a2", "name": "renamed"}),
    ("/v1/contacts", {"id": "c2", "account_id": "a1", "name": "moved into a1"}),
    ("/v1/contacts", {"id": "c1", "account_id": "a2", "name": "moved out of a1"}),
    ("/v1/contacts", {"id": "c9", "account_id": "a2", "name": "new at a2"}),
    ("/v1/opportunities", {"id": "o2", "account_id": "a2", "name": "renamed"}),
    ("/v1/opportunities", {"id": "o9", "account_id": "a2", "name": "new at a2"}),
    ("/v1/relationships", {"type": "OWNS", "from": "e1", "to": "a2"}),
    ("/v1/relationships", {"type": "OWNS", "from": "e4", "to": "a1"}),
    ("/v1/relationships", {"type": "INFLUENCES", "from": "e4", "to": "c1", "strength": 0.1}),
    ("/v1/relationships", {"type": "INFLUENCES", "from": "c1", "to": "c2", "strength": 0.5}),
    ("/v1/relationships", {"type": "INFLUENCES", "from": "c2", "to": "c1", "strength": 0.5}),
    ("/v1/relationships", {"type": "INFLUENCES", "from": "e1", "to": "c1", "strength": 0.5,
                           "opportunity_id": "o2"}),
    ("/v1/relationships", {"type": "REPORTS_TO", "from": "c1", "to": "c2"}),
    ("/v1/relationships", {"type": "IN_DECISION_CHAIN", "from": "c1", "to": "o2",
                           "role": "user"}),
    ("/v1/relationships", {"type": "IN_DECISION_CHAIN", "from": "c2", "to": "o2",
                           "role": "coach"}),
    ("/v1/relationships", {"type": "LEVERAGED", "from": "e1", "to": "o2"}),
    ("/v1/relationships", {"type": "COMPETES_ON", "from": "k1", "to": "o2"}),
    ("/v1/relationships", {"type": "WORKS_AT", "from": "c1", "to": "a2"}),
    ("/v1/relationships/end", {"type": "OWNS", "from": "e3", "to": "a2", "until": "2030-01-01"}),
    ("/v1/relationships/end", {"type": "INFLUENCES", "from": "e4", "to": "c2",
                               "until": "2030-01-01"}),
    ("/v1/assessments", {"contact_id": "c2", "at": "2026-01-05", "closeness": "oppose"}),
    ("/v1/assessments", {"contact_id": "c1", "at": "2026-01-05", "opportunity_id": "o2",
                         "closeness": "oppose"}),
    ("/v1/activities", {"id": "act9", "at": "2026-01-05", "type": "visit",
                        "employee_ids": ["e1"], "contact_ids": ["c1", "c2"]}),
    ("/v1/activities", {"id": "act9", "at": "2026-01-05", "type": "visit",
                        "employee_ids": ["e1"], "contact_ids": ["c1"], "opportunity_id": "o2"}),
    ("/v1/esp-scores", {"account_id": "a2", "at": "2026-01-05", "sales": 90}),
    ("/v1/exchange-rates", {"currency": "USD", "at": "2026-01-05", "rate": 7.1}),
    ("/v1/actions", {"account_id": "a2", "kind": "custom", "note": "x", "owner_id": "e1",
                     "due": "2030-01-15"}),
]


@pytest.mark.parametrize("who", LIMITED)
@pytest.mark.parametrize(("route", "body"), OUTSIDE)
def test_a_limited_writer_is_refused_outside_its_perspective_and_nothing_changes(
        client: TestClient, raw_driver: Driver, tokens: dict[str, dict[str, str]],
        who: str, route: str, body: dict[str, Any]) -> None:
    before = graph_fingerprint(raw_driver)
    refused = client.post(route, json=body, headers=tokens[who])
    assert refused.status_code == 403, (who, route, body, refused.text)
    assert refused.headers["content-type"] == "application/problem+json"
    assert graph_fingerprint(raw_driver) == before


def test_company_wide_settings_and_principals_are_for_admins(
        client: TestClient, raw_driver: Driver, tokens: dict[str, dict[str, str]]) -> None:
    weights = {"sales": 0.25, "potential": 0.25, "demonstration": 0.25, "winnable": 0.25}
    before = graph_fingerprint(raw_driver)
    for who in ["rep", "lead", "exec", "scoped_writer", "writer_integration"]:
        assert client.put("/v1/esp/weights/energy", json=weights,
                          headers=tokens[who]).status_code == 403, who
        assert client.put("/v1/esp/thresholds/energy", json={"top_percent": 10},
                          headers=tokens[who]).status_code == 403, who
        assert client.delete("/v1/esp/thresholds/energy",
                             headers=tokens[who]).status_code == 403, who
        assert client.post("/v1/principals", json={"role": "admin"},
                           headers=tokens[who]).status_code == 403, who
    assert graph_fingerprint(raw_driver) == before
    assert client.put("/v1/esp/weights/energy", json=weights, headers=AUTH).status_code == 200
    assert client.put("/v1/esp/thresholds/energy", json={"top_percent": 10},
                      headers=AUTH).status_code == 200


def test_an_import_with_one_item_outside_is_refused_whole_with_every_refusal_listed(
        client: TestClient, raw_driver: Driver, tokens: dict[str, dict[str, str]]) -> None:
    doc = {"contacts": [{"id": "c5", "account_id": "a1", "name": "new at a1"},
                        {"id": "c6", "account_id": "a2", "name": "new at a2"}],
           "assessments": [{"contact_id": "c1", "at": "2026-01-05", "closeness": "support"},
                           {"contact_id": "c2", "at": "2026-01-05", "closeness": "support"}]}
    before = graph_fingerprint(raw_driver)
    refused = client.post("/v1/import", json=doc, headers=tokens["rep"])
    assert refused.status_code == 403, refused.text
    assert [e["path"] for e in refused.json()["errors"]] == ["contacts[1]", "assessments[1]"]
    assert graph_fingerprint(raw_driver) == before


def test_a_rep_writes_on_their_accounts_and_their_own_acquaintances_anywhere(
        client: TestClient, raw_driver: Driver, tokens: dict[str, dict[str, str]]) -> None:
    rep = tokens["rep"]
    writes: list[tuple[str, dict[str, Any]]] = [
        ("/v1/accounts", {"id": "a1", "name": "华东电网有限公司"}),
        ("/v1/contacts", {"id": "c5", "account_id": "a1", "name": "刘洋", "title": "CFO"}),
        ("/v1/opportunities", {"id": "o5", "account_id": "a1", "name": "二期"}),
        ("/v1/relationships", {"type": "REPORTS_TO", "from": "c5", "to": "c1"}),
        ("/v1/relationships", {"type": "INFLUENCES", "from": "c5", "to": "c1", "strength": 0.6}),
        ("/v1/relationships", {"type": "IN_DECISION_CHAIN", "from": "c5", "to": "o1",
                               "role": "approver"}),
        ("/v1/relationships", {"type": "COMPETES_ON", "from": "k1", "to": "o1"}),
        ("/v1/relationships", {"type": "LEVERAGED", "from": "e4", "to": "o1"}),
        # 全员摸底: "I know this person", also at another team's account.
        ("/v1/relationships", {"type": "INFLUENCES", "from": "e1", "to": "c2", "strength": 0.4}),
        # A third party's influence on the rep's own contact, and the rep knowing it.
        ("/v1/relationships", {"type": "INFLUENCES", "from": "p1", "to": "c1", "strength": 0.7}),
        ("/v1/relationships", {"type": "INFLUENCES", "from": "e1", "to": "p1", "strength": 0.6}),
        ("/v1/assessments", {"contact_id": "c5", "at": "2026-01-05", "closeness": "support",
                             "opportunity_id": "o1"}),
        ("/v1/activities", {"id": "act1", "at": "2026-01-05", "type": "visit",
                            "employee_ids": ["e1", "e4"], "contact_ids": ["c1", "c5"],
                            "opportunity_id": "o1"}),
        ("/v1/relationships/end", {"type": "INFLUENCES", "from": "e1", "to": "c1",
                                   "until": "2030-01-01"}),
        ("/v1/esp-scores", {"account_id": "a1", "at": "2026-01-05", "sales": 70}),
    ]
    for route, body in writes:
        response = client.post(route, json=body, headers=rep)
        assert response.status_code == 200, (route, response.text)
    assert count(raw_driver, "MATCH (:Employee {id: 'e1'})-[r:INFLUENCES]->(:Contact {id: 'c2'}) "
                             "RETURN count(r)") == 1
    assert count(raw_driver, "MATCH (:Contact {id: 'c5'})-[r:IN_DECISION_CHAIN {role: 'approver'}]"
                             "->(:Opportunity {id: 'o1'}) RETURN count(r)") == 1
    # Ownership is not a rep's to change, not even on their own account.
    assert client.post("/v1/relationships", json={"type": "OWNS", "from": "e1", "to": "a1"},
                       headers=rep).status_code == 403


def test_the_key_account_override_is_the_companys_choice(
        client: TestClient, raw_driver: Driver, tokens: dict[str, dict[str, str]]) -> None:
    """A rep edits their own account but not whether it is a key account; sending the stored
    value back (a form that resends every field) is no change and passes."""
    rep = tokens["rep"]
    mark = {"id": "a1", "name": "华东电网", "key_account_override": True}
    refused = client.post("/v1/accounts", json=mark, headers=rep)
    assert refused.status_code == 403, refused.text
    assert ["key-account override" in e["message"] for e in refused.json()["errors"]] == [True]
    assert count(raw_driver, "MATCH (a:Account {id: 'a1'}) "
                             "RETURN count(a.key_account_override)") == 0
    assert client.post("/v1/accounts", json=mark, headers=AUTH).status_code == 200
    assert client.post("/v1/accounts", json={**mark, "name": "华东电网公司"},
                       headers=rep).status_code == 200
    cleared = client.post("/v1/accounts", json={"id": "a1", "name": "华东电网"}, headers=rep)
    assert cleared.status_code == 403, cleared.text
    assert count(raw_driver, "MATCH (a:Account {id: 'a1', key_account_override: true}) "
                             "RETURN count(a)") == 1


def test_a_lead_assigns_team_accounts_and_records_members_acquaintances(
        client: TestClient, raw_driver: Driver, tokens: dict[str, dict[str, str]]) -> None:
    lead = tokens["lead"]
    assert client.post("/v1/relationships", json={"type": "OWNS", "from": "e2", "to": "a1"},
                       headers=lead).status_code == 200
    assert client.post("/v1/relationships", json={"type": "INFLUENCES", "from": "e1", "to": "c2",
                                                  "strength": 0.3}, headers=lead).status_code == 200
    # A member knowing a third party is the lead's to record; another team's member is not.
    assert client.post("/v1/relationships", json={"type": "INFLUENCES", "from": "e1", "to": "p1",
                                                  "strength": 0.3}, headers=lead).status_code == 200
    assert client.post("/v1/relationships", json={"type": "INFLUENCES", "from": "e3", "to": "p1",
                                                  "strength": 0.3}, headers=lead).status_code == 403
    assert count(raw_driver, "MATCH (:Employee {id: 'e2'})-[r:OWNS]->(:Account {id: 'a1'}) "
                             "RETURN count(r)") == 1
    # The scoped integration writes inside team t1 but assigns no accounts.
    scoped = tokens["scoped_writer"]
    assert client.post("/v1/assessments", json={"contact_id": "c1", "at": "2026-01-06",
                                                "veto": True}, headers=scoped).status_code == 200
    assert client.post("/v1/relationships", json={"type": "OWNS", "from": "e1", "to": "a1"},
                       headers=scoped).status_code == 403


def test_writers_without_rights_and_unknown_ids_are_answered_in_order(
        client: TestClient, tokens: dict[str, dict[str, str]]) -> None:
    # An integration without can_write writes nothing; a malformed item is 422 before policy.
    assert client.post("/v1/assessments", json={"contact_id": "c1", "at": "2026-01-06"},
                       headers=tokens["team_integration"]).status_code == 403
    bad = client.post("/v1/contacts", json={"id": "c7", "account_id": "a-none", "name": "x"},
                      headers=tokens["rep"])
    assert bad.status_code == 422 and bad.json()["errors"][0]["path"] == "account_id"
    # Ending a line of an id nothing has: unknown, as in a document, not "outside" the rep's
    # accounts; an employee the rep does not see is no more than that.
    for nobody, found in (("e-none", [("from", "unknown_id"), ("to", "unknown_id")]),
                          ("e4", [("to", "unknown_id")])):
        end = client.post("/v1/relationships/end", headers=tokens["rep"], json={
            "type": "INFLUENCES", "from": nobody, "to": "c-none", "until": "2026-01-06"})
        assert end.status_code == 422, end.text
        assert sorted((e["path"], e["code"]) for e in end.json()["errors"]) == found
    # An exec writes anywhere (docs/security.md: exec and admin all data; admins alone also
    # principals and weights).
    assert client.post("/v1/accounts", json={"id": "a2", "name": "江苏农商银行股份"},
                       headers=tokens["exec"]).status_code == 200


ADDRESSES = {"employees": [{"id": "e1", "name": "李明", "team_id": "t1", "emails": ["e1@ours.cn"]},
                           {"id": "e4", "name": "孙磊", "team_id": "t2", "emails": ["e4@ours.cn"]}],
             "contacts": [{"id": "c1", "account_id": "a1", "name": "王建国", "key_person": True,
                           "emails": ["c1@sgcc.cn"]},
                          {"id": "c2", "account_id": "a2", "name": "陈红梅", "key_person": True,
                           "emails": ["c2@bank.cn"]}]}
# Each names people one of whom is outside team t1's perspective: a contact of account a2, or
# only e4 of ours (a rep captures what they took part in, a lead what their members did).
# Ours, theirs, and why it is refused: another account's contact; a colleague outside the
# viewer's networks.
CAPTURED_OUTSIDE = [("e1@ours.cn", "c2@bank.cn", "outside_accounts"),
                    ("e4@ours.cn", "c1@sgcc.cn", "took_no_part")]


def _calendar(ours: str, theirs: str) -> bytes:
    return ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\nBEGIN:VEVENT\r\n"
            "UID:policy-1\r\nDTSTART:20260105T020000Z\r\nSUMMARY:x\r\n"
            f"ORGANIZER:mailto:{ours}\r\nATTENDEE:mailto:{theirs}\r\n"
            "END:VEVENT\r\nEND:VCALENDAR\r\n").encode()


def _mail(ours: str, theirs: str) -> bytes:
    return (f"From: {ours}\nTo: {theirs}\nDate: Mon, 05 Jan 2026 10:00:00 +0800\n"
            "Message-ID: <policy-1@ours.cn>\nSubject: x\n\nbody\n").encode()


CAPTURES = [("/v1/capture/calendar", "text/calendar", _calendar),
            ("/v1/capture/mail", "message/rfc822", _mail)]


@pytest.mark.parametrize("who", LIMITED)
@pytest.mark.parametrize(("route", "media", "file"), CAPTURES)
def test_a_capture_outside_the_perspective_is_refused_whole_or_skipped_on_request(
        client: TestClient, raw_driver: Driver, tokens: dict[str, dict[str, str]], who: str,
        route: str, media: str, file: Any) -> None:
    assert client.post("/v1/import", json=ADDRESSES, headers=AUTH).status_code == 200
    # The window of a calendar's meetings; mail takes none.
    window = {"since": "2026-01-01", "until": "2026-01-31"} if "calendar" in route else {}
    before = graph_fingerprint(raw_driver)
    for ours, theirs, why in CAPTURED_OUTSIDE:
        headers = {**tokens[who], "content-type": media}
        refused = client.post(route, content=file(ours, theirs), params=window, headers=headers)
        assert refused.status_code == 403, (who, route, ours, theirs, refused.text)
        assert refused.headers["content-type"] == "application/problem+json"
        assert len(refused.json()["errors"]) == 1
        skipped = client.post(route, content=file(ours, theirs), headers=headers,
                              params={**window, "skip_refused": "true"})
        assert skipped.status_code == 200
        assert skipped.json()["created"] == []
        assert [(s["reason"], s["code"]) for s in skipped.json()["skipped"]] == [
            (refused.json()["errors"][0]["message"], refused.json()["errors"][0]["code"])]
        assert refused.json()["errors"][0]["code"] == why
        assert graph_fingerprint(raw_driver) == before
    # Inside: e1 with c1 is the rep's own meeting, and one of the lead's member's.
    inside = client.post(route, content=file("e1@ours.cn", "c1@sgcc.cn"), params=window,
                         headers={**tokens[who], "content-type": media})
    assert inside.status_code == 200, inside.text
    assert [c["contact_ids"] for c in inside.json()["created"]] == [["c1"]]
    # An integration that may not write captures nothing.
    assert client.post(route, content=file("e1@ours.cn", "c1@sgcc.cn"), params=window,
                       headers={**tokens["team_integration"], "content-type": media}
                       ).status_code == 403


def test_only_an_employee_who_took_part_marks_an_activity_private(
        client: TestClient, tokens: dict[str, dict[str, str]]) -> None:
    assert client.post("/v1/activities", json={
        "id": "act1", "at": "2026-01-05", "type": "visit", "employee_ids": ["e1"],
        "contact_ids": ["c1"]}, headers=AUTH).status_code == 200
    # Those who may see it are refused; another team's rep, who may not, is told of no such
    # activity, as for an id that names none.
    for who in ["lead", "exec", "scoped_writer", "team_integration"]:
        refused = client.patch("/v1/activities/act1", json={"private": True}, headers=tokens[who])
        assert refused.status_code == 403, who
    unseen = client.patch("/v1/activities/act1", json={"private": True},
                          headers=tokens["other_rep"])
    assert (unseen.status_code, unseen.json()["detail"]) == (404, "no activity with id 'act1'")
    assert client.patch("/v1/activities/act1", json={"private": True},
                        headers=tokens["rep"]).status_code == 200



def test_an_activity_is_recorded_by_whoever_took_part_and_a_private_one_changed_by_its_owner(
        client: TestClient, raw_driver: Driver, tokens: dict[str, dict[str, str]]) -> None:
    # The lead e2 may write on a1 (team t1 owns it); e1 is a member of t1, e4 of t2.
    def visit(i: str, *employees: str, summary: str = "拜访") -> dict[str, Any]:
        return {"id": i, "at": "2026-01-05", "type": "visit", "employee_ids": list(employees),
                "contact_ids": ["c1"], "summary": summary}

    # A rep records only what they took part in: a visit of e4's alone would make e4
    # acquainted with c1, as a declared acquaintance of e4's would, which a rep may not write.
    refused = client.post("/v1/activities", json=visit("v1", "e4"), headers=tokens["rep"])
    assert refused.status_code == 403, refused.text
    assert refused.json()["errors"][0]["message"] == (
        "a rep records only what they took part in, a lead what their teams' members did")
    assert client.post("/v1/activities", json=visit("v1", "e1", "e4"),
                       headers=tokens["rep"]).status_code == 200
    # A lead records their members' visits too.
    assert client.post("/v1/activities", json=visit("v2", "e1"),
                       headers=tokens["lead"]).status_code == 200
    # e1 marks v2 private: the lead may no longer change it, nor anyone but e1.
    assert client.patch("/v1/activities/v2", json={"private": True},
                        headers=tokens["rep"]).status_code == 200
    before = graph_fingerprint(raw_driver)
    overwrite = client.post("/v1/activities", json=visit("v2", "e1", "e2", summary="改写"),
                            headers=tokens["lead"])
    # The lead does not see it: told that its id is taken, as of an activity on an account
    # outside theirs, and no more (that a colleague made it private would be news).
    assert overwrite.status_code == 403
    # (a single item's path is the body itself)
    assert overwrite.json()["errors"] == [{"path": "", "code": "id_taken",
                                           "message": "id 'v2' is already taken",
                                           "params": {"id": "v2"}}]
    assert graph_fingerprint(raw_driver) == before
    assert client.post("/v1/activities", json={**visit("v9", "e4"), "contact_ids": ["c2"]},
                       headers=AUTH).status_code == 200  # at a2, t2's account
    before = graph_fingerprint(raw_driver)
    elsewhere = client.post("/v1/activities", json=visit("v9", "e1", "e2", summary="改写"),
                            headers=tokens["lead"])
    assert elsewhere.status_code == 403
    assert [(e["code"], e["params"]) for e in elsewhere.json()["errors"]] == [
        ("id_taken", {"id": "v9"})]
    assert graph_fingerprint(raw_driver) == before
    assert client.post("/v1/activities", json=visit("v2", "e1", summary="改写"),
                       headers=tokens["rep"]).status_code == 200
    # A visit of e4's alone (recorded by a company-wide writer) on the rep's account: neither
    # the rep nor the lead may join it, or change it, since none of theirs took part.
    assert client.post("/v1/activities", json=visit("v3", "e4"), headers=AUTH).status_code == 200
    before = graph_fingerprint(raw_driver)
    for who, employees in (("rep", ("e1", "e4")), ("rep", ("e1",)), ("lead", ("e2", "e4"))):
        joined = client.post("/v1/activities", json=visit("v3", *employees, summary="改写"),
                             headers=tokens[who])
        assert joined.status_code == 403, (who, joined.text)
        assert joined.json()["errors"][0]["message"] == (
            "an activity recorded of colleagues is changed by those who took part (a lead: by "
            "their teams' members)")
    assert graph_fingerprint(raw_driver) == before
    # One who took part changes it: the lead, of v1 (their member e1 was there).
    assert client.post("/v1/activities", json=visit("v1", "e1", "e4", summary="改写"),
                       headers=tokens["lead"]).status_code == 200

def test_a_rep_names_the_colleagues_who_took_part_by_their_address(
        client: TestClient, raw_driver: Driver, tokens: dict[str, dict[str, str]]) -> None:
    """A rep sees no colleague by id: the colleagues of a visit are named by address and join
    its employees; an address that is no colleague's is refused, with nothing written."""
    assert client.post("/v1/import", json=ADDRESSES, headers=AUTH).status_code == 200
    visit = {"id": "v9", "at": "2026-01-05", "type": "visit", "employee_ids": ["e1"],
             "contact_ids": ["c1"]}
    before = graph_fingerprint(raw_driver)
    # Nobody's address, and a contact's (not a colleague's): each listed where it is.
    unknown = client.post("/v1/activities", headers=tokens["rep"], json={
        **visit, "employee_emails": ["e4@ours.cn", "nobody@ours.cn", "c1@sgcc.cn"]})
    assert unknown.status_code == 422, unknown.text
    assert [(e["path"], e["code"], e.get("params")) for e in unknown.json()["errors"]] == [
        ("employee_emails[1]", "unknown_email", {"email": "nobody@ours.cn"}),
        ("employee_emails[2]", "unknown_email", {"email": "c1@sgcc.cn"})]
    assert graph_fingerprint(raw_driver) == before
    # Named by address only, the rep not among them: still a visit the rep took no part in.
    alone = client.post("/v1/import", headers=tokens["rep"], json={"activities": [{
        **visit, "employee_ids": ["e4"], "employee_emails": ["e4@ours.cn"]}]})
    assert alone.status_code == 403, alone.text
    assert [e["code"] for e in alone.json()["errors"]] == ["took_no_part"]
    # With the rep: written with both (an address written in capitals is the same address),
    # the address itself not kept; the rep reads the colleague by reference, not by id.
    assert client.post("/v1/activities", headers=tokens["rep"], json={
        **visit, "employee_emails": ["E4@Ours.cn", "e1@ours.cn"]}).status_code == 200
    assert sorted(count(raw_driver, "MATCH (e:Employee)-[:PARTICIPATED_IN]->(:Activity "
                                    "{id: 'v9'}) RETURN collect(e.id)")) == ["e1", "e4"]
    assert count(raw_driver, "MATCH (a:Activity {id: 'v9'}) "
                             "RETURN [a.employee_ids, a.employee_emails]") == [["e1", "e4"], None]
    seen = client.get("/v1/contacts/c1/activities", params={"as_of": "2026-01-31"},
                      headers=tokens["rep"]).json()["activities"]
    [employees] = [a["employee_ids"] for a in seen if a["id"] == "v9"]
    # The rep first, then the colleague by reference (a reference sorted by the id behind it
    # would tell how hidden ids sort).
    assert employees[0] == "e1" and len(employees) == 2 and employees[1].startswith("colleague-")


def test_a_writers_errors_name_no_employee_it_does_not_see(
        client: TestClient, raw_driver: Driver, tokens: dict[str, dict[str, str]]) -> None:
    """The rep e1 sees no other employee: a reference to e4 reads as one to an id nothing has,
    an id e4 has is only taken; an admin is told what they are."""
    def reports_to(boss: str) -> dict[str, Any]:
        return {"type": "REPORTS_TO", "from": "c1", "to": boss}

    def said(response: Any) -> list[tuple[str, str, Any]]:
        assert response.status_code == 422, response.text
        return [(e["path"], e["code"], e.get("params")) for e in response.json()["errors"]]

    before = graph_fingerprint(raw_driver)
    hidden = said(client.post("/v1/relationships", json=reports_to("e4"), headers=tokens["rep"]))
    nobody = said(client.post("/v1/relationships", json=reports_to("e9"), headers=tokens["rep"]))
    assert hidden == [("to", "unknown_id", {"id": "e4", "expected": "Contact"})]
    assert nobody == [("to", "unknown_id", {"id": "e9", "expected": "Contact"})]
    taken = client.post("/v1/contacts", json={"id": "e4", "account_id": "a1", "name": "x"},
                        headers=tokens["rep"])
    assert said(taken) == [("id", "id_taken", {"id": "e4"})]
    assert "Employee" not in taken.text
    # The rep sees themselves; an admin sees everyone.
    assert said(client.post("/v1/relationships", json=reports_to("e1"), headers=tokens["rep"])) == [
        ("to", "wrong_kind", {"id": "e1", "found": "Employee", "expected": "Contact"})]
    assert said(client.post("/v1/relationships", json=reports_to("e4"), headers=AUTH)) == [
        ("to", "wrong_kind", {"id": "e4", "found": "Employee", "expected": "Contact"})]
    assert graph_fingerprint(raw_driver) == before


# Write routes whose refusals are tested outside OUTSIDE above: company-wide settings and
# principals (test_company_wide_settings_and_principals_are_for_admins), each introduction
# step by the wrong party (tests/auth/test_privacy.py), the whole import document
# (test_an_import_with_one_item_outside_is_refused_whole_with_every_refusal_listed), a change
# of a tracked action by a writer outside its account (tests/actions/test_actions.py).
REFUSED_ELSEWHERE = {
    ("PATCH", "/v1/actions/{id}"),
    ("PUT", "/v1/esp/weights/{industry}"), ("PUT", "/v1/esp/thresholds/{industry}"),
    ("DELETE", "/v1/esp/thresholds/{industry}"), ("POST", "/v1/principals"),
    ("DELETE", "/v1/principals/{id}"), ("POST", "/v1/import"), ("POST", "/v1/introductions"),
    # A spreadsheet of one part: refused whole with the rows outside
    # (tests/sheets/test_spreadsheets.py).
    ("POST", "/v1/import/{part}"),
    ("POST", "/v1/introductions/{id}/accept"), ("POST", "/v1/introductions/{id}/decline"),
    ("POST", "/v1/introductions/{id}/made"), ("POST", "/v1/introductions/{id}/helped"),
    ("POST", "/v1/introductions/{id}/withdraw"),
    # One's own session and password: refused without a session, a CSRF token or the right
    # password (tests/auth/test_sessions.py).
    ("POST", "/v1/session"), ("DELETE", "/v1/session"), ("POST", "/v1/session/password"),
    # Webhook subscriptions: for admins and company-wide integrations, each its own
    # (tests/webhooks/test_webhooks.py, test_who_may_subscribe_and_where_to).
    ("POST", "/v1/webhooks"), ("DELETE", "/v1/webhooks/{id}"),
    # Calendar and mail files, and marking an activity private: the two tests above.
    ("POST", "/v1/capture/calendar"), ("POST", "/v1/capture/mail"),
    ("PATCH", "/v1/activities/{id}"),
}


def test_every_write_route_has_its_refusals_tested(client: TestClient) -> None:
    """A new write route fails here until a test refuses it to a principal outside."""
    spec = client.get("/openapi.json").json()
    writes = {(method.upper(), path) for path, operations in spec["paths"].items()
              for method in operations if method in {"post", "put", "patch", "delete"}}
    covered = {("POST", route) for route, _ in OUTSIDE} | REFUSED_ELSEWHERE
    assert writes - covered == set()
    assert covered - writes == set()  # no stale entry hides a renamed route


def test_company_wide_writers_write_third_parties_and_any_of_their_lines(
        client: TestClient, raw_driver: Driver, tokens: dict[str, dict[str, str]]) -> None:
    writer = tokens["writer_integration"]
    for route, body in [
            ("/v1/third-parties", {"id": "p2", "name": "德勤咨询", "category": "consultant"}),
            ("/v1/relationships", {"type": "INFLUENCES", "from": "p2", "to": "c2",
                                   "strength": 0.5}),
            ("/v1/relationships", {"type": "INFLUENCES", "from": "e4", "to": "p2",
                                   "strength": 0.5})]:
        response = client.post(route, json=body, headers=writer)
        assert response.status_code == 200, (route, response.text)
    assert count(raw_driver, "MATCH (:Employee {id: 'e4'})-[:INFLUENCES]->(p:ThirdParty {id: 'p2'})"
                             "-[:INFLUENCES]->(:Contact {id: 'c2'}) RETURN count(p)") == 1
