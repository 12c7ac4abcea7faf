"""Change events from dated records, without I/O: what the rows of app/cypher/changes/ and
two states of a deal say happened in a period (docs/domain.md, the daily loop)."""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, fields
from datetime import date, timedelta
from enum import StrEnum
from typing import Any

from app.changes.schemas import ChangeEvent, EventType, Value
from app.config import Settings
from app.dates import Period
from app.db.graph import Row
from app.features.service import DEGREES

VOTES = ("veto", "approver")
FEATURES = (*DEGREES, *VOTES)


class Family(StrEnum):
    """Event types found by the same reads: dated records, tracked actions, deal states."""

    RECORDS = "records"
    ACTIONS = "actions"
    DEALS = "deals"
    COOLING = "cooling"  # made by time passing, as overdue actions are


# Made by the passage of time rather than by a write: looked for once a day by the webhooks.
BY_TIME = frozenset({Family.ACTIONS, Family.COOLING})


# The deal states compared across a period (dated on its last day): the rest are dated records.
DEAL_STATES = frozenset({EventType.BLOCKER_NEW, EventType.REACH_LOST, EventType.SINGLE_THREADED,
                         EventType.COVERAGE_DROPPED})
FAMILY = {t: Family.DEALS if t in DEAL_STATES
          else Family.ACTIONS if t == EventType.ACTION_OVERDUE
          else Family.COOLING if t == EventType.RELATIONSHIP_COOLING else Family.RECORDS
          for t in EventType}


@dataclass(frozen=True, slots=True)
class Event:
    """A change event as found: ChangeEvent's fields in an eighth of its memory (160 bytes
    against 1,280, measured). A company's feed finds tens of thousands of them and answers a
    page: the page alone is made into models."""

    type: EventType
    at: date
    detail: str
    account_id: str | None = None
    opportunity_id: str | None = None
    contact_id: str | None = None
    employee_id: str | None = None
    action_id: str | None = None
    feature: str | None = None
    from_: Value = None
    to: Value = None

    def model(self) -> ChangeEvent:
        return ChangeEvent(**{f.name: getattr(self, f.name) for f in _FIELDS})


_FIELDS = fields(Event)


# Of events on one day, the order they are listed in.
ORDER = {t: i for i, t in enumerate(EventType)}


def order(event: Event) -> tuple[int, int, str, str, str, str, str]:
    """The feed's order: newest first, then by type, deal, contact, action, employee and
    feature."""
    return (-event.at.toordinal(), ORDER[event.type], event.opportunity_id or "",
            event.contact_id or "", event.action_id or "", event.employee_id or "",
            event.feature or "")


def moved_event(row: list[Any]) -> Event:
    """A feature of one of our assessments that moved from the value before it, as kept with it
    (ingestion/our_assessment_days: for a deal, its own last value, else the general one); a
    row of changes/assessment_moves."""
    at, contact_id, opportunity_id, employee_id, account_id, name, feature, before, value = row[:9]
    kind = EventType.ASSESSMENT_CHANGED if feature in DEGREES else EventType.VOTE_CHANGED
    where = f" on {opportunity_id}" if opportunity_id else ""
    return Event(type=kind, at=date.fromisoformat(at), account_id=account_id,
                 opportunity_id=opportunity_id, contact_id=contact_id, employee_id=employee_id,
                 feature=feature, from_=before, to=value,
                 detail=f"{feature} of {name}{where} moved from {_shown(before)} to "
                        f"{_shown(value)}")


def _shown(value: Value) -> str:
    return "unknown" if value is None else str(value).lower()


LINES = frozenset({EventType.LINE_ADDED, EventType.LINE_ENDED})


def line_start(event: ChangeEvent) -> str | None:
    """The id of the person at a line's start (a line event's `from`, named beside the event);
    None for any other event, whose `from` is a value."""
    return event.from_ if event.type in LINES and isinstance(event.from_, str) else None


def line_events(rows: Iterable[Row], period: Period, influence_default: float) -> list[Event]:
    """Lines of a political map drawn and ended in the period. A line ended and drawn again on
    one day (its strength edited) holds on both sides of it, and is neither."""
    def key(r: Row, day: date) -> tuple[str, str, str, str | None, date]:
        return r["line"], r["from_id"], r["contact_id"], r["opportunity_id"], day

    rows = [r for r in rows if r["since"] is None or r["since"] != r["until"]]
    drawn = {key(r, r["since"]): r for r in rows if r["since"] is not None and r["since"] in period}
    ended = {key(r, r["until"]): r for r in rows if r["until"] is not None and r["until"] in period}
    events = []
    for kind, found, other in ((EventType.LINE_ADDED, drawn, ended),
                               (EventType.LINE_ENDED, ended, drawn)):
        for (line, _, _, _, day), r in found.items():
            if key(r, day) in other:
                continue
            influences = line == "INFLUENCES"
            verb = "influences" if influences else "reports to"
            events.append(Event(
                type=kind, at=day, account_id=r["account_id"], opportunity_id=r["opportunity_id"],
                contact_id=r["contact_id"], feature=line.lower(), from_=r["from_id"],
                to=(r["strength"] if r["strength"] is not None else influence_default)
                if influences else None,
                detail=(f"{r['from_name']} {verb} {r['name']}" if kind == EventType.LINE_ADDED
                        else f"{r['from_name']} no longer {verb} {r['name']}")))
    return events


def edge_events(rows: Iterable[Row], period: Period) -> list[Event]:
    """Decision-chain members added and removed (a role changed on a day: one member_added
    from the old role to the new), contacts who left their account. An edge ended on the day
    it began (a member taken back, a contact moved on the day they were entered) held on no day,
    and is no event."""
    events: list[Event] = []
    removed: dict[tuple[str, str, date], Row] = {}
    rows = [r for r in rows if r["since"] is None or r["since"] != r["until"]]
    for r in rows:
        if r["kind"] == "left":
            events.append(Event(type=EventType.CONTACT_LEFT, at=r["until"],
                                      account_id=r["account_id"], contact_id=r["contact_id"],
                                      detail=f"{r['name']} left the account"))
        elif r["until"] is not None and r["until"] in period:
            removed[(r["opportunity_id"], r["contact_id"], r["until"])] = r
    for r in rows:
        if r["kind"] != "member" or r["since"] is None or r["since"] not in period:
            continue
        old = removed.pop((r["opportunity_id"], r["contact_id"], r["since"]), None)
        change = f"role changed from {old['role']} to {r['role']}" if old else f"joined as {r['role']}"
        events.append(Event(type=EventType.MEMBER_ADDED, at=r["since"],
                                  account_id=r["account_id"], opportunity_id=r["opportunity_id"],
                                  contact_id=r["contact_id"], from_=old["role"] if old else None,
                                  to=r["role"], detail=f"{r['name']} {change}"))
    events += [Event(type=EventType.MEMBER_REMOVED, at=day, account_id=r["account_id"],
                           opportunity_id=deal, contact_id=contact, from_=r["role"],
                           detail=f"{r['name']} left the decision chain")
               for (deal, contact, day), r in removed.items()]
    return events


@dataclass(frozen=True)
class Revision:
    on: date
    status: str
    due: date
    owner: str


def revisions(action: Row) -> list[Revision]:
    return [Revision(*r) for r in zip(action["rev_on"], action["rev_status"], action["rev_due"],
                                      action["rev_owner"], strict=True)]


def _state(revs: list[Revision], day: date) -> Revision | None:
    """The action as it stood on `day` (its last revision by then), None before it existed."""
    found = None
    for r in revs:
        if r.on <= day:
            found = r
    return found


def _overdue(revs: list[Revision], day: date) -> Revision | None:
    state = _state(revs, day)
    return state if state is not None and state.status == "open" and day > state.due else None


def overdue_events(action: Row, period: Period) -> Iterator[Event]:
    """Each day in the period the action fell overdue: open and past its due date that day, not
    the day before. A change only takes effect from the day it was made, so a past period's
    answer stays what it was."""
    revs = revisions(action)
    days = sorted({r.due + timedelta(days=1) for r in revs} | {r.on for r in revs})
    for day in days:
        state = _overdue(revs, day)
        if day in period and state is not None and _overdue(revs, day - timedelta(days=1)) is None:
            yield Event(type=EventType.ACTION_OVERDUE, at=day,
                              account_id=action["account_id"],
                              opportunity_id=action["opportunity_id"],
                              contact_id=action["contact_id"], employee_id=state.owner,
                              action_id=action["id"], to=state.due.isoformat(),
                              detail=f"{action['kind']} action due {state.due} is still open")


@dataclass(frozen=True)
class DealState:
    """What the deal events compare: members, blockers, the members some employee reaches
    (`reached`: the id of the one who does, None when several do) and the weighted supportive
    coverage."""

    members: frozenset[str]
    blockers: frozenset[str]
    reached: dict[str, str | None]
    supportive: float | None

    def single_threaded(self, contact_id: str) -> bool:
        return self.reached.get(contact_id) is not None


def deal_events(deal: Row, names: dict[str, str | None], before: DealState, after: DealState,
                at: date, drop: float) -> list[Event]:
    """The deal's state at the end of the period against the day before it began."""
    common = {"at": at, "account_id": deal["account_id"], "opportunity_id": deal["opportunity_id"]}
    events = [Event(type=EventType.BLOCKER_NEW, contact_id=c,
                          detail=f"{names.get(c)} now blocks the deal", **common)
              for c in sorted(after.blockers - before.blockers)]
    events += [Event(type=EventType.REACH_LOST, contact_id=c,
                           detail=f"no colleague reaches {names.get(c)} any more", **common)
               for c in sorted(before.members & after.members)
               if c in before.reached and c not in after.reached]
    events += [Event(type=EventType.SINGLE_THREADED, contact_id=c,
                           employee_id=after.reached[c],
                           detail=f"only one colleague reaches {names.get(c)}", **common)
               for c in sorted(after.members)
               if after.single_threaded(c) and not before.single_threaded(c)]
    was, now = before.supportive, after.supportive
    if was is not None and now is not None and _dropped(was, now, drop):
        events.append(Event(
            type=EventType.COVERAGE_DROPPED, from_=round(was, 4), to=round(now, 4),
            detail=f"weighted supportive coverage fell from {was:.2f} to {now:.2f}", **common))
    return events


def _dropped(before: float | None, after: float | None, drop: float) -> bool:
    return before is not None and after is not None and round(before - after, 10) >= drop


def holds(event: Event, before: DealState, state: DealState, drop: float) -> bool:
    """Whether the deal's state on some day is already what the deal-state event says, against
    the state before the period."""
    contact = event.contact_id or ""
    if event.type == EventType.BLOCKER_NEW:
        return contact in state.blockers
    if event.type == EventType.REACH_LOST:
        return contact in state.members and contact not in state.reached
    if event.type == EventType.SINGLE_THREADED:
        return state.single_threaded(contact)
    if event.type == EventType.COVERAGE_DROPPED:
        return _dropped(before.supportive, state.supportive, drop)
    raise ValueError(f"{event.type} is not a deal state")


def cooling_event(turn: Row, settings: Settings) -> Event:
    """The day an employee's relationship with a key person turned cooling (its activity
    strength fell by more than the trend delta over the trend days, and not by the day before:
    app/network/strength.py, kept by app/network/touch.py)."""
    day = date.fromisoformat(turn["at"])
    then = day - timedelta(days=settings.activity_trend_days)
    before, after = round(turn["from"], 4), round(turn["to"], 4)
    return Event(type=EventType.RELATIONSHIP_COOLING, at=day, account_id=turn["account_id"],
                 contact_id=turn["contact_id"], employee_id=turn["employee_id"], from_=before,
                 to=after, detail=f"a colleague's relationship with {turn['name']} is cooling: "
                                  f"activity strength {before} on {then}, {after} now")
