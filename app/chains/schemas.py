from datetime import date

from pydantic import BaseModel, ConfigDict, Field

from app.domain import Attitude, ContactLevel, Role
from app.paths.schemas import InfluencePath

Comparison = str  # lead, lag, tie or unknown


class OpportunitySummary(BaseModel):
    id: str
    name: str | None = None
    account_id: str | None = None
    account_name: str | None = None
    amount: float | None = None
    currency: str | None = Field(None, examples=["CNY"], description="ISO 4217 code of the amount")
    status: str | None = None


class Member(BaseModel):
    contact_id: str
    name: str | None = None
    title: str | None = None
    account_id: str | None = Field(None, description="The account the member worked at on "
                                                     "as_of; null when none, or outside the "
                                                     "reader's perspective (and unnamed)")
    account_name: str | None = None
    role: Role
    closeness: Attitude
    solution: Attitude
    price: Attitude
    veto: bool | None
    approver: bool | None
    contact_level: ContactLevel
    deal_contact_level: ContactLevel = Field(
        description="Contact level over the activities about this deal only (same window and "
                    "thresholds)")
    insighted: bool
    completeness: float = Field(description="Known features / 7")
    reachable: bool = Field(description="An employee influences them directly or through one contact")
    competitor_held: list[str] = Field(description="Competitors holding this member")


class Ratios(BaseModel):
    contacted: float | None
    insighted: float | None
    supportive: float | None
    reachable: float | None
    competitor_held: float | None


class Coverage(Ratios):
    weighted: Ratios


class CompetitorComparison(BaseModel):
    competitor_id: str
    competitor_name: str | None = None
    closeness: Comparison = Field(examples=["lead"], description="lead, lag, tie or unknown")
    solution: Comparison
    price: Comparison


class DecisionChain(BaseModel):
    opportunity: OpportunitySummary
    as_of: date
    members: list[Member]
    coverage: Coverage
    competitors: list[CompetitorComparison]
    blockers: list[str] = Field(description="Members with a degree at neutral or below or unknown, "
                                            "veto holders first")


class ChainInfluencer(BaseModel):
    employee_id: str = Field(description="Employee id, or a colleague reference when masked")
    name: str | None = None
    team_id: str | None = None
    masked: bool = False
    blockers_reachable: list[str]
    best_strength: float
    paths: list[InfluencePath] | None = Field(None, description="With include_paths=true: the best "
                                                                "path to each blocker")


class DealInfluencers(BaseModel):
    opportunity_id: str
    as_of: date
    blockers: list[str]
    influencers: list[ChainInfluencer]
    truncated: bool = False


class MemberRisk(BaseModel):
    contact_id: str
    role: Role
    reachers: list[str] = Field(description="Employees with a path to the member, best first")
    reacher_names: list[str | None] = Field(
        default_factory=list, description="The reachers' names in the same order; null for a "
                                          "colleague the viewer may not see")
    best_strength: float | None
    single_threaded: bool = Field(description="Reachable by exactly one employee")


class WhatIf(BaseModel):
    left: list[str] = Field(description="The employee and/or contact assumed gone")
    lose_every_path: list[str] = Field(description="Members reachable now and by nobody after")
    newly_single_threaded: list[str]


class DealRisk(BaseModel):
    opportunity_id: str
    as_of: date
    members: list[MemberRisk]
    single_threaded: list[str]
    unreachable: list[str]
    what_if: WhatIf | None = None


class ChainEdge(BaseModel):
    model_config = ConfigDict(populate_by_name=True)

    from_: str = Field(alias="from")
    to: str
    type: str = Field(description="REPORTS_TO (report -> manager) or INFLUENCES")
    strength: float | None = None
    deal_specific: bool = Field(description="Recorded for this deal only")


class RivalInfluence(BaseModel):
    competitor_id: str
    competitor_name: str | None = None
    staff_id: str
    staff_name: str | None = None
    contact_id: str
    strength: float | None = None


class ThirdPartyInfluence(BaseModel):
    """A third party (partner, design institute, consultant) influencing one of the people."""

    third_party_id: str
    third_party_name: str | None = None
    category: str = Field(examples=["design_institute"],
                          description="partner, design_institute, consultant or other")
    title: str | None = None
    contact_id: str
    strength: float | None = None
    deal_specific: bool = Field(False, description="Recorded for this deal only")


class DecisionMap(BaseModel):
    """The decision chain drawn as an org map: members (ids), their lines, rivals' influence."""

    opportunity_id: str
    as_of: date
    member_ids: list[str]
    edges: list[ChainEdge]
    rival_influence: list[RivalInfluence]
    third_party_influence: list[ThirdPartyInfluence] = Field(
        [], description="Third parties influencing members, general lines and this deal's own")
    truncated: bool = Field(description="More lines exist than were returned")
