"""GET /v1/<kind>s and /v1/<kind>s/{id}: properties plus every edge, current and ended."""

from collections.abc import Awaitable, Callable
from typing import Annotated

from fastapi import APIRouter, Query, Response

from app.auth.deps import AccessDep
from app.deps import GraphDep, SettingsDep
from app.domain import Kind
from app.errors import documented
from app.ids import ID
from app.nodes import service
from app.nodes.schemas import NodeOut, NodePage

router = APIRouter(prefix="/v1", tags=["nodes"])

Limit = Annotated[int, Query(ge=1, le=100)]
NOT_FOUND = documented(404, "Unknown id")


def _get_route(kind: Kind) -> Callable[..., Awaitable[NodeOut]]:
    async def endpoint(id: str, response: Response, graph: GraphDep, settings: SettingsDep,
                       access: AccessDep) -> NodeOut:
        await access.node(kind, id)
        node, etag = await service.get_node(graph, settings, kind, id, access.viewer,
                                            access.reach.accounts)
        response.headers["ETag"] = etag
        return node

    endpoint.__doc__ = (f"One {kind.value} with every edge touching it, current and ended. The "
                        "ETag header covers its own properties: send it as If-Match when you "
                        "upsert it.")
    return endpoint


def _list_route(kind: Kind, by_account: bool) -> Callable[..., Awaitable[NodePage]]:
    if by_account:
        async def endpoint(graph: GraphDep, access: AccessDep, limit: Limit = 50,
                           after: str | None = None, account_id: str | None = None) -> NodePage:
            return await service.list_nodes(graph, kind, limit=limit, after=after,
                                            account_id=account_id, visible=access.visible(kind),
                                            viewer=access.viewer)
        return endpoint

    async def plain(graph: GraphDep, access: AccessDep, limit: Limit = 50,
                    after: str | None = None) -> NodePage:
        return await service.list_nodes(graph, kind, limit=limit, after=after,
                                        visible=access.visible(kind), viewer=access.viewer)
    return plain


for _path, _kind, _by_account in [
    ("/accounts", Kind.ACCOUNT, False),
    ("/teams", Kind.TEAM, False),
    ("/employees", Kind.EMPLOYEE, False),
    ("/contacts", Kind.CONTACT, True),
    ("/competitors", Kind.COMPETITOR, False),
    ("/third-parties", Kind.THIRD_PARTY, False),
    ("/opportunities", Kind.OPPORTUNITY, True),
]:
    router.add_api_route(_path, _list_route(_kind, _by_account), methods=["GET"],
                         response_model=NodePage, name=f"list_{_kind.value}",
                         summary=f"List {_kind.value} nodes in id order",
                         description=f"{_kind.value} nodes by id, `limit` at a time (at most 100); "
                                     "pass `next_after` back as `after` for the next page."
                                     + (" Filter by `account_id`." if _by_account else ""))
    router.add_api_route(f"{_path}/{ID}", _get_route(_kind), methods=["GET"],
                         response_model=NodeOut, responses=NOT_FOUND,
                         name=f"get_{_kind.value}", summary=f"One {_kind.value}")
