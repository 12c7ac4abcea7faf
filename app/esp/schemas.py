from datetime import date
from typing import Literal, Self

from pydantic import BaseModel, Field, model_validator

from app.bodies import Body
from app.errors import broken

Level = Literal["low", "medium", "high"]
ResourceClass = Literal["A", "B", "C", "D", "unknown"]


class Weights(Body):
    sales: float = Field(ge=0, le=1, examples=[0.4])
    potential: float = Field(ge=0, le=1, examples=[0.3])
    demonstration: float = Field(ge=0, le=1, examples=[0.1])
    winnable: float = Field(ge=0, le=1, examples=[0.2])

    @model_validator(mode="after")
    def _sum_to_one(self) -> Self:
        total = self.sales + self.potential + self.demonstration + self.winnable
        if abs(total - 1) > 1e-6:
            raise broken("weights_sum", "weights must sum to 1 (they sum to {total})",
                         total=round(total, 6))
        return self


class IndustryWeights(Weights):
    industry: str


class Threshold(Body):
    top_percent: float = Field(gt=0, le=100, examples=[10],
                               description="The share of the industry's ranked accounts that "
                                           "are key accounts")


class IndustryThreshold(Threshold):
    industry: str


class GridCell(BaseModel):
    """The account's cell on the 3x3 grid (九宫格)."""

    contribution: Level = Field(description="Sales score against the grid's cuts")
    potential: Level = Field(description="Potential score against the grid's cuts")


class Placement(BaseModel):
    resource_class: ResourceClass = Field(
        description="A high contribution and potential, B high contribution, C high potential, "
                    "D the rest, unknown when either score is missing")
    grid: GridCell | None = Field(None, description="Null when either score is missing")


class GridCuts(BaseModel):
    """The low and high percentile of each score over the accounts that have it; a score below
    the low cut is low, above the high cut high, else medium."""

    contribution: tuple[float, float] | None
    potential: tuple[float, float] | None


class Previous(BaseModel):
    at: date | None = Field(description="Date of the previous evaluation; null: the undated scores")
    composite: float | None
    rank: int | None = Field(description="The account's rank the day before its current "
                                         "evaluation took effect")


class EspAccount(Placement):
    account_id: str
    name: str | None
    industry: str | None
    scores: dict[str, float | None] = Field(description="The evaluation in force on as_of")
    evaluated_at: date | None = Field(
        description="Date of the evaluation in force; null: the undated scores, or none")
    weights: Weights
    composite: float | None = Field(description="Sum of weight x score; null when a score whose "
                                                "weight is not 0 is missing")
    rank: int | None
    key_account: bool
    overridden: bool = Field(description="key_account comes from the manual override")
    top_percent: float = Field(description="The share of key accounts applied to this "
                                              "account: its industry's threshold, else the default")
    peer_rank: int | None = Field(description="Rank among the accounts that share is "
                                                    "taken over (its industry, or every industry "
                                                    "without a threshold)")
    previous: Previous | None = Field(description="The evaluation before the one in "
                                                        "force; null when there is none")
    composite_change: float | None = Field(description="composite - previous.composite")
    rank_change: int | None = Field(description="rank - previous.rank (negative: moved up)")


class EspRanking(BaseModel):
    as_of: date
    top_percent: float = Field(description="The share of key accounts in industries without a "
                                           "threshold of their own")
    cuts: GridCuts
    total: int
    accounts: list[EspAccount]
