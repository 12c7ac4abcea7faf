from fastapi import APIRouter

from app.auth.deps import AccessDep
from app.competitors import service
from app.competitors.schemas import CompetitorPerspective
from app.deps import AsOf, GraphDep, ScopeParam, SettingsDep
from app.errors import documented
from app.ids import ID
from app.routes import CheckedRoute

router = APIRouter(prefix="/v1/competitors", tags=["competitor perspective"], route_class=CheckedRoute)


@router.get(f"/{ID}/perspective", response_model=CompetitorPerspective,
            responses=documented(404, "Unknown competitor, team or employee"))
async def perspective(id: str, graph: GraphDep, settings: SettingsDep, as_of: AsOf,
                      access: AccessDep, scope: ScopeParam = None) -> CompetitorPerspective:
    """Key persons' three degrees toward the rival, whom its staff influence, and the contested
    key persons: held by the rival while we have a path too."""
    return await service.perspective(graph, settings, competitor_id=id,
                                     scope=await access.scope_read(scope), as_of=as_of)
