from datetime import date
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, Field, PrivateAttr

from app.domain import Attitude, Role


class Period(StrEnum):
    """Which won deals KPI 2 counts: those closed in the calendar year to date (本年度, from
    January 1 of the date's year through the date) or in a trailing window of `period_days`."""

    YTD = "ytd"
    DAYS = "days"


def _currency() -> Any:
    return Field(examples=["CNY"], description="The reporting currency every amount of the "
                                               "answer is in (setting reporting_currency)")


class Metric(BaseModel):
    """A figure as of the date, one calendar month and one year earlier, and the changes."""

    value: float | None = Field(examples=[0.42])
    numerator: float | None = Field(None, examples=[21])
    denominator: float | None = Field(None, examples=[50])
    previous_month: float | None = Field(examples=[0.4])
    previous_year: float | None = Field(examples=[0.3])
    mom_change: float | None = Field(description="value - previous_month (环比)", examples=[0.02])
    yoy_change: float | None = Field(description="value - previous_year (同比)", examples=[0.12])


class DegreeMetrics(BaseModel):
    closeness: Metric
    solution: Metric
    price: Metric


class BucketMetrics(BaseModel):
    supportive: Metric
    neutral: Metric
    opposed: Metric
    unknown: Metric


class DegreeBuckets(BaseModel):
    closeness: BucketMetrics
    solution: BucketMetrics
    price: BucketMetrics


class PersonRef(BaseModel):
    contact_id: str
    name: str | None = None
    account_id: str
    account_name: str | None = Field(None, examples=["华东电网"])


BucketLists = dict[str, dict[str, list[PersonRef]]]  # degree -> bucket -> the first key persons


class InfluenceListItem(BaseModel):
    """What a viewer may see of an acquaintance: the person's company and place, not who knows them."""

    contact_id: str
    name: str | None = None
    company: str | None
    department: str | None
    position: str | None
    closeness: Attitude | None = Field(description="Null in an employee's own network for a "
                                                   "person outside the reader's perspective")
    owner_ids: list[str] = Field(description="Current owners of the person's account")
    # The person's account, not sent: what decides how much of them a reader may see.
    _account_id: str | None = PrivateAttr(None)

    def seen_from_outside(self) -> "InfluenceListItem":
        """As a reader outside the person's account sees them in someone's own network: who
        and where, not how they stand toward us, their place or who owns the account."""
        return self.model_copy(update={"department": None, "position": None, "closeness": None,
                                       "owner_ids": []})


class BreakthroughTarget(BaseModel):
    """A member of a focus deal's decision chain to break through (重点突破)."""

    contact_id: str
    name: str | None = None
    account_id: str
    account_name: str | None = Field(None, examples=["华东电网"])
    opportunity_id: str
    opportunity_name: str | None = None
    role: Role
    degrees: list[str] = Field(description="The degrees at neutral, oppose or strong_oppose "
                                           "(this deal's assessments first)",
                               examples=[["solution", "price"]])


class InfluenceKpis(BaseModel):
    scope: str = Field(examples=["team:t-00001"])
    as_of: date
    period_days: int
    key_persons: Metric
    value_potential: Metric = Field(description="KPI 1: acquainted key persons / key persons")
    contribution_count: Metric = Field(description="KPI 2: won deals that leveraged influence / won deals")
    contribution_amount: Metric
    acquainted: Metric
    acquainted_not_insighted: Metric
    acquainted_averages: DegreeMetrics
    acquainted_buckets: DegreeBuckets
    acquainted_lists: BucketLists = Field(
        description="degree -> bucket -> the acquainted key persons in it (the first list_limit, "
                    "by account and contact id; acquainted_buckets holds the count)")
    influence_list: list[InfluenceListItem]
    breakthrough: list[BreakthroughTarget] = Field(
        description="Members of the scope's open focus deals' decision chains at neutral or "
                    "below on some degree whom an employee reaches: by account, deal, then veto "
                    "holders, approvers and weight; the first list_limit")
    breakthrough_total: int = Field(description="How many there are in all")
    own_network: list[InfluenceListItem] | None = Field(
        None, description="Employee scope: key persons the employee personally influences, anywhere")
    period: Period = Field(description="ytd: the calendar year to date; days: the trailing "
                                       "window of period_days")
    period_start: date = Field(
        description="The first close date counted on as_of: the period is period_start through "
                    "as_of, period_days days")
    currency: str = _currency()
    unconverted_deals: int = Field(
        0, description="Won deals of the period on as_of in a currency without an exchange rate "
                       "on their close date: counted, with no amount (0 unless the reporting "
                       "currency changed after they were written)")


class TierGroup(BaseModel):
    count: Metric
    average: float | None = Field(description="Average score of the tier's accounts as of the "
                                              "date (average_metric's value)")
    average_metric: Metric = Field(description="The same with month-on-month and year-on-year, "
                                               "each date over the accounts in the tier then")
    accounts: list[str]


class Tiers(BaseModel):
    excellent: TierGroup
    good: TierGroup
    medium: TierGroup
    poor: TierGroup
    unknown: TierGroup


class DimensionTiers(BaseModel):
    closeness: Tiers
    solution: Tiers
    price: Tiers


class Trend(BaseModel):
    value: float | None
    previous_month: float | None
    mom_change: float | None


class AccountRow(BaseModel):
    account_id: str
    name: str | None
    focus: bool
    open_amount: Trend
    open_count: Trend
    closeness: Trend
    solution: Trend
    price: Trend
    key_persons: Trend
    key_person_ids: list[str] = Field(description="Expandable: the account's key persons")
    currency: str = _currency()


class CustomerLine(BaseModel):
    scope: str
    as_of: date
    accounts: Metric
    averages: DegreeMetrics
    tiers: DimensionTiers
    account_list: list[AccountRow]
    account_list_total: int = Field(
        description="How many accounts the account list holds in all; `account_list` is "
                       "the page asked for (`offset`, `limit`), or all of them")
    currency: str = _currency()


class KeyPersonLine(BaseModel):
    scope: str
    as_of: date
    key_persons: Metric
    insighted: Metric
    not_insighted: Metric
    buckets: DegreeBuckets
    lists: BucketLists = Field(
        description="degree -> bucket -> key persons (first list_limit of each, by account and "
                    "contact id; buckets holds the count)")
    not_insighted_list: list[PersonRef]


class KeyPersonListRow(BaseModel):
    """One person of the key-person line's lists, as a spreadsheet row: the degree and bucket
    of `lists` it sits in, or bucket `not_insighted` (no degree) for `not_insighted_list`."""

    degree: str | None
    bucket: str
    contact_id: str
    name: str | None = None
    account_id: str
    account_name: str | None = None


class TrendPoint(BaseModel):
    """The headline figures of the influence and key-person lines on one date."""

    as_of: date
    key_persons: float | None
    acquainted: float | None
    insighted: float | None
    value_potential: float | None
    contribution_count: float | None
    contribution_amount: float | None


class InfluenceTrend(BaseModel):
    scope: str
    as_of: date
    period_days: int
    points: list[TrendPoint] = Field(description="One per month, oldest first, ending at as_of")
    period: Period = Field(description="The period of each point's contribution: ytd, the "
                                       "calendar year to that point's date; days, the trailing "
                                       "window of period_days")
    currency: str = _currency()
