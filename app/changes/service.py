"""The change feed of a scope over a period (docs/domain.md, the daily loop): computed from the
dated graph alone, so a period in the past answers the same every time."""

from datetime import date
from functools import partial

from app.auth.policy import Viewer
from app.chains.risk import reachers_of
from app.chains.service import deal_view
from app.changes.events import (
    DealState,
    Period,
    assessment_events,
    deal_events,
    edge_events,
    overdue_events,
)
from app.changes.schemas import ChangeEvent, ChangeFeed, EventType
from app.config import Settings
from app.db.cypher import q
from app.db.graph import Graph, Reader, Row
from app.domain import US
from app.kpis.scope_data import accounts
from app.nodes.names import names
from app.scopes import Scope

# Of events on one day, the order they are listed in.
ORDER = {t: i for i, t in enumerate(EventType)}
ROWS_PER_KIND = 10_000


async def _deal_state(graph: Reader, settings: Settings, opportunity_id: str,
                      as_of: date) -> tuple[DealState, dict[str, str | None]]:
    view = await deal_view(graph, settings, opportunity_id=opportunity_id, as_of=as_of)
    members = [m.contact_id for m in view.chain.members]
    reach = await reachers_of(graph, settings, members=members, opportunity_id=opportunity_id,
                              as_of=as_of, max_hops=settings.path_max_hops_default, excluded=[])
    state = DealState(members=frozenset(members), blockers=frozenset(view.chain.blockers),
                      reachers={c: [e for e, _ in found] for c, found in reach.items()},
                      supportive=view.chain.coverage.weighted.supportive)
    return state, {m.contact_id: m.name for m in view.chain.members}


async def _deal(graph: Reader, settings: Settings, deal: Row, period: Period) -> list[ChangeEvent]:
    before, _ = await _deal_state(graph, settings, deal["opportunity_id"], period.before)
    after, names = await _deal_state(graph, settings, deal["opportunity_id"], period.until)
    return deal_events(deal, names, before, after, period.until, settings.changes_coverage_drop)


async def _events(graph: Graph, settings: Settings, account_ids: list[str] | None,
                  period: Period) -> list[ChangeEvent]:
    """The events of dated records, each kind in one read (the company's with the analytics
    time budget), then each open deal's states in one read transaction of its own."""
    params: Row = {"account_ids": account_ids, "since": period.since, "until": period.until,
                   "limit": ROWS_PER_KIND,
                   "timeout_s": graph.analytics_timeout_s if account_ids is None else None}
    events = [e for c in await graph.read_list(q("changes/assessments"), us=US, **params)
              for e in assessment_events(c, period)]
    events += edge_events(await graph.read(q("changes/edges"), **params), period)
    events += [e for a in await graph.read_list(q("changes/actions"), **params)
               for e in overdue_events(a, period)]
    deals = await graph.read_list(q("changes/open_deals"), account_ids=account_ids,
                                  until=period.until, limit=settings.changes_max_deals,
                                  timeout_s=params["timeout_s"])
    for deal in deals:
        events += await graph.together(partial(_deal, settings=settings, deal=deal,
                                               period=period))
    return events


def _shown(event: ChangeEvent, viewer: Viewer) -> ChangeEvent:
    if event.employee_id is None:
        return event
    return event.model_copy(update={"employee_id": viewer.ref(event.employee_id)})


async def changes(graph: Graph, settings: Settings, *, scope: Scope, period: Period,
                  types: list[EventType] | None, limit: int, offset: int,
                  viewer: Viewer) -> ChangeFeed:
    """The scope's events (its accounts on the period's last day), newest first."""
    account_ids = (None if scope.kind == "company"
                   else [a.account_id for a in await accounts(graph, scope, period.until)])
    found = [e for e in await _events(graph, settings, account_ids, period)
             if types is None or e.type in types]
    found.sort(key=lambda e: (-e.at.toordinal(), ORDER[e.type], e.opportunity_id or "",
                              e.contact_id or "", e.action_id or ""))
    events = [_shown(e, viewer) for e in found[offset:offset + limit]]
    # Ids only after the viewer's references replaced colleagues they may not see, so that
    # no hidden colleague is named.
    named = await names(graph, [i for e in events for i in (
        e.account_id, e.opportunity_id, e.contact_id, e.employee_id)])
    return ChangeFeed(scope=str(scope), since=period.since, until=period.until,
                      total=len(found), events=events, names=named)
