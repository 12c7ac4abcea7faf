"""Authentication and the access policy as dependencies: every /v1 route uses one of these."""

import hmac
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from app.auth import principals, sessions
from app.auth.policy import COMPANY, EVERYONE, Access, Principal, Reach, Viewer, perspective
from app.auth.schemas import Role
from app.config import Settings
from app.db import causal
from app.db.graph import Graph, Reader
from app.errors import Forbidden, Unauthorized

bearer = HTTPBearer(auto_error=False,
                    description="A token from BRM_ADMIN_TOKEN or POST /v1/principals")


@dataclass(frozen=True)
class Caller:
    """Who is asking, and what they may see: read once per request."""

    principal: Principal
    reach: Reach
    visible: frozenset[str] | None  # colleagues seen by id; None: everyone


async def current_caller(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> Caller:
    # The app's settings and graph come from its state here, not as sub-dependencies:
    # FastAPI solves each dependency of every request anew, and these four took 25 us of
    # a decision chain's 208 (measured with the service stubbed).
    state = request.app.state
    if credentials is None and (session := request.cookies.get(sessions.COOKIE)):
        return await _session_caller(request, state.settings, state.graph, session)
    return await caller_of(state.settings, state.graph, credentials)


# What a signed-in person who must still change their password may do.
_BEFORE_PASSWORD_CHANGE = {("GET", "/v1/me"), ("POST", "/v1/session/password"),
                           ("DELETE", "/v1/session")}
_SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


async def _session_caller(request: Request, settings: Settings, graph: Graph,
                          session: str) -> Caller:
    """The principal of a session cookie, in one read transaction with its perspective. A
    write with the cookie must carry the session's CSRF token (a page of another site can make
    the browser send the cookie, not read the token)."""
    if not settings.password_sign_in:
        raise Unauthorized("sign-in with a password is turned off: use a bearer token")
    today = graph.today()

    async def identify(reader: Reader) -> tuple[Caller, str, bool] | None:
        row = await sessions.principal_of(reader, session)
        if row is None:
            return None
        principal = principals.of_row(row["principal"])
        return (Caller(principal, *await perspective(reader, principal, today)),
                row["csrf_hash"], bool(row["principal"]["must_change_password"]))

    found = await graph.together(identify)
    if found is None:
        raise Unauthorized("the session has ended: sign in again")
    caller, csrf_hash, must_change = found
    if request.method not in _SAFE_METHODS and not sessions.csrf_matches(
            request.headers.get(sessions.CSRF_HEADER), csrf_hash):
        raise Forbidden(f"a write with the session cookie needs its {sessions.CSRF_HEADER}")
    if must_change and (request.method, request.url.path) not in _BEFORE_PASSWORD_CHANGE:
        raise Forbidden("change your password first (POST /v1/session/password)")
    causal.authenticated()
    return caller


async def caller_of(settings: Settings, graph: Graph,
                    credentials: HTTPAuthorizationCredentials | None) -> Caller:
    """The token's principal and its perspective, in one read transaction: each transaction
    costs the async driver about a millisecond, and a rep's perspective takes two reads.

    The lookup does not wait for the client's bookmarks (app.db.causal): a token created
    through another worker may be unknown here for as long as this server lags behind."""
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise Unauthorized("a bearer token or a session is required")
    token = credentials.credentials
    admin = settings.admin_token.get_secret_value() if settings.admin_token else None
    if admin and hmac.compare_digest(token.encode(), admin.encode()):
        causal.authenticated()
        return Caller(Principal(role=Role.ADMIN, id="admin-token"), COMPANY, None)
    today = graph.today()

    async def identify(reader: Reader) -> Caller | None:
        principal = await principals.by_token(reader, token)
        if principal is None:
            return None
        return Caller(principal, *await perspective(reader, principal, today))

    found = await graph.together(identify)
    if found is None:
        raise Unauthorized("unknown or revoked token")
    causal.authenticated()
    return found


async def current_principal(caller: Annotated[Caller, Depends(current_caller)]) -> Principal:
    return caller.principal


CurrentPrincipal = Annotated[Principal, Depends(current_principal)]


class BearerAccess(HTTPBearer):
    """The bearer scheme that answers with the caller's Access itself: one dependency per
    request instead of the access and the scheme under it (FastAPI spends about 15 us on each
    dependency of each request, measured in process)."""

    async def __call__(self, request: Request) -> Access:  # type: ignore[override]
        caller = await current_caller(request, await super().__call__(request))
        state = request.app.state
        accounts = caller.reach.accounts
        viewer = EVERYONE if caller.visible is None and accounts is None else Viewer(
            caller.visible, caller.principal.id, state.reference_key.cipher, accounts)
        return Access(caller.principal, caller.reach, viewer, state.graph, state.audit)


access = BearerAccess(auto_error=False, scheme_name=bearer.scheme_name,
                      description=bearer.model.description)


async def writer(access: Annotated[Access, Depends(access)]) -> Access:
    if access.principal.may_write:
        return access
    raise Forbidden("this token may not write")


async def admin(principal: CurrentPrincipal) -> Principal:
    if principal.role != Role.ADMIN:
        raise Forbidden("admins only")
    return principal


AccessDep = Annotated[Access, Depends(access)]
WriteAccess = Annotated[Access, Depends(writer)]
Admin = Annotated[Principal, Depends(admin)]
