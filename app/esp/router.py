from typing import Annotated

from fastapi import APIRouter, Query

from app.auth.deps import AccessDep, Admin
from app.bodies import JsonRoute
from app.deps import GraphDep, SettingsDep
from app.esp import service
from app.esp.schemas import EspRanking, IndustryWeights, Weights
from app.ids import segment

router = APIRouter(prefix="/v1/esp", tags=["ESP+ identification"], route_class=JsonRoute)


@router.get("/accounts", response_model=EspRanking)
async def ranking(graph: GraphDep, settings: SettingsDep, access: AccessDep,
                  top_percent: Annotated[float | None, Query(gt=0, le=100)] = None,
                  limit: Annotated[int, Query(ge=1, le=100)] = 100,
                  offset: Annotated[int, Query(ge=0)] = 0) -> EspRanking:
    """Accounts by ESP+ composite score (weights per industry); the top X% are key accounts
    unless overridden by hand; resource classes A/B/C/D on contribution x potential."""
    access.company()
    return await service.ranking(graph, settings, top_percent=top_percent or settings.esp_top_percent,
                                 limit=limit, offset=offset)


@router.get("/weights", response_model=list[IndustryWeights])
async def weights(graph: GraphDep, access: AccessDep) -> list[IndustryWeights]:
    """Weights stored per industry; other industries use the configured defaults."""
    access.company()
    return await service.industry_weights(graph)


@router.put("/weights/" + segment("industry"), response_model=IndustryWeights)
async def set_weights(industry: str, body: Weights, graph: GraphDep, _: Admin) -> IndustryWeights:
    """Set an industry's weights; they must sum to 1."""
    return await service.set_weights(graph, industry, body)
