from datetime import UTC, date, datetime
from typing import Annotated

from fastapi import APIRouter, Query, Request

from app.auth import principals
from app.auth.deps import AccessDep, Admin
from app.auth.schemas import AuditEventOut, Me, PrincipalCreated, PrincipalIn, PrincipalOut
from app.bodies import JsonRoute
from app.db.cypher import q
from app.deps import IN_RANGE, Bounded, GraphDep
from app.errors import documented
from app.ids import ID

router = APIRouter(prefix="/v1", tags=["access"], route_class=JsonRoute)


@router.get("/me", response_model=Me)
async def me(access: AccessDep) -> Me:
    """The principal behind the token, its default perspective and the scopes it may read."""
    return await principals.describe(access)


@router.post("/principals", response_model=PrincipalCreated, status_code=201,
             responses=documented(403, "Admins only"))
async def create_principal(body: PrincipalIn, graph: GraphDep, _: Admin) -> PrincipalCreated:
    """Create a principal for an employee (rep, lead, exec, admin) or another system
    (integration, limited to its scopes and write right). The token is shown only here."""
    return await principals.create(graph, body, date.today())


@router.get("/principals", response_model=list[PrincipalOut])
async def list_principals(graph: GraphDep, _: Admin,
                          limit: Annotated[int, Query(ge=1, le=100)] = 100) -> list[PrincipalOut]:
    """Principals, active and revoked (never their tokens)."""
    return await principals.list_all(graph, limit)


@router.delete(f"/principals/{ID}", status_code=204, responses=documented(404, "No active principal"))
async def revoke_principal(id: str, graph: GraphDep, _: Admin) -> None:
    """Revoke a principal: its token stops working at once."""
    await principals.revoke(graph, id)


@router.get("/audit", response_model=list[AuditEventOut])
async def audit_log(request: Request, graph: GraphDep, _: Admin,
                    since: Annotated[Bounded[datetime] | None, Query(
                        description=f"Events at or after this time (UTC without an offset), "
                                    f"{IN_RANGE}")] = None,
                    employee_id: str | None = None,
                    limit: Annotated[int, Query(ge=1, le=100)] = 100) -> list[AuditEventOut]:
    """Reads of employees' networks, newest first."""
    await request.app.state.audit.flush()
    # Neo4j holds offsets within +-18h only; any valid ISO offset compares the same in UTC.
    utc = None if since is None else (since.replace(tzinfo=UTC) if since.tzinfo is None
                                      else since.astimezone(UTC))
    return [AuditEventOut(**r) for r in await graph.read(
        q("auth/audit_log"), since=utc, employee_id=employee_id, limit=limit)]
