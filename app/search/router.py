from typing import Annotated

from fastapi import APIRouter, Query

from app.auth.deps import AccessDep
from app.deps import GraphDep
from app.domain import Kind
from app.errors import ValidationFailed, field_problem
from app.routes import CheckedRoute
from app.search import service
from app.search.keys import SEARCHABLE
from app.search.schemas import SearchResult

router = APIRouter(prefix="/v1", tags=["search"], route_class=CheckedRoute)


@router.get("/search", response_model=SearchResult)
async def search(graph: GraphDep, access: AccessDep,
                 q: Annotated[str, Query(
                     min_length=1, max_length=100, examples=["王", "chenwei", "cw"],
                     description="Part of a name, title or department in any case, a Chinese "
                                 "name's pinyin or initials, or an id")],
                 kind: Annotated[list[Kind] | None, Query(
                     description="Contact, Account, Opportunity, Employee (repeatable)")] = None,
                 limit: Annotated[int, Query(ge=1, le=100)] = 20) -> SearchResult:
    """People, accounts and deals by name, title, department or pinyin, limited to the
    viewer's perspective."""
    kinds = kind or list(SEARCHABLE)
    wrong = [k for k in kinds if k not in SEARCHABLE]
    if wrong:
        raise ValidationFailed([field_problem("kind", "not_searchable", f"{k.value} is not "
                                              "searchable", kind=k.value)
                                for k in wrong], detail="unsearchable kind")
    return await service.search(graph, text=q, kinds=kinds, limit=limit,
                                accounts=access.visible(Kind.ACCOUNT),
                                employees=access.visible(Kind.EMPLOYEE))
