"""Colleague references (issue 20, item 4): one per viewer, stable across requests, restarts
and instances, keyed by a secret generated once and kept in the graph (never derived from the
admin token), and reversed without reading the employees."""

import re
import time
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from neo4j import Driver
from pydantic import SecretStr

from app.auth.references import MAX_LENGTH
from app.config import Settings
from app.db import graph as graph_module
from app.db.cypher import q
from app.main import create_app
from tests.auth.conftest import create
from tests.conftest import AUTH, count

REFERENCE = re.compile(r"colleague-[A-Za-z0-9_-]+")
LONGEST_ID = "𝄞" * 256  # the most UTF-8 bytes an id may take


def hidden(client: TestClient, headers: dict[str, str], strength: float = 0.9) -> str:
    """The reference under which this viewer sees the colleague whose path to c1 has this
    strength (in the org of conftest.py, e4 at 0.9: outside the team of e1 and e2)."""
    response = client.get("/v1/contacts/c1/influence-paths", headers=headers)
    assert response.status_code == 200, response.text
    found = [p for p in response.json()["paths"] if p["strength"] == strength]
    assert len(found) == 1 and found[0]["masked"], found
    return str(found[0]["employee_id"])


def ask(client: TestClient, headers: dict[str, str], colleague: str) -> Any:
    return client.post("/v1/introductions", headers=headers,
                       json={"colleague": colleague, "contact_id": "c1"})


def test_each_principal_gets_its_own_reference(client: TestClient,
                                               tokens: dict[str, dict[str, str]]) -> None:
    # The same person under a second token is another principal, so another viewer.
    second_rep = create(client, role="rep", employee_id="e1")
    refs = [hidden(client, h) for h in (tokens["rep"], second_rep, tokens["lead"])]
    assert len(set(refs)) == 3, refs
    assert all(REFERENCE.fullmatch(r) and len(r) <= 40 for r in refs), refs
    assert [hidden(client, h) for h in (tokens["rep"], second_rep, tokens["lead"])] == refs


@pytest.mark.parametrize(("colleague", "strength"), [("e4", 0.9), (LONGEST_ID, 0.7)],
                         ids=["e4", "longest-id"])
def test_a_reference_resolves_only_for_the_viewer_it_was_made_for(
        client: TestClient, tokens: dict[str, dict[str, str]], colleague: str,
        strength: float) -> None:
    if colleague == LONGEST_ID:
        doc = {"employees": [{"id": colleague, "name": "x", "team_id": "t2"}],
               "relationships": [{"type": "INFLUENCES", "from": colleague, "to": "c1",
                                  "strength": strength}]}
        assert client.post("/v1/import", json=doc, headers=AUTH).status_code == 200
    rep, lead = tokens["rep"], tokens["lead"]
    mine, theirs = hidden(client, rep, strength), hidden(client, lead, strength)
    assert REFERENCE.fullmatch(mine) and len(mine) <= MAX_LENGTH

    unknown = ask(client, rep, "colleague-" + "A" * len(mine.removeprefix("colleague-")))
    assert unknown.status_code == 404, unknown.text
    for headers, ref in ((rep, theirs), (lead, mine)):
        refused = ask(client, headers, ref)
        assert (refused.status_code, refused.json()) == (404, unknown.json())
        assert client.get("/v1/contacts/c1/influence-paths", headers=headers,
                          params={"employee_id": ref}).status_code == 404

    only = client.get("/v1/contacts/c1/influence-paths", headers=rep, params={"employee_id": mine})
    assert [(p["employee_id"], p["strength"]) for p in only.json()["paths"]] == [(mine, strength)]
    asked = ask(client, rep, mine)
    assert asked.status_code == 201, asked.text
    assert asked.json()["colleague_id"] == mine
    assert [i["requester_id"] for i in client.get("/v1/introductions", headers=AUTH).json()
            if i["colleague_id"] == colleague] == ["e1"]


@pytest.fixture
def new_database_key(raw_driver: Driver) -> Iterator[None]:
    """No stored reference key, as before the first start against a database; the stored
    key is put back afterwards (the session's app holds it)."""
    stored = count(raw_driver, "OPTIONAL MATCH (k:ReferenceKey) RETURN k.key")
    raw_driver.execute_query("MATCH (k:ReferenceKey) DELETE k", database_="neo4j")
    yield
    raw_driver.execute_query("MATCH (k:ReferenceKey) DELETE k", database_="neo4j")
    if stored is not None:
        raw_driver.execute_query("CREATE (:ReferenceKey {id: 'colleague-references', key: $key})",
                                 {"key": stored}, database_="neo4j")


def test_a_generated_key_is_kept_in_the_graph_and_shared_unless_one_is_configured(
        tokens: dict[str, dict[str, str]], settings: Settings, raw_driver: Driver,
        new_database_key: None) -> None:
    rep = tokens["rep"]

    def app(**changes: Any) -> TestClient:
        return TestClient(create_app(settings.model_copy(update=changes)))

    with app() as first, app(admin_token=SecretStr("another admin token")) as second:
        ref = hidden(first, rep)
        # Another instance, with another admin token, agrees and takes the reference back.
        assert hidden(second, rep) == ref
        asked = ask(second, rep, ref)
        assert asked.status_code == 201, asked.text
        assert [i["colleague_id"] for i in first.get("/v1/introductions", headers=rep).json()] == [ref]
    assert count(raw_driver, "MATCH (k:ReferenceKey) RETURN count(k)") == 1
    with app() as restarted:
        assert hidden(restarted, rep) == ref

    # Generated at random, not derived: a database without one gets another key.
    raw_driver.execute_query("MATCH (k:ReferenceKey) DELETE k", database_="neo4j")
    with app() as elsewhere:
        regenerated = hidden(elsewhere, rep)
    assert regenerated != ref
    stored = count(raw_driver, "MATCH (k:ReferenceKey) RETURN k.key")

    # BRM_SECRET_KEY wins over the stored key, and is the same whatever the admin token.
    configured = {"secret_key": SecretStr("a configured key")}
    with app(**configured) as one, app(**configured, admin_token=SecretStr("x")) as other:
        assert hidden(one, rep) == hidden(other, rep) not in (ref, regenerated)
    assert count(raw_driver, "MATCH (k:ReferenceKey) RETURN k.key") == stored


def test_reversing_a_made_up_reference_reads_nothing(
        tokens: dict[str, dict[str, str]], settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    """A made-up, malformed or another viewer's reference costs the request no more queries
    than a plain id, which is passed through unread: no scan of the employees."""
    with TestClient(create_app(settings)) as api:
        # The start (migrations, then the reference key) runs its queries in the background:
        # only the requests' own queries are compared.
        deadline = time.monotonic() + 30
        while api.get("/ready").status_code != 200:
            assert time.monotonic() < deadline, "the API never became ready"
            time.sleep(0.05)
        rep = tokens["rep"]
        audit_write = q("auth/audit")

        def queries(colleague: str) -> tuple[int, list[str]]:
            ran: list[str] = []
            real = graph_module.rows

            async def recording(tx: Any, query: str, **params: Any) -> Any:
                if query != audit_write:  # the audit log is flushed on a clock, not by the request
                    ran.append(query)
                return await real(tx, query, **params)

            with monkeypatch.context() as patch:
                patch.setattr(graph_module, "rows", recording)
                status = ask(api, rep, colleague).status_code
            return status, ran

        status, plain = queries("e1")  # the rep itself: refused after the lookup, unread
        assert status == 422 and plain
        for made_up in ("colleague-" + "A" * 24, "colleague-", "colleague-é!", "colleague-" + "_" * 300,
                        hidden(api, tokens["lead"])):
            assert queries(made_up) == (404, plain), made_up
