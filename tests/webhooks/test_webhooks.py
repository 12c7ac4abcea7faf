"""Webhooks end to end: a real receiver on the loopback address, the API's own worker, the
events of writes made through the API (docs/api.md, Webhooks)."""

import hashlib
import hmac
import json
import os
import signal
import threading
import time
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient
from neo4j import Driver

from app.main import create_app
from app.webhooks import worker
from tests.auth.conftest import create
from tests.conftest import ADMIN_TOKEN, AUTH, count, ready, settings_for
from tests.live import api_process
from tests.servers import Server
from tests.webhooks.receiver import receiver

SECRET = "a-secret-of-the-receiver"
TODAY = date.today()
RECORDS = ["assessment_changed", "member_added", "contact_left"]


def wait_for(found: Callable[[], Any], timeout_s: float = 30, what: str = "") -> Any:
    deadline = time.monotonic() + timeout_s
    while not (answer := found()):
        assert time.monotonic() < deadline, f"waited {timeout_s} s for {what}"
        time.sleep(0.05)
    return answer


def baseline() -> dict[str, Any]:
    """Rep e1 owns a1; c1 supports us on closeness since ten days ago; c2 and c3 work there; o1
    is a1's deal with c1 as its decision maker."""
    return {
        "accounts": [{"id": "a1", "name": "华东电网"}],
        "teams": [{"id": "t1", "name": "能源", "lead_id": "e1"}],
        "employees": [{"id": "e1", "name": "李明", "team_id": "t1"}],
        "contacts": [{"id": c, "account_id": "a1", "name": name, "key_person": True}
                     for c, name in [("c1", "王建国"), ("c2", "陈伟"), ("c3", "赵丽")]],
        "opportunities": [{"id": "o1", "account_id": "a1", "name": "数据中台"}],
        "relationships": [{"type": "OWNS", "from": "e1", "to": "a1"},
                          {"type": "IN_DECISION_CHAIN", "from": "c1", "to": "o1",
                           "role": "decision_maker"}],
        "assessments": [{"contact_id": "c1", "at": (TODAY - timedelta(days=10)).isoformat(),
                         "closeness": "support"}],
    }


def drained(raw_driver: Driver) -> None:
    """Every outbox mark made into events (or dropped, with nobody subscribed)."""
    wait_for(lambda: count(raw_driver, "MATCH (m:OutboxMark) RETURN count(m)") == 0,
             what="the outbox to drain")


def settled(raw_driver: Driver) -> None:
    drained(raw_driver)
    wait_for(lambda: count(raw_driver, "MATCH (d:WebhookDelivery {status: 'pending'}) "
                                       "RETURN count(d)") == 0, what="the deliveries")


@pytest.fixture
def hooks(client: TestClient, neo4j_server: Server) -> Iterator[TestClient]:
    """An API with its webhook worker, allowed to deliver to the loopback address, quick to
    retry; the graph wiped (the `client` fixture)."""
    settings = settings_for(neo4j_server, webhook_worker=True, webhook_allowed_hosts=["127.0.0.1"],
                            webhook_poll_s=0.1, webhook_retry_base_s=0.3, webhook_timeout_s=1.0)
    with TestClient(create_app(settings), raise_server_exceptions=False) as api:
        yield ready(api)


def subscribe(api: TestClient, url: str, events: list[str]) -> str:
    answer = api.post("/v1/webhooks", json={"url": url, "events": events, "secret": SECRET},
                      headers=AUTH)
    assert answer.status_code == 201, answer.text
    assert "secret" not in answer.json()
    return str(answer.json()["id"])


def log_of(api: TestClient, subscription_id: str) -> list[dict[str, Any]]:
    answer = api.get(f"/v1/webhooks/{subscription_id}/deliveries", headers=AUTH)
    assert answer.status_code == 200, answer.text
    return list(answer.json()["deliveries"])


def test_writes_of_every_kind_are_delivered_signed_once_each(
        hooks: TestClient, raw_driver: Driver) -> None:
    assert hooks.post("/v1/import", json=baseline(), headers=AUTH).status_code == 200
    drained(raw_driver)  # nobody subscribed: the baseline's events go nowhere
    rep = create(hooks, role="rep", employee_id="e1")
    with receiver() as r:
        subscription = subscribe(hooks, r.url, RECORDS)
        # An import, an edge ended through the API, and the rep's capture.
        assert hooks.post("/v1/import", headers=AUTH, json={"relationships": [
            {"type": "IN_DECISION_CHAIN", "from": "c2", "to": "o1", "role": "user",
             "since": TODAY.isoformat()}]}).status_code == 200
        assert hooks.post("/v1/relationships/end", headers=AUTH, json={
            "type": "WORKS_AT", "from": "c3", "to": "a1",
            "until": TODAY.isoformat()}).json()["ended"] == 1
        assert hooks.post("/v1/assessments", headers=rep, json={
            "contact_id": "c1", "at": TODAY.isoformat(), "closeness": "oppose"}).status_code == 200
        # The same news again (the rep re-sends the same assessment): no second event.
        assert hooks.post("/v1/assessments", headers=rep, json={
            "contact_id": "c1", "at": TODAY.isoformat(), "closeness": "oppose"}).status_code == 200
        settled(raw_driver)
        time.sleep(0.5)  # a second delivery of anything would have had time to arrive
        got = list(r.requests)
    bodies = [json.loads(g.body) for g in got]
    assert sorted((b["type"], b["event"]["contact_id"]) for b in bodies) == [
        ("assessment_changed", "c1"), ("contact_left", "c3"), ("member_added", "c2")]
    changed = next(b["event"] for b in bodies if b["type"] == "assessment_changed")
    assert changed == {**changed, "at": TODAY.isoformat(), "account_id": "a1",
                       "employee_id": "e1", "from": "support", "to": "oppose"}
    added = next(b["event"] for b in bodies if b["type"] == "member_added")
    assert (added["opportunity_id"], added["to"]) == ("o1", "user")
    log = {d["id"]: d for d in log_of(hooks, subscription)}
    for g, body in zip(got, bodies, strict=True):
        expected = "sha256=" + hmac.new(SECRET.encode(), g.body, hashlib.sha256).hexdigest()
        assert g.headers["X-BRM-Signature"] == expected
        assert g.headers["X-BRM-Event"] == body["type"]
        delivery = log[g.headers["X-BRM-Delivery"]]
        assert (delivery["event_id"], delivery["status"], delivery["attempts"]) == (
            body["id"], "delivered", 1)
        assert [t["status_code"] for t in delivery["tries"]] == [204]


def test_every_account_a_write_touched_is_looked_at_a_page_at_a_time(
        client: TestClient, neo4j_server: Server, raw_driver: Driver) -> None:
    """One import that moves people at three accounts, with the worker comparing one account a
    read: the events of all three arrive (the first page's alone did)."""
    doc = baseline()
    doc["accounts"] += [{"id": "a2", "name": "江苏农商"}, {"id": "a3", "name": "山东恒安"}]
    doc["contacts"] += [{"id": "c4", "account_id": "a2", "name": "孙伟"},
                        {"id": "c5", "account_id": "a3", "name": "周强"}]
    doc["assessments"] += [{"contact_id": c, "at": (TODAY - timedelta(days=10)).isoformat(),
                            "closeness": "support"} for c in ("c4", "c5")]
    settings = settings_for(neo4j_server, webhook_worker=True, webhook_allowed_hosts=["127.0.0.1"],
                            webhook_poll_s=0.1, webhook_max_accounts=1)
    with TestClient(create_app(settings), raise_server_exceptions=False) as api:
        ready(api)
        assert api.post("/v1/import", json=doc, headers=AUTH).status_code == 200
        drained(raw_driver)
        with receiver() as r:
            subscribe(api, r.url, ["assessment_changed"])
            assert api.post("/v1/import", headers=AUTH, json={"assessments": [
                {"contact_id": c, "at": TODAY.isoformat(), "closeness": "oppose"}
                for c in ("c1", "c4", "c5")]}).status_code == 200
            settled(raw_driver)
            got = sorted(json.loads(g.body)["event"]["account_id"] for g in r.requests)
    assert got == ["a1", "a2", "a3"]


def test_a_failing_receiver_gets_the_event_again_on_each_retry_until_it_answers(
        hooks: TestClient, raw_driver: Driver) -> None:
    assert hooks.post("/v1/import", json=baseline(), headers=AUTH).status_code == 200
    drained(raw_driver)
    with receiver(failures=3) as r:
        subscription = subscribe(hooks, r.url, ["assessment_changed"])
        assert hooks.post("/v1/assessments", headers=AUTH, json={
            "contact_id": "c1", "at": TODAY.isoformat(), "closeness": "oppose"}).status_code == 200
        [delivery] = wait_for(lambda: [d for d in log_of(hooks, subscription)
                                       if d["status"] == "delivered"], what="the delivery")
        time.sleep(1.0)  # longer than the next backoff: a fifth try would have come
        got = list(r.requests)
    # Four tries (three answered 500, then 204), each the same delivery, the same bytes.
    assert len(got) == 4
    assert {g.headers["X-BRM-Delivery"] for g in got} == {delivery["id"]}
    assert len({g.body for g in got}) == 1
    assert [t["status_code"] for t in delivery["tries"]] == [500, 500, 500, 204]
    assert [t["error"] for t in delivery["tries"]] == ["HTTP 500"] * 3 + [None]
    assert delivery["attempts"] == 4


def test_a_receiver_that_hangs_holds_up_no_request(hooks: TestClient, raw_driver: Driver) -> None:
    assert hooks.post("/v1/import", json=baseline(), headers=AUTH).status_code == 200
    drained(raw_driver)
    hang = threading.Event()
    with receiver(hang=hang) as r:
        subscription = subscribe(hooks, r.url, ["assessment_changed"])
        assert hooks.post("/v1/assessments", headers=AUTH, json={
            "contact_id": "c1", "at": TODAY.isoformat(), "closeness": "oppose"}).status_code == 200
        wait_for(lambda: r.requests, what="the first try")
        # While the receiver holds the try, writes and reads are answered.
        assert hooks.post("/v1/assessments", headers=AUTH, json={
            "contact_id": "c2", "at": TODAY.isoformat(), "closeness": "support"}).status_code == 200
        assert hooks.get("/v1/contacts/c1", headers=AUTH).status_code == 200
        # The try times out (1 s) and is kept as such; released, the receiver gets it again.
        wait_for(lambda: any(t["error"] for d in log_of(hooks, subscription)
                             for t in d["tries"]), what="the timed-out try")
        hang.set()
        settled(raw_driver)
        log = log_of(hooks, subscription)
    first = next(d for d in log if d["tries"][0]["error"])
    assert first["tries"][0]["status_code"] is None
    assert first["tries"][0]["error"] in ("ReadTimeout", "TimeoutError")
    assert first["tries"][0]["duration_ms"] >= 900
    assert first["status"] == "delivered" and first["tries"][-1]["status_code"] == 204


def test_a_write_made_before_the_api_is_killed_is_delivered_after_its_restart(
        client: TestClient, neo4j_server: Server, raw_driver: Driver, tmp_path: Path) -> None:
    assert client.post("/v1/import", json=baseline(), headers=AUTH).status_code == 200
    env = {"BRM_WEBHOOK_ALLOWED_HOSTS": "127.0.0.1", "BRM_WEBHOOK_RETRY_BASE_S": "0.3"}
    with TestClient(create_app(settings_for(neo4j_server, webhook_worker=True))):
        drained(raw_driver)  # nobody subscribed: the baseline's marks go
    with receiver() as r:
        # The first API runs no worker (its own would deliver the write below at once): the
        # write waits in the outbox when the API is killed.
        with api_process(neo4j_server, tmp_path / "first.log", BRM_WEBHOOK_WORKER="false",
                         **env) as (first, url):
            admin = {"Authorization": f"Bearer {ADMIN_TOKEN}"}
            answer = httpx.post(url + "/v1/webhooks", headers=admin, json={
                "url": r.url, "events": ["assessment_changed"], "secret": SECRET})
            assert answer.status_code == 201, answer.text
            assert httpx.post(url + "/v1/assessments", headers=admin, json={
                "contact_id": "c1", "at": TODAY.isoformat(),
                "closeness": "oppose"}).status_code == 200
            assert count(raw_driver, "MATCH (m:OutboxMark) RETURN count(m)") == 1
            os.kill(first.pid, signal.SIGKILL)
            first.wait(timeout=20)
        assert r.requests == []
        with api_process(neo4j_server, tmp_path / "second.log", BRM_WEBHOOK_POLL_S="0.1", **env):
            wait_for(lambda: r.requests, what="the delivery after the restart")
            settled(raw_driver)
        [got] = r.requests
    body = json.loads(got.body)
    assert (body["type"], body["event"]["contact_id"], body["event"]["to"]) == (
        "assessment_changed", "c1", "oppose")


@pytest.mark.parametrize(("event", "moved"), [
    ("assessment_changed", "closeness"),  # found by the dated records' loop
    ("blocker_new", "price"),  # by the deal states' loop, which the first one wakes
])
def test_a_write_of_the_api_is_delivered_without_waiting_for_the_next_poll(
        client: TestClient, neo4j_server: Server, raw_driver: Driver, event: str,
        moved: str) -> None:
    doc = baseline()
    doc["assessments"] = [{"contact_id": "c1", "at": (TODAY - timedelta(days=10)).isoformat(),
                           "closeness": "support", "solution": "support", "price": "support"}]
    assert client.post("/v1/import", json=doc, headers=AUTH).status_code == 200
    settings = settings_for(neo4j_server, webhook_worker=True, webhook_allowed_hosts=["127.0.0.1"],
                            webhook_poll_s=120)
    with receiver() as r, TestClient(create_app(settings), raise_server_exceptions=False) as api:
        ready(api)
        drained(raw_driver)  # the worker's first passes; its loops then poll every two minutes
        subscribe(api, r.url, [event])
        written = time.monotonic()
        assert api.post("/v1/assessments", headers=AUTH, json={
            "contact_id": "c1", "at": TODAY.isoformat(), moved: "oppose"}).status_code == 200
        wait_for(lambda: r.requests, timeout_s=60, what="the delivery")
        assert time.monotonic() - written < 60
    assert json.loads(r.requests[0].body)["type"] == event


def test_who_may_subscribe_and_where_to(hooks: TestClient) -> None:
    assert hooks.post("/v1/import", json=baseline(), headers=AUTH).status_code == 200
    body = {"url": "http://127.0.0.1:9/hooks", "events": ["blocker_new"], "secret": SECRET}
    # A host outside the allow-list is refused when subscribing, with the reason.
    for url in ("http://10.0.0.5/hooks", "http://localhost/hooks", "http://user:pw@127.0.0.1/x",
                "ftp://127.0.0.1/x"):
        answer = hooks.post("/v1/webhooks", json={**body, "url": url}, headers=AUTH)
        assert answer.status_code == 422, (url, answer.text)
        assert [e["path"] for e in answer.json()["errors"]] == ["url"]
    # Reps, leads, execs and integrations of a team may not subscribe.
    for principal in ({"role": "rep", "employee_id": "e1"}, {"role": "lead", "employee_id": "e1"},
                      {"role": "exec"}, {"role": "integration", "scopes": ["team:t1"]}):
        token = create(hooks, **principal)
        assert hooks.post("/v1/webhooks", json=body, headers=token).status_code == 403, principal
        assert hooks.get("/v1/webhooks", headers=token).status_code == 403, principal
    # A company-wide integration manages its own subscriptions; an admin sees every one.
    crm = create(hooks, role="integration", scopes=["company"])
    mine = hooks.post("/v1/webhooks", json=body, headers=crm).json()["id"]
    theirs = subscribe(hooks, body["url"], ["blocker_new"])
    assert [s["id"] for s in hooks.get("/v1/webhooks", headers=crm).json()] == [mine]
    assert {s["id"] for s in hooks.get("/v1/webhooks", headers=AUTH).json()} == {mine, theirs}
    assert hooks.get(f"/v1/webhooks/{theirs}/deliveries", headers=crm).status_code == 404
    assert hooks.delete(f"/v1/webhooks/{theirs}", headers=crm).status_code == 404
    assert hooks.delete(f"/v1/webhooks/{mine}", headers=crm).status_code == 204
    assert hooks.get("/v1/webhooks", headers=crm).json() == []
    assert hooks.get(f"/v1/webhooks/{mine}/deliveries", headers=crm).status_code == 404


def test_a_new_blocker_is_delivered_once_however_often_it_is_found(
        hooks: TestClient, raw_driver: Driver) -> None:
    doc = baseline()
    doc["assessments"] = [{"contact_id": "c1", "at": (TODAY - timedelta(days=10)).isoformat(),
                           "closeness": "support", "solution": "support", "price": "support"}]
    assert hooks.post("/v1/import", json=doc, headers=AUTH).status_code == 200
    drained(raw_driver)
    with receiver() as r:
        subscribe(hooks, r.url, ["blocker_new"])
        # c1, o1's decision maker, opposes on price today: a blocker of o1 from today. Then
        # the same day the solution too: the deal is compared again, and c1 is still the news
        # already sent.
        for feature in ("price", "solution"):
            assert hooks.post("/v1/assessments", headers=AUTH, json={
                "contact_id": "c1", "at": TODAY.isoformat(), feature: "oppose"}).status_code == 200
            settled(raw_driver)
        time.sleep(0.5)
        got = [json.loads(g.body) for g in r.requests]
    assert [(b["type"], b["event"]["opportunity_id"], b["event"]["contact_id"], b["event"]["at"])
            for b in got] == [("blocker_new", "o1", "c1", TODAY.isoformat())]


def test_a_day_passing_delivers_what_time_made_at_every_account(
        hooks: TestClient, raw_driver: Driver, monkeypatch: pytest.MonkeyPatch) -> None:
    """The day's clock mark looks at every account a page at a time: with one action read at
    once, both accounts' actions that fell overdue yesterday are delivered."""
    doc = baseline()
    doc["accounts"].append({"id": "a2", "name": "南方电网"})
    doc["relationships"].append({"type": "OWNS", "from": "e1", "to": "a2"})
    assert hooks.post("/v1/import", json=doc, headers=AUTH).status_code == 200
    drained(raw_driver)
    monkeypatch.setattr(hooks.app.state.settings, "changes_max_rows", 1)  # type: ignore[attr-defined]
    monkeypatch.setattr(worker, "CLOCK_ACCOUNTS", 1)
    due = TODAY - timedelta(days=2)
    with receiver() as r:
        subscribe(hooks, r.url, ["action_overdue"])
        # Open actions due the day before yesterday (overdue from yesterday on), and the mark
        # the clock leaves for the day passed.
        raw_driver.execute_query(
            "UNWIND ['a1', 'a2'] AS account "
            "CREATE (:TrackedAction {id: 'act-' + account, account_id: account, "
            "contact_id: 'c1', kind: 'breakthrough', owner_id: 'e1', status: 'open', due: $due, "
            "created_at: datetime(), updated_at: datetime(), rev_on: [$due - duration('P5D')], "
            "rev_status: ['open'], rev_due: [$due], rev_owner: ['e1']}) "
            "WITH count(*) AS made "
            "CREATE (:OutboxMark {id: randomUUID(), at: datetime(), since: $due + duration('P1D'), "
            "until: $today, ids: [], clock: true})",
            due=due, today=TODAY, database_="neo4j")
        settled(raw_driver)
        time.sleep(0.5)
        got = [json.loads(g.body) for g in r.requests]
    yesterday = (TODAY - timedelta(days=1)).isoformat()
    assert sorted((b["type"], b["event"]["action_id"], b["event"]["at"]) for b in got) == [
        ("action_overdue", "act-a1", yesterday), ("action_overdue", "act-a2", yesterday)]
