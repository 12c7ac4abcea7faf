"""The import document (docs/api.md, The import document): one model per part, unknown fields refused."""

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Annotated, Any, Self

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from app.dates import Bounded, DayOrMoment
from app.domain import (
    PROJECT_SCOPED,
    US,
    ActivityType,
    Attitude,
    Behavior,
    Importance,
    OpportunityStatus,
    RelType,
    Role,
    ThirdPartyCategory,
)
from app.emails import Emails
from app.errors import all_broken, broken

Id = Annotated[str, Field(min_length=1, max_length=256, examples=["c-1001"])]
Text = Annotated[str, Field(max_length=10_000)]
# A name is said on every screen and in every list: blank is none (a CRM's "   " listed an
# empty line in the change feed). Spaces around it are let go.
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=10_000)]
Strength = Annotated[float, Field(ge=0.0, le=1.0)]
PEOPLE_MAX = 1000  # of each side of an activity


class Item(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Record(Item):
    """An item people enter: it may carry a note, kept with who entered it and when."""

    note: Annotated[str, Field(max_length=2000)] | None = Field(
        None, description="Why or how this was learned; stored verbatim")


Score = Annotated[float, Field(ge=0, le=100)]


class AccountIn(Record):
    id: Id
    name: Name
    industry: Text | None = None
    region: Text | None = None
    focus: bool = False
    esp_sales: Score | None = Field(None, description="ESP+ score 0-100: sales of the last 2 years")
    esp_potential: Score | None = Field(None, description="ESP+: potential of the next 3 years")
    esp_demonstration: Score | None = Field(None, description="ESP+: reference value")
    esp_winnable: Score | None = Field(None, description="ESP+: can win and deliver")
    key_account_override: bool | None = Field(
        None, description="Manual override of the key-account identification")


class TeamIn(Record):
    id: Id
    name: Name
    lead_id: Id | None = None


class EmployeeIn(Record):
    id: Id
    name: Name
    title: Text | None = None
    department: Text | None = None
    team_id: Id | None = None
    emails: Emails = None


class ContactIn(Record):
    id: Id
    account_id: Id
    name: Name
    title: Text | None = None
    department: Text | None = None
    key_person: bool = False
    behavior: Behavior | None = None
    importance: Importance | None = None
    importance_at: Bounded[date] | None = Field(
        None, description="The day the importance was judged (default: the day it is written, "
                          "when importance is given): its review falls due from it")
    since: Bounded[date] | None = Field(
        None, description="For a person not stored yet: the first day they count at their "
                          "account, and as a key person if they are one (a person entered as they "
                          "are met: today). Default: since ever (an org chart imported as it "
                          "stands). For a person stored already, a move to another account or a "
                          "change of the key-person flag holds from the day it is written (and a "
                          "link to an account where they have none current, from `since`).")
    top_of_hierarchy: bool = False
    no_known_influencer: bool = Field(
        False, description="Recorded that nobody is known to influence this person "
                           "(makes the influence feature known without an INFLUENCES edge).")
    emails: Emails = None

    @model_validator(mode="after")
    def _importance_dated_only_when_given(self) -> Self:
        if self.importance_at is not None and self.importance is None:
            raise broken("importance_at_without_importance", "importance_at without importance")
        return self


class CompetitorIn(Record):
    id: Id
    name: Name


class CompetitorStaffIn(Record):
    id: Id
    competitor_id: Id
    name: Name
    title: Text | None = None


class ThirdPartyIn(Record):
    """A partner, design institute (设计院), consultant or other party outside the customer
    who influences its people (company-wide data, like competitors)."""

    id: Id
    name: Name
    category: ThirdPartyCategory
    title: Text | None = None


class OpportunityIn(Record):
    id: Id
    account_id: Id
    name: Name
    amount: Annotated[float, Field(ge=0)] | None = None
    currency: Annotated[str, Field(min_length=3, max_length=3)] = "CNY"
    stage: Text | None = None
    status: OpportunityStatus = OpportunityStatus.OPEN
    created_at: Bounded[date] | None = None
    closed_at: Bounded[date] | None = None
    focus: bool = False

    @model_validator(mode="after")
    def _dates(self) -> Self:
        if self.status != OpportunityStatus.OPEN and self.closed_at is None:
            raise broken("closed_at_required", "closed_at is required when status is {status}",
                         status=self.status.value)
        if self.created_at and self.closed_at and self.closed_at < self.created_at:
            raise broken("closed_before_created", "closed_at is before created_at")
        return self


class RelationshipIn(Record):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    type: RelType
    from_: Id = Field(alias="from")
    to: Id
    strength: Strength | None = None
    role: Role | None = None
    opportunity_id: Id | None = None
    since: Bounded[date] | None = None
    until: Bounded[date] | None = None

    @model_validator(mode="after")
    def _rules(self) -> Self:
        problems = []
        if self.type == RelType.IN_DECISION_CHAIN and self.role is None:
            problems.append(broken("role_required", "role is required for IN_DECISION_CHAIN"))
        if self.type != RelType.IN_DECISION_CHAIN and self.role is not None:
            problems.append(broken("role_not_allowed", "role is only for IN_DECISION_CHAIN"))
        if self.opportunity_id is not None and self.type not in PROJECT_SCOPED:
            problems.append(broken("deal_not_allowed",
                                   "opportunity_id is only for REPORTS_TO and INFLUENCES"))
        if self.from_ == self.to:
            problems.append(broken("same_endpoints", "from and to are the same node"))
        # until == since: an edge that held on no day (taken back the day it began), as
        # /v1/relationships/end makes it and a node read shows it, so that it can be sent back.
        if self.since and self.until and self.until < self.since:
            problems.append(broken("until_not_after_since", "until must not be before since"))
        if problems:
            raise all_broken(type(self).__name__, problems)
        return self


class AssessmentIn(Record):
    contact_id: Id
    at: Bounded[date]
    toward: Id = Field(US, description='"us" or a competitor id')
    opportunity_id: Id | None = None
    closeness: Attitude | None = None
    solution: Attitude | None = None
    price: Attitude | None = None
    veto: bool | None = None
    approver: bool | None = None


class ActivityIn(Record):
    id: Id
    at: DayOrMoment = Field(
        description="When: a timestamp with zone, or a date (that day in the organisation's zone)",
        examples=["2026-03-31T15:30:00+08:00", "2026-03-31"])
    type: ActivityType
    employee_ids: Annotated[list[Id], Field(min_length=1, max_length=PEOPLE_MAX)]
    employee_emails: Emails = Field(None, description=(
        "More of our people who took part, by their e-mail address: for a writer who does not "
        "see them by id (a rep sees only themselves). Each must be an employee's address; it "
        "joins employee_ids and is not kept as written"),
        examples=[["li.ming@ours.example.cn"]])
    contact_ids: Annotated[list[Id], Field(min_length=1, max_length=PEOPLE_MAX)]
    opportunity_id: Id | None = None
    summary: Text | None = None


class EspScoreIn(Record):
    """One dated ESP+ evaluation of an account (the quarterly re-evaluation): in force from
    `at` until the account's next one. One per account and date: sending it again updates it."""

    account_id: Id
    at: Bounded[date] = Field(description="The day the evaluation takes effect", examples=["2026-04-01"])
    sales: Score | None = Field(None, description="Sales of the last 2 years, 0-100")
    potential: Score | None = Field(None, description="Potential of the next 3 years, 0-100")
    demonstration: Score | None = Field(None, description="Reference value, 0-100")
    winnable: Score | None = Field(None, description="Can win and deliver, 0-100")

    @model_validator(mode="after")
    def _some_score(self) -> Self:
        if all(getattr(self, f) is None for f in ("sales", "potential", "demonstration",
                                                  "winnable")):
            raise broken("no_score", "an evaluation gives at least one of sales, potential, "
                                     "demonstration, winnable")
        return self


Currency = Annotated[str, Field(pattern=r"^[A-Z]{3}$", examples=["USD"],
                                description="ISO 4217 code, in capitals")]


class ExchangeRateIn(Record):
    """A dated exchange rate into the reporting currency (setting `reporting_currency`): one
    unit of `currency` is worth `rate` units of it from `at` until the currency's next rate.
    One per currency and date: sending it again updates it."""

    currency: Currency
    at: Bounded[date] = Field(description="The first day the rate holds", examples=["2026-01-01"])
    rate: float = Field(gt=0, allow_inf_nan=False, examples=[7.1],
                        description="Units of the reporting currency per unit of `currency`")


class ImportDocument(Item):
    """Every part optional; validated whole before anything is written."""

    accounts: list[AccountIn] = []
    teams: list[TeamIn] = []
    employees: list[EmployeeIn] = []
    contacts: list[ContactIn] = []
    competitors: list[CompetitorIn] = []
    competitor_staff: list[CompetitorStaffIn] = []
    third_parties: list[ThirdPartyIn] = []
    opportunities: list[OpportunityIn] = []
    relationships: list[RelationshipIn] = []
    assessments: list[AssessmentIn] = []
    activities: list[ActivityIn] = []
    esp_scores: list[EspScoreIn] = []
    exchange_rates: list[ExchangeRateIn] = []

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{
            "accounts": [{"id": "a-1", "name": "华东电网", "industry": "energy", "focus": True}],
            "contacts": [{"id": "c-1", "account_id": "a-1", "name": "王建国",
                          "title": "信息中心主任", "key_person": True}],
            "employees": [{"id": "e-1", "name": "李明", "title": "客户经理"}],
            "relationships": [{"type": "INFLUENCES", "from": "e-1", "to": "c-1",
                               "strength": 0.8, "since": "2025-06-01"}],
            "assessments": [{"contact_id": "c-1", "at": "2026-03-31", "closeness": "support"}],
        }]},
    )


class ImportResult(BaseModel):
    counts: dict[str, int] = Field(examples=[{"accounts": 1, "contacts": 1, "relationships": 1}])


def document_of(parts: Mapping[str, Iterable[Item]]) -> ImportDocument:
    """A document from already-validated items (no second validation pass)."""
    return ImportDocument.model_construct(**parts)  # type: ignore[arg-type]


def section_models() -> dict[str, type[Item]]:
    """Item model of each part, in the order parts are written."""
    out: dict[str, type[Item]] = {}
    for name, field in ImportDocument.model_fields.items():
        args: Any = getattr(field.annotation, "__args__", ())
        out[name] = args[0]
    return out
