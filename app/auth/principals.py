"""Principals: created by an admin, token returned once and stored as a SHA-256 hash."""

import secrets
from datetime import date

from neo4j.exceptions import ConstraintError

from app.auth import sessions
from app.auth.policy import Access, Principal
from app.auth.schemas import Me, PrincipalCreated, PrincipalIn, PrincipalOut, Role
from app.db.cypher import q
from app.db.graph import Graph, Reader, Row
from app.errors import NotFound, ValidationFailed, field_problem
from app.nodes.names import names
from app.people import repository as people
from app.scopes import owners, parse_scope


def token_hash(token: str) -> str:
    # Tokens are 256-bit random values, so a plain hash is enough to store them safely (as
    # session cookies are: the same digest).
    return sessions.digest(token)


async def create(graph: Graph, body: PrincipalIn, today: date) -> PrincipalCreated:
    problems = []
    if body.role in (Role.REP, Role.LEAD) and not body.employee_id:
        problems.append(field_problem("employee_id", "employee_required",
                                      f"a {body.role.value} needs an employee_id",
                                      role=body.role.value))
    if body.employee_id and not await people.employees(graph, [body.employee_id], today):
        problems.append(field_problem("employee_id", "unknown_id",
                                      f"unknown employee {body.employee_id!r}",
                                      id=body.employee_id, expected="Employee"))
    if body.role == Role.INTEGRATION and not body.scopes:
        problems.append(field_problem("scopes", "scope_required",
                                      "an integration needs at least one scope"))
    for i, scope in enumerate(body.scopes):
        try:
            parsed = parse_scope(scope)
        except ValidationFailed:
            problems.append(field_problem(f"scopes[{i}]", "scope_invalid",
                                          "company, team:<id> or employee:<id>"))
            continue
        # A misspelt team would give a token that reads nothing, and says nothing of why.
        try:
            await owners(graph, parsed, today)
        except NotFound:
            expected = parsed.kind.capitalize()
            problems.append(field_problem(f"scopes[{i}]", "unknown_id",
                                          f"unknown id {parsed.id!r}; expected {expected}",
                                          id=parsed.id or "", expected=expected))
    if body.role != Role.INTEGRATION and (body.scopes or body.can_write):
        problems.append(field_problem("role", "scopes_for_integrations",
                                      "scopes and can_write are for integrations"))
    if (body.username is None) != (body.password is None):
        problems.append(field_problem("username" if body.username is None else "password",
                                      "username_and_password",
                                      "a username and an initial password go together"))
    if body.username and body.role == Role.INTEGRATION:
        problems.append(field_problem("username", "username_for_people",
                                      "integrations sign in with their token"))
    if body.password is not None:
        problems += sessions.weak(body.password, "password")
    if problems:
        raise ValidationFailed(problems)
    token = secrets.token_urlsafe(32)
    try:
        row = await graph.write(
            q("auth/create_principal"), id="p-" + secrets.token_hex(8),
            token_hash=token_hash(token), role=body.role.value, employee_id=body.employee_id,
            scopes=list(dict.fromkeys(body.scopes)), can_write=body.can_write, name=body.name,
            username=body.username,
            password_hash=sessions.hash_password(body.password) if body.password else None,
            must_change=body.password is not None)
    except ConstraintError:
        raise ValidationFailed([field_problem("username", "username_taken", "already taken")]) from None
    return PrincipalCreated(**_as_held(row[0]["principal"]), token=token)


async def by_token(graph: Reader, token: str) -> Principal | None:
    row = await graph.read_one(q("auth/principal_by_token"), token_hash=token_hash(token))
    return None if row is None else of_row(row["principal"])


def of_row(p: Row) -> Principal:
    return Principal(role=Role(p["role"]), id=p["id"], employee_id=p["employee_id"],
                     scopes=tuple(p["scopes"] or ()), can_write=bool(p["can_write"]))


def _as_held(p: Row) -> Row:
    """A principal's row with `can_write` as it holds: a person writes by their role, an
    integration when made so."""
    return {**p, "can_write": of_row(p).may_write}


async def revoke(graph: Graph, principal_id: str) -> None:
    if not await graph.write(q("auth/revoke_principal"), id=principal_id):
        raise NotFound(f"no active principal {principal_id!r}")


async def list_all(graph: Graph, limit: int, after: str | None = None,
                   employee_id: str | None = None) -> list[PrincipalOut]:
    found = await graph.read(q("auth/list_principals"), limit=limit, after=after,
                             employee_id=employee_id)
    return [PrincipalOut(**_as_held(r["principal"])) for r in found]


async def describe(access: Access) -> Me:
    p, reach = access.principal, access.reach
    graph = access.graph
    found = await people.employees(graph, [p.employee_id], graph.today()) if p.employee_id else {}
    teams = sorted(reach.teams)
    scopes = None if reach.scopes is None else sorted(reach.scopes)
    # The teams and colleagues of a principal's own scopes are ones it may see.
    ids = {s: s.partition(":")[2] for s in scopes or [] if ":" in s}
    named = await names(access.graph, ids.values())
    return Me(principal_id=p.id, role=p.role, employee_id=p.employee_id,
              name=found.get(p.employee_id or "", {}).get("name"), can_write=p.may_write,
              company_wide=p.company_wide, teams=teams, default_scope=access.default_scope, scopes=scopes,
              scope_names={s: named.get(i) for s, i in ids.items()}, time_zone=graph.zone.key)
