from fastapi import APIRouter, Request
from pydantic import BaseModel, Field

from app.db.migrations import MigrationError, discover, pending
from app.deps import GraphDep, SettingsDep
from app.errors import DatabaseUnavailable
from app.routes import CheckedRoute

router = APIRouter(tags=["health"], route_class=CheckedRoute)


class Status(BaseModel):
    status: str


class Readiness(Status):
    searches_planned: bool = Field(description=(
        "Whether the searches the API plans at start are planned (always true when it plans "
        "none at start). Until then the first request of a route may wait seconds for Neo4j "
        "to plan its query; the API answers meanwhile."))


@router.get("/health", response_model=Status)
async def health() -> Status:
    """200 while the process lives."""
    return Status(status="ok")


@router.get("/ready", response_model=Readiness,
            responses={503: {"description": "Not ready"}})
async def ready(request: Request, graph: GraphDep, settings: SettingsDep) -> Readiness:
    """200 only when the database answers, every migration is applied and the colleague
    reference key is loaded; with whether the searches planned at start are planned."""
    try:
        waiting = await pending(graph, discover(settings.migrations_dir))
    except MigrationError as exc:
        raise DatabaseUnavailable(str(exc)) from None
    if waiting:
        names = ", ".join(m.name for m in waiting)
        raise DatabaseUnavailable(f"migrations not applied yet: {names}")
    if not request.app.state.reference_key.loaded:
        raise DatabaseUnavailable("the colleague reference key is not loaded yet")
    planning = request.app.state.planning
    return Readiness(status="ready", searches_planned=planning is None or planning.done())
