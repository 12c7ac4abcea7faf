"""An employee's own network (docs/domain.md section 9): whom they know by declaration and whom
by activity, how strongly, and whether it is warming or cooling."""

from datetime import date, timedelta
from typing import Any

from app.auth.policy import Viewer, shown_account
from app.config import Settings
from app.db.cypher import q
from app.db.graph import Reader, Row
from app.network.schemas import ContactInTouch, EmployeeNetwork, InTouch, KnownContact, Source
from app.network.strength import (
    Activity,
    horizon_days,
    reaches,
    trend_between,
    trend_strengths,
)

MAX_CONTACTS = 5_000
ACTIVITIES_PER_CONTACT = 1_000
RECENT_DAYS = 180
IN_TOUCH_SHOWN = 100


def pair(declared: float | None, activities: list[Activity], as_of: date,
         settings: Settings) -> dict[str, Any]:
    """The fields of PairStrength for one employee and one contact."""
    then, active = trend_strengths(activities, as_of, settings)
    strength = max(declared or 0.0, active)
    source = (Source.BOTH if declared == active else
              Source.DECLARED if declared is not None and declared > active else Source.ACTIVITY)
    recent = as_of - timedelta(days=RECENT_DAYS)
    return {"declared_strength": declared, "activity_strength": round(active, 4),
            "strength": round(strength, 4), "source": source,
            "acquainted": declared is not None or reaches(active, settings),
            "last_activity_at": max((a.at for a in activities), default=None),
            "activities_180d": sum(a.at > recent for a in activities),
            "trend": trend_between(then, active, settings)}


def _activities(row: Row) -> list[Activity]:
    return [Activity(a["at"], a["type"]) for a in row["activities"]]


def _horizon(settings: Settings, as_of: date) -> date:
    """Activities before it weigh less than a thousandth: not read."""
    return as_of - timedelta(days=horizon_days(settings))


async def employee_network(graph: Reader, settings: Settings, *, employee_id: str, as_of: date,
                           me: str | None, visible: list[str] | None, limit: int,
                           offset: int) -> EmployeeNetwork:
    """The contacts the employee knows on `as_of`, at any account, strongest first, as the
    employee `me` sees them (an activity private to someone counts for them alone). The
    account of a contact outside the reader's accounts (`visible`; None: all) is named, not
    given by id, as in the influence list."""
    shown = None if visible is None else set(visible)
    rows = await graph.read_list(q("network/contacts"), employee_id=employee_id, as_of=as_of,
                                 since=_horizon(settings, as_of), me=me,
                                 influence_default=settings.influence_default_strength,
                                 limit=MAX_CONTACTS, per_contact=ACTIVITIES_PER_CONTACT)
    found = sorted((KnownContact(contact_id=r["contact_id"], name=r["name"],
                                 account_id=shown_account(r["account_id"], shown),
                                 account_name=r["account_name"],
                                 **pair(r["declared"], _activities(r), as_of, settings))
                    for r in rows), key=lambda k: (-k.strength, k.contact_id))
    return EmployeeNetwork(employee_id=employee_id, as_of=as_of, total=len(found),
                           contacts=found[offset:offset + limit])


async def contact_in_touch(graph: Reader, settings: Settings, *, contact_id: str, as_of: date,
                           viewer: Viewer, me: str | None) -> ContactInTouch:
    """The colleagues who know the contact on `as_of`, by declaration or activity, strongest
    first: those the viewer may not see as references, without their names."""
    rows = await graph.read_list(q("network/in_touch"), contact_id=contact_id, as_of=as_of,
                                 since=_horizon(settings, as_of), me=me,
                                 influence_default=settings.influence_default_strength,
                                 limit=MAX_CONTACTS, per_contact=ACTIVITIES_PER_CONTACT)
    found = sorted(((r["employee_id"], r["name"], pair(r["declared"], _activities(r), as_of,
                                                       settings)) for r in rows),
                   key=lambda f: (-f[2]["strength"], viewer.ref(f[0])))[:IN_TOUCH_SHOWN]
    # Ties by what the viewer is shown: by the id behind a reference they would tell its order.
    return ContactInTouch(contact_id=contact_id, as_of=as_of, colleagues=[
        InTouch(employee_id=viewer.ref(e), name=name if viewer.sees(e) else None, **fields)
        for e, name, fields in found])
