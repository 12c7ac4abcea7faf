"""Bearer-token authentication; every /v1 route depends on CurrentPrincipal."""

import hmac
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from app.deps import SettingsDep
from app.errors import Forbidden, Unauthorized

bearer = HTTPBearer(auto_error=False, description="A token from BRM_ADMIN_TOKEN or POST /v1/principals")


@dataclass(frozen=True)
class Principal:
    role: str
    employee_id: str | None = None

    @property
    def can_write(self) -> bool:
        return self.role in ("admin", "integration")


def current_principal(
    settings: SettingsDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> Principal:
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise Unauthorized("a bearer token is required")
    admin = settings.admin_token.get_secret_value() if settings.admin_token else None
    if admin and hmac.compare_digest(credentials.credentials.encode(), admin.encode()):
        return Principal(role="admin")
    raise Unauthorized("unknown token")


def writer(principal: Annotated[Principal, Depends(current_principal)]) -> Principal:
    if not principal.can_write:
        raise Forbidden("this token may not write")
    return principal


CurrentPrincipal = Annotated[Principal, Depends(current_principal)]
Writer = Annotated[Principal, Depends(writer)]
