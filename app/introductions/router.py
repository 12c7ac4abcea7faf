from collections.abc import Awaitable, Callable
from typing import Annotated

from fastapi import APIRouter, Query

from app.auth.deps import AccessDep
from app.bodies import JsonRoute
from app.deps import GraphDep, SettingsDep
from app.errors import documented
from app.ids import ID
from app.introductions import service
from app.introductions.schemas import Direction, Introduction, IntroductionIn, Status, StepIn

router = APIRouter(prefix="/v1/introductions", tags=["introductions"], route_class=JsonRoute)


@router.post("", response_model=Introduction, status_code=201,
             responses=documented(403, "Outside the requester's perspective"))
async def request_introduction(body: IntroductionIn, graph: GraphDep,
                               access: AccessDep) -> Introduction:
    """Ask the colleague behind a path (shown as a reference) for an introduction to a person.
    The colleague's identity is revealed once they accept."""
    return await service.request(graph, access, body)


@router.get("", response_model=list[Introduction])
async def my_introductions(graph: GraphDep, access: AccessDep,
                           limit: Annotated[int, Query(ge=1, le=100)] = 100,
                           direction: Direction | None = None) -> list[Introduction]:
    """Introductions I asked for (`outgoing`), was asked for (`incoming`) or both (admins
    without an employee: all), newest first, with the requester's and the contact's names."""
    return await service.mine(graph, access, limit, direction)


def _step(to: Status) -> Callable[..., Awaitable[Introduction]]:
    async def endpoint(id: str, graph: GraphDep, settings: SettingsDep, access: AccessDep,
                       body: StepIn | None = None) -> Introduction:
        return await service.advance(graph, settings, access, id, to,
                                     body.message if body else None)

    endpoint.__doc__ = {
        Status.ACCEPTED: "The colleague accepts: the requester now sees who they are.",
        Status.DECLINED: "The colleague declines.",
        Status.MADE: "The introduction took place.",
        Status.HELPED: "It helped: on a deal, records the LEVERAGED edge the contribution KPI counts.",
        Status.WITHDRAWN: "The requester withdraws a request the colleague has not answered yet.",
    }[to]
    return endpoint


for _verb, _status in [("accept", Status.ACCEPTED), ("decline", Status.DECLINED),
                       ("made", Status.MADE), ("helped", Status.HELPED),
                       ("withdraw", Status.WITHDRAWN)]:
    router.add_api_route(f"/{ID}/{_verb}", _step(_status), methods=["POST"],
                         response_model=Introduction, name=f"introduction_{_verb}",
                         responses={**documented(404, "Unknown introduction"),
                                    **documented(409, "Not allowed from the current status")})
