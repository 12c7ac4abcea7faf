from fastapi import APIRouter

from app.auth.deps import AccessDep
from app.deps import AsOf, GraphDep, SettingsDep
from app.errors import documented
from app.ids import ID
from app.politics import service
from app.politics.schemas import PoliticalMap
from app.routes import CheckedRoute

router = APIRouter(prefix="/v1/accounts", tags=["political map"], route_class=CheckedRoute)


@router.get(f"/{ID}/political-map", response_model=PoliticalMap,
            responses=documented(404, "Unknown account"))
async def political_map(id: str, graph: GraphDep, settings: SettingsDep, as_of: AsOf,
                        access: AccessDep) -> PoliticalMap:
    """Everyone at the account ranked by influence on the political map (influence and reporting
    edges), with the hidden influencers: high influence, low in the reporting line."""
    await access.object(id)
    return await service.political_map(graph, settings, account_id=id, as_of=as_of)
