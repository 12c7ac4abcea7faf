from datetime import date
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from app.nodes.names import names_field
from app.scopes import ScopePeriod


class EventType(StrEnum):
    ASSESSMENT_CHANGED = "assessment_changed"
    VOTE_CHANGED = "vote_changed"
    MEMBER_ADDED = "member_added"
    MEMBER_REMOVED = "member_removed"
    BLOCKER_NEW = "blocker_new"
    REACH_LOST = "reach_lost"
    SINGLE_THREADED = "single_threaded"
    CONTACT_LEFT = "contact_left"
    COVERAGE_DROPPED = "coverage_dropped"
    ACTION_OVERDUE = "action_overdue"
    RELATIONSHIP_COOLING = "relationship_cooling"
    LINE_ADDED = "line_added"
    LINE_ENDED = "line_ended"


Value = str | float | bool | None


class ChangeEvent(BaseModel):
    model_config = ConfigDict(populate_by_name=True)

    type: EventType
    at: date = Field(description="The day it happened; for the deal states compared across "
                                 "the period (blocker_new, reach_lost, single_threaded, "
                                 "coverage_dropped), a day in the period on which the deal came "
                                 "to be so (it was not so the day before)",
                     examples=["2026-11-24"])
    account_id: str | None = Field(None, examples=["a-00001"])
    opportunity_id: str | None = Field(None, examples=["o-00001"])
    contact_id: str | None = Field(None, examples=["c-00017"])
    employee_id: str | None = Field(
        None, description="Who entered the assessment, the one colleague who still reaches the "
                          "member, the overdue action's owner, or the colleague whose "
                          "relationship is cooling: an employee id, or a "
                          "colleague reference when the viewer may not see them")
    action_id: str | None = Field(None, description="The overdue tracked action")
    feature: str | None = Field(None, description="assessment_changed and vote_changed: the "
                                                  "feature that moved (closeness, solution, "
                                                  "price, veto, approver); line_added and "
                                                  "line_ended: the line's kind (influences, "
                                                  "reports_to)",
                                examples=["closeness"])
    from_: Value = Field(None, alias="from", description="The value before (an attitude, a "
                                                         "vote, a role, a ratio, a due date; "
                                                         "for a cooling relationship the "
                                                         "activity strength a trend period "
                                                         "earlier); for a line, the id of the "
                                                         "person at its start (who influences "
                                                         "or reports to `contact_id`)",
                         examples=["support"])
    to: Value = Field(None, description="The value after; for an influence line, its strength",
                      examples=["oppose"])
    detail: str = Field(examples=["closeness of 王建国 moved from support to oppose"])


class ChangeFeed(ScopePeriod):
    total: int = Field(description="Events in the period, over all pages")
    truncated: bool = Field(False, description="The answer is incomplete: a kind of record "
                                               "had more than the feed reads at once "
                                               "(contacts assessed, relationships, actions, "
                                               "dated edges or open deals); a narrower scope "
                                               "answers completely")
    events: list[ChangeEvent] = Field(description="Newest first")
    names: dict[str, str | None] = names_field("events")
