"""Who is asking and what they may see: a token and a limited perspective are read in one
transaction; a company-wide perspective needs no reads."""

from datetime import date

import pytest
from fastapi.security import HTTPAuthorizationCredentials
from fastapi.testclient import TestClient

from app.auth.deps import current_caller
from app.auth.policy import Principal, perspective
from app.auth.schemas import Role
from app.config import Settings
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
    caller, opened = counted(settings, lambda graph: current_caller(settings, graph, credentials))
    assert (caller.principal.role, caller.reach.accounts, opened) == (Role(role), accounts, 1)
