"""Perspectives (四视角): company, team:<id>, employee:<id> -> the employees whose accounts count."""

import re
from dataclasses import dataclass
from datetime import date
from typing import Annotated

from pydantic import AfterValidator, BaseModel, Field
from pydantic_core import PydanticCustomError

from app.db.graph import Graph
from app.errors import NotFound, ValidationFailed, field_problem
from app.people import repository as people

_SCOPE = re.compile(r"^(company)$|^(team|employee):(.{1,256})$")


@dataclass(frozen=True)
class Scope:
    kind: str  # company, team or employee
    id: str | None = None
    # The accounts its reader may see today (None: any; Access.scope): on an earlier date a
    # team or an employee may have owned accounts that are someone else's now.
    within: frozenset[str] | None = None

    def __str__(self) -> str:
        return self.kind if self.id is None else f"{self.kind}:{self.id}"


class ScopePeriod(BaseModel):
    """The head of an answer about a scope over a period (both days included)."""

    scope: str = Field(examples=["team:t-00001"])
    since: date
    until: date


SCOPE_FORMS = "scope is company, team:<id> or employee:<id>"


def _scope_text(text: str) -> str:
    if not _SCOPE.match(text):
        raise PydanticCustomError("scope_invalid", SCOPE_FORMS)
    return text


# A scope parameter as written, its form checked with the request's other parameters.
ScopeText = Annotated[str, AfterValidator(_scope_text)]


def parse_scope(text: str) -> Scope:
    match = _SCOPE.match(text)
    if not match:
        raise ValidationFailed([field_problem("scope", "scope_invalid", SCOPE_FORMS)])
    if match.group(1):
        return Scope("company")
    return Scope(match.group(2), match.group(3))


async def owners(graph: Graph, scope: Scope, as_of: date) -> list[str] | None:
    """Employees whose owned accounts make up the scope on that date (None: every account)."""
    if scope.kind == "company" or scope.id is None:
        return None
    if scope.kind == "team":
        members = await people.team_members(graph, scope.id, as_of)
        if members is None:
            raise NotFound(f"no team with id {scope.id!r}")
        return members
    if not await people.employees(graph, [scope.id], as_of):
        raise NotFound(f"no employee with id {scope.id!r}")
    return [scope.id]
