from datetime import date, datetime

from pydantic import BaseModel, Field

from app.domain import ActivityType
from app.errors import Params, ProblemEntry


class CapturedOut(BaseModel):
    activity_id: str = Field(examples=["calendar-3f1c0a9e5b7d4c2a8e6f1b3d5a7c9e0f"])
    key: str = Field(description="The event's UID (with `|` and its RECURRENCE-ID for an "
                                 "occurrence of a recurring event), or the message's Message-ID",
                     examples=["040000008200E00074C5B7101A82E008@example.com|2026-03-23T02:00:00Z"])
    at: datetime | date = Field(description="The start, with the event's own zone; a date for "
                                            "an all-day event", examples=["2026-03-23T10:00:00+08:00"])
    type: ActivityType
    employee_ids: list[str] = Field(description="Our people among the attendees; colleagues "
                                                "the caller may not see as references")
    contact_ids: list[str] = Field(description="The customer's people among the attendees")


class SkippedOut(BaseModel):
    key: str
    at: datetime | date | None = None
    reason: str = Field(examples=["no known contact among its people"], description="Why, in English")
    code: str = Field(examples=["no_contact"], description="Why, as a stable name: the reasons "
                      "of capture (cancelled, no_employee, no_contact, outside_window) and those "
                      "of the write policy, as in problem entries (docs/api.md)")
    params: Params | None = Field(None, examples=[{"since": "2026-01-01", "until": "2026-12-31"}],
                                  description="The values the reason names, by name")

    summary: str | None = Field(None, description="The meeting's title or the mail's subject, "
                                                  "so that a person knows which it was")

    @classmethod
    def of(cls, problem: ProblemEntry, at: datetime | date | None,
           summary: str | None = None) -> "SkippedOut":
        """An item skipped for a problem whose path is the item's key."""
        return cls(key=problem["path"], at=at, reason=problem["message"], code=problem["code"],
                   params=problem.get("params"), summary=summary)


class CaptureResult(BaseModel):
    """What a capture did, item by item. Addresses that matched nobody are listed so that
    someone can add them to a person and capture the file again."""

    created: list[CapturedOut]
    updated: list[CapturedOut] = Field(description="Moved, retitled or with other attendees")
    unchanged: list[CapturedOut] = Field(description="Already captured as they are")
    removed: list[CapturedOut] = Field(description="Cancelled events whose activity was removed")
    skipped: list[SkippedOut]
    unmatched_addresses: list[str] = Field(description="Every address no contact or employee "
                                                       "has, sorted",
                                           examples=[["assistant@example.cn"]])
