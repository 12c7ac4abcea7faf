from typing import Self

from pydantic import BaseModel, Field, model_validator


class Weights(BaseModel):
    sales: float = Field(ge=0, le=1, examples=[0.4])
    potential: float = Field(ge=0, le=1, examples=[0.3])
    demonstration: float = Field(ge=0, le=1, examples=[0.1])
    winnable: float = Field(ge=0, le=1, examples=[0.2])

    @model_validator(mode="after")
    def _sum_to_one(self) -> Self:
        total = self.sales + self.potential + self.demonstration + self.winnable
        if abs(total - 1) > 1e-6:
            raise ValueError(f"weights must sum to 1 (they sum to {total:g})")
        return self


class IndustryWeights(Weights):
    industry: str


class EspAccount(BaseModel):
    account_id: str
    name: str | None
    industry: str | None
    scores: dict[str, float | None]
    weights: Weights
    composite: float | None = Field(description="Sum of weight x score; null when a score is missing")
    rank: int | None
    key_account: bool
    overridden: bool = Field(description="key_account comes from the manual override")
    resource_class: str = Field(description="A high contribution and potential, B high contribution, "
                                            "C high potential, D neither, unknown")


class EspRanking(BaseModel):
    top_percent: float
    total: int
    accounts: list[EspAccount]
