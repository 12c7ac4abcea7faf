from datetime import date
from enum import StrEnum
from typing import Self

from pydantic import BaseModel, Field, model_validator

from app.bodies import Body
from app.dates import Bounded
from app.errors import broken
from app.ingestion.provenance import EnteredBy
from app.nodes.names import names_field

IdField = Field(min_length=1, max_length=256)


class ActionKind(StrEnum):
    """The principle of the suggested action taken on, or `custom` for one written freely."""

    HUNDRED_PERCENT = "hundred_percent"
    LEAD_ONE_DIMENSION = "lead_one_dimension"
    FIX_SHORT_BOARDS = "fix_short_boards"
    BREAKTHROUGH = "breakthrough"
    CONTINUOUS_IMPROVEMENT = "continuous_improvement"
    ALL_STAFF_PARTICIPATION = "all_staff_participation"
    CUSTOM = "custom"


class ActionStatus(StrEnum):
    OPEN = "open"
    DONE = "done"
    DROPPED = "dropped"


# The workflow: an open action is done or dropped; a closed one changes no more.
NEXT: dict[ActionStatus, frozenset[ActionStatus]] = {
    ActionStatus.OPEN: frozenset({ActionStatus.OPEN, ActionStatus.DONE, ActionStatus.DROPPED}),
    ActionStatus.DONE: frozenset(),
    ActionStatus.DROPPED: frozenset(),
}


class ActionIn(Body):
    """A suggested action taken on (its `kind` is the suggestion's `principle`, with its
    contact, deal and competitor), or one written freely (`custom`, with a note)."""

    account_id: str | None = Field(None, max_length=256, examples=["a-00001"],
                                   description="The account; or give opportunity_id")
    opportunity_id: str | None = Field(None, max_length=256, examples=["o-00001"],
                                       description="The deal (its account is the action's)")
    kind: ActionKind = Field(examples=["breakthrough"])
    contact_id: str | None = Field(None, max_length=256, examples=["c-00017"])
    competitor_id: str | None = Field(None, max_length=256,
                                      description="For lead_one_dimension: the rival to lead")
    owner_id: str = Field(min_length=1, max_length=256, examples=["e-00002"],
                          description="The employee who will do it")
    due: Bounded[date] = Field(examples=["2026-12-15"])
    note: str | None = Field(None, max_length=2000, examples=["Visit with the CTO's deputy"])

    @model_validator(mode="after")
    def _placed(self) -> Self:
        if (self.account_id is None) == (self.opportunity_id is None):
            raise broken("account_or_deal", "give exactly one of account_id and opportunity_id")
        if self.kind == ActionKind.CUSTOM and not self.note:
            raise broken("note_required", "an action written freely says what it is in its note")
        return self


class ActionUpdate(Body):
    """What changes; fields left out stay as they are."""

    status: ActionStatus | None = Field(None, examples=["done"])
    due: Bounded[date] | None = Field(None, examples=["2026-12-20"])
    owner_id: str | None = Field(None, min_length=1, max_length=256, examples=["e-00002"])
    note: str | None = Field(None, max_length=2000)


class TrackedAction(BaseModel):
    id: str = Field(examples=["act-3f2a9c1d0b7e4a11"])
    status: ActionStatus
    kind: ActionKind
    account_id: str
    opportunity_id: str | None = None
    contact_id: str | None = None
    competitor_id: str | None = None
    owner_id: str = Field(description="An employee id, or a colleague reference when the "
                                      "viewer may not see them")
    due: date
    overdue: bool = Field(description="Open and due before today")
    note: str | None = None
    created_by: EnteredBy | None = None
    created_at: str
    updated_at: str
    closed_on: date | None = Field(None, description="The day it was done or dropped")
    account_visible: bool = Field(
        True, description="Whether the reader may open the action's account, deal and person: a "
                          "lead may give an action on a teammate's account to a rep, whose own "
                          "accounts do not hold it (the action's creator knows it)")


class ActionPage(BaseModel):
    total: int = Field(description="Actions matching, over all pages")
    actions: list[TrackedAction]
    names: dict[str, str | None] = names_field("actions")
