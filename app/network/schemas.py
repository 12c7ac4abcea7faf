from datetime import date
from enum import StrEnum

from pydantic import BaseModel, Field

from app.network.strength import Trend


class Source(StrEnum):
    DECLARED = "declared"
    ACTIVITY = "activity"
    BOTH = "both"  # declared and activity strength equal


class PairStrength(BaseModel):
    """How strongly an employee and a contact know each other on a date (docs/domain.md
    section 5, relationship strength from activity)."""

    declared_strength: float | None = Field(description="The strongest general INFLUENCES edge "
                                                        "from the employee then; null: none")
    activity_strength: float = Field(description="From their activities together, decayed "
                                                 "with a 90-day half-life (0: none)")
    strength: float = Field(description="The greater of the two: what influence paths use")
    source: Source = Field(description="Which of the two `strength` is")
    acquainted: bool = Field(description="A declared edge, or activity strength of at least "
                                         "the acquaintance threshold (0.2)")
    last_activity_at: date | None
    activities_180d: int = Field(description="Activities together in the 180 days to as_of")
    trend: Trend = Field(description="Activity strength against 90 days earlier: warming or "
                                     "cooling when it moved by more than 0.1")


class KnownContact(PairStrength):
    contact_id: str = Field(examples=["c-00017"])
    name: str | None = Field(None, examples=["王建国"])
    account_id: str | None = Field(None, description="Null for an account outside the "
                                                     "reader's perspective (named only)",
                                   examples=["a-00001"])
    account_name: str | None = None


class InTouch(PairStrength):
    employee_id: str = Field(description="An employee id, or a colleague reference when the "
                                         "viewer may not see them", examples=["e-00002"])
    name: str | None = Field(None, description="Colleagues the viewer may see only")


class EmployeeNetwork(BaseModel):
    employee_id: str
    as_of: date
    total: int = Field(description="Contacts listed, over all pages")
    contacts: list[KnownContact] = Field(description="Strongest first, then by id")


class ContactInTouch(BaseModel):
    contact_id: str
    as_of: date
    colleagues: list[InTouch] = Field(description="Strongest first, then by id; at most 100")


class Candidate(BaseModel):
    """A key person one may say one knows: named with their title and account, nothing more."""

    contact_id: str = Field(examples=["c-00017"])
    name: str | None = Field(None, examples=["王建国"])
    title: str | None = Field(None, examples=["信息中心主任"])
    account_id: str | None = Field(None, description="Null for an account outside the "
                                                     "reader's perspective (named only)")
    account_name: str | None = None
    known_strength: float | None = Field(None, description="The strength of one's own current "
                                                           "acquaintance; null: none declared")
    known_since: date | None = None
    known_note: str | None = Field(None, description="One's own note on that acquaintance")


class Candidates(BaseModel):
    query: str
    candidates: list[Candidate] = Field(description="Those one knows already first, then by "
                                                    "name")
