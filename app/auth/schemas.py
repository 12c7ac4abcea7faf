import unicodedata
from enum import StrEnum
from typing import Annotated

from pydantic import AfterValidator, BaseModel, Field

from app.bodies import Body
from app.errors import broken


class Role(StrEnum):
    REP = "rep"
    LEAD = "lead"
    EXEC = "exec"
    ADMIN = "admin"
    INTEGRATION = "integration"


def _folded(username: str) -> str:
    """A username as it is kept and looked up: Li.Ming, li.ming and li.ming in full-width
    letters are one (a phone capitalises the first letter typed; an input method may type
    full-width letters)."""
    return unicodedata.normalize("NFKC", username).lower()


def _visible(username: str) -> str:
    """A new username holds no character that shows as nothing (a zero-width space, a soft
    hyphen, a control character): li.ming with one would list as li.ming beside it."""
    if any(unicodedata.category(c) in ("Cc", "Cf") for c in username):
        raise broken("username_invisible_character",
                     "must not hold characters that show as nothing (zero-width, control)")
    return username


# Matched without regard to case or width: kept in lower case.
Username = Annotated[str, AfterValidator(_folded)]


class PrincipalIn(Body):
    employee_id: str | None = Field(None, description="Required for rep and lead",
                                    examples=["e-00002"])
    role: Role
    scopes: list[str] = Field(default_factory=list, description="Integration only: the scopes it "
                              "may read (company, team:<id>, employee:<id>)", examples=[["company"]])
    can_write: bool = Field(False, description="Integration only: may it write")
    name: str | None = Field(None, max_length=200, examples=["CRM sync"])
    username: Annotated[Username, AfterValidator(_visible)] | None = Field(
        None, min_length=1, max_length=100, pattern=r"^[^\s]+$", examples=["li.ming"],
        description="People only: signs in with it and `password` (the token stays too); "
                    "matched without regard to case or width, kept in lower case")
    password: str | None = Field(None, max_length=200, description="The initial password, at "
                                 "least 10 characters; changed at the first sign-in")


class SignIn(Body):
    username: Username = Field(min_length=1, max_length=100, examples=["li.ming"],
                               description="As created, in any case or width")
    password: str = Field(min_length=1, max_length=200)


class SessionOut(BaseModel):
    csrf_token: str = Field(description="Send as X-CSRF-Token with every write made with the "
                                        "session cookie; shown only here")
    expires_at: str
    must_change_password: bool = Field(description="Nothing but POST /v1/session/password, "
                                                   "GET /v1/me and sign-out until it is changed")


class PasswordChange(Body):
    current_password: str = Field(min_length=1, max_length=200)
    new_password: str = Field(min_length=1, max_length=200)


class PrincipalOut(BaseModel):
    id: str
    role: Role
    employee_id: str | None = None
    scopes: list[str] = []
    can_write: bool = Field(False, description="May it write: a person by their role, an "
                                                "integration when created so")
    name: str | None = None
    username: str | None = None
    must_change_password: bool | None = None
    created_at: str | None = None
    revoked_at: str | None = None


class PrincipalCreated(PrincipalOut):
    token: str = Field(description="Shown once; only its hash is stored")


class AuditEventOut(BaseModel):
    at: str
    principal_id: str | None
    role: str
    employee_id: str | None
    action: str
    subject: str


class Me(BaseModel):
    """Who the token belongs to and which perspectives it may read: what a client needs to
    build its screens (a default scope and the ones it may switch to)."""

    principal_id: str | None
    role: Role
    employee_id: str | None = None
    name: str | None = None
    can_write: bool
    company_wide: bool
    teams: list[str] = Field(description="Teams the principal leads (lead) or is scoped to")
    default_scope: str = Field(examples=["team:t-00001"])
    scopes: list[str] | None = Field(description="Scopes it may read; null: any")
    scope_names: dict[str, str | None] = Field(
        default_factory=dict, examples=[{"team:t-00001": "华东大客户部", "employee:e-00002": "王建国"}],
        description="The name of the team or colleague of each scope in `scopes`")
    time_zone: str = Field(examples=["Asia/Shanghai"], description=(
        "The organisation's time zone (IANA name). Every date of the API is a day there: the "
        "default `as_of` is today in it and an activity counts on its day in it. A client "
        "elsewhere takes today from this zone, not from its own clock's."))
