"""An employee's own network (docs/domain.md section 9): whom they know by declaration and whom
by activity, how strongly, and whether it is warming or cooling."""

from datetime import date, timedelta

from app.config import Settings
from app.db.cypher import q
from app.db.graph import Reader, Row
from app.network.schemas import EmployeeNetwork, KnownContact, Source
from app.network.strength import Activity, activity_strength, trend

MAX_CONTACTS = 5_000
ACTIVITIES_PER_CONTACT = 1_000
RECENT_DAYS = 180


def known(row: Row, as_of: date, settings: Settings) -> KnownContact:
    activities = [Activity(a["at"], a["type"]) for a in row["activities"]]
    declared: float | None = row["declared"]
    active = activity_strength(activities, as_of, settings)
    strength = max(declared or 0.0, active)
    source = (Source.BOTH if declared == active else
              Source.DECLARED if declared is not None and declared > active else Source.ACTIVITY)
    recent = as_of - timedelta(days=RECENT_DAYS)
    return KnownContact(
        contact_id=row["contact_id"], name=row["name"], account_id=row["account_id"],
        account_name=row["account_name"], declared_strength=declared,
        activity_strength=round(active, 4), strength=round(strength, 4), source=source,
        acquainted=declared is not None or active >= settings.activity_acquainted,
        last_activity_at=max((a.at for a in activities), default=None),
        activities_180d=sum(a.at > recent for a in activities),
        trend=trend(activities, as_of, settings))


async def employee_network(graph: Reader, settings: Settings, *, employee_id: str, as_of: date,
                           account_ids: list[str] | None, me: str | None, limit: int,
                           offset: int) -> EmployeeNetwork:
    """The contacts (of these accounts; None: any) the employee knows on `as_of`, strongest
    first, as the employee `me` sees them (an activity private to someone counts for them
    alone)."""
    horizon = timedelta(days=settings.activity_half_life_days
                        * settings.activity_horizon_half_lives)
    rows = await graph.read_list(q("network/contacts"), employee_id=employee_id, as_of=as_of,
                                 since=as_of - horizon, account_ids=account_ids, me=me,
                                 influence_default=settings.influence_default_strength,
                                 limit=MAX_CONTACTS, per_contact=ACTIVITIES_PER_CONTACT)
    found = sorted((known(r, as_of, settings) for r in rows),
                   key=lambda k: (-k.strength, k.contact_id))
    return EmployeeNetwork(employee_id=employee_id, as_of=as_of, total=len(found),
                           contacts=found[offset:offset + limit])
