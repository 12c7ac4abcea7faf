from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import AfterValidator
from pydantic_core import PydanticCustomError

from app.auth.deps import AccessDep
from app.db.graph import Reader
from app.deps import AsOf, GraphDep, SettingsDep
from app.domain import Kind
from app.errors import Forbidden, NotFound, documented
from app.ids import ID
from app.network import candidates, service
from app.network.schemas import Candidates, ContactInTouch, EmployeeNetwork
from app.paths import repository as paths
from app.people import repository as people
from app.routes import CheckedRoute
from app.search.keys import normalise

router = APIRouter(tags=["relationship strength"], route_class=CheckedRoute)


@router.get(f"/v1/employees/{ID}/network", response_model=EmployeeNetwork,
            responses={**documented(403, "The employee is outside the principal's perspective"),
                       **documented(404, "Unknown employee")})
async def network(id: str, graph: GraphDep, settings: SettingsDep, access: AccessDep,
                  as_of: AsOf, limit: Annotated[int, Query(ge=1, le=500)] = 100,
                  offset: Annotated[int, Query(ge=0, le=100_000)] = 0) -> EmployeeNetwork:
    """The contacts an employee knows as of a date: by a declared acquaintance (the strongest
    general INFLUENCES edge) and by activity together (decayed with a 90-day half-life), the
    strength paths use (the greater), the last activity, the activities in 180 days and the
    trend (warming, steady, cooling against 90 days earlier). Whom one knows is one's own
    wherever they work: the employee, their lead and company-wide principals see every
    contact, as the employee scope's own network does (an account outside the reader's
    perspective by name, without its id); activities private to someone else do not count;
    reading a colleague's network is audited."""
    access.employee(id)
    if id != access.principal.employee_id:
        await access.network(id)
    if not await people.employees(graph, [id], as_of):
        raise NotFound(f"no Employee with id {id!r} on {as_of}")
    return await service.employee_network(graph, settings, employee_id=id, as_of=as_of,
                                          me=access.principal.employee_id,
                                          visible=access.visible(Kind.ACCOUNT),
                                          limit=limit, offset=offset)


@router.get(f"/v1/contacts/{ID}/in-touch", response_model=ContactInTouch,
            responses={**documented(403, "The contact is outside the principal's perspective"),
                       **documented(404, "Unknown contact")})
async def in_touch(id: str, graph: GraphDep, settings: SettingsDep, access: AccessDep,
                   as_of: AsOf) -> ContactInTouch:
    """Who in our company knows this person as of a date, and how recently they have been in
    touch: each colleague's declared and activity strength, last activity, activities in 180
    days and trend, strongest first (at most 100). Colleagues the principal may not see are
    references without a name."""
    async def work(reader: Reader) -> ContactInTouch:
        if await paths.target(reader, id) is None:
            raise NotFound(f"no Contact with id {id!r}")
        return await service.contact_in_touch(reader, settings, contact_id=id, as_of=as_of,
                                              viewer=access.viewer,
                                              me=access.principal.employee_id)

    return await access.answer(id, work)


def two_letters(q: str) -> str:
    """A search of at least two characters besides spaces: " a " is one letter, and every name
    holds it."""
    if len(normalise(q)) < 2:
        raise PydanticCustomError("string_too_short", "at least 2 characters besides spaces",
                                  {"min_length": 2})
    return q


@router.get("/v1/acquaintance-candidates", response_model=Candidates,
            responses=documented(403, "The principal is tied to no employee"))
async def acquaintance_candidates(
        graph: GraphDep, access: AccessDep,
        q: Annotated[str, Query(
            min_length=2, max_length=100, examples=["王建国", "华东电网"],
            description="Part of a key person's name (or its pinyin), title or department, or of "
                        "their account's name"), AfterValidator(two_letters)],
        limit: Annotated[int, Query(ge=1, le=50)] = 20) -> Candidates:
    """Key persons of any account whom the caller may say they know (their own acquaintance,
    `POST /v1/relationships`, which anyone may write): each with their title and account, and
    the caller's own acquaintance with them if declared. Outside the caller's perspective the
    account is named only. Every search is audited."""
    me = access.principal.employee_id
    if not me:
        raise Forbidden("only a principal tied to an employee says whom they know")
    await access.audit("acquaintance-candidates", q)
    return await candidates.candidates(graph, text=q, me=me, as_of=graph.today(),
                                       visible=access.visible(Kind.ACCOUNT), limit=limit)
