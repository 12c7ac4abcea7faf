from datetime import date
from typing import Any

from pydantic import BaseModel, Field

from app.esp.schemas import GridCell, ResourceClass
from app.strategy.tactics import Strategy


class StrategyRecommendation(BaseModel):
    account_id: str
    as_of: date
    strategy: Strategy
    resource_class: ResourceClass = Field(
        description="ESP+ resource class on as_of (A, B, C, D, unknown); wait_and_see needs D")
    grid: GridCell | None = Field(description="The account's cell on the ESP+ 3x3 grid")
    facts: dict[str, Any] = Field(description="The figures that triggered the recommendation",
                                  examples=[{"key_persons": 5, "complete": True,
                                             "averages": {"closeness": 1.2}}])
    tactics: list[str]
    tactics_zh: list[str]


class Helper(BaseModel):
    employee_id: str = Field(description="Employee id, or a colleague reference when masked")
    name: str | None = Field(None, description="The employee's name; null when masked")
    strength: float
    hops: int
    masked: bool = False


class ActionItem(BaseModel):
    principle: str = Field(description="hundred_percent, lead_one_dimension, fix_short_boards, "
                                       "breakthrough, continuous_improvement, all_staff_participation")
    detail: str
    contact_id: str | None = None
    opportunity_id: str | None = None
    competitor_id: str | None = None
    competitor_name: str | None = None
    gaps: list[str] = Field(default_factory=list)
    helpers: list[Helper] = Field(default_factory=list,
                                  description="Employees who can influence the person, best first")
    tracked_action_id: str | None = Field(
        None, description="The tracked action that took this suggestion on (POST /v1/actions), "
                          "unless it was dropped")
    tracked_owner_id: str | None = Field(
        None, description="That action's owner: an employee id, or a colleague reference when "
                          "the viewer may not see them")
    tracked_owner_name: str | None = Field(None, description="The owner's name; null when masked")
    tracked_due: date | None = Field(None, description="That action's due day")
    tracked_status: str | None = Field(None, description="That action's status: open or done")


class ActionList(BaseModel):
    as_of: date
    account_id: str | None = None
    opportunity_id: str | None = None
    actions: list[ActionItem]
