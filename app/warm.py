"""Plans the path searches, the change feed's reads, a logged interaction's write and the
company's dashboard lines when the API starts, so that no user waits for them (beside
app/main.py: it uses them all alike).

A search is one large query (a layer per hop, app/cypher/paths/best_paths.cypher) that Neo4j
takes seconds to plan the first time it sees it; the plan is then cached by the server for
every process. Each search runs once here at the default hop count (the person view's at every
hop count), on inputs that match nothing, with the parameter types (and sizes) the routes send,
within the analytics budget: on a server just started, planning one took longer than a
request's read budget (5 s), and a plan is kept only when its transaction completes.
"""

import asyncio
import logging
import time
import uuid
from collections.abc import Awaitable, Callable
from datetime import date
from functools import partial

from neo4j import AsyncDriver
from neo4j.exceptions import DriverError, Neo4jError

from app.auth import writes
from app.changes import service as changes
from app.config import Settings
from app.dates import Period
from app.db.cypher import q
from app.db.graph import Graph, PlanKey
from app.domain import HARD_HOP_CAP, ActivityType, Attitude
from app.errors import DatabaseUnavailable
from app.ingestion import repository
from app.ingestion.provenance import Provenance, Source, now_utc
from app.ingestion.schemas import (
    AccountIn,
    ActivityIn,
    AssessmentIn,
    ContactIn,
    EmployeeIn,
    Item,
    document_of,
)
from app.ingestion.validation import Parsed, check_references
from app.kpis import breakthrough, customer_rows, kept, rollups, scope_data
from app.kpis import service as kpis
from app.paths import repository as paths
from app.scopes import Scope

log = logging.getLogger(__name__)
# An id of a common length that nothing has: Neo4j plans again for strings and lists of other
# size classes (an empty id's plan did not serve "c-00005"), so the warm-up asks as routes do.
NOTHING = "\x00" * 8
# Neo4j plans a query again for a list parameter of another size class: one item, up to
# 10, up to 100 (measured on 5.26), the sizes a page of the change feed's deals may have (a
# page of its contacts may also hold a thousand).
SIZE_CLASSES = (1, 10, 100)


async def plan_searches(driver: AsyncDriver, settings: Settings, planned: set[PlanKey]) -> None:
    """`planned`: the API's memory of the queries it has run (Graph.planned), which the
    warm-up's runs join, so that their first requests need no first run of their own."""
    graph = _analytics_graph(driver, settings, planned)
    hops, today = settings.path_max_hops_default, graph.today()

    async def plan() -> None:
        # The person view's search at the default first, then at the other hop counts a
        # reader may pick.
        for max_hops in sorted(range(1, HARD_HOP_CAP + 1), key=lambda h: h != hops):
            await paths.influence_paths(graph, settings, target_id=NOTHING, as_of=today,
                                        max_hops=max_hops, employee_ids=None, avoid_opposed=True,
                                        max_rows=10, inbound_limit=100)
        # From one colleague (the name of a colleague an introduction revealed).
        await paths.influence_paths(graph, settings, target_id=NOTHING, as_of=today,
                                    max_hops=hops, employee_ids=[NOTHING], avoid_opposed=True,
                                    max_rows=1, inbound_limit=100)
        # The paths to a deal's members (its blockers, its risk; a rival's or a strategy's
        # targets), as many as a deal or a list holds, and again without the contact or the
        # colleague who left (a what-if): each size class of either list is a plan of its own.
        for size in SIZE_CLASSES:
            for excluded in ([], [NOTHING]):
                await paths.best_paths(graph, settings, target_ids=[NOTHING] * size, as_of=today,
                                       max_hops=hops, employee_ids=None, avoid_opposed=True,
                                       opportunity_id=NOTHING, excluded_ids=excluded)
        # The breakthrough targets of an account a write made stale (app/kpis/breakthrough.py).
        await breakthrough.worked_out(graph, settings, [NOTHING], today)
        # The change feed's deal states, worked out a page of deals at a time and read as kept:
        # one list of each size class a page may have; then the feed's other reads, the
        # company's and a scope's.
        for size in SIZE_CLASSES:
            await changes.worked_out(graph, settings, [NOTHING] * size, today)
            await changes.deal_states(graph, settings, [NOTHING] * size, today)
        for account_ids in (None, *([NOTHING] * size for size in SIZE_CLASSES)):
            await changes.events(graph, settings, account_ids, Period(today, today))
        # The company's dashboard lines, as their route asks for them: their queries run on
        # pages of the company's accounts and deals, whose sizes only the graph itself gives.
        if settings.warm_company_lines_on_start:
            await company_lines(graph, settings, today)

    # A write, which may fail where reads do not (a lock waited on too long, a read-only
    # member): on its own, so that the searches are planned all the same.
    await _tried(plan_interaction(graph, settings),
                 "an interaction's write not planned at start: the first one plans it")
    await _tried(plan(), "queries not planned at start: the first requests plan them")


async def plan_interaction(graph: Graph, settings: Settings) -> None:
    """An interaction logged as the web app sends it (an activity at a moment with a colleague
    and a key person, an assessment with attitudes, a rep's): the reads that check it, then its
    write in a transaction rolled back. On a server just started its queries took seconds to
    plan, which the day's first rep would wait for. The write also makes the account, the
    colleague and the key person it names, so that it changes what a real one changes (the key
    person's KPI pieces, their account's spans, the acquaintance by activity): a query that
    has nothing to change is not run, and so not planned. Neo4j plans a list of one id apart
    from one of a few, so each has an id of its own."""
    now = now_utc()
    account, colleague, contact = (chr(n) * len(NOTHING) for n in (1, 2, 3))
    interaction: dict[str, list[Item]] = {
        "activities": [ActivityIn(id=NOTHING, at=now, type=ActivityType.VISIT,
                                  employee_ids=[colleague], contact_ids=[contact])],
        "assessments": [AssessmentIn(contact_id=contact, at=now.date(),
                                     closeness=Attitude.SUPPORT)]}
    checked = document_of(interaction)
    await check_references(Parsed(checked, []), partial(repository.stored_kinds, graph))
    await writes.stored(graph, writes.ids_to_look_up(checked))
    doc = document_of({
        "accounts": [AccountIn(id=account, name=NOTHING)],
        "employees": [EmployeeIn(id=colleague, name=NOTHING)],
        "contacts": [ContactIn(id=contact, account_id=account, name=NOTHING, key_person=True)],
        **interaction})
    steps = repository.plan(doc, today=graph.today(), settings=settings,
                            entered=Provenance(Source.WEB, colleague, colleague), now=now)
    await graph.rolled_back(partial(repository.run_steps, steps=steps, settings=settings))


async def _tried(work: Awaitable[None], not_done: str) -> bool:
    """Whether `work` was done; if not, says so (`not_done`) in the log, with the exception's
    trace where it is not the database's: nothing awaits the background tasks that use it, so
    what went wrong is said here or nowhere."""
    try:
        await work
    except (DriverError, Neo4jError, DatabaseUnavailable) as exc:
        log.warning("%s (%s)", not_done, exc)
        return False
    except Exception:
        log.exception(not_done)
        return False
    return True


def _analytics_graph(driver: AsyncDriver, settings: Settings, planned: set[PlanKey]) -> Graph:
    """A graph whose reads have the analytics budget, joining the API's memory of the queries
    it has run (Graph.planned)."""
    budget = {"read_timeout_s": settings.analytics_timeout_s}
    graph = Graph(driver, settings.model_copy(update=budget), causal=False)
    graph.planned = planned
    return graph


async def _day_begun(graph: Graph, settings: Settings, day: date, process: str) -> None:
    """The company's lines for the day begun, if this process claims the work."""
    if not await graph.write(q("kpis/claim_day"), today=day, process=process,
                             rule=lines_rule(settings)):
        return
    log.info("this process works the company's lines out for the day begun (%s)", day)
    started = time.monotonic()
    await company_lines(graph, settings, day)
    log.info("the company's lines worked out for the day begun (%s), in %.1f s", day,
             time.monotonic() - started)


def lines_rule(settings: Settings) -> str:
    """What the company's lines are kept under, together: each line's rule version, the
    reporting currency and the schema's version (kept.rule)."""
    return kept.rule(customer_rows.RULE_VERSION, breakthrough.RULE_VERSION,
                     scope_data.WON_RULE_VERSION, settings.reporting_currency)


async def company_lines(graph: Graph, settings: Settings, today: date) -> None:
    """The company's dashboard lines on `today`, as the dashboard asks for them and as the
    whole account list: each keeps what it works out in the graph (app/kpis/kept.py), for every
    process to read. The spans that large writes left pending are built first (the lines read
    those accounts' pieces until then)."""
    await rollups.build_spans(graph, pending_only=True)
    company = Scope("company")
    await kpis.influence(graph, settings, scope=company, as_of=today, period_days=None)
    await kpis.customers(graph, settings, scope=company, as_of=today)
    await kpis.customers(graph, settings, scope=company, as_of=today, limit=settings.list_limit)
    await kpis.key_persons(graph, settings, scope=company, as_of=today)


async def keep_company_lines_warm(driver: AsyncDriver, settings: Settings,
                                  planned: set[PlanKey], since: float,
                                  today: Callable[[], date] | None = None,
                                  after: asyncio.Task[None] | None = None) -> None:
    """Until cancelled: the company's lines worked out again in the background whenever every
    kept answer has gone stale, so that the first dashboard does not wait for them (tens of
    seconds at the benchmark's 3x).
    - Once the writes of this process that made them stale (an import's large documents, an
      exchange rate, a rebuild, a migration's data step) since `since`
      (kept.everything_stale_at when the API started) have been quiet for
      `warm_company_lines_after_s`: the process that wrote does it.
    - When a day begins (`today`, by default the organisation's): what is kept is kept for
      its day, so the first dashboard of the morning would work the whole company out. One
      process of any number does it: the one that claims the day in the graph
      (kpis/claim_day). A process that starts (once `after`, the start's own planning or
      preparing, is over, and what it kept is kept) on a day no process has claimed under the
      lines' rule does it too: a deploy in the early morning replaces the processes that were
      there at midnight, and may bring another rule.
    A failed attempt is tried again after as long again."""
    quiet = settings.warm_company_lines_after_s
    graph = _analytics_graph(driver, settings, planned)
    clock = today or graph.today
    done, process = since, uuid.uuid4().hex
    day: date | None = None  # none claimed yet: the day the process starts on is claimed too
    try:
        if after is not None:  # its failures are its own to log
            await asyncio.wait({after})
            await kept.settled()
        while True:
            await asyncio.sleep(min(quiet, 1.0))
            if (now := clock()) != day:
                if await _tried(_day_begun(graph, settings, now, process),
                                "the company's lines not worked out for a new day"):
                    day = now
                else:
                    await asyncio.sleep(quiet)
                continue
            at = kept.everything_stale_at()
            if at == done or time.monotonic() - at < quiet:
                continue
            started = time.monotonic()
            if not await _tried(company_lines(graph, settings, clock()),
                                "the company's lines not worked out after stale writes"):
                await asyncio.sleep(quiet)
                continue
            done = at  # a write that made them stale meanwhile is after `at`: once more
            log.info("the company's lines worked out again after writes that made every kept "
                     "answer stale, in %.1f s", time.monotonic() - started)
    finally:
        await kept.settled()
        await graph.settle()
