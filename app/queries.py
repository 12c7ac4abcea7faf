"""Query strings are read as strictly as bodies: a parameter a route does not take is an error
(422 `unknown_parameter`, every one listed), not silently dropped. An integrator's `?email=` on
the contact list (before it took one) and `?sinc=` on the change feed were answered 200 with
the first page of everything, as if asked for nothing. Likewise a parameter of one value given
twice (422 `repeated_parameter`): `?account_id=a1&account_id=a2` was answered with a2's
contacts alone."""

import types
import typing
from typing import Any

from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute
from starlette.requests import Request

from app.errors import field_problem
from app.routes import refuse_later

# Each route's parameters, worked out once, each with whether it takes several values: the
# route is kept beside them, so that an id of a route gone (an app of a test, closed) is never
# taken for another's.
_TAKEN: dict[int, tuple[APIRoute, dict[str, bool]]] = {}


def _several(annotation: Any) -> bool:
    """Does a parameter of this type take a list (alone or optional)?"""
    if typing.get_origin(annotation) in (list, set, tuple, frozenset):
        return True
    if typing.get_origin(annotation) in (typing.Union, types.UnionType, typing.Annotated):
        return any(_several(a) for a in typing.get_args(annotation))
    return False


def _query_names(dependant: Dependant) -> dict[str, bool]:
    """The query parameters of a route's endpoint and of every dependency it has."""
    names = {p.alias: _several(p.field_info.annotation) for p in dependant.query_params}
    for inner in dependant.dependencies:
        names |= _query_names(inner)
    return names


def _taken(route: APIRoute) -> dict[str, bool]:
    found = _TAKEN.get(id(route))
    if found is None or found[0] is not route:
        found = (route, _query_names(route.dependant))
        _TAKEN[id(route)] = found
    return found[1]


async def known_query_parameters(request: Request) -> None:
    """Every query parameter of the request is one its route takes, and one that takes a
    single value is given once."""
    route = request.scope.get("route")
    if not isinstance(route, APIRoute):
        return
    taken = _taken(route)
    given = request.query_params
    problems = [field_problem(name, "unknown_parameter", f"no query parameter {name!r} here",
                              name=name)
                for name in sorted({name for name in given if name not in taken})]
    problems += [field_problem(name, "repeated_parameter", f"query parameter {name!r} takes one "
                               "value", name=name)
                 for name in sorted({name for name in given if name in taken and not taken[name]
                                     and len(given.getlist(name)) > 1})]
    if problems:
        refuse_later(problems)
