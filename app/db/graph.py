"""One driver per process and the managed-transaction helpers every repository uses."""

import asyncio
import contextlib
import functools
import logging
from abc import ABC, abstractmethod
from collections.abc import AsyncIterator, Awaitable, Callable, Coroutine, Iterator
from contextvars import ContextVar
from datetime import date
from typing import Any, Concatenate, LiteralString, ParamSpec, TypeVar, cast
from zoneinfo import ZoneInfo

from neo4j import (
    AsyncDriver,
    AsyncGraphDatabase,
    AsyncManagedTransaction,
    AsyncSession,
    Bookmarks,
    unit_of_work,
)
from neo4j.exceptions import ClientError, DriverError, Neo4jError, TransientError
from neo4j.graph import Node
from neo4j.time import Date, DateTime

from app import dates
from app.config import Settings
from app.db import causal
from app.errors import DatabaseUnavailable

log = logging.getLogger(__name__)
T = TypeVar("T")
U = TypeVar("U")
P = ParamSpec("P")
Row = dict[str, Any]
TxWork = Callable[[AsyncManagedTransaction], Awaitable[T]]
# Neo4j ends a transaction at its timeout and the driver retries within its budget; a server
# silent past both and this grace is frozen or cut off, and would otherwise hold a request
# until TCP gives up (hours). Our Neo4j does not ask drivers to time out reads themselves
# (scripts/neo4j.sh), so this deadline is the one bound there.
UNRESPONSIVE_GRACE_S = 5.0
# The query a read transaction ran last, so that one ended at its budget can be planned
# outside it (Graph.read_tx): a holder set by the transaction, so that reads run at once
# (gather, in tasks of their own) write to it too; writes leave no query in it.
running: ContextVar[list[tuple[LiteralString, dict[str, Any]]] | None] = ContextVar(
    "running", default=None)
# The queries a read transaction runs for the first time in this process (Graph.read_tx):
# a list while it runs within the analytics budget, None within a read budget.
PlanKey = tuple[str, tuple[tuple[str, str, int], ...]]  # plan_key
first_runs: ContextVar[list[PlanKey] | None] = ContextVar("first_runs", default=None)
# How many query and parameter kinds a process remembers as planned (Graph.planned): the
# routes' queries give a few hundred; past this the memory starts again rather than grows.
PLANNED_KEPT = 10_000
# Planning a query that ended at its budget took long enough to be why (Graph.read_tx): Neo4j
# answers an EXPLAIN of a plan it has in 0.01-0.15 s (a 5-hop search on a loaded two-core
# machine), and plans that search afresh in seconds.
PLANNING_TOOK_LONG_S = 0.5
# Neo4j's answer when it has not reached a transaction's bookmarks within
# db.transaction.bookmark_ready_timeout (2 s on our servers, scripts/neo4j.sh).
BOOKMARK_NOT_REACHED = "Neo.TransientError.Transaction.BookmarkTimeout"


def waiting_for_bookmarks_once(work: TxWork[T]) -> TxWork[T]:
    """`work`, without the driver's retries of a wait for the client's bookmarks: the server
    has waited already, and each retry within the driver's budget held a connection for as
    long again (9 s in all for a 2 s wait). The client is told to retry instead (503)."""
    async def once(tx: AsyncManagedTransaction) -> T:
        try:
            return await work(tx)
        except TransientError as exc:
            if exc.code != BOOKMARK_NOT_REACHED:
                raise
            raise DatabaseUnavailable(
                "The graph database has not reached the Neo4j-Bookmarks of this request in "
                "time; retry shortly.") from None

    return once


def create_driver(settings: Settings) -> AsyncDriver:
    return AsyncGraphDatabase.driver(
        settings.neo4j_uri,
        auth=(settings.neo4j_user, settings.neo4j_password.get_secret_value()),
        max_transaction_retry_time=settings.retry_budget_s,
        connection_timeout=settings.connection_timeout_s,
        connection_acquisition_timeout=settings.connection_acquisition_timeout_s,
        max_connection_pool_size=settings.pool_size,
        liveness_check_timeout=30.0,
        notifications_min_severity="OFF",
    )


_SCALARS = frozenset({str, int, float, bool, bytes, type(None)})
# What a one-list query's maps may hold that native() converts, by exact type as the driver
# decodes them: an isinstance check of a union took a fifth of a company list's read.
_CONVERTED = frozenset({Date, DateTime, list, dict})


def native(value: Any) -> Any:
    """Neo4j temporal values as Python's own and nodes as their properties, through lists and
    maps.

    By exact type first: the driver decodes maps and lists as plain dicts and lists, and most
    values are scalars. Record.data() did this walk with abstract-class checks, a tenth of a
    decision chain's Python (measured).
    """
    kind = type(value)
    if kind in _SCALARS:
        return value
    if kind is dict:
        return {k: native(v) for k, v in value.items()}
    if kind is list:
        # A list of scalars (ids, figures) as it is: most lists are.
        if all(map(_SCALARS.__contains__, map(type, value))):  # no Python call per item
            return value
        return [native(v) for v in value]
    if kind is Date or kind is DateTime:
        return value.to_native()
    if isinstance(value, Node):
        return native(dict(value))
    return value


def _running(query: LiteralString, params: dict[str, Any]) -> None:
    if (holder := running.get()) is not None:
        holder[:] = [(query, params)]


async def rows(tx: AsyncManagedTransaction, query: LiteralString, **params: Any) -> list[Row]:
    _running(query, params)
    result = await tx.run(query, params)
    keys = result.keys()
    return [native(dict(zip(keys, record, strict=True))) async for record in result]


def as_read(row: Row) -> Row:
    """A row of one_list as read (Reader.read_list)."""
    return row


async def one_list(tx: AsyncManagedTransaction, query: LiteralString, params: Row,
                   shape: Callable[[Row], T]) -> list[T]:
    """The rows of a query that returns its whole table as one list (`RETURN collect({...}) AS
    rows`), or as such lists in parts, one record each (`<<include db/in_parts with rows>>`),
    the parts in order; at least one record. Each row is made `shape(row)` as its part arrives
    (Reader.read_shaped says why).

    The async driver spends about 40 us on each record it receives: 56k key persons as
    records took 4.7 s, as one list 2.4 s (measured), which is the server's own time. A
    list that grows with the company comes in parts (Reader.read_in_parts says why).
    """
    _running(query, params)
    result = await tx.run(query, params)
    found: list[T] = []
    parts = 0
    async for record in result:
        # Not record.data(): it walks every value looking for nodes to turn into maps,
        # which these lists of maps do not hold (a third of a cold KPI request's time).
        part: list[Row] = record["rows"]
        for row in part:  # in place: a converted copy would double the peak of a big list
            for key, value in row.items():
                if type(value) in _CONVERTED:
                    row[key] = native(value)
        found += map(shape, part)
        parts += 1
    if not parts:
        raise RuntimeError("a one-list query returned no record")
    return found


def iso_days(row: Row, *keys: str) -> Row:
    """The ISO date strings at these keys of the row (a string, a list of them, or null) made
    dates, in place. A query whose answer holds many dates sends them as strings (`toString`):
    the driver decodes its own dates at about 10 us each, which was most of the API's time in
    an import (py-spy); `date.fromisoformat` takes a hundredth of that."""
    for key in keys:
        value = row[key]
        if isinstance(value, str):
            row[key] = date.fromisoformat(value)
        elif value is not None:
            row[key] = [date.fromisoformat(d) for d in value]
    return row


def cut(rows: list[T], limit: int) -> tuple[list[T], bool]:
    """The first `limit` rows of a read asked for one more, and whether there were more."""
    return rows[:limit], len(rows) > limit


def plan_key(query: str, params: Row) -> PlanKey:
    """What Neo4j keeps a plan by: the query's text and its parameters' types, a string's or a
    list's with its size class (a list's also with its first item's type)."""
    return query, tuple((name, _kind(value), _size_class(value)) for name, value in sorted(params.items()))


def _kind(value: Any) -> str:
    if type(value) is list and value:
        return f"list:{type(value[0]).__name__}"
    return type(value).__name__


def _size_class(value: Any) -> int:
    """0, 1, 2-10, 11-100, 101-1,000 ... items or characters: the classes Neo4j 5.26 plans
    apart (measured: a list of 11 ids was planned again after one of 10, not one of 12 after
    one of 11)."""
    if not isinstance(value, str | list):
        return -1
    size = len(value)
    return size if size < 2 else len(str(size - 1)) + 1


class Unplanned(Exception):
    """A query that this process has not run with parameters of these kinds, met within a
    read budget: the transaction's work runs again within the analytics budget (read_tx)."""

    def __init__(self, query: LiteralString, params: Row) -> None:
        super().__init__("a query to plan first")
        self.query, self.params = query, params


class EndedAtBudget(Exception):
    """A read transaction ended at its budget (`error`, Neo4j's) while running `query`."""

    def __init__(self, error: ClientError, query: LiteralString, params: Row) -> None:
        super().__init__(str(error))
        self.error, self.query, self.params = error, query, params


def differing(old: list[Row], new: list[Row]) -> tuple[list[Row], list[Row]]:
    """The rows of `old` not in `new` and those of `new` not in `old`, compared whole: what a
    refresh that computed `new` from the graph must take away and add, so that it writes only
    what changed (a few rows each, one contact's: plain membership is quick enough)."""
    return [r for r in old if r not in new], [r for r in new if r not in old]


class Reader(ABC):
    """What read-only services need: named queries, each in its own transaction or together."""

    zone: ZoneInfo  # the organisation's: the graph's "today" is its day

    def today(self) -> date:
        return dates.today(self.zone)

    @abstractmethod
    async def read(self, query: LiteralString, *, timeout_s: float | None = None,
                   **params: Any) -> list[Row]: ...

    async def read_list(self, query: LiteralString, *, timeout_s: float | None = None,
                        **params: Any) -> list[Row]:
        """A query written as `RETURN collect({...}) AS rows`: see one_list."""
        return await self.read_shaped(query, as_read, timeout_s=timeout_s, **params)

    @abstractmethod
    async def read_shaped(self, query: LiteralString, shape: Callable[[Row], T], *,
                          timeout_s: float | None = None, **params: Any) -> list[T]:
        """read_list's rows, each made `shape(row)` as its part arrives. A row read is a map
        with a string of its own for every key: a list that grows with the company is held
        in a compact shape once read, each part's maps dropped before the next is read (the
        company's per-account totals on three dates: about 90 MB as maps at 3x)."""

    @abstractmethod
    async def together(self, work: "Callable[[Reader], Awaitable[T]]") -> T:
        """Run `work`'s reads in one read transaction."""

    async def read_one(self, query: LiteralString, **params: Any) -> Row | None:
        found = await self.read(query, **params)
        return found[0] if found else None

    async def read_in_parts(self, query: LiteralString, *, joined: tuple[str, ...],
                            **params: Any) -> Row | None:
        """One row that the query returns in parts, several records of bounded size: the lists
        of `joined` follow each other from record to record, the other fields are the first
        record's (None: no record).

        The driver receives each record whole into its connection's buffer, which grows to the
        largest and is kept with the connection in the pool: the company's whole customer list
        as one record (17 MB at 3x) left 17 MB behind in every connection that had read it."""
        found = await self.read(query, **params)
        if not found:
            return None
        return {**found[0], **{key: [v for part in found for v in part[key]] for key in joined}}



# Contacts whose sources one read inside a write brings (app/kpis/rollups.py, app/network/
# touch.py): a read's rows are all held at once, and an import's batch refreshes 10,000
# contacts (their KPI sources in one read took 130 MB of the API's memory).
CONTACTS_PER_READ = 1000


def slices(items: list[T], size: int) -> Iterator[list[T]]:
    """`items` in consecutive slices of at most `size`."""
    return (items[start:start + size] for start in range(0, len(items), size))


async def in_pages(items: list[T], size: int, at_once: int | asyncio.Semaphore,
                   work: Callable[[list[T]], Awaitable[list[U]]]) -> list[U]:
    """`work` over pages of `size` items, `at_once` pages at a time (or as many as a
    semaphore shared with other calls lets), the answers concatenated in the items' order.
    Each query runs on one core of the server: a scan of the company's accounts split this
    way spreads over its cores (on a Graph; a SharedTransaction still runs them in turn)."""
    turns = at_once if isinstance(at_once, asyncio.Semaphore) else asyncio.Semaphore(at_once)

    async def page(part: list[T]) -> list[U]:
        async with turns:
            return await work(part)

    found = await asyncio.gather(*[page(part) for part in slices(items, size)])
    return [item for answer in found for item in answer]

class SharedTransaction(Reader):
    """Reads inside one open read transaction; callers that run at once (gather) take turns,
    because a transaction runs one query at a time. A query's own `timeout_s` gives way to
    the transaction's."""

    def __init__(self, tx: AsyncManagedTransaction, graph: "Graph") -> None:
        self.tx = tx
        self.graph = graph
        self.zone = graph.zone
        self.turn = asyncio.Lock()
        self.unplanned = False  # a read met a first run: the others run no query either

    async def read(self, query: LiteralString, *, timeout_s: float | None = None,
                   **params: Any) -> list[Row]:
        async with self.turn:
            self._allowed(query, params)
            return await rows(self.tx, query, **params)

    async def read_shaped(self, query: LiteralString, shape: Callable[[Row], T], *,
                          timeout_s: float | None = None, **params: Any) -> list[T]:
        async with self.turn:
            self._allowed(query, params)
            return await one_list(self.tx, query, params, shape)

    def _allowed(self, query: LiteralString, params: Row) -> None:
        """Within the turn, so that no other read of the transaction is running when one
        meets a first run and the transaction gives way."""
        if not self.unplanned:
            try:
                self.graph.run_allowed(query, params)
                return
            except Unplanned:
                self.unplanned = True
        raise Unplanned(query, params)

    async def together(self, work: Callable[[Reader], Awaitable[T]]) -> T:
        return await work(self)


def in_one_transaction(
    service: Callable[Concatenate[Reader, P], Coroutine[Any, Any, T]],
) -> Callable[Concatenate[Reader, P], Coroutine[Any, Any, T]]:
    """Run a service's reads in one read transaction (Reader.together)."""

    @functools.wraps(service)
    async def together(graph: Reader, /, *args: P.args, **kwargs: P.kwargs) -> T:
        return await graph.together(lambda reader: service(reader, *args, **kwargs))

    return together


class Graph(Reader):
    """Runs named queries in managed transactions: retried on transient faults, routed by mode."""

    def __init__(self, driver: AsyncDriver, settings: Settings, *, causal: bool = True) -> None:
        """`causal`: each transaction waits for this Graph's earlier writes (and, in a
        request, its client's); background work that needs no more than what has been
        committed (the start's planning) goes without, and waits for no one's large commit."""
        self.driver = driver
        self.database = settings.neo4j_database
        self.zone = settings.org_zone
        self.read_timeout_s = settings.read_timeout_s
        self.analytics_timeout_s = settings.analytics_timeout_s
        self.write_timeout_s = settings.write_timeout_s
        self.retry_budget_s = settings.retry_budget_s
        # Sessions do not share bookmarks unless given a manager: with this one every
        # transaction of this process sees the writes it committed before, on any cluster member.
        self.bookmark_manager = AsyncGraphDatabase.bookmark_manager() if causal else None
        self.committing: set[asyncio.Task[None]] = set()  # reads answered, COMMIT under way
        self.planned: set[PlanKey] = set()  # what this process has run (plan_key)
        self.replanned: set[PlanKey] = set()  # what ran again after Neo4j planned it again
        # Told of each write committed (the webhook worker, which then looks for outbox marks
        # at once instead of at its next poll).
        self.after_write: list[Callable[[], None]] = []

    def session(self) -> AsyncSession:
        """A session after this process's writes and, once the request is authenticated, those
        of its client."""
        request = causal.current.get() if self.bookmark_manager else None
        return self.driver.session(
            database=self.database, bookmark_manager=self.bookmark_manager,
            bookmarks=Bookmarks.from_raw_values(request.awaited) if request else None)

    async def read(self, query: LiteralString, *, timeout_s: float | None = None,
                   **params: Any) -> list[Row]:
        async def work(tx: AsyncManagedTransaction) -> list[Row]:
            self.run_allowed(query, params)
            return await rows(tx, query, **params)

        return await self.read_tx(work, timeout_s=timeout_s)

    async def read_shaped(self, query: LiteralString, shape: Callable[[Row], T], *,
                          timeout_s: float | None = None, **params: Any) -> list[T]:
        async def work(tx: AsyncManagedTransaction) -> list[T]:
            self.run_allowed(query, params)
            return await one_list(tx, query, params, shape)

        return await self.read_tx(work, timeout_s=timeout_s)

    def run_allowed(self, query: LiteralString, params: Row) -> None:
        """Unplanned, for a query's first run in this process within a read budget (read_tx)."""
        key = plan_key(query, params)
        if key in self.planned:
            return
        listed = first_runs.get()
        if listed is None:
            raise Unplanned(query, params)
        listed.append(key)

    async def together(self, work: Callable[[Reader], Awaitable[T]]) -> T:
        """`work`'s reads in one read transaction, retried whole on transient faults.

        One session, BEGIN and COMMIT for them all, instead of one each: a decision chain
        took 3.1 ms of API CPU with its four reads in four transactions, 2.5 ms in one
        (measured in process on uvloop, p50 4.0 -> 3.6 ms).
        Neo4j isolates read committed, so this is not a snapshot: a write committed between
        two of the reads is seen by the second. The read timeout bounds them all together.
        """
        async def run(tx: AsyncManagedTransaction) -> T:
            return await work(SharedTransaction(tx, self))

        return await self.read_tx(run)

    async def write(self, query: LiteralString, **params: Any) -> list[Row]:
        async def work(tx: AsyncManagedTransaction) -> list[Row]:
            return await rows(tx, query, **params)

        return await self.write_tx(work)

    @contextlib.asynccontextmanager
    async def _answered_within(self, timeout_s: float) -> AsyncIterator[None]:
        """A transaction of `timeout_s`, with its retries, or DatabaseUnavailable."""
        try:
            async with asyncio.timeout(timeout_s + self.retry_budget_s + UNRESPONSIVE_GRACE_S):
                yield
        except TimeoutError:
            raise DatabaseUnavailable("The graph database did not answer; retry shortly.") from None

    async def read_tx(self, work: TxWork[T], *, timeout_s: float | None = None) -> T:
        """`work`'s answer within the read budget (or `timeout_s`), planning aside.

        Neo4j counts planning against a transaction's budget and keeps a plan only when its
        transaction ends well. A path search takes seconds to plan (7-8 s for 5 hops on a
        two-core machine, and 1.5 s more to make it executable, against a 5 s read budget),
        and again for parameters of another type or size class. So a query's first run in
        this process, with parameters of its kinds, has the analytics budget: the work runs
        again within it when it meets one (`run_allowed`). A query that ends at the budget
        all the same runs once more within the analytics budget when Neo4j takes long to plan
        it (it plans again when the graph's statistics have moved, or has dropped the plan);
        one that is slow to run, not to plan, ends with the budget's error.
        """
        budget = timeout_s or self.read_timeout_s
        # A read inside another's first run (a Graph's own, not its shared transaction's) is
        # not one of its queries.
        within = first_runs.set(None)
        try:
            return await self._answer(work, budget)
        except Unplanned:
            pass
        except EndedAtBudget as ended:
            if not await self._planned_again(ended):
                raise ended.error from None
        finally:
            first_runs.reset(within)
        ran: list[PlanKey] = []
        listing = first_runs.set(ran)
        try:
            return await self._answer(work, max(budget, self.analytics_timeout_s))
        except EndedAtBudget as again:
            raise again.error from None
        finally:
            first_runs.reset(listing)
            # Whatever came of it: a query's next runs have the read budget.
            self._remember(self.planned, ran)

    async def _planned_again(self, ended: EndedAtBudget) -> bool:
        """Whether the query that ended at its budget did so being planned again: Neo4j's own
        time for an EXPLAIN of it now is long (a plan it has answers in milliseconds). Once per
        query and kind of parameters in a process; a failure to ask keeps the budget's error."""
        key = plan_key(ended.query, ended.params)
        if key in self.replanned:
            return False
        self._remember(self.replanned, [key])
        try:
            return await self._planning_s(ended.query, ended.params) >= PLANNING_TOOK_LONG_S
        except (DatabaseUnavailable, DriverError, Neo4jError) as exc:
            log.warning("a query past its read budget could not be planned: %s", exc)
            return False

    async def _answer(self, work: TxWork[T], budget_s: float) -> T:
        """`work`'s answer as soon as it has one, before its transaction's COMMIT is answered.

        A read transaction changes nothing, so nothing of what it read depends on its COMMIT;
        the COMMIT's round trip and the session's closing then run while the answer is built
        and sent (0.1-0.2 ms of every answer). A fault before the answer is retried or raised
        as always; a fault after it (in the COMMIT) is only logged. A retry after an answer
        runs no query again.
        """
        answer: asyncio.Future[T] = asyncio.get_running_loop().create_future()

        waited_once = waiting_for_bookmarks_once(work)

        async def once(tx: AsyncManagedTransaction) -> None:
            holder: list[tuple[LiteralString, dict[str, Any]]] = []
            running.set(holder)
            if not answer.done():
                try:
                    answer.set_result(await waited_once(tx))
                except ClientError as exc:
                    if "TransactionTimedOut" in (exc.code or "") and holder:
                        raise EndedAtBudget(exc, *holder[-1]) from exc
                    raise

        async def transaction() -> None:
            async with self._answered_within(budget_s), self.session() as session:
                with pipelined_begin(session):
                    await session.execute_read(unit_of_work(timeout=budget_s)(once))

        task = asyncio.create_task(transaction())
        try:
            await asyncio.wait((answer, task), return_when=asyncio.FIRST_COMPLETED)
        except asyncio.CancelledError:
            task.cancel()
            raise
        if not answer.done():
            task.result()  # the transaction's fault, after its retries
        if not task.done():
            self.committing.add(task)
            task.add_done_callback(self._committed)
        return answer.result()

    def _committed(self, task: asyncio.Task[None]) -> None:
        self.committing.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.warning("a read transaction failed after its answer: %s", task.exception())

    @staticmethod
    def _remember(known: set[PlanKey], keys: list[PlanKey]) -> None:
        if len(known) + len(keys) > PLANNED_KEPT:
            known.clear()
        known.update(keys)

    async def _planning_s(self, query: LiteralString, params: Row) -> float:
        """The seconds Neo4j takes to plan `query` for `params` (EXPLAIN, in a transaction of
        its own within the analytics budget), by its own clock, so that waiting for a
        connection or a busy server does not count: next to nothing when it has the plan."""
        async def explain(tx: AsyncManagedTransaction) -> float:
            summary = await (await tx.run("EXPLAIN " + query, params)).consume()
            return (summary.result_available_after or 0) / 1000

        async with self._answered_within(self.analytics_timeout_s), \
                self.driver.session(database=self.database) as session:
            return await session.execute_read(
                unit_of_work(timeout=self.analytics_timeout_s)(explain))

    async def settle(self) -> None:
        """Wait for the COMMITs of reads that have answered (before the driver closes)."""
        while self.committing:
            await asyncio.wait(set(self.committing))

    async def write_tx(self, work: TxWork[T]) -> T:
        async with self._answered_within(self.write_timeout_s), self.session() as session:
            with pipelined_begin(session):
                done = await session.execute_write(
                    unit_of_work(timeout=self.write_timeout_s)(waiting_for_bookmarks_once(work)))
            for told in self.after_write:
                told()
            request = causal.current.get()
            if request is not None:
                # The request's writes follow one another (a large import commits batch after
                # batch), so the last one's bookmark covers them all.
                request.written = tuple(sorted((await session.last_bookmarks()).raw_values))
            return done

    async def rolled_back(self, work: TxWork[T]) -> T:
        """`work` in a write transaction that is rolled back, so that nothing it writes is
        kept: Neo4j plans its queries all the same (app/warm.py plans writes this way)."""
        async with self._answered_within(self.write_timeout_s), self.session() as session:
            tx = await session.begin_transaction(timeout=self.write_timeout_s)
            try:
                # An explicit transaction runs queries as a managed one does.
                return await work(cast(AsyncManagedTransaction, tx))
            finally:
                # Rolls back; nothing to do for a transaction the driver already closed (a
                # cancelled one), whose rollback would raise over the cancellation.
                await tx.close()

    async def auto_commit(self, query: LiteralString, **params: Any) -> None:
        """For schema changes and CALL ... IN TRANSACTIONS, which cannot run in a managed tx."""
        async with self.session() as session:
            result = await session.run(query, params)
            await result.consume()


# The Neo4j driver release pipelined_begin was checked against. The lock pins the driver
# exactly (requirements.lock); tests/db/test_transactions.py fails when the pin moves away from
# this, until the flag is checked again on the new release and this is updated.
DRIVER_CHECKED = "6.4.1"


def pipelined_begin(session: object) -> contextlib.AbstractContextManager[Any]:
    """Within it, a managed transaction sends its BEGIN with its first query instead of waiting
    for BEGIN's answer: one round trip fewer, 0.1 ms of each answer (measured in process).

    The driver's `execute_query` does this for its one query; for transactions of several
    queries it is reachable only through this private flag of the session, the one private
    thing the project uses (DRIVER_CHECKED). A driver without it runs the transaction as
    before, a round trip slower (tests/db notice).
    """
    return getattr(session, "_pipelined_begin", contextlib.nullcontext())


def run_with_graph(settings: Settings, work: Callable[[Graph], Awaitable[T]]) -> T:
    """Run `work` with a short-lived driver, outside the API (CLI commands, tests)."""

    async def run() -> T:
        driver = create_driver(settings)
        try:
            graph = Graph(driver, settings)
            try:
                return await work(graph)
            finally:
                await graph.settle()
        finally:
            await driver.close()

    return asyncio.run(run())
