"""GET /v1/<kind>s and /v1/<kind>s/{id}: properties plus every edge, current and ended."""

import inspect
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Query, Response

from app.auth.deps import AccessDep
from app.dates import IN_RANGE, Bounded, in_utc
from app.deps import GraphDep, SettingsDep
from app.domain import Kind
from app.errors import documented
from app.ids import ID
from app.nodes import service
from app.nodes.schemas import NodeOut, NodePage
from app.routes import CheckedRoute

router = APIRouter(prefix="/v1", tags=["nodes"], route_class=CheckedRoute)

Limit = Annotated[int, Query(ge=1, le=100)]
ChangedSince = Annotated[Bounded[datetime] | None, Query(
    description="Only the records whose own fields changed at or after this moment "
                "(2026-12-01T08:00:00+08:00; UTC without an offset), as `entered_at` says; a "
                "record's edges, assessments and activities are not its fields. A sync keeps "
                f"the moment it started and passes it the next time. A moment {IN_RANGE}.")]
NOT_FOUND = documented(404, "Unknown id")


def _get_route(kind: Kind) -> Callable[..., Awaitable[NodeOut]]:
    async def endpoint(id: str, response: Response, graph: GraphDep, settings: SettingsDep,
                       access: AccessDep) -> NodeOut:
        await access.node(kind, id)
        node, etag = await service.get_node(graph, settings, kind, id, access.viewer,
                                            access.reach.accounts, access.principal.employee_id)
        response.headers["ETag"] = etag
        return node

    endpoint.__doc__ = (f"One {kind.value} with every edge touching it, current and ended. The "
                        "ETag header covers its own properties: send it as If-Match when you "
                        "upsert it.")
    return endpoint


def _list_route(kind: Kind, filters: frozenset[str]) -> Callable[..., Awaitable[NodePage]]:
    """The list of a kind, taking of the filters `account_id` and `email` those in `filters`
    (a parameter a route does not take is refused: app/queries.py)."""
    async def endpoint(graph: GraphDep, access: AccessDep, limit: Limit = 50,
                       after: str | None = None, account_id: str | None = None,
                       email: Annotated[str | None, Query(
                           max_length=320, description="The person with this e-mail address "
                                                       "(any case): a page of one, or none")] = None,
                       changed_since: ChangedSince = None) -> NodePage:
        return await service.list_nodes(graph, kind, limit=limit, after=after,
                                        account_id=account_id, email=email,
                                        changed_since=in_utc(changed_since),
                                        visible=access.visible(kind), viewer=access.viewer)

    every = inspect.signature(endpoint)
    endpoint.__signature__ = every.replace(parameters=[  # type: ignore[attr-defined]
        p for p in every.parameters.values() if p.name not in FILTERS - filters])
    return endpoint


FILTERS = frozenset({"account_id", "email"})
for _path, _kind, _filters in [
    ("/accounts", Kind.ACCOUNT, ()),
    ("/teams", Kind.TEAM, ()),
    ("/employees", Kind.EMPLOYEE, ("email",)),
    ("/contacts", Kind.CONTACT, ("account_id", "email")),
    ("/competitors", Kind.COMPETITOR, ()),
    ("/third-parties", Kind.THIRD_PARTY, ()),
    ("/opportunities", Kind.OPPORTUNITY, ("account_id",)),
]:
    router.add_api_route(_path, _list_route(_kind, frozenset(_filters)), methods=["GET"],
                         response_model=NodePage, name=f"list_{_kind.value}",
                         summary=f"List {_kind.value} nodes in id order",
                         description=f"{_kind.value} nodes by id, `limit` at a time (at most 100); "
                                     "pass `next_after` back as `after` for the next page. "
                                     "`changed_since` keeps those changed since a moment."
                                     + "".join(f" Filter by `{f}`." for f in _filters))
    router.add_api_route(f"{_path}/{ID}", _get_route(_kind), methods=["GET"],
                         response_model=NodeOut, responses=NOT_FOUND,
                         name=f"get_{_kind.value}", summary=f"One {_kind.value}")
