"""Query strings are read as strictly as bodies: a parameter a route does not take is an error
(422 `unknown_parameter`, every one listed), not silently dropped. An integrator's `?email=` on
the contact list (before it took one) and `?sinc=` on the change feed were answered 200 with
the first page of everything, as if asked for nothing."""

from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute
from starlette.requests import Request

from app.errors import ValidationFailed, field_problem

# Each route's parameters, worked out once: the route is kept beside them, so that an id of a
# route gone (an app of a test, closed) is never taken for another's.
_TAKEN: dict[int, tuple[APIRoute, frozenset[str]]] = {}


def _query_names(dependant: Dependant) -> set[str]:
    """The query parameters of a route's endpoint and of every dependency it has."""
    names = {p.alias for p in dependant.query_params}
    for inner in dependant.dependencies:
        names |= _query_names(inner)
    return names


def _taken(route: APIRoute) -> frozenset[str]:
    found = _TAKEN.get(id(route))
    if found is None or found[0] is not route:
        found = (route, frozenset(_query_names(route.dependant)))
        _TAKEN[id(route)] = found
    return found[1]


async def known_query_parameters(request: Request) -> None:
    """Every query parameter of the request is one its route takes."""
    route = request.scope.get("route")
    if not isinstance(route, APIRoute):
        return
    taken = _taken(route)
    unknown = sorted({name for name in request.query_params if name not in taken})
    if unknown:
        raise ValidationFailed([field_problem(name, "unknown_parameter",
                                              f"no query parameter {name!r} here", name=name)
                                for name in unknown])
