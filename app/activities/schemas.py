from datetime import date, datetime

from pydantic import BaseModel, Field

from app.bodies import Body
from app.domain import ActivityType
from app.ingestion.provenance import Entered


class ActivityContact(BaseModel):
    id: str
    name: str | None = None


class ActivityOut(Entered):
    id: str
    at: date = Field(description="The day, in the organisation's zone")
    at_time: datetime | None = Field(None, description="The moment, when it was recorded")
    type: ActivityType
    summary: str | None = None
    employee_ids: list[str] = Field(description="Our attendees; colleagues the viewer may not "
                                                "see as references")
    contacts: list[ActivityContact] = Field(description="Their attendees the viewer may see")
    opportunity_id: str | None = None
    private: bool = Field(False, description="Marked private by the employee who sees it: it "
                                             "counts for nobody else")


class PrivateIn(Body):
    private: bool = Field(description="true: the activity counts for you alone; false: for "
                                      "everyone again", examples=[True])


class PrivateOut(BaseModel):
    id: str
    private: bool


class ActivityList(BaseModel):
    contact_id: str | None = Field(None, description="The person's, for a person's history")
    account_id: str | None = Field(None, description="The account's, for an account's history")
    as_of: date
    activities: list[ActivityOut] = Field(description="Newest first")
    truncated: bool
