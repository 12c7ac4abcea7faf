from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from app.auth import principals, sessions
from app.auth.deps import AccessDep, Admin, CurrentPrincipal
from app.auth.schemas import (
    AuditEventOut,
    Me,
    PasswordChange,
    PrincipalCreated,
    PrincipalIn,
    PrincipalOut,
    SessionOut,
    SignIn,
)
from app.bodies import JsonRoute
from app.dates import IN_RANGE, Bounded, in_utc
from app.db.cypher import q
from app.deps import GraphDep, SettingsDep
from app.errors import Unauthorized, documented
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
    return await principals.create(graph, body, graph.today())


@router.get("/principals", response_model=list[PrincipalOut])
async def list_principals(graph: GraphDep, _: Admin,
                          limit: Annotated[int, Query(ge=1, le=100)] = 100,
                          after: Annotated[str | None, Query(
                              max_length=256, description="The last id of the page before")] = None,
                          employee_id: Annotated[str | None, Query(max_length=256)] = None,
                          ) -> list[PrincipalOut]:
    """Principals, active and revoked (never their tokens), in id order: `after` the last id of
    a page gives the next."""
    return await principals.list_all(graph, limit, after, employee_id)


@router.delete(f"/principals/{ID}", status_code=204, responses=documented(404, "No active principal"))
async def revoke_principal(id: str, graph: GraphDep, _: Admin) -> None:
    """Revoke a principal: its token stops working at once."""
    await principals.revoke(graph, id)


@router.get("/audit", response_model=list[AuditEventOut])
async def audit_log(request: Request, graph: GraphDep, _: Admin,
                    since: Annotated[Bounded[datetime] | None, Query(
                        description=f"Events at or after this time (in UTC without an "
                                    f"offset), {IN_RANGE}")] = None,
                    before: Annotated[Bounded[datetime] | None, Query(
                        description="Events before this time: the `at` of a page's last event "
                                    "gives the page after it")] = None,
                    employee_id: str | None = None,
                    limit: Annotated[int, Query(ge=1, le=100)] = 100) -> list[AuditEventOut]:
    """Reads of employees' networks, newest first."""
    await request.app.state.audit.flush()
    return [AuditEventOut(**r) for r in await graph.read(
        q("auth/audit_log"), since=in_utc(since), before=in_utc(before), employee_id=employee_id,
        limit=limit)]


@router.post("/session", response_model=SessionOut,
             responses={**documented(401, "Wrong username or password"),
                        **documented(429, "Locked after repeated failures (Retry-After)")})
async def sign_in(body: SignIn, request: Request, response: Response,
                  graph: GraphDep) -> SessionOut:
    """Sign in with a username and password: an HttpOnly, SameSite=Strict session cookie,
    and the CSRF token that every write made with it must send as X-CSRF-Token (also in the
    `brm_csrf` cookie, for the web app's other tabs)."""
    settings = request.app.state.settings
    if not settings.password_sign_in:
        raise Unauthorized("sign-in with a password is turned off: use a bearer token")
    started = await sessions.sign_in(graph, settings, request.app.state.reference_key.cipher,
                                     body.username, body.password)
    secure = settings.session_cookie_secure or request.url.scheme == "https"
    lasts = int(settings.session_hours * 3600)
    response.set_cookie(sessions.COOKIE, started.session, httponly=True, samesite="strict",
                        secure=secure, max_age=lasts, path="/")
    # The CSRF token again, readable by the page: a second tab of the web app finds it there
    # (the token in the answer is the first tab's alone). Another site can neither read it nor
    # have it sent (SameSite=Strict), and a write counts only with it in X-CSRF-Token.
    response.set_cookie(sessions.CSRF_COOKIE, started.csrf_token, httponly=False,
                        samesite="strict", secure=secure, max_age=lasts, path="/")
    return SessionOut(csrf_token=started.csrf_token, expires_at=started.expires_at,
                      must_change_password=started.must_change_password)


@router.delete("/session", status_code=204)
async def sign_out(request: Request, response: Response, graph: GraphDep,
                   _: CurrentPrincipal) -> None:
    """Sign out: the session ends on the server, and the cookie goes."""
    if session := request.cookies.get(sessions.COOKIE):
        await sessions.end(graph, session)
    response.delete_cookie(sessions.COOKIE, path="/", httponly=True, samesite="strict")
    response.delete_cookie(sessions.CSRF_COOKIE, path="/", samesite="strict")


@router.post("/session/password", status_code=204, responses={
    **documented(422, "Wrong current password, or too short"),
    **documented(429, "Too many wrong passwords in a row: locked for a while")})
async def change_password(body: PasswordChange, request: Request, graph: GraphDep,
                          settings: SettingsDep, principal: CurrentPrincipal) -> None:
    """Change one's own password (the first thing after signing in with an initial one); the
    principal's other sessions end. A wrong current password counts toward the lock as a
    failed sign-in does."""
    await sessions.change_password(graph, settings, principal.id,
                                   request.cookies.get(sessions.COOKIE), body.current_password,
                                   body.new_password)
