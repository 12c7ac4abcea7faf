from typing import Annotated

from fastapi import APIRouter, Query

from app.auth.deps import AccessDep
from app.deps import AsOf, GraphDep, SettingsDep
from app.errors import documented
from app.features import history
from app.features.schemas import ContactPortrait
from app.ids import ID
from app.routes import CheckedRoute

router = APIRouter(prefix="/v1/contacts", tags=["features"], route_class=CheckedRoute)


@router.get(f"/{ID}/portrait", response_model=ContactPortrait,
            responses=documented(404, "Unknown contact"))
async def portrait(id: str, graph: GraphDep, settings: SettingsDep, as_of: AsOf, access: AccessDep,
                   limit: Annotated[int, Query(ge=1, le=100)] = 50) -> ContactPortrait:
    """The seven features as of a date (我方 perspective, general assessments) and the
    assessment history behind them, newest first; the account the contact worked at on that
    date (null when none, or when it is outside the principal's perspective)."""
    await access.object(id)
    return await history.portrait(graph, settings, id, as_of=as_of, limit=limit,
                                  viewer=access.viewer, accounts=access.reach.accounts)
