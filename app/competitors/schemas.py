from datetime import date

from pydantic import BaseModel, Field

from app.domain import Attitude


class RivalView(BaseModel):
    contact_id: str
    name: str | None
    account_id: str
    closeness: Attitude = Field(description="Toward the competitor")
    solution: Attitude
    price: Attitude
    staff_ids: list[str] = Field(description="The competitor's staff who influence this person")
    held: bool = Field(description="Closeness toward the rival >= support, or its staff influence them")
    our_best_strength: float | None = Field(None, description="Our best path to them, if any")
    contested: bool = Field(description="Held by the rival while we have a path too")


class CompetitorPerspective(BaseModel):
    competitor_id: str
    name: str | None
    scope: str
    as_of: date
    key_persons: int
    averages: dict[str, float | None] = Field(description="Three degrees toward the rival")
    held: list[str]
    contested: list[str]
    key_person_views: list[RivalView]
