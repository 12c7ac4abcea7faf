from datetime import date, datetime
from enum import StrEnum

from pydantic import BaseModel, Field

from app.bodies import Body
from app.domain import ActivityType
from app.ingestion.provenance import Entered
from app.nodes.names import names_field
from app.scopes import ScopePeriod


class ActivityContact(BaseModel):
    id: str
    name: str | None = None
    account_id: str | None = Field(None, description="Their account today")


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


class Tally(BaseModel):
    activities: int = Field(examples=[6])
    contacts: int = Field(description="Different people of the scope's accounts met",
                          examples=[4])
    accounts: int = Field(description="Different accounts of those people", examples=[2])
    by_type: dict[ActivityType, int] = Field(description="Activities of each type there was",
                                             examples=[{"visit": 3, "call": 2, "message": 1}])


class Colleague(BaseModel):
    employee_id: str = Field(description="A colleague who took part: one the viewer may not "
                                         "see comes as a reference", examples=["e-00002"])
    member: bool = Field(description="A member of the team of a team's scope, or the employee "
                                     "of an employee's scope", examples=[True])


class ColleagueActivity(Tally, Colleague):
    """A colleague's tally: the colleague first (pydantic takes the fields of the last base
    first)."""

    elsewhere: int | None = Field(None, description="A member's activities of the period with "
                                                    "none of the scope's people (at other "
                                                    "accounts); null for other colleagues and "
                                                    "in the company's scope", examples=[1])


class AccountActivity(BaseModel):
    account_id: str
    focus: bool = Field(description="A focus account (重点客户)")
    last_at: date | None = Field(description="The day of the latest activity with any of its "
                                             "people on or before `until`, however long ago; "
                                             "null: no one has met them")
    activities: int = Field(description="Activities of the period with its people",
                            examples=[3])
    contacts: int = Field(description="Different people of it met over the period", examples=[2])
    colleagues: int = Field(description="Different colleagues of ours who met them",
                            examples=[1])


class ActivityFeed(ScopePeriod):
    overall: Tally = Field(description="Every activity of the period with the scope's people")
    truncated: bool = Field(False, description="The period holds more activities than one "
                                               "request reads (activity_feed_max): the figures "
                                               "count the newest of them; a narrower scope or "
                                               "period answers completely")
    by_colleague: list[ColleagueActivity] = Field(
        description="Each colleague who took part in any, and each member of a team's scope "
                    "or the employee of an employee's who took part in none: the scope's "
                    "members first, then the others, each the most active first (an activity "
                    "two attended counts for each); the first colleagues_limit of them")
    colleagues_total: int = Field(description="Colleagues by_colleague would list without "
                                              "colleagues_limit", examples=[4])
    by_account: list[AccountActivity] = Field(
        description="Each of the scope's accounts, the longest unmet first (no one ever, then "
                    "by the day last met; a focus account first among equals): the first "
                    "accounts_limit of them")
    accounts_total: int = Field(description="The scope's accounts", examples=[2])
    accounts_quiet: int = Field(description="The scope's accounts whose people no one met over "
                                            "the period", examples=[0])
    activities: list[ActivityOut] = Field(description="The page, newest first")
    names: dict[str, str | None] = names_field("activities")


class FeedRows(StrEnum):
    """What a spreadsheet of the activity feed holds."""

    ACTIVITIES = "activities"
    COLLEAGUES = "colleagues"
    ACCOUNTS = "accounts"


class ActivityRow(BaseModel):
    """An activity as a spreadsheet's row: its people, their accounts and our colleagues each a
    list of ids (said by name in a person's file); its id last, for a program to find it by."""

    at: date
    at_time: datetime | None
    type: ActivityType
    summary: str | None
    employee_ids: list[str]
    contact_ids: list[str]
    account_ids: list[str]
    opportunity_id: str | None
    private: bool
    id: str


class ByType(BaseModel):
    """Activities of each type, a column each (none is 0): a sheet's columns are the same on
    every row, where the JSON lists only the types there were."""

    visit: int = 0
    meeting: int = 0
    call: int = 0
    dinner: int = 0
    email: int = 0
    message: int = 0
    demo: int = 0
    event: int = 0
    other: int = 0


# A type added to ActivityType needs its column here.
assert list(ByType.model_fields) == [t.value for t in ActivityType]


class ColleagueRow(Colleague):
    """A colleague's tally as a spreadsheet's row, its columns in the screen's order (their
    activities at other accounts beside those here)."""

    activities: int
    elsewhere: int | None
    contacts: int
    accounts: int
    by_type: ByType
