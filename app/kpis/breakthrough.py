"""The influence line's breakthrough list (重点突破, docs/domain.md section 10): the members of
the scope's focus decision chains at neutral or below on some degree whom an employee reaches.
The rule is app/chains/breakthrough.py's, as in the action lists.

Working the list out for the company reads every open focus deal's chain and searches for an
employee reaching each low member (about 0.6 s at 1x). Today's list is therefore kept per
account once worked out (`BreakthroughState`, kpis/keep_breakthroughs) and read back until a
write may change it: every write raises the version of the accounts it may touch (`stale`, in
the write's own transaction), or the epoch of all of them when it is too large to follow. An
answer reads the versions before it works anything out and keeps a list only if they have not
moved meanwhile, so a kept list is never older than the graph it is read with: the answer is
the one worked out afresh, right after every write. The epoch's token is new whenever the graph
is wiped, so that a list kept late cannot come back as a state of the new graph."""

import asyncio
import hashlib
import logging
from collections.abc import Coroutine
from dataclasses import dataclass
from datetime import date
from enum import IntEnum
from functools import cache
from typing import Any

from neo4j import AsyncManagedTransaction

from app.chains.breakthrough import Candidate, candidates
from app.config import Settings
from app.db import causal
from app.db.cypher import q, template
from app.db.graph import Graph, Reader, Row, in_pages, rows
from app.db.migrations import discover
from app.domain import US, Role
from app.features.service import UNASSESSED, views_of
from app.paths import repository as paths

log = logging.getLogger(__name__)

# Accounts whose focus deals are read, and searched, in one transaction; pages at once.
PAGE_ACCOUNTS = 250
PAGES_AT_ONCE = 4
# A write naming more ids than this makes every kept list stale at once (the epoch): an import
# document's batch, where following each id's neighbourhood would cost more than it saves.
STALE_IDS_MAX = 200
# Raised whenever the rule or what the kept lists hold changes, so that lists kept by an older
# version are worked out again.
RULE_VERSION = 1


@dataclass(frozen=True, slots=True)
class Target:
    contact_id: str
    account_id: str
    opportunity_id: str
    role: Role
    degrees: list[str]


class Steps(IntEnum):
    """Steps of a path search after its first (kpis/breakthroughs_stale)."""

    NONE = 0
    ONE = 1
    TWO = 2
    THREE = 3
    FOUR = 4


async def _page(graph: Reader, settings: Settings, account_ids: list[str], as_of: date,
                timeout_s: float | None) -> list[Target]:
    deals = await graph.read_list(q("kpis/focus_chains"), timeout_s=timeout_s,
                                  account_ids=account_ids, as_of=as_of,
                                  limit=settings.max_chain_members, us=US)
    chains: list[tuple[str, str, dict[str, Role], list[Candidate]]] = []
    for deal in deals:
        views = views_of(deal["attitudes"])
        roles = {m["contact_id"]: Role(m["role"]) for m in deal["members"]}
        chains.append((deal["account_id"], deal["opportunity_id"], roles, candidates(
            settings, ((cid, role, views.get((cid, US), UNASSESSED))
                       for cid, role in roles.items()))))
    reached = await paths.reached(
        graph, as_of=as_of, max_hops=settings.path_max_hops_default,
        targets={deal: [cid for cid, _ in low] for _, deal, _, low in chains},
        timeout_s=timeout_s)
    return [Target(contact_id=cid, account_id=account, opportunity_id=deal,
                   role=roles[cid], degrees=degrees)
            for account, deal, roles, low in chains for cid, degrees in low
            if (deal, cid) in reached]


async def worked_out(graph: Reader, settings: Settings, account_ids: list[str], as_of: date,
                     timeout_s: float | None = None) -> list[Target]:
    """Every breakthrough target at these accounts on the date, read from the graph: by
    account, deal, then the blockers' order within the deal."""
    return await in_pages(account_ids, PAGE_ACCOUNTS, PAGES_AT_ONCE,
                          lambda page: _page(graph, settings, page, as_of, timeout_s))


async def targets(graph: Graph, settings: Settings, account_ids: list[str], as_of: date,
                  limit: int, timeout_s: float | None = None) -> tuple[list[Target], int]:
    """The first `limit` of `worked_out`'s list, and its length: today's from the lists kept
    where no write has come since (only those shown are read whole), the other accounts' worked
    out and kept for the next answer."""
    if not account_ids:
        return [], 0
    if as_of != date.today():
        found = await worked_out(graph, settings, account_ids, as_of, timeout_s)
        return found[:limit], len(found)
    rule = fingerprint(settings)
    state = await graph.read_one(q("kpis/breakthroughs_kept"), timeout_s=timeout_s,
                                 account_ids=account_ids, as_of=as_of, rule=rule)
    assert state is not None  # one row, always
    seen: dict[str, int] = dict(state["stale"])
    lists = await _worked_out_by_account(graph, settings, list(seen), as_of, timeout_s)
    if seen:
        _in_background(_keep(graph, as_of, rule, state["epoch"], state["token"], [
            _state(a, version, lists[a]) for a, version in seen.items()]))
    counts = {a: len(found) for a, found in lists.items()}
    kept = {a: (n, version) for a, n, version in state["kept"]}
    counts.update((a, n) for a, (n, _) in kept.items())
    shown: list[str] = []
    total = 0
    for a in account_ids:
        if counts.get(a) and total < limit:
            shown.append(a)
        total += counts.get(a, 0)
    asked = [[a, kept[a][1]] for a in shown if a in kept]
    read = await graph.read_one(q("kpis/breakthroughs_shown"), timeout_s=timeout_s,
                                states=asked, as_of=as_of, rule=rule) if asked else None
    for a, deals, contacts, roles, gaps in read["lists"] if read else []:
        lists[a] = [Target(contact_id=cid, account_id=a, opportunity_id=deal, role=Role(role),
                           degrees=degrees.split(","))
                    for deal, cid, role, degrees in zip(deals, contacts, roles, gaps, strict=True)]
    # A list kept anew since it was counted (a write came between): worked out again.
    gone = [a for a in shown if a not in lists]
    lists.update(await _worked_out_by_account(graph, settings, gone, as_of, timeout_s))
    total += sum(len(lists[a]) - counts[a] for a in gone)
    return [t for a in shown for t in lists[a]][:limit], total


async def _worked_out_by_account(graph: Graph, settings: Settings, account_ids: list[str],
                                 as_of: date, timeout_s: float | None) -> dict[str, list[Target]]:
    found: dict[str, list[Target]] = {a: [] for a in account_ids}
    for target in await worked_out(graph, settings, account_ids, as_of,
                                   timeout_s) if account_ids else []:
        found[target.account_id].append(target)
    return found


def _state(account_id: str, seen: int, found: list[Target]) -> Row:
    return {"account_id": account_id, "seen": seen,
            "deals": [t.opportunity_id for t in found], "contacts": [t.contact_id for t in found],
            "roles": [t.role.value for t in found], "gaps": [",".join(t.degrees) for t in found]}


async def _keep(graph: Graph, day: date, rule: str, epoch: int, token: str | None,
                states: list[Row]) -> None:
    try:
        await graph.write(q("kpis/keep_breakthroughs"), day=day, rule=rule, epoch=epoch,
                          token=token, states=states)
    except Exception as exc:  # only the next answer's speed depends on it
        log.warning("keeping %d breakthrough lists failed: %s", len(states), exc)


_keeping: set[asyncio.Task[None]] = set()


def _in_background(work: Coroutine[Any, Any, None]) -> None:
    """Off the answer's path; referenced until done, so that it is not collected meanwhile."""
    task = causal.detached(work)
    _keeping.add(task)
    task.add_done_callback(_keeping.discard)


async def settled() -> None:
    """Waits for the lists this event loop is keeping (a process stopping, tests)."""
    loop = asyncio.get_running_loop()
    while mine := [task for task in _keeping if task.get_loop() is loop]:
        await asyncio.gather(*mine, return_exceptions=True)


def fingerprint(settings: Settings) -> str:
    """What a kept list was worked out under besides the graph: the settings the rule reads,
    the rule's version and the schema's (a migration may change the data it reads)."""
    return hashlib.sha256(repr((
        RULE_VERSION, _schema_version(), settings.max_chain_members,
        settings.path_max_hops_default, settings.weight_key_member, settings.weight_evaluator,
        settings.weight_other)).encode()).hexdigest()[:16]


@cache
def _schema_version() -> int:
    return max(m.version for m in discover())


async def deal_accounts(tx: AsyncManagedTransaction, ids: list[str]) -> list[str]:
    """In a write's transaction, before its changes: where the deals among `ids` are, for
    `stale` (a deal that moves leaves its old account's kept list behind)."""
    if not ids or len(ids) > STALE_IDS_MAX:
        return []
    return list((await rows(tx, q("kpis/deal_accounts"), ids=ids))[0]["accounts"])


async def stale(tx: AsyncManagedTransaction, ids: list[str], settings: Settings,
                deal_accounts: list[str] | None = None) -> None:
    """In a write's transaction, after its changes: the kept lists it may change are no longer
    read (`ids`: whatever the write named; `deal_accounts`: where the deals it names were
    before it). Last in the transaction, so that the locks it takes on the states are held only
    until the commit."""
    if not ids:
        return
    if len(ids) > STALE_IDS_MAX:
        await rows(tx, q("kpis/breakthroughs_epoch"))
    else:
        steps = Steps(max(settings.path_max_hops_default - 1, 0))
        await rows(tx, template("kpis/breakthroughs_stale", steps=steps), ids=ids,
                   accounts=deal_accounts or [])


async def all_stale(graph: Graph) -> None:
    """Every kept list is stale: after derived data was rebuilt or a data step ran."""
    await graph.write(q("kpis/breakthroughs_epoch"))
