from fastapi import APIRouter, Request
from pydantic import BaseModel

from app.db.migrations import MigrationError, discover, pending
from app.deps import GraphDep, SettingsDep
from app.errors import DatabaseUnavailable

router = APIRouter(tags=["health"])


class Status(BaseModel):
    status: str


@router.get("/health", response_model=Status)
async def health() -> Status:
    """200 while the process lives."""
    return Status(status="ok")


@router.get("/ready", response_model=Status, responses={503: {"description": "Not ready"}})
async def ready(request: Request, graph: GraphDep, settings: SettingsDep) -> Status:
    """200 only when the database answers, every migration is applied and the colleague
    reference key is loaded."""
    try:
        waiting = await pending(graph, discover(settings.migrations_dir))
    except MigrationError as exc:
        raise DatabaseUnavailable(str(exc)) from None
    if waiting:
        names = ", ".join(m.name for m in waiting)
        raise DatabaseUnavailable(f"migrations not applied yet: {names}")
    if not request.app.state.reference_key.loaded:
        raise DatabaseUnavailable("the colleague reference key is not loaded yet")
    return Status(status="ready")
