from datetime import date

from pydantic import BaseModel, Field


class FeatureDue(BaseModel):
    feature: str = Field(description="closeness, solution, price, veto, approver or importance",
                         examples=["closeness"])
    last_assessed: date | None = Field(description="Our last assessment of it (null: never)",
                                       examples=["2026-09-14"])
    due_on: date | None = Field(description="The last assessment plus its cadence; null: "
                                            "never assessed, due at once",
                                examples=["2026-10-14"])


class KeyPersonDue(BaseModel):
    contact_id: str = Field(examples=["c-00017"])
    name: str | None = None
    account_id: str = Field(examples=["a-00001"])
    account_name: str | None = None
    never_assessed: bool = Field(description="No assessment of any feature yet")
    last_assessed: date | None = Field(description="The day of our last assessment of any "
                                                   "feature", examples=["2026-09-14"])
    features_due: list[FeatureDue]


class ReviewsDue(BaseModel):
    as_of: date
    scope: str = Field(examples=["team:t-00001"])
    total: int = Field(description="Key persons due, over all pages")
    truncated: bool = Field(False, description="The scope holds more key persons than one "
                                               "request reads (review_max_key_persons): those "
                                               "after the first by account and contact id "
                                               "are not listed")
    key_persons: list[KeyPersonDue] = Field(description="Never assessed first, then the "
                                                        "longest overdue")
