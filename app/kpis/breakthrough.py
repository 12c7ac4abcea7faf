"""The influence line's breakthrough list (重点突破, docs/domain.md section 10): the members of
the scope's focus decision chains at neutral or below on some degree whom an employee reaches.
The rule is app/chains/breakthrough.py's, as in the action lists."""

from dataclasses import dataclass
from datetime import date

from app.chains.breakthrough import Candidate, candidates
from app.config import Settings
from app.db.cypher import q
from app.db.graph import Reader, in_pages
from app.domain import US, Role
from app.features.service import UNASSESSED, views_of
from app.paths import repository as paths

# Accounts whose focus deals are read, and searched, in one transaction; pages at once.
PAGE_ACCOUNTS = 250
PAGES_AT_ONCE = 4


@dataclass(frozen=True, slots=True)
class Target:
    contact_id: str
    account_id: str
    opportunity_id: str
    role: Role
    degrees: list[str]


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


async def targets(graph: Reader, settings: Settings, account_ids: list[str], as_of: date,
                  timeout_s: float | None = None) -> list[Target]:
    """Every breakthrough target at these accounts on the date: by account, deal, then the
    blockers' order within the deal."""
    return await in_pages(account_ids, PAGE_ACCOUNTS, PAGES_AT_ONCE,
                          lambda page: _page(graph, settings, page, as_of, timeout_s))
