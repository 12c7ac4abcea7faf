"""Who is asking and what they may see: a token and a limited perspective are read in one
transaction; a company-wide perspective needs no reads."""

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from fastapi.security import HTTPAuthorizationCredentials
from fastapi.testclient import TestClient

from app.auth.deps import caller_of
from app.auth.policy import Principal, perspective
from app.auth.schemas import Role
from app.config import Settings
from app.db.graph import TxWork
from app.main import create_app
from tests.conftest import AUTH, settings_for
from tests.servers import Server
from tests.transactions import counted

# In the org of conftest.py: e1 owns a1; lead e2 leads t1 (e1, e2); e3 owns a2.
CASES = [
    (Principal(Role.REP, "p", "e1"), frozenset({"a1"}), frozenset({"e1"}), 1),
    (Principal(Role.LEAD, "p", "e2"), frozenset({"a1"}), frozenset({"e1", "e2"}), 1),
    (Principal(Role.INTEGRATION, "p", scopes=("team:t2",)), frozenset({"a2"}),
     frozenset({"e3", "e4"}), 1),
    (Principal(Role.EXEC, "p", "e3"), None, None, 0),
]


@pytest.mark.parametrize(("principal", "accounts", "visible", "transactions"), CASES)
def test_perspective(tokens: object, settings: Settings, principal: Principal,
                     accounts: frozenset[str] | None, visible: frozenset[str] | None,
                     transactions: int) -> None:
    (reach, seen), opened = counted(
        settings, lambda graph: perspective(graph, principal, date.today()))
    assert (reach.accounts, seen, opened) == (accounts, visible, transactions)


def test_a_colleague_who_accepted_an_introduction_is_seen(tokens: dict[str, dict[str, str]],
                                                          client: TestClient,
                                                          settings: Settings) -> None:
    rep = Principal(Role.REP, "p", "e1")
    paths = client.get("/v1/contacts/c1/influence-paths", headers=tokens["rep"]).json()["paths"]
    ref = next(p["nodes"][0]["id"] for p in paths if p["nodes"][0]["id"] != "e1")  # e4's
    intro = client.post("/v1/introductions", headers=tokens["rep"],
                        json={"colleague": ref, "contact_id": "c1"}).json()
    (_, before), _ = counted(settings, lambda graph: perspective(graph, rep, date.today()))
    assert client.post(f"/v1/introductions/{intro['id']}/accept",
                       headers=tokens["other_rep"]).status_code == 200
    (_, after), opened = counted(settings, lambda graph: perspective(graph, rep, date.today()))
    assert (before, after, opened) == (frozenset({"e1"}), frozenset({"e1", "e4"}), 1)


@pytest.mark.parametrize(("role", "accounts"), [("rep", {"a1"}), ("lead", {"a1"}), ("exec", None)])
def test_a_token_and_its_perspective_are_read_in_one_transaction(
        tokens: dict[str, dict[str, str]], settings: Settings, role: str,
        accounts: set[str] | None) -> None:
    token = tokens[role]["Authorization"].removeprefix("Bearer ")
    credentials = HTTPAuthorizationCredentials(scheme="Bearer", credentials=token)
    caller, opened = counted(settings, lambda graph: caller_of(settings, graph, credentials))
    assert (caller.principal.role, caller.reach.accounts, opened) == (Role(role), accounts, 1)


@pytest.fixture
def quiet_client(neo4j_server: Server) -> Iterator[TestClient]:
    """An app whose only reads are its requests' (no KPI warm-up in the background)."""
    with TestClient(create_app(settings_for(neo4j_server)),
                    raise_server_exceptions=False) as client:
        yield client


def reads_of(client: TestClient, monkeypatch: pytest.MonkeyPatch, url: str,
             headers: dict[str, str]) -> tuple[int, int]:
    """The status of a GET and how many read transactions the app opened for it."""
    graph = client.app.state.graph  # type: ignore[attr-defined]
    opened = 0
    read_tx = graph.read_tx

    async def counting(work: TxWork[Any], *, timeout_s: float | None = None) -> Any:
        nonlocal opened
        opened += 1
        return await read_tx(work, timeout_s=timeout_s)

    monkeypatch.setattr(graph, "read_tx", counting)
    status = client.get(url, headers=headers).status_code
    monkeypatch.undo()
    return status, opened


# A token read from the graph takes one transaction (with the perspective); the settings'
# admin token none. The object's check shares the answer's transaction.
@pytest.mark.parametrize(("role", "url", "status", "transactions"), [
    ("rep", "/v1/opportunities/o1/decision-chain", 200, 2),
    ("rep", "/v1/opportunities/o2/decision-chain", 403, 2),
    ("rep", "/v1/opportunities/o1/influencers", 200, 2),
    ("rep", "/v1/opportunities/o1/decision-map", 200, 2),
    ("rep", "/v1/opportunities/o1/risk", 200, 2),
    ("rep", "/v1/contacts/c1/influence-paths", 200, 2),
    ("rep", "/v1/contacts/c2/influence-paths", 403, 2),
    ("exec", "/v1/contacts/c2/influence-paths", 200, 2),
    ("admin", "/v1/contacts/c2/influence-paths", 200, 1),
])
def test_an_object_is_checked_in_its_answers_transaction(
        tokens: dict[str, dict[str, str]], quiet_client: TestClient,
        monkeypatch: pytest.MonkeyPatch, role: str, url: str, status: int,
        transactions: int) -> None:
    headers = AUTH if role == "admin" else tokens[role]
    assert reads_of(quiet_client, monkeypatch, url, headers) == (status, transactions)
