"""Authentication and the access policy as dependencies: every /v1 route uses one of these."""

import hashlib
import hmac
from datetime import date
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from app.auth import principals
from app.auth.policy import Access, Principal, Viewer, perspective
from app.auth.schemas import Role
from app.deps import GraphDep, SettingsDep
from app.errors import Forbidden, Unauthorized

bearer = HTTPBearer(auto_error=False,
                    description="A token from BRM_ADMIN_TOKEN or POST /v1/principals")


async def current_principal(
    settings: SettingsDep, graph: GraphDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> Principal:
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise Unauthorized("a bearer token is required")
    token = credentials.credentials
    admin = settings.admin_token.get_secret_value() if settings.admin_token else None
    if admin and hmac.compare_digest(token.encode(), admin.encode()):
        return Principal(role=Role.ADMIN, id="admin-token")
    found = await principals.by_token(graph, token)
    if found is None:
        raise Unauthorized("unknown or revoked token")
    return found


CurrentPrincipal = Annotated[Principal, Depends(current_principal)]


def _secret(settings: SettingsDep) -> bytes:
    key = settings.secret_key or settings.admin_token
    return hashlib.sha256((key.get_secret_value() if key else "brm").encode()).digest()


async def access(request: Request, principal: CurrentPrincipal, graph: GraphDep,
                 settings: SettingsDep) -> Access:
    reach, visible = await perspective(graph, principal, date.today())
    return Access(principal, reach, Viewer(visible, _secret(settings)), graph,
                  request.app.state.audit)


async def writer(principal: CurrentPrincipal) -> Principal:
    if principal.may_write:
        return principal
    raise Forbidden("this token may not write")


async def admin(principal: CurrentPrincipal) -> Principal:
    if principal.role != Role.ADMIN:
        raise Forbidden("admins only")
    return principal


AccessDep = Annotated[Access, Depends(access)]
Writer = Annotated[Principal, Depends(writer)]
Admin = Annotated[Principal, Depends(admin)]
