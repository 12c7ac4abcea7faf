from fastapi import APIRouter

from app.auth.deps import AccessDep
from app.deps import AsOf, GraphDep, SettingsDep
from app.errors import documented
from app.ids import ID
from app.routes import CheckedRoute
from app.strategy import service
from app.strategy.schemas import ActionList, StrategyRecommendation

router = APIRouter(prefix="/v1", tags=["strategy and actions"], route_class=CheckedRoute)


@router.get(f"/accounts/{ID}/strategy", response_model=StrategyRecommendation,
            responses=documented(404, "Unknown account"))
async def strategy(id: str, graph: GraphDep, settings: SettingsDep, as_of: AsOf,
                   access: AccessDep) -> StrategyRecommendation:
    """The ESP+ strategy for the account (acquisition, recovery, wait_and_see, retention,
    upgrade, evaluated in that order), the facts that triggered it and its tactics."""
    await access.object(id)
    return await service.strategy(graph, settings, account_id=id, as_of=as_of)


@router.get(f"/accounts/{ID}/actions", response_model=ActionList,
            responses=documented(404, "Unknown account"))
async def account_actions(id: str, graph: GraphDep, settings: SettingsDep, as_of: AsOf,
                          access: AccessDep) -> ActionList:
    """Action list from the principles: 100% coverage gaps (focus accounts), short boards to lift
    to neutral, members of focus deals' chains to break through, leading a rival on one degree,
    continuous improvement, all-staff participation; with the colleagues who can help."""
    await access.object(id)
    return await service.account_actions(graph, settings, account_id=id, as_of=as_of,
                                         viewer=access.viewer)


@router.get(f"/opportunities/{ID}/actions", response_model=ActionList,
            responses=documented(404, "Unknown opportunity"))
async def opportunity_actions(id: str, graph: GraphDep, settings: SettingsDep, as_of: AsOf,
                              access: AccessDep) -> ActionList:
    """Action list for one deal's decision chain, breakthroughs first."""
    await access.object(id)
    return await service.opportunity_actions(graph, settings, opportunity_id=id, as_of=as_of,
                                             viewer=access.viewer)
