from datetime import date, datetime

from pydantic import BaseModel, ConfigDict, Field

from app.domain import ContactLevel
from app.features.schemas import SevenFeatures
from app.ingestion.provenance import Entered, EnteredBy


class EdgeOut(Entered):
    model_config = ConfigDict(populate_by_name=True)

    type: str = Field(examples=["INFLUENCES"])
    from_: str = Field(alias="from", examples=["e-7"])
    to: str = Field(examples=["c-1001"])
    strength: float | None = Field(None, examples=[0.8])
    role: str | None = None
    opportunity_id: str | None = None
    since: date | None = Field(None, examples=["2025-06-01"])
    until: date | None = None
    ended_by: EnteredBy | None = None
    ended_at: datetime | None = None


class NodeOut(Entered):
    """The node's own properties (which vary by kind) plus its edges; who last wrote it."""

    model_config = ConfigDict(extra="allow")

    id: str = Field(examples=["c-1001"])
    kind: str = Field(examples=["Contact"])
    relationships: list[EdgeOut]
    relationships_truncated: bool = Field(
        False, description="True when the node has more edges than were returned")
    contact_level: ContactLevel | None = Field(
        None, description="Contacts only: derived from activities in the recent window")
    features: SevenFeatures | None = Field(None, description="Contacts only: as of today")


class NodePage(BaseModel):
    items: list[dict[str, object]]
    next_after: str | None = Field(None, description="Pass as `after` for the next page")
