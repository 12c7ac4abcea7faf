"""The webhook worker of one API process: turns outbox marks into change events, once each,
and delivers them, signed, with retries (docs/architecture.md, Webhooks).

Every state lives in the graph (marks, events, deliveries and their leases), so any number of
processes may run a worker, and one killed at any point leaves nothing lost: a mark is deleted
in the transaction that makes its events, and a delivery held by a dead worker is free again
when its lease ends (a receiver may then get it twice: at least once, with the same
X-BRM-Delivery id for it to tell)."""

import asyncio
import contextlib
import hashlib
import hmac
import json
import logging
import secrets
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, date, datetime, timedelta
from functools import partial

import httpx
from neo4j import AsyncDriver, AsyncManagedTransaction
from neo4j.exceptions import DriverError, Neo4jError

from app.changes.events import BY_TIME, DEAL_STATES, FAMILY, Event, Family
from app.changes.schemas import EventType
from app.changes.service import events
from app.config import Settings
from app.dates import Period
from app.db.cypher import q
from app.db.graph import Graph, Row, in_pages, rows
from app.errors import DatabaseUnavailable
from app.kpis.scope_data import accounts
from app.scopes import Scope
from app.webhooks.service import MAX_SUBSCRIPTIONS, host_allowed

log = logging.getLogger(__name__)
# Accounts whose time-made events (overdue actions, cooling relationships) one read looks at.
CLOCK_ACCOUNTS = 250
# Accounts near one pass's writes, at most: far more than a company has.
NEAR_ACCOUNTS = 100_000

MARKS_PER_PASS = 100
MARK_LEASE_S = 300  # longer than a pass's reads may take (the analytics budget is not)
# The lease of a delivery under way: its try's time-out and the time to record it.
DELIVERY_LEASE_MARGIN_S = 30
# The least time between two passes of a loop, however many writes wake it: each pass begins
# with a write (its claim).
PASS_GAP_S = 0.1


def signature(secret: str, body: bytes) -> str:
    """X-BRM-Signature: the hex HMAC-SHA256 of the raw body with the subscription's secret."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def event_row(event: Event, period: Period, now: datetime) -> Row:
    """An event as record_events takes it. Its key is the news itself (type, subject, day,
    values), so the same news found again is the same event, under the same id. A deal state
    compared across a period is news only if nothing the same about the same subject was
    found as recently as the period's first day (`seen_since`)."""
    subject = "|".join([event.type.value, event.account_id or "", event.opportunity_id or "",
                        event.contact_id or "", event.action_id or ""])
    key = "|".join([subject, event.at.isoformat(), json.dumps(event.from_), json.dumps(event.to)])
    event_id = "evt-" + hashlib.sha256(key.encode()).hexdigest()[:32]
    deal_state = event.type in DEAL_STATES
    body = {"id": event_id, "type": event.type.value, "created_at": now.isoformat(),
            "event": event.model().model_dump(mode="json", by_alias=True)}
    return {"id": event_id, "key": key, "type": event.type.value, "at": event.at,
            "subject": subject if deal_state else key,
            "seen_since": period.since if deal_state else None,
            "payload": json.dumps(body, ensure_ascii=False, separators=(",", ":"))}


def next_try(settings: Settings, attempts: int, created_at: datetime,
             now: datetime) -> datetime | None:
    """When a delivery that failed its `attempts`-th try is tried again: exponential backoff,
    None once past the retry period."""
    delay = min(settings.webhook_retry_base_s * 2 ** (attempts - 1), settings.webhook_retry_max_s)
    then = now + timedelta(seconds=delay)
    return then if then <= created_at + timedelta(hours=settings.webhook_retry_hours) else None


class Worker:
    def __init__(self, driver: AsyncDriver, settings: Settings) -> None:
        # A Graph of its own, with bookmarks of its own: a request need not wait for the
        # worker's writes, and a pass's reads follow its claim, written on the leader after the
        # writes that made the marks it took (on a cluster, a pass woken at once by a write
        # could otherwise read a follower that had not applied it, and find no event in it).
        self.graph = Graph(driver, settings)
        self.settings = settings
        self.client = httpx.AsyncClient(timeout=settings.webhook_timeout_s,
                                        follow_redirects=False, trust_env=False)
        self.tries: set[asyncio.Task[None]] = set()
        self.loops: list[asyncio.Task[None]] = []
        self.day: date | None = None
        # What wakes each loop before its next poll: a write of this process (`wake`), marks
        # passed on to the deal states' stage, deliveries recorded. Writes of other processes
        # are found at the poll.
        self.marked, self.staged, self.due = asyncio.Event(), asyncio.Event(), asyncio.Event()

    def wake(self) -> None:
        """A write was committed in this process: it may have left outbox marks."""
        self.marked.set()

    def start(self) -> None:
        """Three loops: events of dated records and actions (quick), events of deal states
        (slower: each deal compared on two days), and deliveries. Apart, so that none waits
        for another while writes keep coming."""
        self.loops = [asyncio.create_task(self._run(self.events_step, self.marked)),
                      asyncio.create_task(self._run(self.deal_events_step, self.staged)),
                      asyncio.create_task(self._run(self.deliver_due, self.due))]

    async def stop(self) -> None:
        """Stop at once: a try cut short keeps its lease and is made again after it."""
        tasks = [*self.loops, *self.tries]
        for task in tasks:
            task.cancel()
        for task in tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        await self.graph.settle()
        await self.client.aclose()

    async def _run(self, step: Callable[[], Awaitable[object]], woken: asyncio.Event) -> None:
        failed = 0  # passes failed in a row: a long import fails every pass for minutes
        while True:
            woken.clear()  # what happens during the step calls for another
            try:
                await step()
            except (DatabaseUnavailable, DriverError, Neo4jError) as exc:
                # An outage, a time-out, a busy server: the marks and deliveries wait in the graph.
                failed += 1
                log.log(logging.WARNING if failed == 1 else logging.DEBUG,
                        "webhook worker pass failed (%s); trying again", exc)
            except Exception:
                failed += 1
                log.exception("webhook worker pass failed; trying again")
            else:
                if failed:
                    log.warning("webhook worker pass done again after %d failed", failed)
                failed = 0
            await asyncio.sleep(min(PASS_GAP_S, self.settings.webhook_poll_s))
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(self.settings.webhook_poll_s):
                    await woken.wait()

    async def events_step(self) -> None:
        today = self.graph.today()
        if self.day != today:
            await self.graph.write(q("webhooks/clock"), today=today)
            self.day = today
        while await self.make_events(deal_states=False):
            pass

    async def deal_events_step(self) -> None:
        while await self.make_events(deal_states=True):
            pass

    async def make_events(self, *, deal_states: bool) -> bool:
        """One pass over the oldest marks of its stage: their events, new ones recorded with a
        delivery to each subscriber, in one transaction with the marks' next stage. A mark goes
        through the dated records and actions first, then the deal states, then is gone (at
        once when no subscription wants deal states). False when there were none."""
        pass_id = secrets.token_hex(8)
        claimed = await self.graph.write(q("webhooks/claim_marks"), pass_id=pass_id,
                                         records_done=deal_states, limit=MARKS_PER_PASS,
                                         lease_s=MARK_LEASE_S)
        marks: list[Row] = claimed[0]["rows"]
        if not marks:
            return False
        subscribed = await self.graph.read(q("webhooks/subscriptions"), principal_id=None,
                                           limit=MAX_SUBSCRIPTIONS)
        wanted = {EventType(t) for s in subscribed for t in s["subscription"]["events"]}
        families = {FAMILY[t] for t in wanted}
        kinds = frozenset(families & {Family.DEALS} if deal_states else families - {Family.DEALS})
        # One row per key: a pass holding a clock mark and write marks may find an overdue
        # action twice, and each copy would pass record_events' check of its own pass.
        found = list({e["key"]: e for e in await self._events(marks, wanted, kinds)}.values()
                     ) if kinds else []
        last = deal_states or Family.DEALS not in families
        ids = [m["id"] for m in marks]

        async def record(tx: AsyncManagedTransaction) -> None:
            if found:
                await rows(tx, q("webhooks/record_events"), events=found, pass_id=pass_id)
            await rows(tx, q("webhooks/drop_marks" if last else "webhooks/records_done"), ids=ids,
                       pass_id=pass_id)

        await self.graph.write_tx(record)
        if found:
            self.due.set()
        if not last:
            self.staged.set()
        return True

    async def _events(self, marks: list[Row], wanted: set[EventType],
                      families: frozenset[Family]) -> list[Row]:
        """The wanted events the marks' writes may have made: over the accounts near what they
        wrote, from their first day to their last or today (each at most the longest period
        away); a day's clock mark looks at every account's tracked actions and cooling
        relationships, which time alone makes."""
        today = self.graph.today()
        earliest = today - timedelta(days=self.settings.changes_max_period_days - 1)
        latest = today + timedelta(days=self.settings.changes_max_period_days - 1)
        now = datetime.now(UTC)
        found: list[Row] = []
        for clock in (False, True):
            these = [m for m in marks if m["clock"] == clock]
            if not these or (clock and not families & BY_TIME):
                continue
            period = Period(max(earliest, min(m["since"] for m in these)),
                            min(max(today, *(m["until"] for m in these)), latest))
            kinds = families & BY_TIME if clock else families - {Family.COOLING}
            made = partial(self._made, period=period, kinds=kinds, wanted=wanted, now=now)
            if clock:
                # Every account, a page at a time: a page holds fewer relationships and actions
                # than the feed reads at once, where the whole company would hold more.
                every = [a["account_id"] for a in await accounts(self.graph, Scope("company"), today)]
                found += await in_pages(every, CLOCK_ACCOUNTS, 1, made)
            else:
                # Every account near the writes, a page at a time: a large import's events are
                # not left out past the first page.
                near = await self.graph.read_one(q("webhooks/accounts_near"),
                                                 mark_ids=[m["id"] for m in these],
                                                 limit=NEAR_ACCOUNTS,
                                                 timeout_s=self.graph.analytics_timeout_s)
                account_ids = near["account_ids"] if near else []
                if len(account_ids) == NEAR_ACCOUNTS:
                    log.warning("webhook events of the first %d accounts near the writes only",
                                NEAR_ACCOUNTS)
                found += await in_pages(account_ids, self.settings.webhook_max_accounts, 1, made)
        return found

    async def _made(self, account_ids: list[str], *, period: Period, kinds: frozenset[Family],
                    wanted: set[EventType], now: datetime) -> list[Row]:
        """The wanted events of these accounts in the period, of these families, as rows."""
        feed = await events(self.graph, self.settings, account_ids, period, families=kinds,
                            types=frozenset(wanted), timeout_s=self.graph.analytics_timeout_s)
        if feed.truncated or feed.more:
            log.warning("webhook events of %d accounts from %s to %s: more records than one "
                        "read takes, some events are missing", len(account_ids), period.since,
                        period.until)
        return [event_row(e, period, now) for e in feed.events if e.type in wanted]

    async def deliver_due(self) -> None:
        """Start a try of each due delivery, as many as may be under way at once; each runs on
        its own, so a receiver that hangs holds up nothing but itself."""
        free = self.settings.webhook_concurrency - len(self.tries)
        if free <= 0:
            return
        claimed = await self.graph.write(
            q("webhooks/claim_deliveries"), limit=free,
            lease_s=self.settings.webhook_timeout_s + DELIVERY_LEASE_MARGIN_S)
        for delivery in claimed[0]["rows"]:
            task = asyncio.create_task(self._try(delivery))
            self.tries.add(task)
            task.add_done_callback(self._tried)

    def _tried(self, task: asyncio.Task[None]) -> None:
        """A try is done: room for the next due delivery."""
        self.tries.discard(task)
        self.due.set()

    async def _try(self, d: Row) -> None:
        body = d["payload"].encode()
        started = time.monotonic()
        code, error = 0, ""
        if not host_allowed(d["url"], self.settings.webhook_allowed_hosts):
            error = "host not allowed"
        else:
            headers = {"Content-Type": "application/json", "User-Agent": "BRM-Webhooks/1",
                       "X-BRM-Event": d["type"], "X-BRM-Delivery": d["id"],
                       "X-BRM-Signature": signature(d["secret"], body)}
            try:
                async with asyncio.timeout(self.settings.webhook_timeout_s):
                    # The answer's body is never read: only its status counts.
                    async with self.client.stream("POST", d["url"], content=body,
                                                  headers=headers) as answer:
                        code = answer.status_code
            except (httpx.HTTPError, TimeoutError) as exc:
                # The time may run out while the connection closes after the status came: the
                # receiver has the event then, and its answer counts.
                if not code:
                    error = type(exc).__name__
            if not error:
                error = "" if 200 <= code < 300 else f"HTTP {code}"
        ms = round((time.monotonic() - started) * 1000)
        now = datetime.now(UTC)
        if not error:
            status, then = "delivered", None
        else:
            then = (next_try(self.settings, d["attempts"] + 1, d["created_at"], now)
                    if error != "host not allowed" else None)
            status = "pending" if then else "failed"
        try:
            await self.graph.write(q("webhooks/record_try"), id=d["id"], status=status,
                                   next_at=then, status_code=code, error=error, ms=ms)
        except (DatabaseUnavailable, DriverError, Neo4jError) as exc:
            # The lease ends and the delivery is tried again.
            log.warning("could not record a webhook try of %s (%s)", d["id"], exc)
