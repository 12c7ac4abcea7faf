"""The influence line's breakthrough list (重点突破, docs/domain.md section 10): the members of
the scope's focus decision chains at neutral or below on some degree whom an employee reaches.
The rule is app/chains/breakthrough.py's, as in the action lists.

Working the list out for the company reads every open focus deal's chain and searches for an
employee reaching each low member (about 1 s at 1x): today's list is kept per account until a
write may change it (app/kpis/kept.py)."""

from dataclasses import dataclass
from datetime import date

from app.chains.breakthrough import LOW, candidates
from app.config import Settings
from app.db.cypher import q
from app.db.graph import Graph, Reader, Row, in_pages
from app.domain import US, Role
from app.features.service import UNASSESSED, views_of
from app.kpis import kept
from app.paths import repository as paths

# Accounts whose focus deals are read, and searched, in one transaction; pages at once.
PAGE_ACCOUNTS = 250
PAGES_AT_ONCE = 4
# Raised whenever the rule or what the kept lists hold changes, so that lists kept by an older
# version are worked out again.
RULE_VERSION = 1
# The company's summary of its accounts' list lengths (app/kpis/kept.py).
SUMMARY = "breakthrough"


@dataclass(frozen=True, slots=True)
class Target:
    contact_id: str
    account_id: str
    opportunity_id: str
    role: Role
    degrees: list[str]


async def _page(graph: Reader, settings: Settings, account_ids: list[str], as_of: date,
                timeout_s: float | None) -> list[Target]:
    deals = await graph.read_list(
        paths.paths_query("kpis/breakthrough_targets", settings.path_max_hops_default),
        timeout_s=timeout_s, account_ids=account_ids, as_of=as_of,
        limit=settings.max_chain_members, us=US, low=LOW, enough=1)
    found: list[Target] = []
    for deal in deals:
        views = views_of(deal["attitudes"])
        roles = {m["contact_id"]: Role(m["role"]) for m in deal["members"]}
        found.extend(Target(contact_id=cid, account_id=deal["account_id"],
                            opportunity_id=deal["opportunity_id"], role=roles[cid],
                            degrees=degrees)
                     for cid, degrees in candidates(settings, (
                         (cid, role, views.get((cid, US), UNASSESSED))
                         for cid, role in roles.items())))
    return found


async def worked_out(graph: Reader, settings: Settings, account_ids: list[str], as_of: date,
                     timeout_s: float | None = None) -> list[Target]:
    """Every breakthrough target at these accounts on the date, read from the graph: by
    account, deal, then the blockers' order within the deal."""
    return await in_pages(account_ids, PAGE_ACCOUNTS, PAGES_AT_ONCE,
                          lambda page: _page(graph, settings, page, as_of, timeout_s))


async def targets(graph: Graph, settings: Settings, account_ids: list[str] | None, as_of: date,
                  limit: int, timeout_s: float | None = None) -> tuple[list[Target], int]:
    """The first `limit` of `worked_out`'s list for these accounts (None: every account, the
    company), and its length: today's from the lists kept where no write has come since (only
    those shown are read whole), the other accounts' worked out and kept for the next answer."""
    if account_ids is not None and not account_ids:
        return [], 0
    if as_of != graph.today():
        found = await worked_out(graph, settings, await _or_every(graph, account_ids, as_of),
                                 as_of, timeout_s)
        return found[:limit], len(found)
    rule = fingerprint(settings)
    if account_ids is None:
        counted = await _company(graph, settings, as_of, rule, timeout_s)
    else:
        counted, keep = await _counted(graph, settings, await graph.read_one(
            q("kpis/breakthroughs_kept"), timeout_s=timeout_s, account_ids=account_ids,
            as_of=as_of, rule=rule), as_of, rule, timeout_s)
        if keep:
            kept.together(graph, keep)
    lists = counted.lists
    shown: list[str] = []
    total = 0
    for a, (n, _) in sorted(counted.lengths.items()):
        if n and total < limit:
            shown.append(a)
        total += n
    asked = [[a, counted.lengths[a][1], counted.lengths[a][0]] for a in shown if a not in lists]
    read = await graph.read_one(q("kpis/breakthroughs_shown"), timeout_s=timeout_s,
                                states=asked, as_of=as_of, rule=rule, epoch=counted.seen.epoch,
                                token=counted.seen.token) if asked else None
    for a, deals, contacts, roles, gaps in read["lists"] if read else []:
        lists[a] = [Target(contact_id=cid, account_id=a, opportunity_id=deal, role=Role(role),
                           degrees=degrees.split(","))
                    for deal, cid, role, degrees in zip(deals, contacts, roles, gaps, strict=True)]
    if any(a not in lists for a in shown):
        # A list kept anew since it was counted (a write came between): the accounts shown
        # may be others, so the whole list is worked out (rare).
        every = await worked_out(graph, settings, await _or_every(graph, account_ids, as_of),
                                 as_of, timeout_s)
        return every[:limit], len(every)
    return [t for a in shown for t in lists[a]][:limit], total


@dataclass(frozen=True, slots=True)
class _Counted:
    """Today's list lengths of the accounts asked for (account id -> length and the version it
    holds at; those without targets may be missing), the lists worked out meanwhile, and the
    epoch, token and writes they were read under."""

    lengths: dict[str, tuple[int, int]]
    lists: dict[str, list[Target]]
    seen: kept.Seen


async def _counted(graph: Graph, settings: Settings, found: Row | None, as_of: date, rule: str,
                   timeout_s: float | None) -> tuple[_Counted, kept.Keep | None]:
    """The lengths of the lists a read of kept lists (kpis/breakthroughs_kept) found holding,
    and of those it found stale, worked out now; and the keep of the latter for the next
    answer."""
    state, stale, seen = kept.state_of(found)
    lists = await _worked_out_by_account(graph, settings, list(stale), as_of, timeout_s)
    keep = kept.answers(q("kpis/keep_breakthroughs"), seen=seen, day=as_of, rule=rule,
                        states=[_state(a, version, lists[a])
                                for a, version in stale.items()]) if stale else None
    lengths = {a: (n, version) for a, n, version in state["kept"]}
    lengths.update((a, (len(lists[a]), version)) for a, version in stale.items())
    return _Counted(lengths, lists, seen), keep


async def _company(graph: Graph, settings: Settings, as_of: date, rule: str,
                   timeout_s: float | None) -> _Counted:
    """Every account's list length: from the company's summary and the accounts touched since
    it was kept, or, where no summary holds (a new day, epoch or rule), from every account's
    kept list; then the summary is kept with the lists worked out (app/kpis/kept.py)."""
    counts = await kept.counts(graph, SUMMARY, timeout_s)
    stamp = counts.stamp(rule)
    held = kept.summary(counts, as_of, stamp)
    if held is not None:
        found = await graph.read_one(
            q("kpis/breakthrough_summary"), timeout_s=timeout_s, kept_at=held["kept_at"],
            as_of=as_of, rule=rule, epoch=counts.epoch, token=counts.token,
            writes=counts.writes, settled=counts.settled)
        counted, keep = await _counted(graph, settings, found, as_of, rule, timeout_s)
        touched = set(found["touched"] if found else ())
        lengths = {a: (n, version) for a, n, version in held["lists"] if a not in touched}
        lengths.update(counted.lengths)
        counted = _Counted(lengths, counted.lists, counted.seen)
    else:
        counted, keep = await _counted(graph, settings, await graph.read_one(
            q("kpis/breakthroughs_kept"), timeout_s=timeout_s, account_ids=None, as_of=as_of,
            rule=rule),
            as_of, rule, timeout_s)
    steps = [keep] if keep else []
    if kept.moved(counts, held) and counted.seen.same_epoch(counts):
        steps.append(kept.summary_step(counts, SUMMARY, as_of, stamp, {"lists": sorted(
            [a, n, version] for a, (n, version) in counted.lengths.items() if n)}))
    if steps:
        kept.together(graph, *steps)
    return counted


async def _or_every(graph: Graph, account_ids: list[str] | None, as_of: date) -> list[str]:
    """These accounts, or (None) every account."""
    if account_ids is not None:
        return account_ids
    return [a["account_id"] for a in await graph.read_list(
        q("kpis/scope_accounts"), owner_ids=None, as_of=as_of,
        timeout_s=graph.analytics_timeout_s)]


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


def fingerprint(settings: Settings) -> str:
    """The settings the rule reads, and its version."""
    return kept.rule(RULE_VERSION, settings.max_chain_members, settings.path_max_hops_default,
                     settings.weight_key_member, settings.weight_evaluator, settings.weight_other)
