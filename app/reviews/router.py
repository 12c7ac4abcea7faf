from typing import Annotated

from fastapi import APIRouter, Query

from app.auth.deps import AccessDep
from app.deps import AsOf, GraphDep, ScopeParam, SettingsDep
from app.errors import documented
from app.reviews import service
from app.reviews.schemas import ReviewsDue
from app.routes import CheckedRoute

router = APIRouter(prefix="/v1/reviews", tags=["weekly review"], route_class=CheckedRoute)


@router.get("/due", response_model=ReviewsDue,
            responses=documented(404, "Unknown team or employee in the scope"))
async def reviews_due(graph: GraphDep, settings: SettingsDep, as_of: AsOf, access: AccessDep,
                      scope: ScopeParam = None,
                      limit: Annotated[int, Query(ge=1, le=100)] = 100,
                      offset: Annotated[int, Query(ge=0, le=100_000)] = 0) -> ReviewsDue:
    """The scope's key persons due for re-assessment on as_of: each feature whose last
    assessment is older than its cadence (closeness 30 days, solution, price and the two votes
    90 days, by default), or never assessed; never-assessed key persons first, then the
    longest overdue."""
    allowed = await access.scope_read(scope)
    return await service.reviews_due(graph, settings, scope=allowed, as_of=as_of, limit=limit,
                                     offset=offset)
