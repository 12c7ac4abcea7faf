"""The review due list (动态监控): key persons whose features are due for re-assessment by the
cadence settings (docs/domain.md, the daily loop)."""

from datetime import date, timedelta

from app.config import Settings
from app.db.cypher import q
from app.db.graph import Graph, Row
from app.domain import US
from app.kpis.scope_data import accounts
from app.reviews.schemas import FeatureDue, KeyPersonDue, ReviewsDue
from app.scopes import Scope


def cadence(settings: Settings) -> dict[str, int]:
    """Days from a feature's last assessment to its next review, in the order reviews/due
    reads the features."""
    return {"closeness": settings.review_closeness_days,
            "solution": settings.review_solution_days, "price": settings.review_price_days,
            "veto": settings.review_votes_days, "approver": settings.review_votes_days,
            "importance": settings.review_importance_days}


def _person(row: Row, features: list[tuple[str, int]]) -> KeyPersonDue:
    last = [None if day is None else date.fromisoformat(day) for day in row["last"]]
    due = [FeatureDue(feature=features[i][0], last_assessed=last[i],
                      due_on=None if last[i] is None else last[i] + timedelta(days=features[i][1]))
           for i in row["owed"]]
    return KeyPersonDue(contact_id=row["contact_id"], name=row["name"],
                        account_id=row["account_id"], account_name=row["account_name"],
                        never_assessed=row["last_assessed"] is None,
                        last_assessed=row["last_assessed"], features_due=due)


async def reviews_due(graph: Graph, settings: Settings, *, scope: Scope, as_of: date,
                      limit: int, offset: int) -> ReviewsDue:
    account_ids = (None if scope.kind == "company"
                   else [a["account_id"] for a in await accounts(graph, scope, as_of)])
    features = list(cadence(settings).items())
    # Due when last assessed on or before as_of - days: that day plus the cadence is as_of.
    [found] = await graph.read(
        q("reviews/due"), account_ids=account_ids, as_of=as_of, us=US,
        cap=settings.review_max_key_persons,
        cutoffs=[as_of - timedelta(days=days) for _, days in features],
        every=[timedelta(days=days) for _, days in features], offset=offset, limit=limit,
        timeout_s=graph.analytics_timeout_s if account_ids is None else None)
    return ReviewsDue(as_of=as_of, scope=str(scope), total=found["total"],
                      truncated=found["truncated"],
                      key_persons=[_person(row, features) for row in found["key_persons"]])
