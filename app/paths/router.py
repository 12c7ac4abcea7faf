from typing import Annotated

from fastapi import APIRouter, Query

from app.auth.deps import AccessDep
from app.auth.policy import resolve_ref
from app.deps import AsOf, MaxHops, SettingsDep
from app.ids import ID
from app.paths import service
from app.paths.schemas import InfluencePaths
from app.routes import CheckedRoute

router = APIRouter(prefix="/v1", tags=["paths"], route_class=CheckedRoute)


@router.get(f"/contacts/{ID}/influence-paths", response_model=InfluencePaths,
            responses={404: {"description": "Unknown contact, employee or team"}})
async def influence_paths(
    id: str, settings: SettingsDep, as_of: AsOf, access: AccessDep,
    max_hops: MaxHops,
    limit: Annotated[int, Query(ge=1, le=100)] = 10,
    employee_id: str | None = None,
    team_id: str | None = None,
    avoid_opposed: bool = True,
) -> InfluencePaths:
    """Who in our company can move this person: the best path from each employee who can reach
    them, ranked by strength then fewer hops; plus who inside the customer influences them."""
    if team_id:
        access.team(team_id)
    if employee_id:
        employee_id = resolve_ref(access.viewer, employee_id)
        await access.network(employee_id)
    result = await access.answer(id, lambda reader: service.influence_paths(
        reader, settings, contact_id=id, as_of=as_of, max_hops=max_hops, limit=limit,
        employee_id=employee_id, team_id=team_id, avoid_opposed=avoid_opposed,
        viewer=access.viewer))
    await access.audit("influence-paths", id)
    return result
