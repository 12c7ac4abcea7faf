"""Who entered a record, when, from where, with what note: kept on every written node, edge
and assessment, and shown wherever they are read."""

from dataclasses import dataclass
from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Any
from zoneinfo import ZoneInfo

from pydantic import BaseModel, Field

from app.auth.policy import Viewer
from app.db.graph import Row


class Source(StrEnum):
    WEB = "web"
    API = "api"
    IMPORT = "import"
    CALENDAR = "calendar"
    MAIL = "mail"


@dataclass(frozen=True)
class Provenance:
    source: Source
    principal_id: str | None = None
    employee_id: str | None = None
    at: datetime | None = None  # None: the moment the write is planned

    def props(self, now: datetime) -> dict[str, Any]:
        return {"entered_by_principal": self.principal_id,
                "entered_by_employee": self.employee_id,
                "entered_at": self.at or now, "source": self.source.value}


TRUSTED_IMPORT = Provenance(Source.IMPORT)  # the CLI and the demo: no principal


def now_utc() -> datetime:
    return datetime.now(UTC)


def local_date(at: date | datetime, zone: ZoneInfo) -> date:
    """The day an activity happened in the organisation's zone (a plain date is that day)."""
    return at.astimezone(zone).date() if isinstance(at, datetime) else at


class EnteredBy(BaseModel):
    principal_id: str | None = None
    employee_id: str | None = Field(None, description="An employee id, or a colleague reference "
                                                      "when the viewer may not see them")


class Entered(BaseModel):
    """Provenance as the API shows it on a record."""

    entered_by: EnteredBy | None = None
    entered_at: datetime | None = None
    source: Source | None = None
    note: str | None = None


def _who(principal: str | None, employee: str | None, viewer: Viewer) -> EnteredBy | None:
    if principal is None and employee is None:
        return None
    # A principal id would tell a limited viewer who the hidden colleague is across answers.
    seen = viewer.sees(employee) if employee else viewer.visible is None
    return EnteredBy(principal_id=principal if seen else None,
                     employee_id=viewer.ref(employee) if employee else None)


def shown_entry(row: Row, viewer: Viewer, prefix: str = "entered") -> Row:
    """A record's stored provenance (flat properties, popped from `row`) as the API shows it:
    `<prefix>_by` with the employee as this viewer may see them."""
    row[f"{prefix}_by"] = _who(row.pop(f"{prefix}_by_principal", None),
                               row.pop(f"{prefix}_by_employee", None), viewer)
    return row
