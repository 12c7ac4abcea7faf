from datetime import date

from pydantic import BaseModel, Field

from app.domain import Attitude
from app.network.schemas import Source


class PathNode(BaseModel):
    id: str = Field(examples=["e-00012"])
    kind: str = Field(examples=["Employee"])
    name: str | None = Field(None, examples=["李明"])
    closeness: Attitude | None = Field(None, description="Contacts only: closeness toward us")
    veto: bool | None = Field(None, description="Contacts only: veto holder (null: unknown)")
    approver: bool | None = Field(None, description="Contacts only: approver (null: unknown)")


class PathStep(BaseModel):
    type: str = Field(examples=["INFLUENCES"], description="INFLUENCES, REPORTS_TO_DOWN or REPORTS_TO_UP")
    strength: float = Field(examples=[0.8])
    source: Source | None = Field(None, examples=["declared"], description=(
        "An employee's first step only: the acquaintance it rests on, declared or by activity "
        "(the stronger of the two on the day; both when they are equal)"))


class InfluencePath(BaseModel):
    employee_id: str = Field(examples=["e-00012"], description="An employee id, or a colleague "
                             "reference until that colleague accepts an introduction")
    strength: float = Field(examples=[0.64], description="Product of the step strengths")
    hops: int = Field(examples=[2])
    nodes: list[PathNode]
    steps: list[PathStep]
    masked: bool = Field(False, description="The colleague is outside the viewer's team: ask for an "
                                            "introduction (POST /v1/introductions) to learn who")


class Target(BaseModel):
    id: str
    name: str | None = None
    account_id: str | None = None


class Influencer(BaseModel):
    """Someone who influences the target directly: an indirect key person or a rival's staff."""

    id: str
    kind: str = Field(examples=["Contact"])
    name: str | None = None
    title: str | None = None
    competitor_id: str | None = None
    competitor_name: str | None = None
    strength: float | None = None
    closeness: Attitude | None = Field(None, description="Contacts only: closeness toward us")


class InfluencePaths(BaseModel):
    target: Target
    as_of: date
    paths: list[InfluencePath]
    truncated: bool = Field(False, description="The search met its path budget; paths may be missing")
    influenced_by: list[Influencer] = Field(
        default_factory=list, description="Inbound view: who influences the target directly")
