"""Tracked actions through their states, the suggestions they mark, and who may write them.

The org (tests/auth/conftest.py): rep e1 owns a1 (contact c1, deal o1) in team t1, led by e2;
e3 owns a2 (contact c2, deal o2) in team t2 with e4; e4 knows c1.
"""

from datetime import date, timedelta
from typing import Any

from fastapi.testclient import TestClient
from neo4j import Driver

from tests.conftest import AUTH, count

Tokens = dict[str, dict[str, str]]
DUE = "2030-01-15"


def suggestions(client: TestClient, path: str, headers: dict[str, str]) -> list[dict[str, Any]]:
    response = client.get(path, headers=headers)
    assert response.status_code == 200, response.text
    return [a for a in response.json()["actions"] if a["principle"] == "fix_short_boards"]


def track(client: TestClient, headers: dict[str, str], **body: Any) -> dict[str, Any]:
    response = client.post("/v1/actions", json={"owner_id": "e1", "due": DUE, **body},
                           headers=headers)
    assert response.status_code == 201, response.text
    return dict(response.json())


def oppose(client: TestClient) -> None:
    """c1 opposes on closeness (in general): a short board on a1 and on its deal o1."""
    assert client.post("/v1/assessments", json={"contact_id": "c1", "at": "2026-01-05",
                                                "closeness": "oppose"},
                       headers=AUTH).status_code == 200


def test_a_suggestion_taken_on_is_marked_where_it_was_suggested(client: TestClient,
                                                                 tokens: Tokens) -> None:
    rep = tokens["rep"]
    oppose(client)
    deal = suggestions(client, "/v1/opportunities/o1/actions", rep)
    account = suggestions(client, "/v1/accounts/a1/actions", rep)
    assert [(a["contact_id"], a["opportunity_id"], a["tracked_action_id"]) for a in deal] == [
        ("c1", "o1", None)]
    assert [(a["contact_id"], a["opportunity_id"], a["tracked_action_id"]) for a in account] == [
        ("c1", None, None)]

    on_deal = track(client, rep, opportunity_id="o1", kind="fix_short_boards", contact_id="c1",
                    note="dinner with his deputy")
    assert {k: on_deal[k] for k in ("status", "account_id", "opportunity_id", "owner_id", "due",
                                    "overdue", "closed_on")} == {
        "status": "open", "account_id": "a1", "opportunity_id": "o1", "owner_id": "e1",
        "due": DUE, "overdue": False, "closed_on": None}
    assert on_deal["created_by"]["employee_id"] == "e1"
    # Marked on the deal's list only, with who took it on, by when, and how far they are: the
    # account's item is another suggestion (no deal).
    assert [tracked(a) for a in suggestions(client, "/v1/opportunities/o1/actions", rep)] == [
        (on_deal["id"], "e1", "李明", DUE, "open")]
    assert [a["tracked_action_id"] for a in suggestions(
        client, "/v1/accounts/a1/actions", rep)] == [None]
    on_account = track(client, rep, account_id="a1", kind="fix_short_boards", contact_id="c1")
    assert [a["tracked_action_id"] for a in suggestions(
        client, "/v1/accounts/a1/actions", rep)] == [on_account["id"]]
    # Dropped, the deal's suggestion is free again; done, it stays taken.
    assert client.patch(f"/v1/actions/{on_deal['id']}", json={"status": "dropped"},
                        headers=rep).status_code == 200
    assert [a["tracked_action_id"] for a in suggestions(
        client, "/v1/opportunities/o1/actions", rep)] == [None]
    assert client.patch(f"/v1/actions/{on_account['id']}", json={"status": "done"},
                        headers=rep).status_code == 200
    assert [tracked(a) for a in suggestions(client, "/v1/accounts/a1/actions", rep)] == [
        (on_account["id"], "e1", "李明", DUE, "done")]


def tracked(item: dict[str, Any]) -> tuple[Any, ...]:
    return tuple(item[k] for k in ("tracked_action_id", "tracked_owner_id", "tracked_owner_name",
                                   "tracked_due", "tracked_status"))


def test_a_suggestion_taken_on_by_a_colleague_the_reader_may_not_see_names_nobody(
        client: TestClient, tokens: Tokens) -> None:
    oppose(client)
    # The company hands the deal's short board to e4, of another team.
    taken = track(client, AUTH, opportunity_id="o1", kind="fix_short_boards", contact_id="c1",
                  owner_id="e4", due="2030-02-01")
    for reader in ("rep", "lead"):
        (item,) = suggestions(client, "/v1/opportunities/o1/actions", tokens[reader])
        assert item["tracked_owner_id"].startswith("colleague-"), reader
        assert (item["tracked_action_id"], item["tracked_owner_name"], item["tracked_due"],
                item["tracked_status"]) == (taken["id"], None, "2030-02-01", "open")
    (item,) = suggestions(client, "/v1/opportunities/o1/actions", tokens["exec"])
    assert tracked(item) == (taken["id"], "e4", "孙磊", "2030-02-01", "open")


def test_an_action_goes_from_open_to_done_or_dropped_and_no_further(
        client: TestClient, raw_driver: Driver, tokens: Tokens) -> None:
    rep = tokens["rep"]
    action = track(client, rep, account_id="a1", kind="custom", note="send the reference list")
    path = f"/v1/actions/{action['id']}"
    moved = client.patch(path, json={"due": "2030-02-01", "note": "and the price sheet"},
                         headers=rep)
    assert moved.status_code == 200, moved.text
    assert (moved.json()["status"], moved.json()["due"], moved.json()["note"]) == (
        "open", "2030-02-01", "and the price sheet")
    done = client.patch(path, json={"status": "done"}, headers=rep)
    assert done.status_code == 200 and done.json()["status"] == "done"
    assert done.json()["closed_on"] == date.today().isoformat()
    for change in ({"status": "dropped"}, {"status": "open"}, {"due": "2030-03-01"},
                   {"status": "done", "note": "again"}):
        refused = client.patch(path, json=change, headers=rep)
        assert refused.status_code == 409, (change, refused.text)
        assert refused.headers["content-type"] == "application/problem+json"
        assert refused.json()["detail"] == "an action that is done changes no more"
    # Done again, as a retry of the request that went through sends it: the action as it is.
    again = client.patch(path, json={"status": "done"}, headers=rep)
    assert again.status_code == 200 and again.json() == done.json()
    # Each accepted change is one revision: created, edited, done.
    assert count(raw_driver, "MATCH (t:TrackedAction {id: $id}) RETURN t.rev_status",
                 id=action["id"]) == ["open", "open", "done"]
    dropped = track(client, rep, account_id="a1", kind="custom", note="call back")
    path = f"/v1/actions/{dropped['id']}"
    assert client.patch(path, json={"status": "dropped"}, headers=rep).json()["status"] == "dropped"
    assert client.patch(path, json={"status": "done"}, headers=rep).status_code == 409
    assert client.patch("/v1/actions/act-none", json={"status": "done"},
                        headers=rep).status_code == 404


def test_writers_are_refused_outside_their_perspective_and_nothing_is_written(
        client: TestClient, raw_driver: Driver, tokens: Tokens) -> None:
    rep, lead, other = tokens["rep"], tokens["lead"], tokens["other_rep"]
    refused = [
        (rep, {"account_id": "a2", "owner_id": "e1"}, ["account_id"]),
        (rep, {"opportunity_id": "o2", "owner_id": "e1"}, ["opportunity_id"]),
        (rep, {"account_id": "a1", "owner_id": "e2"}, ["owner_id"]),  # a rep: themselves only
        (rep, {"account_id": "a1", "owner_id": "e4"}, ["owner_id"]),
        (rep, {"account_id": "a1", "owner_id": "e-none"}, ["owner_id"]),  # not probed
        (rep, {"account_id": "a2", "owner_id": "e4"}, ["account_id", "owner_id"]),
        # Whether a contact is on an account the rep does not see is not told either: a contact
        # there and one elsewhere are refused alike.
        (rep, {"account_id": "a2", "contact_id": "c2", "owner_id": "e1"}, ["account_id"]),
        (rep, {"account_id": "a2", "contact_id": "c1", "owner_id": "e1"}, ["account_id"]),
        (lead, {"account_id": "a1", "owner_id": "e4"}, ["owner_id"]),
        (tokens["scoped_writer"], {"account_id": "a2", "owner_id": "e1"}, ["account_id"]),
    ]
    for headers, body, paths in refused:
        response = client.post("/v1/actions", headers=headers,
                               json={"kind": "custom", "note": "x", "due": DUE, **body})
        assert response.status_code == 403, (body, response.text)
        assert [e["path"] for e in response.json()["errors"]] == paths, body
    assert client.post("/v1/actions", headers=tokens["team_integration"], json={
        "account_id": "a1", "owner_id": "e1", "kind": "custom", "note": "x",
        "due": DUE}).status_code == 403
    # Every field naming nothing fitting is listed (an exec may name anyone).
    bad = client.post("/v1/actions", headers=tokens["exec"], json={
        "account_id": "a1", "kind": "lead_one_dimension", "contact_id": "c2",
        "competitor_id": "k-none", "owner_id": "e-none", "due": DUE})
    assert bad.status_code == 422, bad.text
    assert [e["path"] for e in bad.json()["errors"]] == ["contact_id", "competitor_id", "owner_id"]
    malformed = client.post("/v1/actions", headers=rep, json={
        "kind": "custom", "owner_id": "e1", "due": "3000-01-01", "note": 5})
    assert malformed.status_code == 422
    assert [e["path"] for e in malformed.json()["errors"]] == ["due", "note"]
    # Once the fields parse, the rules between them: one place, and a note for a free action.
    for body in ({"kind": "custom", "note": "x"}, {"account_id": "a1", "opportunity_id": "o1",
                                                   "kind": "custom", "note": "x"},
                 {"account_id": "a1", "kind": "custom"}):
        placed = client.post("/v1/actions", headers=rep, json={"owner_id": "e1", "due": DUE,
                                                               **body})
        assert placed.status_code == 422, body
    assert count(raw_driver, "MATCH (t:TrackedAction) RETURN count(t)") == 0

    # A lead gives actions to the team's members; the owner works on it, others may not.
    given = track(client, lead, account_id="a1", kind="custom", note="meet the CFO")
    assert given["owner_id"] == "e1"
    path = f"/v1/actions/{given['id']}"
    before = count(raw_driver, "MATCH (t:TrackedAction) RETURN t.rev_status")
    assert client.patch(path, json={"status": "done"}, headers=other).status_code == 403
    assert client.patch(path, json={"owner_id": "e2"}, headers=rep).status_code == 403
    assert count(raw_driver, "MATCH (t:TrackedAction) RETURN t.rev_status") == before
    assert client.patch(path, json={"owner_id": "e2"}, headers=lead).json()["owner_id"] == "e2"
    unknown = client.patch(path, json={"owner_id": "e-none"}, headers=tokens["exec"])
    assert unknown.status_code == 422 and unknown.json()["errors"][0]["path"] == "owner_id"
    assert client.patch(path, json={"status": "done"}, headers=lead).status_code == 200


def test_lists_by_owner_status_and_scope_mask_colleagues(client: TestClient,
                                                        tokens: Tokens) -> None:
    rep, lead, exec_ = tokens["rep"], tokens["lead"], tokens["exec"]
    late = (date.today() - timedelta(days=1)).isoformat()
    mine = track(client, rep, account_id="a1", kind="custom", note="late one", due=late)
    track(client, lead, account_id="a1", kind="custom", note="the lead's", owner_id="e2")
    done = track(client, rep, account_id="a1", kind="custom", note="finished")
    client.patch(f"/v1/actions/{done['id']}", json={"status": "done"}, headers=rep)
    theirs = track(client, exec_, account_id="a2", kind="custom", note="at a2", owner_id="e4")
    # An exec gives e4 an action on a1: the rep sees it with e4 as a colleague reference.
    hidden = track(client, exec_, account_id="a1", kind="custom", note="e4 helps", owner_id="e4")

    def listed(headers: dict[str, str], **params: str) -> tuple[int, list[tuple[str, str, bool]]]:
        response = client.get("/v1/actions", headers=headers, params=params)
        assert response.status_code == 200, response.text
        body = response.json()
        return body["total"], [(a["note"], a["owner_id"], a["overdue"]) for a in body["actions"]]

    # A rep sees no colleague by id, not even the lead: both others are references.
    total, rows = listed(rep, status="open")
    assert total == 3 and rows[0] == ("late one", "e1", True)
    assert sorted(note for note, _, _ in rows[1:]) == ["e4 helps", "the lead's"]
    assert all(owner.startswith("colleague-") for _, owner, _ in rows[1:])
    assert listed(lead, owner_id="e2") == (1, [("the lead's", "e2", False)])
    assert listed(rep, owner_id="e1") == (2, [("late one", "e1", True), ("finished", "e1", False)])
    assert listed(rep, owner_id="e1", limit="1", offset="1") == (2, [("finished", "e1", False)])
    assert client.get("/v1/actions", params={"owner_id": "e4"}, headers=rep).status_code == 404
    # An id of nobody is a 404 to those who may name every colleague too, not an empty list.
    assert client.get("/v1/actions", params={"owner_id": "e-none"}, headers=exec_).status_code == 404
    assert client.get("/v1/actions", params={"scope": "team:t2"}, headers=rep).status_code == 403
    assert listed(lead, scope="team:t1", status="done") == (1, [("finished", "e1", False)])
    assert listed(exec_, scope="team:t2") == (1, [("at a2", "e4", False)])
    # A principal's own actions are listed also where it reads nothing else (e4 owns none).
    total, rows = listed(tokens["other_rep"], status="open")
    assert (total, sorted(rows)) == (2, [("at a2", "e4", False), ("e4 helps", "e4", False)])
    # So in its own employee scope (its weekly review's), where it owns no account; another's
    # employee scope holds that one's accounts' actions alone.
    total, rows = listed(tokens["other_rep"], scope="employee:e4", status="open")
    assert (total, sorted(rows)) == (2, [("at a2", "e4", False), ("e4 helps", "e4", False)])
    assert listed(exec_, scope="employee:e4", status="open") == (0, [])
    # e4 owns no account: their actions are on accounts they may not open, and say so; the
    # rep's are on a1, theirs.
    opens = {h: [(a["note"], a["account_visible"]) for a in client.get(
        "/v1/actions", headers=tokens[h], params={"status": "open"}).json()["actions"]]
        for h in ("other_rep", "rep")}
    assert sorted(opens["other_rep"]) == [("at a2", False), ("e4 helps", False)]
    assert sorted(opens["rep"]) == [("e4 helps", True), ("late one", True), ("the lead's", True)]
    assert mine["overdue"] is True and theirs["account_id"] == "a2" and hidden["owner_id"] == "e4"


def test_an_actions_owner_knows_who_gave_it_to_them(client: TestClient, tokens: Tokens) -> None:
    """A rep sees no colleague by id, not even their lead: but the one who gave them an action
    is named to them, who is asked to do it; to others they stay a reference."""
    asked = track(client, tokens["lead"], account_id="a1", kind="custom", note="asked of e1")
    helps = track(client, tokens["exec"], account_id="a1", kind="custom", note="e4 helps",
                  owner_id="e4")

    def by(reader: str, action: dict[str, Any]) -> tuple[str, str | None]:
        body = client.get("/v1/actions", headers=tokens[reader]).json()
        (found,) = [a for a in body["actions"] if a["id"] == action["id"]]
        author = found["created_by"]["employee_id"]
        return author, body["names"].get(author)

    assert by("rep", asked) == ("e2", "王芳")
    assert by("other_rep", helps) == ("e3", "赵敏")
    author, name = by("rep", helps)
    assert author.startswith("colleague-") and name is None
    changed = client.patch(f"/v1/actions/{asked['id']}", json={"due": "2030-02-01"},
                           headers=tokens["rep"])
    assert changed.json()["created_by"]["employee_id"] == "e2"


def test_a_retry_with_the_same_idempotency_key_adds_no_action(
        client: TestClient, raw_driver: Driver, tokens: Tokens) -> None:
    rep, lead = tokens["rep"], tokens["lead"]
    body = {"account_id": "a1", "kind": "custom", "owner_id": "e1", "due": DUE,
            "note": "send the reference list"}
    keyed = {**rep, "Idempotency-Key": "crm-4711"}
    first = client.post("/v1/actions", json=body, headers=keyed)
    assert first.status_code == 201, first.text
    again = client.post("/v1/actions", json=body, headers=keyed)
    assert again.status_code == 201 and again.json() == first.json()
    # The same key with another action: refused, nothing written.
    other = client.post("/v1/actions", json={**body, "due": "2030-02-01"}, headers=keyed)
    assert other.status_code == 409, other.text
    assert count(raw_driver, "MATCH (t:TrackedAction) RETURN count(t)") == 1
    # Another's key is theirs: the lead's crm-4711 is another action; without a key, each
    # request is one.
    theirs = client.post("/v1/actions", json=body, headers={**lead, "Idempotency-Key": "crm-4711"})
    assert theirs.status_code == 201 and theirs.json()["id"] != first.json()["id"]
    for _ in range(2):
        assert client.post("/v1/actions", json=body, headers=rep).status_code == 201
    assert count(raw_driver, "MATCH (t:TrackedAction) RETURN count(t)") == 4
    # On a deal, the key's action answers again though its account is the deal's.
    on_deal = {**body, "account_id": None, "opportunity_id": "o1"}
    deal_keyed = {**rep, "Idempotency-Key": "crm-4712"}
    made = client.post("/v1/actions", json=on_deal, headers=deal_keyed)
    assert made.status_code == 201, made.text
    assert client.post("/v1/actions", json=on_deal, headers=deal_keyed).json() == made.json()
    # Handed by the lead to a colleague the rep may not see: a retry naming that colleague is
    # refused as a new request naming them is, and tells nothing of whom it was handed to.
    assert client.patch(f"/v1/actions/{first.json()['id']}", json={"owner_id": "e2"},
                        headers=lead).status_code == 200
    guessed = client.post("/v1/actions", json={**body, "owner_id": "e2"}, headers=keyed)
    fresh = client.post("/v1/actions", json={**body, "owner_id": "e2"}, headers=rep)
    assert guessed.status_code == fresh.status_code == 403
    assert [e["code"] for e in guessed.json()["errors"]] == [e["code"] for e in fresh.json()["errors"]]
    assert client.post("/v1/actions", json=body, headers=keyed).status_code == 409
