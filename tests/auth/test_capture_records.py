"""What people capture keeps who entered it, when, from where and why; edits of the same record
by two people do not overwrite each other unseen; activities happen at a moment in a zone.

The org of tests/auth/conftest.py: rep e1 owns a1 (contact c1, deal o1); e4 is in another team.
"""

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from neo4j import Driver

from tests.conftest import AUTH, graph_fingerprint

HOSTILE_NOTE = "<script>alert(1)</script> '; MATCH (n) DETACH DELETE n // {{x}} $p 王总说: \"下周\""
WEB = {"X-BRM-Source": "web"}


@pytest.fixture
def client(in_shanghai: TestClient) -> TestClient:
    """The organisation is in Shanghai, whatever zone the run is in: the moments below are
    worked out there."""
    return in_shanghai


def principal_of(client: TestClient, headers: dict[str, str]) -> str:
    return str(client.get("/v1/me", headers=headers).json()["principal_id"])


def test_records_keep_who_entered_them_when_from_where_and_the_note_verbatim(
        client: TestClient, tokens: dict[str, dict[str, str]]) -> None:
    rep = tokens["rep"]
    before = datetime.now(UTC) - timedelta(seconds=5)
    created = client.post("/v1/contacts", headers={**rep, **WEB}, json={
        "id": "c5", "account_id": "a1", "name": "刘洋", "note": HOSTILE_NOTE})
    assert created.status_code == 200, created.text
    assert client.post("/v1/relationships", headers=rep, json={
        "type": "REPORTS_TO", "from": "c5", "to": "c1", "note": "org chart on the wall"}
    ).status_code == 200
    assert client.post("/v1/assessments", headers={**rep, **WEB}, json={
        "contact_id": "c5", "at": "2026-01-05", "closeness": "support", "note": "lunch"}
    ).status_code == 200

    me = {"principal_id": principal_of(client, rep), "employee_id": "e1"}
    node = client.get("/v1/contacts/c5", headers=rep).json()
    assert (node["entered_by"], node["source"], node["note"]) == (me, "web", HOSTILE_NOTE)
    assert before <= datetime.fromisoformat(node["entered_at"]) <= datetime.now(UTC)
    [line] = [e for e in node["relationships"] if e["type"] == "REPORTS_TO"]
    assert (line["entered_by"], line["source"], line["note"]) == (me, "api", "org chart on the wall")
    # The contact's own link to its account too (moved elsewhere below).
    [works] = [e for e in node["relationships"] if e["type"] == "WORKS_AT"]
    assert (works["entered_by"], works["source"], works["to"]) == (me, "web", "a1")
    [record] = client.get("/v1/contacts/c5/portrait", headers=rep).json()["history"]
    assert (record["entered_by"], record["source"], record["note"]) == (me, "web", "lunch")
    # An admin import says so; an unknown source is refused before anything is written.
    assert client.post("/v1/import", headers=AUTH, json={"accounts": [{"id": "a1", "name": "华东"}]}
                       ).status_code == 200
    account = client.get("/v1/accounts/a1", headers=AUTH).json()
    assert (account["source"], account["entered_by"]["principal_id"]) == ("import", "admin-token")
    bad = client.post("/v1/contacts", headers={**rep, "X-BRM-Source": "fax"},
                      json={"id": "c6", "account_id": "a1", "name": "x"})
    assert bad.status_code == 422 and client.get("/v1/contacts/c6", headers=AUTH).status_code == 404
    # The contact moved to another account: its old link's end says who moved it.
    assert client.post("/v1/contacts", headers=AUTH, json={
        "id": "c5", "account_id": "a2", "name": "刘洋", "note": HOSTILE_NOTE}).status_code == 200
    admin = {"principal_id": "admin-token", "employee_id": None}
    moved = {e["to"]: e for e in client.get("/v1/contacts/c5", headers=AUTH).json()["relationships"]
             if e["type"] == "WORKS_AT"}
    assert (moved["a1"]["entered_by"], moved["a1"]["ended_by"]) == (me, admin)
    assert moved["a1"]["until"] == moved["a2"]["since"] is not None
    assert (moved["a2"]["entered_by"], moved["a2"]["source"], moved["a2"]["until"]) == (admin, "api", None)


def test_who_entered_a_record_is_masked_like_any_colleague(
        client: TestClient, tokens: dict[str, dict[str, str]]) -> None:
    # e4 (another team) records that they know c1: anyone may record their own acquaintances.
    # Their note names them ("my classmate"): it is theirs, not shown where they are masked.
    assert client.post("/v1/relationships", headers=tokens["other_rep"], json={
        "type": "INFLUENCES", "from": "e4", "to": "c1", "strength": 0.7, "since": "2026-02-01",
        "note": "孙磊的大学同学"}).status_code == 200
    for masked in (tokens["rep"], tokens["lead"]):
        edges = client.get("/v1/contacts/c1", headers=masked).json()["relationships"]
        [known] = [e for e in edges if e["since"] == "2026-02-01"]
        assert known["from"].startswith("colleague-")
        assert known["entered_by"] == {"principal_id": None, "employee_id": known["from"]}
        assert known.get("note") is None and "孙磊" not in str(edges)
    exec_edges = client.get("/v1/contacts/c1", headers=tokens["exec"]).json()["relationships"]
    [named] = [e for e in exec_edges if e["since"] == "2026-02-01"]
    assert named["entered_by"] == {"principal_id": principal_of(client, tokens["other_rep"]),
                                   "employee_id": "e4"}
    assert named["note"] == "孙磊的大学同学"
    # The lead sees their own team's e1 by name, not e1's note on whom they know; e1 sees it.
    assert client.post("/v1/relationships", headers=tokens["rep"], json={
        "type": "INFLUENCES", "from": "e1", "to": "c1", "strength": 0.6, "since": "2026-03-01",
        "note": "李明的岳父"}).status_code == 200

    def note_of(who: str) -> tuple[str, str | None]:
        edges = client.get("/v1/contacts/c1", headers=tokens[who]).json()["relationships"]
        [mine] = [e for e in edges if e["since"] == "2026-03-01"]
        return mine["from"], mine.get("note")

    assert note_of("lead") == ("e1", None)
    assert note_of("rep") == ("e1", "李明的岳父")
    assert note_of("exec") == ("e1", "李明的岳父")


def test_an_upsert_with_a_stale_if_match_is_refused_and_changes_nothing(
        client: TestClient, raw_driver: Driver, tokens: dict[str, dict[str, str]]) -> None:
    rep, lead = tokens["rep"], tokens["lead"]
    read = client.get("/v1/contacts/c1", headers=rep)
    etag = read.headers["ETag"]
    assert etag.startswith('"') and client.get("/v1/contacts/c1", headers=lead).headers["ETag"] == etag
    # The lead edits first, with the tag they read: accepted, with the new tag.
    edited = client.post("/v1/contacts", headers={**lead, "If-Match": etag}, json={
        "id": "c1", "account_id": "a1", "name": "王建国", "title": "总经理"})
    assert edited.status_code == 200, edited.text
    assert edited.headers["ETag"] not in (etag, None)
    assert edited.headers["ETag"] == client.get("/v1/contacts/c1", headers=rep).headers["ETag"]
    # The rep's edit still carries the old tag: 412, and nothing changed.
    before = graph_fingerprint(raw_driver)
    for stale in (etag, '"made-up"', f"W/{edited.headers['ETag']}"):
        refused = client.post("/v1/contacts", headers={**rep, "If-Match": stale}, json={
            "id": "c1", "account_id": "a1", "name": "王建国", "title": "副总"})
        assert refused.status_code == 412, (stale, refused.text)
        assert refused.headers["content-type"] == "application/problem+json"
    # A tag for a record that does not exist matches nothing: nothing is created.
    assert client.post("/v1/contacts", headers={**rep, "If-Match": etag}, json={
        "id": "c7", "account_id": "a1", "name": "x"}).status_code == 412
    assert graph_fingerprint(raw_driver) == before
    assert client.get("/v1/contacts/c1", headers=rep).json()["title"] == "总经理"
    # `*` and a list holding the current tag match.
    current = edited.headers["ETag"]
    assert client.post("/v1/contacts", headers={**rep, "If-Match": f'"other", {current}'}, json={
        "id": "c1", "account_id": "a1", "name": "王建国", "title": "副总"}).status_code == 200
    assert client.post("/v1/contacts", headers={**rep, "If-Match": "*"}, json={
        "id": "c1", "account_id": "a1", "name": "王建国"}).status_code == 200


def contact_level(client: TestClient, as_of: str) -> str:
    response = client.get("/v1/contacts/c1/portrait", headers=AUTH, params={"as_of": as_of})
    assert response.status_code == 200, response.text
    return str(response.json()["contact_level"])


def test_activities_at_a_moment_count_on_their_day_in_the_organisations_zone(
        client: TestClient, tokens: dict[str, dict[str, str]]) -> None:
    # Asia/Shanghai is UTC+8 (no daylight saving). 23:30 at UTC-1 on 31 March is 08:30 on
    # 1 April in Shanghai; 00:30 on 1 April in Shanghai is still 31 March in UTC.
    moments = ["2026-03-31T23:30:00-01:00", "2026-04-01T00:30:00+08:00"]
    for i, at in enumerate(moments):
        logged = client.post("/v1/activities", headers=tokens["rep"], json={
            "id": f"act{i}", "at": at, "type": "visit", "employee_ids": ["e1"],
            "contact_ids": ["c1"]})
        assert logged.status_code == 200, logged.text
    assert contact_level(client, "2026-03-31") == "none"  # neither is on 31 March in Shanghai
    assert contact_level(client, "2026-04-01") == "occasional"  # 2 visits: 1 <= 2 < 3
    # A plain date still means that day; a moment without a zone is refused.
    assert client.post("/v1/activities", headers=tokens["rep"], json={
        "id": "act2", "at": "2026-04-01", "type": "call", "employee_ids": ["e1"],
        "contact_ids": ["c1"]}).status_code == 200
    assert contact_level(client, "2026-04-01") == "multiple"  # 3 activities: 3 <= 3 < 6
    naive = client.post("/v1/activities", headers=tokens["rep"], json={
        "id": "act3", "at": "2026-04-01T10:00:00", "type": "call", "employee_ids": ["e1"],
        "contact_ids": ["c1"]})
    assert naive.status_code == 422 and naive.json()["errors"][0]["path"].startswith("at")


def test_two_people_assessing_the_same_person_on_the_same_day_both_keep_their_record(
        client: TestClient, tokens: dict[str, dict[str, str]]) -> None:
    for who, closeness in (("rep", "oppose"), ("lead", "support")):
        assert client.post("/v1/assessments", headers=tokens[who], json={
            "contact_id": "c1", "at": "2026-01-05", "closeness": closeness}).status_code == 200
    portrait = client.get("/v1/contacts/c1/portrait", headers=AUTH,
                          params={"as_of": "2026-01-05"}).json()
    assert [(h["closeness"], h["entered_by"]["employee_id"]) for h in portrait["history"]] == [
        ("support", "e2"), ("oppose", "e1")]
    assert portrait["features"]["closeness"] == "support"  # the later one counts
    # Sending the same record again changes nothing.
    assert client.post("/v1/assessments", headers=tokens["lead"], json={
        "contact_id": "c1", "at": "2026-01-05", "closeness": "support"}).status_code == 200
    again = client.get("/v1/contacts/c1/portrait", headers=AUTH, params={"as_of": "2026-01-05"})
    assert len(again.json()["history"]) == 2


def test_what_one_person_says_on_one_day_adds_up_in_that_days_record(
        client: TestClient, tokens: dict[str, dict[str, str]]) -> None:
    """Closeness from the assess dialog in the morning, the price seen at the afternoon's
    visit: the second write leaves out what it did not observe, and the first stays."""
    rep = tokens["rep"]
    for said in ({"closeness": "support", "veto": True, "note": "早上电话"},
                 {"price": "oppose"},
                 {"closeness": "strong_support"}):  # a correction of what was said that day
        assert client.post("/v1/assessments", headers=rep, json={
            "contact_id": "c1", "at": "2026-01-05", **said}).status_code == 200
    portrait = client.get("/v1/contacts/c1/portrait", headers=AUTH,
                          params={"as_of": "2026-01-05"}).json()
    assert [(h["closeness"], h["price"], h["veto"], h["note"]) for h in portrait["history"]] == [
        ("strong_support", "oppose", True, "早上电话")]
    assert (portrait["features"]["closeness"], portrait["features"]["price"],
            portrait["features"]["veto"]) == ("strong_support", "oppose", True)


def test_the_asked_colleague_has_an_inbox_and_answers_with_a_message(
        client: TestClient, tokens: dict[str, dict[str, str]]) -> None:
    rep, colleague = tokens["rep"], tokens["other_rep"]
    paths = client.get("/v1/contacts/c1/influence-paths", headers=rep).json()["paths"]
    ref = next(p["employee_id"] for p in paths if p["masked"])
    asked = client.post("/v1/introductions", headers=rep,
                        json={"colleague": ref, "contact_id": "c1", "note": "数据中台的决策人"})
    assert asked.status_code == 201, asked.text
    # Answered with the names the list gives, at once.
    assert {k: asked.json()[k] for k in ("requester_name", "contact_name", "account_id",
                                         "account_name")} == {
        "requester_name": "李明", "contact_name": "王建国", "account_id": "a1",
        "account_name": "华东电网"}

    def listed(headers: dict[str, str], direction: str) -> list[tuple[str, str, str]]:
        found = client.get("/v1/introductions", headers=headers, params={"direction": direction})
        assert found.status_code == 200, found.text
        return [(i["requester_name"], i["contact_name"], i["status"]) for i in found.json()]

    assert listed(colleague, "incoming") == [("李明", "王建国", "requested")]
    assert listed(colleague, "outgoing") == [] and listed(rep, "incoming") == []
    assert listed(rep, "outgoing") == [("李明", "王建国", "requested")]
    declined = client.post(f"/v1/introductions/{asked.json()['id']}/decline", headers=colleague,
                           json={"message": "我和他不熟，找赵总更合适"})
    assert declined.status_code == 200
    assert client.get("/v1/introductions", headers=rep).json()[0]["reply"] == "我和他不熟，找赵总更合适"


def test_an_introduction_is_to_a_contact_and_a_history_of_the_kind_its_route_names(
        client: TestClient, tokens: dict[str, dict[str, str]]) -> None:
    """An account's or a deal's id is no contact; a contact's id is no deal. Nothing is
    written."""
    rep = tokens["rep"]
    ref = next(p["employee_id"] for p in client.get(
        "/v1/contacts/c1/influence-paths", headers=rep).json()["paths"] if p["masked"])
    # The same for ids of another account than the rep's (a2, o2: 404, not 403 as for c2).
    for contact_id in ("a1", "o1", "a2", "o2"):
        asked = client.post("/v1/introductions", headers=rep,
                            json={"colleague": ref, "contact_id": contact_id})
        assert asked.status_code == 404, asked.text
        assert asked.json()["detail"] == f"no Contact with id {contact_id!r}"
    assert client.post("/v1/introductions", headers=rep,
                       json={"colleague": ref, "contact_id": "c2"}).status_code == 403
    for deal in ("c1", "c2"):
        asked = client.post("/v1/introductions", headers=rep,
                            json={"colleague": ref, "contact_id": "c1", "opportunity_id": deal})
        assert asked.status_code == 422
        assert [e["code"] for e in asked.json()["errors"]] == ["deal_not_on_account"]
    assert client.get("/v1/introductions", headers=rep).json() == []
    for path, kind in (("/v1/contacts/a1/activities", "Contact"), ("/v1/contacts/o1/activities", "Contact"),
                       ("/v1/accounts/c1/activities", "Account")):
        history = client.get(path, headers=rep)
        assert history.status_code == 404, (path, history.text)
        assert history.json()["detail"].startswith(f"no {kind} with id")
    assert client.get("/v1/contacts/c1/activities", headers=rep).status_code == 200
    assert client.get("/v1/accounts/a1/activities", headers=rep).status_code == 200


def test_re_sending_the_same_values_keeps_their_author(client: TestClient,
                                                      tokens: dict[str, dict[str, str]]) -> None:
    contact = {"id": "c5", "account_id": "a1", "name": "刘洋", "title": "CFO"}
    assert client.post("/v1/contacts", headers=tokens["rep"], json=contact).status_code == 200
    first = client.get("/v1/contacts/c5", headers=AUTH).json()
    assert client.post("/v1/contacts", headers=tokens["lead"], json=contact).status_code == 200
    again = client.get("/v1/contacts/c5", headers=AUTH).json()
    assert (again["entered_by"], again["entered_at"]) == (first["entered_by"], first["entered_at"])
    changed = {**contact, "title": "财务总监"}
    assert client.post("/v1/contacts", headers=tokens["lead"], json=changed).status_code == 200
    assert client.get("/v1/contacts/c5", headers=AUTH).json()["entered_by"]["employee_id"] == "e2"


def test_activity_history_of_a_person_and_an_account_as_the_viewer_may_see_it(
        client: TestClient, tokens: dict[str, dict[str, str]]) -> None:
    rep = tokens["rep"]
    assert client.post("/v1/activities", headers={**rep, **WEB}, json={
        "id": "act-visit", "at": "2026-03-02T10:00:00+08:00", "type": "visit",
        "employee_ids": ["e1", "e4"], "contact_ids": ["c1"], "opportunity_id": "o1",
        "summary": "演示数据中台", "note": HOSTILE_NOTE}).status_code == 200
    # An admin records a dinner with people of both accounts, earlier.
    assert client.post("/v1/activities", headers=AUTH, json={
        "id": "act-dinner", "at": "2026-03-01", "type": "dinner", "employee_ids": ["e3"],
        "contact_ids": ["c1", "c2"], "opportunity_id": "o2"}).status_code == 200
    for path in ("/v1/contacts/c1/activities", "/v1/accounts/a1/activities"):
        found = client.get(path, headers=rep, params={"as_of": "2026-03-31"})
        assert found.status_code == 200, found.text
        visit, dinner = found.json()["activities"]
        assert (visit["id"], visit["at"], visit["at_time"]) == (
            "act-visit", "2026-03-02", "2026-03-02T10:00:00+08:00")
        # As shown, those the rep sees first: e1, then e4 as a reference.
        ours = visit["employee_ids"]
        assert ours[0] == "e1" and len(ours) == 2 and ours[1].startswith("colleague-")
        assert (visit["opportunity_id"], visit["note"], visit["source"]) == ("o1", HOSTILE_NOTE, "web")
        assert visit["entered_by"]["employee_id"] == "e1"
        # Another team's person, deal and colleague stay out of the rep's view.
        assert [c["id"] for c in dinner["contacts"]] == ["c1"] and dinner["opportunity_id"] is None
        assert dinner["employee_ids"][0].startswith("colleague-")
        assert dinner["entered_by"] == {"principal_id": None, "employee_id": None}
    before = client.get("/v1/contacts/c1/activities", headers=rep, params={"as_of": "2026-03-01"})
    assert [a["id"] for a in before.json()["activities"]] == ["act-dinner"]
    assert client.get("/v1/contacts/c2/activities", headers=rep).status_code == 403
    assert client.get("/v1/contacts/c-none/activities", headers=AUTH).status_code == 404


def test_on_one_day_what_was_just_logged_without_a_time_comes_first(
        client: TestClient, tokens: dict[str, dict[str, str]]) -> None:
    # A visit at a moment that morning, then a call logged afterwards with its day only (as
    # the web app's dialog logs one): the call was entered later, so it is the newest.
    for item in ({"id": "act-early", "at": "2026-03-02T10:00:00+08:00", "type": "visit"},
                 {"id": "act-late", "at": "2026-03-02", "type": "call"},
                 {"id": "act-before", "at": "2026-03-01T18:00:00+08:00", "type": "dinner"}):
        assert client.post("/v1/activities", headers=tokens["rep"], json={
            **item, "employee_ids": ["e1"], "contact_ids": ["c1"]}).status_code == 200
    found = client.get("/v1/contacts/c1/activities", headers=tokens["rep"],
                       params={"as_of": "2026-03-31"}).json()["activities"]
    assert [a["id"] for a in found] == ["act-late", "act-early", "act-before"]


def test_anyone_finds_the_key_persons_they_may_say_they_know(
        client: TestClient, tokens: dict[str, dict[str, str]]) -> None:
    """e4 owns no account and reads none: they find key persons company-wide by name, pinyin
    or account, named with title and account only, their own acquaintance beside (org(): e4
    knows c1 and c2 at 0.9). A person who is no key person, or who left, is not listed."""
    assert client.post("/v1/import", headers=AUTH, json={
        "contacts": [{"id": "c7", "account_id": "a1", "name": "王建民", "title": "信息中心主任",
                      "key_person": True},
                     {"id": "c8", "account_id": "a1", "name": "王建华", "key_person": False},
                     {"id": "c9", "account_id": "a1", "name": "王建设", "key_person": True}]}
    ).status_code == 200
    assert client.post("/v1/relationships/end", headers=AUTH, json={
        "type": "WORKS_AT", "from": "c9", "to": "a1", "until": "2026-01-01"}).status_code == 200

    def found(who: str, q: str) -> list[tuple[str, str | None, str | None, str | None, float | None]]:
        response = client.get("/v1/acquaintance-candidates", headers=tokens[who], params={"q": q})
        assert response.status_code == 200, response.text
        return [(c["contact_id"], c["title"], c["account_id"], c["account_name"], c["known_strength"])
                for c in response.json()["candidates"]]

    # Known ones first, then by name; the account by name only outside the perspective.
    assert found("other_rep", "王建") == [("c1", None, None, "华东电网", 0.9),
                                          ("c7", "信息中心主任", None, "华东电网", None)]
    assert found("other_rep", "wangjianmin") == [("c7", "信息中心主任", None, "华东电网", None)]
    assert found("other_rep", "江苏农商") == [("c2", None, None, "江苏农商银行", 0.9)]
    assert found("rep", "王建") == [("c1", None, "a1", "华东电网", 0.5),
                                    ("c7", "信息中心主任", "a1", "华东电网", None)]
    assert found("rep", "无此人") == []
    # Nothing else of the person: no attitudes, deals or colleagues.
    [c1] = client.get("/v1/acquaintance-candidates", headers=tokens["other_rep"],
                      params={"q": "王建国"}).json()["candidates"]
    assert set(c1) == {"contact_id", "name", "title", "account_id", "account_name",
                       "known_strength", "known_since", "known_note"}
    # One character is too little to search, spaces around it or not; a principal of no
    # employee knows nobody.
    for one in ("王", " a ", "主 "):
        assert client.get("/v1/acquaintance-candidates", headers=tokens["rep"],
                          params={"q": one}).status_code == 422, one
    assert client.get("/v1/acquaintance-candidates", headers=tokens["team_integration"],
                      params={"q": "王建"}).status_code == 403
    events = client.get("/v1/audit", headers=AUTH, params={"employee_id": "e4"}).json()
    assert {(e["action"], e["subject"]) for e in events} >= {
        ("acquaintance-candidates", "王建"), ("acquaintance-candidates", "江苏农商")}


def ask_the_hidden_colleague(client: TestClient, rep: dict[str, str], **body: str) -> Any:
    """The rep asks the colleague hidden behind a path to c1 for an introduction."""
    ref = next(p["employee_id"] for p in client.get(
        "/v1/contacts/c1/influence-paths", headers=rep).json()["paths"] if p["masked"])
    asked = client.post("/v1/introductions", headers=rep,
                        json={"colleague": ref, "contact_id": "c1", **body})
    assert asked.status_code == 201, asked.text
    return asked.json()


def test_the_colleague_asked_sees_the_account_and_deal_by_name_only(
        client: TestClient, tokens: dict[str, dict[str, str]]) -> None:
    """e4 (another team) is asked about c1 at a1, for deal o1: both outside e4's perspective."""
    rep, colleague = tokens["rep"], tokens["other_rep"]
    ask_the_hidden_colleague(client, rep, opportunity_id="o1")

    def seen(who: dict[str, str]) -> tuple[Any, ...]:
        [i] = client.get("/v1/introductions", headers=who).json()
        return i["account_id"], i["account_name"], i["opportunity_id"], i["opportunity_name"]

    assert seen(rep) == ("a1", "华东电网", "o1", "数据中台")
    assert seen(colleague) == (None, "华东电网", None, "数据中台")


def test_every_message_sent_with_a_step_is_kept(
        client: TestClient, tokens: dict[str, dict[str, str]]) -> None:
    rep, colleague = tokens["rep"], tokens["other_rep"]
    intro = ask_the_hidden_colleague(client, rep, note="请帮忙")
    for who, step, message in ((colleague, "accept", "好的，我周三约他"),
                               (colleague, "made", "已引荐"), (rep, "helped", "谢谢")):
        answer = client.post(f"/v1/introductions/{intro['id']}/{step}", headers=who,
                             json={"message": message})
        assert answer.status_code == 200, answer.text
    [seen] = client.get("/v1/introductions", headers=rep).json()
    assert [(m["status"], m["text"]) for m in seen["messages"]] == [
        ("accepted", "好的，我周三约他"), ("made", "已引荐"), ("helped", "谢谢")]
    assert seen["reply"] == "谢谢" and seen["note"] == "请帮忙"
    assert [m["at"] for m in seen["messages"]] == [h.split("@", 1)[1] for h in seen["history"][1:]]
