from enum import StrEnum

from pydantic import BaseModel, Field

from app.auth import references
from app.bodies import Body


class Status(StrEnum):
    REQUESTED = "requested"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    MADE = "made"
    HELPED = "helped"
    WITHDRAWN = "withdrawn"


class Direction(StrEnum):
    INCOMING = "incoming"  # I was asked
    OUTGOING = "outgoing"  # I asked


# The workflow: which statuses each step may start from.
STEPS: dict[Status, tuple[Status, ...]] = {
    Status.ACCEPTED: (Status.REQUESTED,),
    Status.DECLINED: (Status.REQUESTED,),
    Status.MADE: (Status.ACCEPTED,),
    Status.HELPED: (Status.MADE,),
    # Before the colleague has answered: asked of the wrong one, or no longer needed.
    Status.WITHDRAWN: (Status.REQUESTED,),
}


class IntroductionIn(Body):
    colleague: str = Field(min_length=1, max_length=references.MAX_LENGTH,
                           description="The colleague reference (or employee id) from a path",
                           examples=["colleague-GyRfUwf8yVMFtY-2YBCk23WU"])
    contact_id: str = Field(min_length=1, max_length=256, examples=["c-00017"])
    opportunity_id: str | None = Field(None, max_length=256)
    note: str | None = Field(None, max_length=2000)


class StepIn(Body):
    message: str | None = Field(None, max_length=2000, description="E.g. why one declines")


class Message(BaseModel):
    status: Status = Field(description="The step it was sent with")
    at: str = Field(description="When, in UTC")
    text: str


class Introduction(BaseModel):
    id: str
    status: Status
    requester_id: str
    colleague_id: str = Field(description="A colleague reference until the colleague accepts")
    contact_id: str
    requester_name: str | None = None
    contact_name: str | None = None
    contact_title: str | None = None
    account_id: str | None = Field(None, description="The contact's account; null outside the "
                                                     "reader's perspective (named only)")
    account_name: str | None = None
    opportunity_id: str | None = None
    opportunity_name: str | None = None
    note: str | None = None
    reply: str | None = Field(None, description="The last message sent with a step")
    messages: list[Message] = Field([], description="Every message sent with a step, oldest "
                                                    "first (the request's own is `note`)")
    created_at: str
    updated_at: str
    history: list[str] = Field(description="Each step as `<status>@<UTC timestamp>`, oldest "
                                           "first", examples=[["requested@2026-03-02T08:15:00Z"]])
