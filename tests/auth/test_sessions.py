"""People sign in with a username and password: a session cookie (HttpOnly, SameSite=Strict)
that writes must pair with its CSRF token, an initial password changed first, repeated
failures slowed and then locked, sign-out and revocation that end the session on the server.

The org is tests/auth/conftest.py's: rep e1 owns a1 (contact c1); a2 is another team's."""

import hashlib
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from fastapi.testclient import TestClient
from neo4j import Driver

from app.db.migrations import discover
from app.main import create_app
from tests.auth.conftest import org
from tests.conftest import AUTH, count, ready, settings_for
from tests.servers import Server

PASSWORD = "first-password-1"
NEW = "a-better-password-2"


@pytest.fixture(scope="module")
def app(neo4j_server: Server) -> Iterator[TestClient]:
    """An app of its own: its cookie jar holds sessions no other test should send, and its
    failures slow and lock sooner."""
    settings = settings_for(neo4j_server, sign_in_slow_after=2, sign_in_lock_after=3,
                            sign_in_lock_minutes=1)
    with TestClient(create_app(settings), raise_server_exceptions=False) as client:
        yield ready(client)


@pytest.fixture
def web(app: TestClient, client: TestClient) -> TestClient:
    """The app over the org, with a rep (e1) who signs in as li.ming, and no cookie yet."""
    assert client.post("/v1/import", json=org(), headers=AUTH).status_code == 200
    created = client.post("/v1/principals", headers=AUTH, json={
        "role": "rep", "employee_id": "e1", "username": "li.ming", "password": PASSWORD})
    assert created.status_code == 201, created.text
    assert created.json()["username"] == "li.ming" and created.json()["must_change_password"]
    app.cookies.clear()
    return app


def sign_in(web: TestClient, password: str = PASSWORD) -> Any:
    return web.post("/v1/session", json={"username": "li.ming", "password": password})


def test_a_person_signs_in_changes_the_initial_password_and_reads_their_perspective(
        web: TestClient) -> None:
    assert sign_in(web, "wrong-password").status_code == 401
    assert "brm_session" not in web.cookies
    signed = sign_in(web)
    assert signed.status_code == 200, signed.text
    csrf_cookie, cookie = sorted(signed.headers.get_list("set-cookie"))
    assert cookie.startswith("brm_session=") and csrf_cookie.startswith("brm_csrf=")
    cookie = cookie.lower()
    assert "httponly" in cookie and "samesite=strict" in cookie and "path=/" in cookie
    assert "max-age=43200" in cookie  # 12 hours
    body = signed.json()
    # The CSRF token again, for the page's other tabs: readable, sent to this site alone.
    assert web.cookies["brm_csrf"] == body["csrf_token"]
    assert "httponly" not in csrf_cookie.lower() and "samesite=strict" in csrf_cookie.lower()
    assert "max-age=43200" in csrf_cookie.lower()
    assert body["must_change_password"] is True
    csrf = {"X-CSRF-Token": body["csrf_token"]}
    # Nothing but /me, the password change and sign-out before the password is changed.
    assert web.get("/v1/me").json()["employee_id"] == "e1"
    refused = web.get("/v1/accounts/a1")
    assert refused.status_code == 403 and "password" in refused.json()["detail"]
    change = {"current_password": PASSWORD, "new_password": NEW}
    assert web.post("/v1/session/password", json=change).status_code == 403  # no CSRF token
    wrong = web.post("/v1/session/password", headers=csrf,
                     json={"current_password": "nope", "new_password": "short"})
    assert wrong.status_code == 422
    assert sorted(e["path"] for e in wrong.json()["errors"]) == ["current_password",
                                                                 "new_password"]
    assert web.post("/v1/session/password", json=change, headers=csrf).status_code == 204
    # The session goes on, inside the rep's perspective.
    assert web.get("/v1/accounts/a1").status_code == 200
    assert web.get("/v1/accounts/a2").status_code == 403
    # The old password is gone, the new one signs in.
    assert sign_in(web).status_code == 401
    again = sign_in(web, NEW)
    assert again.status_code == 200 and again.json()["must_change_password"] is False


def test_writes_with_the_cookie_need_its_csrf_token(web: TestClient, raw_driver: Driver) -> None:
    first = sign_in(web).json()
    web.post("/v1/session/password", headers={"X-CSRF-Token": first["csrf_token"]},
             json={"current_password": PASSWORD, "new_password": NEW})
    csrf = sign_in(web, NEW).json()["csrf_token"]
    assessment = {"contact_id": "c1", "at": "2026-01-05", "closeness": "support"}
    assert web.post("/v1/assessments", json=assessment).status_code == 403
    assert web.post("/v1/assessments", json=assessment,
                    headers={"X-CSRF-Token": first["csrf_token"]}).status_code == 403  # another session's
    assert count(raw_driver, "MATCH (a:Assessment) RETURN count(a)") == 0
    assert web.post("/v1/assessments", json=assessment,
                    headers={"X-CSRF-Token": csrf}).status_code == 200
    assert count(raw_driver, "MATCH (a:Assessment) RETURN count(a)") == 1


def test_failures_are_slowed_then_lock_the_username(web: TestClient) -> None:
    first = sign_in(web, "wrong-1")  # failure 1: answered at once
    assert first.status_code == 401
    started = time.monotonic()
    assert sign_in(web, "wrong-2").status_code == 401  # failure 2 (slow_after): waits 1 s
    assert time.monotonic() - started >= 1.0
    assert sign_in(web, "wrong-3").status_code == 401  # failure 3 (lock_after): locked
    locked = sign_in(web)  # even the right password, while locked
    assert locked.status_code == 429 and 0 < int(locked.headers["Retry-After"]) <= 61


def test_an_unknown_username_is_answered_as_a_known_one_try_after_try(
        web: TestClient, raw_driver: Driver) -> None:
    # Whether a username exists shows neither in the answers nor in their waits: an unknown
    # one is slowed and locked after as many tries.
    def tries(username: str) -> list[tuple[int, str, bool]]:
        answers = []
        for i in range(4):
            started = time.monotonic()
            got = web.post("/v1/session", json={"username": username, "password": f"wrong-{i}"})
            answers.append((got.status_code, got.json()["detail"],
                            time.monotonic() - started >= 1.0))
        return answers

    known = tries("li.ming")
    assert [(code, slowed) for code, _, slowed in known] == [
        (401, False), (401, True), (401, True), (429, False)]
    assert tries("nobody") == known
    assert web.post("/v1/session", json={"username": "nobody.else", "password": "x"}
                    ).status_code == 401  # another unknown username counts on its own
    # Their tries are kept under a digest keyed by the server: not a plain hash of the name
    # (a password typed as a username would otherwise be a dictionary lookup away).
    keys = {r["key"] for r in raw_driver.execute_query(
        "MATCH (t:SignInTries) RETURN t.key AS key").records}
    assert len(keys) == 2
    assert not keys & {hashlib.sha256(n.encode()).hexdigest() for n in ("nobody", "nobody.else")}


def test_a_row_of_failures_is_forgotten_after_a_quiet_day(web: TestClient,
                                                          raw_driver: Driver) -> None:
    for username in ("li.ming", "nobody"):
        for i in range(3):
            web.post("/v1/session", json={"username": username, "password": f"wrong-{i}"})
        assert web.post("/v1/session", json={"username": username, "password": PASSWORD}
                        ).status_code == 429
        # The lock over and the last try 25 hours ago (this app forgets after 24 hours).
        raw_driver.execute_query(
            "MATCH (n) WHERE n:Principal OR n:SignInTries SET n.last_try = datetime() - "
            "duration({hours: 25}), n.locked_until = null")
        started = time.monotonic()
        again = web.post("/v1/session", json={"username": username, "password": "wrong-again"})
        assert again.status_code == 401 and time.monotonic() - started < 1.0  # the first again
    # A forgotten row of an unknown username is deleted by a later unknown try.
    raw_driver.execute_query("CREATE (:SignInTries {key: 'old', failed_sign_ins: 2, "
                             "last_try: datetime() - duration({days: 3})})")
    web.post("/v1/session", json={"username": "someone.new", "password": "x"})
    assert count(raw_driver, "MATCH (t:SignInTries {key: 'old'}) RETURN count(t)") == 0
    assert count(raw_driver, "MATCH (t:SignInTries) RETURN count(t)") == 2  # nobody, someone.new


def test_a_password_change_counts_wrong_current_passwords_as_failed_sign_ins(
        web: TestClient) -> None:
    csrf = {"X-CSRF-Token": sign_in(web).json()["csrf_token"]}

    def change(current: str) -> Any:
        return web.post("/v1/session/password", headers=csrf,
                        json={"current_password": current, "new_password": NEW})

    # Whoever holds a session cannot guess the password without end: the same count as
    # sign-ins (slow after 2, locked at 3 in this app).
    assert change("guess-1").status_code == 422
    started = time.monotonic()
    wrong = change("guess-2")
    assert wrong.status_code == 422 and time.monotonic() - started >= 1.0
    assert [e["code"] for e in wrong.json()["errors"]] == ["password_wrong"]
    assert change("guess-3").status_code == 422  # the third: locked
    locked = change(PASSWORD)  # even the right one, while locked
    assert locked.status_code == 429 and 0 < int(locked.headers["Retry-After"]) <= 61
    assert sign_in(web).status_code == 429  # and signing in likewise


def test_tries_sent_at_once_are_counted_one_after_the_other(web: TestClient) -> None:
    # Eight wrong tries at once against a lock at the third: at most three are checked, the
    # others are refused unchecked, as they would be one after the other.
    with ThreadPoolExecutor(max_workers=8) as pool:
        answers = list(pool.map(lambda i: sign_in(web, f"guess-{i}").status_code, range(8)))
    assert sorted(answers) == [401] * 3 + [429] * 5, answers


def test_a_changed_password_forgets_the_failures_before_it(web: TestClient) -> None:
    csrf = {"X-CSRF-Token": sign_in(web).json()["csrf_token"]}
    assert web.post("/v1/session/password", headers=csrf, json={
        "current_password": "guess-1", "new_password": NEW}).status_code == 422
    assert web.post("/v1/session/password", headers=csrf, json={
        "current_password": PASSWORD, "new_password": NEW}).status_code == 204
    web.cookies.clear()
    # Two failures after it: the second and third in a row had the first counted still.
    assert sign_in(web, "wrong-1").status_code == 401
    assert sign_in(web, "wrong-2").status_code == 401
    assert sign_in(web, NEW).status_code == 200


def test_sign_out_expiry_and_revocation_end_sessions_on_the_server(
        web: TestClient, client: TestClient, raw_driver: Driver) -> None:
    csrf = {"X-CSRF-Token": sign_in(web).json()["csrf_token"]}
    session = web.cookies["brm_session"]
    assert web.get("/v1/me").status_code == 200
    assert web.delete("/v1/session").status_code == 403  # sign-out is a write: CSRF
    ended = web.delete("/v1/session", headers=csrf)
    assert ended.status_code == 204
    assert {"brm_session", "brm_csrf"} == {c.split("=", 1)[0] for c in
                                           ended.headers.get_list("set-cookie")}
    assert "brm_csrf" not in web.cookies and "brm_session" not in web.cookies
    web.cookies.set("brm_session", session)  # the old cookie, kept by someone
    assert web.get("/v1/me").status_code == 401
    # Expired on the server: refused, whatever the cookie says.
    web.cookies.clear()
    sign_in(web)
    raw_driver.execute_query("MATCH (s:Session) SET s.expires_at = datetime() - duration('PT1S')",
                             database_="neo4j")
    assert web.get("/v1/me").status_code == 401
    # Revoked: its sessions end at once, as its token does.
    sign_in(web)
    assert web.get("/v1/me").status_code == 200
    principal = next(p for p in client.get("/v1/principals", headers=AUTH).json()
                     if p.get("username") == "li.ming")
    assert client.delete(f"/v1/principals/{principal['id']}", headers=AUTH).status_code == 204
    assert web.get("/v1/me").status_code == 401


def test_usernames_are_for_people_unique_and_paired_with_a_password(client: TestClient) -> None:
    assert client.post("/v1/import", json=org(), headers=AUTH).status_code == 200

    def create(**body: Any) -> Any:
        return client.post("/v1/principals", headers=AUTH, json=body)

    assert create(role="rep", employee_id="e1", username="li", password=PASSWORD).status_code == 201
    taken = create(role="lead", employee_id="e2", username="li", password=PASSWORD)
    assert taken.status_code == 422 and taken.json()["errors"][0]["path"] == "username"
    alone = create(role="lead", employee_id="e2", username="wang")
    assert alone.status_code == 422 and alone.json()["errors"][0]["path"] == "password"
    short = create(role="lead", employee_id="e2", username="wang", password="short")
    assert short.status_code == 422 and short.json()["errors"][0]["path"] == "password"
    integration = create(role="integration", scopes=["company"], username="crm",
                         password=PASSWORD)
    assert integration.status_code == 422


def test_a_username_is_one_in_any_case_or_width(web: TestClient, client: TestClient) -> None:
    # A phone capitalises the first letter typed; an input method may type full-width letters.
    for typed in ("Li.Ming", "LI.MING", "ｌｉ.ｍｉｎｇ"):
        signed = web.post("/v1/session", json={"username": typed, "password": PASSWORD})
        assert signed.status_code == 200, (typed, signed.text)
        web.cookies.clear()
    # Created in capitals, it is kept in lower case, and taken in any other.
    made = client.post("/v1/principals", headers=AUTH, json={
        "role": "lead", "employee_id": "e2", "username": "Wang.Fang", "password": PASSWORD})
    assert made.status_code == 201 and made.json()["username"] == "wang.fang"
    again = client.post("/v1/principals", headers=AUTH, json={
        "role": "rep", "employee_id": "e4", "username": "WANG.fang", "password": PASSWORD})
    assert again.status_code == 422 and again.json()["errors"][0]["path"] == "username"
    # Nor one that would list as wang.fang with a character that shows as nothing.
    for hidden in ("wang.fang\u200b", "wang\u00adfang"):
        unseen = client.post("/v1/principals", headers=AUTH, json={
            "role": "rep", "employee_id": "e4", "username": hidden, "password": PASSWORD})
        assert unseen.status_code == 422
        assert unseen.json()["errors"][0]["code"] == "username_invisible_character"
    # An unknown one's tries are one row in any case too: the third locks (lock_after 3).
    for typed in ("Nobody", "NOBODY"):
        assert web.post("/v1/session", json={"username": typed, "password": "x"}
                        ).status_code == 401
    assert web.post("/v1/session", json={"username": "nobody", "password": "x"}
                    ).status_code == 401
    assert web.post("/v1/session", json={"username": "noBody", "password": "x"}
                    ).status_code == 429


def test_usernames_created_before_are_kept_in_lower_case_unless_two_are_one(
        client: TestClient, raw_driver: Driver) -> None:
    raw_driver.execute_query(
        "UNWIND $names AS name CREATE (:Principal {id: 'p-' + name, role: 'rep', username: name})",
        names=["Sun.Lei", "zhao.min", "Zhao.Min", "ｃｈｅｎ", "plain"], database_="neo4j")
    folding = next(m for m in discover() if m.name == "V039__usernames_in_lower_case")
    for statement in folding.statements:
        raw_driver.execute_query(statement, database_="neo4j")
    found = raw_driver.execute_query(
        "MATCH (p:Principal) RETURN p.id AS id, p.username AS username", database_="neo4j")
    assert {r["id"]: r["username"] for r in found.records} == {
        "p-Sun.Lei": "sun.lei", "p-zhao.min": "zhao.min", "p-Zhao.Min": "Zhao.Min",
        "p-ｃｈｅｎ": "chen", "p-plain": "plain"}


def test_password_sign_in_can_be_turned_off(neo4j_server: Server, client: TestClient) -> None:
    assert client.post("/v1/import", json=org(), headers=AUTH).status_code == 200
    client.post("/v1/principals", headers=AUTH, json={
        "role": "rep", "employee_id": "e1", "username": "li.ming", "password": PASSWORD})
    settings = settings_for(neo4j_server, password_sign_in=False)
    with TestClient(create_app(settings), raise_server_exceptions=False) as off:
        assert off.post("/v1/session", json={"username": "li.ming",
                                             "password": PASSWORD}).status_code == 401
