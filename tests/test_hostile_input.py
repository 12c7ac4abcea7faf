"""Hostile input: injection-shaped values are data, bounds hold, a dense graph is searched
completely, a query past its budget ends in 504."""

import contextlib
import importlib
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import orjson
from fastapi.testclient import TestClient
from neo4j import Driver

import app
from app.main import create_app
from app.routes import CheckedRoute
from tests.conftest import AUTH, count, graph_fingerprint, settings_for
from tests.servers import Server

NASTY = [
    "a'1", 'b"2', "c`3", "d}{4", "e) DETACH DELETE n //", "f'}) MATCH (m) DETACH DELETE m //",
    "g<<label>>", "h$param", "i\\u0000\\n", "名字🙂\u202eRTL", "j" * 254,
]


def test_injection_shaped_values_are_stored_and_returned_verbatim(client: TestClient,
                                                                  raw_driver: Driver) -> None:
    assert client.post("/v1/import", json={"accounts": [{"id": "sentinel", "name": "keep me"}]},
                       headers=AUTH).status_code == 200
    before = graph_fingerprint(raw_driver)
    long_text = "长" * 10_000
    doc: dict[str, Any] = {
        "accounts": [{"id": v, "name": v + " // MATCH (n) DETACH DELETE n", "industry": v}
                     for v in NASTY],
        "contacts": [{"id": "c:" + v, "account_id": v, "name": long_text, "title": v}
                     for v in NASTY],
        "relationships": [{"type": "REPORTS_TO", "from": "c:" + NASTY[0], "to": "c:" + v}
                          for v in NASTY[1:]],
    }
    response = client.post("/v1/import", json=doc, headers=AUTH)
    assert response.status_code == 200, response.text
    for v in NASTY:
        got = client.get(f"/v1/accounts/{quote(v, safe='')}", headers=AUTH)
        assert got.status_code == 200, v
        assert got.json()["name"] == v + " // MATCH (n) DETACH DELETE n"
        contact = client.get(f"/v1/contacts/{quote('c:' + v, safe='')}", headers=AUTH).json()
        assert contact["title"] == v and contact["name"] == long_text
    nodes, edges, _ = graph_fingerprint(raw_driver)
    assert nodes == before[0] + 2 * len(NASTY)
    assert edges == before[1] + len(NASTY) + len(NASTY) - 1  # WORKS_AT links + REPORTS_TO
    assert count(raw_driver, "MATCH (a:Account {id: 'sentinel'}) RETURN a.name") == "keep me"


def test_injection_in_query_parameters_changes_nothing(client: TestClient, raw_driver: Driver) -> None:
    assert client.post("/v1/import", json={"accounts": [{"id": "a1", "name": "x"}]},
                       headers=AUTH).status_code == 200
    before = graph_fingerprint(raw_driver)
    for scope in ("team:x'}) MATCH (n) DETACH DELETE n //", "employee:`x`", "company' OR 1=1"):
        response = client.get("/v1/kpis/influence", headers=AUTH, params={"scope": scope})
        assert response.status_code in (404, 422), (scope, response.text)
    for params in ({"after": "' OR 1=1 //"}, {"account_id": "x') DETACH DELETE n"}):
        assert client.get("/v1/contacts", headers=AUTH, params=params).status_code == 200
    assert graph_fingerprint(raw_driver) == before


def test_strings_past_their_bounds_are_refused(client: TestClient) -> None:
    doc = {"accounts": [{"id": "x" * 257, "name": "n"}, {"id": "ok", "name": "n" * 10_001}]}
    response = client.post("/v1/import", json=doc, headers=AUTH)
    assert response.status_code == 422
    assert {e["path"] for e in response.json()["errors"]} == {"accounts[0].id", "accounts[1].name"}



def test_dates_outside_the_calendar_the_service_keeps_are_refused_whole(
        client: TestClient, raw_driver: Driver) -> None:
    # Years 1 and 9999 were taken and then overflowed (a horizon of years before 0001-01-01,
    # a message dated 9999-12-31 -12:00 in the organisation's zone): 500s. Nothing is written.
    assert client.post("/v1/import", json={"accounts": [{"id": "a1", "name": "x"}],
                                           "contacts": [{"id": "c1", "account_id": "a1",
                                                         "name": "y"}],
                                           "employees": [{"id": "e1", "name": "z"}]},
                       headers=AUTH).status_code == 200
    before = graph_fingerprint(raw_driver)
    doc = {"activities": [{"id": "old", "at": "0001-01-01", "type": "call",
                           "employee_ids": ["e1"], "contact_ids": ["c1"]}],
           "assessments": [{"contact_id": "c1", "at": "9999-12-31", "closeness": "support"}],
           "relationships": [{"type": "INFLUENCES", "from": "e1", "to": "c1",
                              "since": "1899-12-31"}]}
    response = client.post("/v1/import", json=doc, headers=AUTH)
    assert response.status_code == 422, response.text
    assert response.json()["detail"] == "3 validation error(s); nothing was written"
    # By the input's own path: pydantic's validators are no part of it. An activity's date may
    # be a day or a moment with its zone: written as a day, it is told only what a day is.
    assert sorted((e["path"], e["message"]) for e in response.json()["errors"]) == [
        ("activities[0].at", "must be from 1900-01-01 to 2999-12-31"),
        ("assessments[0].at", "must be from 1900-01-01 to 2999-12-31"),
        ("relationships[0].since", "must be from 1900-01-01 to 2999-12-31")]
    mail = (b"Message-ID: <far@x>\r\nDate: Fri, 31 Dec 9999 23:59:59 -1200\r\n"
            b"From: a@x.example\r\nTo: b@y.example\r\n\r\n")
    refused = client.post("/v1/capture/mail", content=mail,
                          headers={**AUTH, "content-type": "message/rfc822"})
    assert refused.status_code == 422, refused.text
    assert refused.json()["errors"] == [
        {"path": "messages[0].Date", "code": "date_out_of_range",
         "message": "the date must be from 1900-01-01 to 2999-12-30",
         "params": {"earliest": "1900-01-01", "latest": "2999-12-30"}}]
    assert graph_fingerprint(raw_driver) == before


def test_a_csv_cell_past_the_readers_limit_is_a_clear_refusal(client: TestClient) -> None:
    body = "id,account_id,name\nc1,a1," + "长" * 200_000 + "\n"
    response = client.post("/v1/import/contacts", content=body.encode(),
                           headers={**AUTH, "content-type": "text/csv"})
    assert response.status_code == 422, response.text
    assert response.json()["errors"][0]["message"].startswith("not a CSV file: field larger")


def test_unknown_fields_of_a_request_body_are_refused_not_dropped(client: TestClient) -> None:
    # As the import refuses them: `status` on a new action, `private_to` on an activity's
    # privacy were taken and ignored, so a caller believed they had set them.
    for method, path, body in [
            ("POST", "/v1/actions", {"title": "拜访", "owner_id": "e1", "due": "2026-12-01",
                                     "account_id": "a1", "status": "done"}),
            ("PATCH", "/v1/actions/x", {"status": "done", "account_id": "a2"}),
            ("PATCH", "/v1/activities/x", {"private": True, "private_to": "e9"}),
            ("POST", "/v1/principals", {"role": "admin", "is_root": True})]:
        response = client.request(method, path, json=body, headers=AUTH)
        assert response.status_code == 422, (path, response.text)
        assert any(e["message"] == "Extra inputs are not permitted"
                   for e in response.json()["errors"]), path

def test_unknown_query_parameters_are_refused_not_dropped(client: TestClient,
                                                         raw_driver: Driver) -> None:
    """A misspelt or made-up parameter is an error, every one listed, as unknown fields of a
    body are: `?email=` on the contact list (before it took one) answered the first page of
    every contact."""
    for path, params, unknown in [
            ("/v1/contacts", {"mail": "x@y.cn", "limit": "1"}, ["mail"]),
            ("/v1/contacts", {"acount_id": "a1"}, ["acount_id"]),
            ("/v1/changes", {"sinc": "2026-03-01", "scope": "company", "typ": "x"},
             ["sinc", "typ"])]:
        response = client.get(path, params=params, headers=AUTH)
        assert response.status_code == 422, (path, response.text)
        errors = response.json()["errors"]
        assert [(e["path"], e["code"]) for e in errors] == [(n, "unknown_parameter")
                                                          for n in unknown]
    # What a route takes is taken: its own parameters, repeated ones and those of its parts.
    assert client.get("/v1/contacts", params={"limit": 1}, headers=AUTH).status_code == 200
    assert client.get("/v1/changes", headers=AUTH, params=[
        ("scope", "company"), ("type", "blocker_new"), ("type", "reach_lost")]).status_code == 200
    # A parameter of one value given twice is refused, not read as its last: one account's
    # contacts answered for two asked.
    twice = client.get("/v1/contacts", headers=AUTH, params=[
        ("account_id", "a1"), ("account_id", "a2"), ("limit", "5"), ("limit", "6"), ("nope", "1")])
    assert twice.status_code == 422, twice.text
    assert [(e["path"], e["code"]) for e in twice.json()["errors"]] == [
        ("nope", "unknown_parameter"), ("account_id", "repeated_parameter"),
        ("limit", "repeated_parameter")]
    before = graph_fingerprint(raw_driver)
    refused = client.post("/v1/import", params={"dry_run": "true"}, headers=AUTH,
                          json={"accounts": [{"id": "a9", "name": "甲"}]})
    assert refused.status_code == 422 and refused.json()["errors"][0]["path"] == "dry_run"
    assert graph_fingerprint(raw_driver) == before


def test_every_problem_of_a_query_is_listed_in_one_answer(client: TestClient) -> None:
    """Checks across parameters (a period's two ends, the query string as a whole) and each
    parameter's own, together: they were answered in turns, one stage's problems at a time."""
    asked = client.get("/v1/changes", headers=AUTH, params=[
        ("since", "2020-01-01"), ("until", "2026-01-31"), ("limit", "0"), ("scope", "teams:x"),
        ("nope", "1"), ("offset", "1"), ("offset", "2")])
    assert asked.status_code == 422, asked.text
    assert asked.json()["detail"] == "5 validation error(s)"
    assert sorted((e["path"], e["code"]) for e in asked.json()["errors"]) == [
        ("limit", "greater_than_equal"), ("nope", "unknown_parameter"),
        ("offset", "repeated_parameter"), ("scope", "scope_invalid"),
        ("since", "period_too_long")]
    for method, path, params, problems in [
        ("GET", "/v1/activities", {"since": "2026-02-01", "until": "2026-01-01", "limit": "-1"},
         [("limit", "greater_than_equal"), ("since", "since_after_until")]),
        ("GET", "/v1/kpis/trend", {"period": "ytd", "period_days": "30", "months": "1"},
         [("months", "greater_than_equal"), ("period_days", "period_days_for_days")]),
        ("GET", "/v1/actions", {"scope": "teams:x", "limit": "0"},
         [("limit", "greater_than_equal"), ("scope", "scope_invalid")]),
        ("POST", "/v1/capture/calendar",
         {"since": "2020-06-01", "until": "2020-01-01", "skip_refused": "maybe"},
         [("since", "since_after_until"), ("skip_refused", "bool_parsing")])]:
        answer = client.request(method, path, headers=AUTH, params=params)
        assert sorted((e["path"], e["code"]) for e in answer.json()["errors"]) == problems, path
    for q, code in [("x" * 101, "string_too_long"), (" a ", "string_too_short")]:
        asked = client.get("/v1/acquaintance-candidates", headers=AUTH, params={"q": q})
        assert [e["code"] for e in asked.json()["errors"]] == [code], asked.text
    weights = client.put("/v1/esp/weights/能源", headers=AUTH, json={
        "sales": 0.5, "potential": 0.5, "demonstration": 0, "winnable": 0, "bogus": 1})
    assert [(e["path"], e["code"]) for e in weights.json()["errors"]] == [
        ("bogus", "extra_forbidden")]
    # A write's says that nothing was written, however its problems were found.
    written = client.post("/v1/contacts", headers=AUTH, params={"nope": "1"}, json={"id": 1})
    assert written.status_code == 422
    assert written.json()["detail"] == "4 validation error(s); nothing was written", written.text
    # A check across parameters alone still stops the route before it reads anything.
    alone = client.get("/v1/kpis/influence", headers=AUTH, params={
        "period": "ytd", "period_days": "30"})
    assert alone.status_code == 422
    assert alone.json()["errors"] == [{
        "path": "period_days", "code": "period_days_for_days",
        "message": "period_days is for period=days, not ytd"}]
    assert alone.json()["detail"] == "1 validation error(s)"


def test_a_body_that_is_not_json_is_refused_saying_what_to_send(client: TestClient) -> None:
    """`curl -d` without a content type sends a form: said as such, not as a wrong object."""
    for path, data in [("/v1/contacts", "id=c1&name=x"), ("/v1/import", '{"accounts": []}')]:
        for media in ("application/x-www-form-urlencoded", "text/plain"):
            response = client.post(path, content=data, headers={**AUTH, "content-type": media})
            assert response.status_code == 422, (path, media, response.text)
            assert response.json()["errors"] == [{
                "path": "", "code": "media_type", "message": "send application/json",
                "params": {"accepted": "application/json"}}]
    assert client.post("/v1/import", content=b'{"accounts": []}', headers={
        **AUTH, "content-type": "application/json; charset=utf-8"}).status_code == 200
    # No content type at all is taken for JSON, on every route as on the import.
    for path, body in [("/v1/import", b'{"accounts": [{"id": "a1", "name": "x"}]}'),
                       ("/v1/accounts", b'{"id": "a2", "name": "y"}')]:
        sent = client.post(path, content=body, headers=AUTH)
        assert "content-type" not in sent.request.headers
        assert sent.status_code == 200, (path, sent.text)
    assert [a["id"] for a in client.get("/v1/accounts", headers=AUTH).json()["items"]] == ["a1", "a2"]


def test_every_route_caps_the_body(neo4j_server: Server, client: TestClient) -> None:
    """Whether the body's length is declared or it is streamed (chunked, no length): a streamed
    one is found too large while FastAPI reads it, which turned any fault into its own 400."""
    body = orjson.dumps({"contact_id": "c", "at": "2026-01-01", "closeness": "x" * 1000})
    with TestClient(create_app(settings_for(neo4j_server, max_request_bytes=300))) as api:
        headers = {**AUTH, "content-type": "application/json"}
        declared = api.post("/v1/assessments", headers=headers, content=body)
        streamed = api.post("/v1/assessments", headers=headers,
                            content=(body[i:i + 100] for i in range(0, len(body), 100)))
    for response in (declared, streamed):
        assert response.status_code == 413, response.text
        assert response.headers["content-type"] == "application/problem+json"
        assert response.json()["type"] == "/problems/payload-too-large"
        assert response.json()["detail"] == "the request body is larger than 300 bytes"
    assert "content-length" not in streamed.request.headers


def dense_graph(people: int = 60) -> dict[str, Any]:
    """Everyone influences everyone: 60^4 paths of five steps between two people."""
    ids = [f"d{i}" for i in range(people)]
    return {
        "accounts": [{"id": "dense", "name": "dense"}],
        "employees": [{"id": f"de{i}", "name": "e"} for i in range(5)],
        "contacts": [{"id": c, "account_id": "dense", "name": c} for c in ids],
        "relationships": [{"type": "INFLUENCES", "from": a, "to": b, "strength": 0.9}
                          for a in ids for b in ids if a != b]
        + [{"type": "INFLUENCES", "from": f"de{i}", "to": ids[i * 7], "strength": 0.9} for i in range(5)],
    }


def test_a_dense_graph_is_searched_completely(neo4j_server: Server, client: TestClient) -> None:
    # The search keeps one way per person, not every path: 60 people who all influence each
    # other are a few thousand steps to look at, whatever the number of paths between them.
    assert client.post("/v1/import", json=dense_graph(), headers=AUTH).status_code == 200
    with TestClient(create_app(settings_for(neo4j_server, path_budget=100)),
                    raise_server_exceptions=False) as api:
        response = api.get("/v1/contacts/d59/influence-paths", headers=AUTH, params={"max_hops": 5})
    assert response.status_code == 200, response.text[:300]
    body = response.json()
    assert body["truncated"] is False
    # Each employee: their contact, then that contact's own step to d59 (0.9 x 0.9).
    assert sorted((p["employee_id"], round(p["strength"], 6), p["hops"]) for p in body["paths"]) == [
        (f"de{i}", 0.81, 2) for i in range(5)]
    # A budget below the 59 people one step before d59 cuts the search, and says so.
    with TestClient(create_app(settings_for(neo4j_server, path_budget=10))) as api:
        cut = api.get("/v1/contacts/d59/influence-paths", headers=AUTH, params={"max_hops": 5})
    assert cut.status_code == 200 and cut.json()["truncated"] is True


@contextlib.contextmanager
def held_account(raw_driver: Driver, account_id: str) -> Iterator[None]:
    """Another writer's transaction holding the account's write lock, rolled back at the end."""
    with raw_driver.session(database="neo4j") as session, session.begin_transaction() as holder:
        holder.run("MATCH (a:Account {id: $id}) SET a.name = a.name", id=account_id).consume()
        try:
            yield
        finally:
            holder.rollback()


def test_a_query_past_its_time_budget_answers_504(neo4j_server: Server, client: TestClient,
                                                  raw_driver: Driver) -> None:
    # A write that waits on another writer's lock past its budget: Neo4j ends it.
    assert client.post("/v1/import", json={"accounts": [{"id": "held", "name": "before"}]},
                       headers=AUTH).status_code == 200
    settings = settings_for(neo4j_server, write_timeout_s=0.5)
    with held_account(raw_driver, "held"), \
            TestClient(create_app(settings), raise_server_exceptions=False) as api:
        started = time.monotonic()
        response = api.post("/v1/import", headers=AUTH,
                            json={"accounts": [{"id": "held", "name": "after"}]})
        elapsed = time.monotonic() - started
    assert response.status_code == 504, response.text[:300]
    assert response.headers["content-type"] == "application/problem+json"
    assert elapsed < 10
    assert client.get("/v1/accounts/held", headers=AUTH).json()["name"] == "before"


def test_an_unknown_route_and_a_method_a_route_does_not_take_are_problems_too(
        client: TestClient) -> None:
    nowhere = client.get("/v1/nowhere", headers=AUTH)
    assert (nowhere.status_code, nowhere.json()["type"]) == (404, "/problems/not-found")
    slashed = client.get("/v1/accounts/", headers=AUTH, follow_redirects=False)
    assert (slashed.status_code, slashed.json()["type"]) == (404, "/problems/not-found")
    assert nowhere.headers["content-type"] == "application/problem+json"
    wrong = client.delete("/v1/audit", headers=AUTH)
    assert (wrong.status_code, wrong.json()["type"]) == (405, "/problems/method-not-allowed")
    assert wrong.headers["Allow"] == "GET, HEAD"  # HEAD is answered wherever GET is
    assert client.head("/v1/audit", headers=AUTH).status_code == 200
    written_only = client.get("/v1/import", headers=AUTH)
    assert (written_only.status_code, written_only.headers["Allow"]) == (405, "POST")
    # Every method of the path, whichever of its routes is declared first.
    for method, path, allowed in [("PUT", "/v1/accounts", "GET, HEAD, POST"),
                                  ("GET", "/v1/session", "POST, DELETE"),
                                  ("POST", "/v1/esp/thresholds/energy", "PUT, DELETE")]:
        wrong = client.request(method, path, headers=AUTH)
        assert (wrong.status_code, wrong.headers["Allow"]) == (405, allowed), (method, path)
    # The web bundle's files are read, not written.
    static = client.post("/static/app.css")
    assert (static.status_code, static.headers["Allow"]) == (405, "GET, HEAD")


def test_every_router_answers_every_problem_together() -> None:
    """A router of the default route class would answer a check across parameters before the
    parameters' own checks, one stage at a time (app/routes.py)."""
    modules = sorted(p.parent.name for p in Path(app.__file__).parent.glob("*/router.py"))
    assert len(modules) > 20
    for name in modules:
        router = importlib.import_module(f"app.{name}.router").router
        assert issubclass(router.route_class, CheckedRoute), name
