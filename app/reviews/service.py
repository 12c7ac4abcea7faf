"""The review due list (动态监控): key persons whose features are due for re-assessment by the
cadence settings (docs/domain.md, the daily loop)."""

from datetime import date, timedelta

from app.config import Settings
from app.db.cypher import q
from app.db.graph import Graph, Row, cut, iso_days
from app.domain import US
from app.kpis.scope_data import accounts
from app.reviews.schemas import FeatureDue, KeyPersonDue, ReviewsDue
from app.scopes import Scope


def cadence(settings: Settings) -> dict[str, int]:
    """Days from a feature's last assessment to its next review."""
    return {"closeness": settings.review_closeness_days,
            "solution": settings.review_solution_days, "price": settings.review_price_days,
            "veto": settings.review_votes_days, "approver": settings.review_votes_days,
            "importance": settings.review_importance_days}


# A feature due: its name, our last assessment of it and the day it falls due (None: never
# assessed, due at once).
Owed = tuple[str, date | None, date | None]


def _owed(row: Row, days: dict[str, int], as_of: date) -> list[Owed]:
    """The key person's features due on `as_of`."""
    found = []
    for feature, every in days.items():
        last: date | None = row["last"][feature]
        due_on = None if last is None else last + timedelta(days=every)
        if due_on is None or due_on <= as_of:
            found.append((feature, last, due_on))
    return found


def _person(row: Row, owed: list[Owed]) -> KeyPersonDue:
    return KeyPersonDue(contact_id=row["contact_id"], name=row["name"],
                        account_id=row["account_id"], account_name=row["account_name"],
                        never_assessed=row["last_assessed"] is None,
                        last_assessed=row["last_assessed"],
                        features_due=[FeatureDue(feature=f, last_assessed=last, due_on=due_on)
                                      for f, last, due_on in owed])


def due(row: Row, days: dict[str, int], as_of: date) -> KeyPersonDue | None:
    """The key person with the features due on `as_of`, or None when none is."""
    owed = _owed(row, days, as_of)
    return _person(row, owed) if owed else None


def _order(row: Row, owed: list[Owed]) -> tuple[bool, date, str, str]:
    """Never assessed first; then a feature never assessed (due at once); then the earliest
    due date."""
    first_due = min(due_on or date.min for _, _, due_on in owed)
    return row["last_assessed"] is not None, first_due, row["account_id"], row["contact_id"]


async def reviews_due(graph: Graph, settings: Settings, *, scope: Scope, as_of: date,
                      limit: int, offset: int) -> ReviewsDue:
    account_ids = (None if scope.kind == "company"
                   else [a.account_id for a in await accounts(graph, scope, as_of)])
    cap = settings.review_max_key_persons
    rows = await graph.read_list(q("reviews/last_assessed"), account_ids=account_ids, as_of=as_of,
                                 us=US, limit=cap + 1,  # one more than is kept: were there more?
                                 timeout_s=graph.analytics_timeout_s if account_ids is None else None)
    rows, truncated = cut(rows, cap)
    for row in rows:  # their days come as ISO strings
        iso_days(row, "last_assessed")
        iso_days(row["last"], *row["last"])
    days = cadence(settings)
    # Sorted as rows; models made for the page alone.
    found = sorted(((r, owed) for r in rows if (owed := _owed(r, days, as_of))),
                   key=lambda pair: _order(*pair))
    return ReviewsDue(as_of=as_of, scope=str(scope), total=len(found), truncated=truncated,
                      key_persons=[_person(r, owed) for r, owed in found[offset:offset + limit]])
