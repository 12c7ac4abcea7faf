from typing import Annotated

from fastapi import APIRouter, Query

from app.auth.deps import AccessDep, Admin
from app.bodies import JsonRoute
from app.deps import AsOf, GraphDep, SettingsDep
from app.errors import NotFound, documented
from app.esp import service
from app.esp.schemas import EspRanking, IndustryThreshold, IndustryWeights, Threshold, Weights
from app.ids import segment

router = APIRouter(prefix="/v1/esp", tags=["ESP+ identification"], route_class=JsonRoute)


@router.get("/accounts", response_model=EspRanking)
async def ranking(graph: GraphDep, settings: SettingsDep, access: AccessDep, as_of: AsOf,
                  top_percent: Annotated[float | None, Query(
                      gt=0, le=100, description="Share of key accounts in industries without a "
                                                "threshold of their own (default: setting)")] = None,
                  limit: Annotated[int, Query(ge=1, le=100)] = 100,
                  offset: Annotated[int, Query(ge=0)] = 0) -> EspRanking:
    """Accounts by ESP+ composite score as of a date (the evaluations in force then, weights
    per industry), each with its change since its previous evaluation; the top X% (per
    industry where the industry has a threshold) are key accounts unless overridden by hand;
    resource classes A/B/C/D from the 3x3 grid of contribution x potential."""
    access.company()
    return await service.ranking(graph, settings, as_of=as_of,
                                 top_percent=top_percent or settings.esp_top_percent,
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


@router.get("/thresholds", response_model=list[IndustryThreshold])
async def thresholds(graph: GraphDep, access: AccessDep) -> list[IndustryThreshold]:
    """Key-account thresholds stored per industry; other industries share the default top X%."""
    access.company()
    return await service.industry_thresholds(graph)


@router.put("/thresholds/" + segment("industry"), response_model=IndustryThreshold)
async def set_threshold(industry: str, body: Threshold, graph: GraphDep,
                        _: Admin) -> IndustryThreshold:
    """Give an industry its own key-account threshold: its top X% are key accounts, ranked
    among that industry's accounts only."""
    return await service.set_threshold(graph, industry, body)


@router.delete("/thresholds/" + segment("industry"), status_code=204,
               responses=documented(404, "The industry has no threshold"))
async def delete_threshold(industry: str, graph: GraphDep, _: Admin) -> None:
    """Remove an industry's threshold: its accounts join the default pool again."""
    if not await service.delete_threshold(graph, industry):
        raise NotFound(f"industry {industry!r} has no threshold of its own")
