"""Decision chain of a deal, and the colleagues who can unblock it."""

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from app.auth.policy import EVERYONE, Viewer, shown_account
from app.chains import repository
from app.chains.schemas import (
    ChainInfluencer,
    CompetitorComparison,
    Coverage,
    DealInfluencers,
    DecisionChain,
    Member,
    OpportunitySummary,
    Ratios,
)
from app.config import Settings
from app.db.graph import Reader, Row, in_one_transaction
from app.domain import US, ContactLevel, Role
from app.errors import NotFound
from app.features.service import (
    DEGREES,
    UNASSESSED,
    Attitudes,
    Portrait,
    portraits_of,
    views_of,
)
from app.features.service import attitudes as attitudes_of
from app.nodes.names import names
from app.paths import repository as paths
from app.paths.service import to_path

SUPPORT = 1


KEY_ROLES = frozenset({Role.DECISION_MAKER, Role.APPROVER})


def weight(settings: Settings, role: Role, attitudes: Attitudes) -> float:
    """3 for a decision maker or approver by role, or a holder of either vote; evaluator 2."""
    if attitudes.veto or attitudes.approver or role in KEY_ROLES:
        return settings.weight_key_member
    if role == Role.EVALUATOR:
        return settings.weight_evaluator
    return settings.weight_other


def is_supportive(attitudes: Attitudes) -> bool:
    """Whether these attitudes (ours, or a rival's) support on closeness."""
    return (attitudes.score("closeness") or 0) >= SUPPORT


def share(hits: Iterable[bool], weights: list[float]) -> float | None:
    """The weight of the members for whom `hits` holds, of all members' (None without any)."""
    total = sum(weights)
    return sum(w for hit, w in zip(hits, weights, strict=True) if hit) / total if total else None


def _ratios(members: list[Member], weights: list[float]) -> Ratios:
    tests: dict[str, Callable[[Member], bool]] = {
        "contacted": lambda m: m.contact_level != ContactLevel.NONE,
        "insighted": lambda m: m.insighted,
        "supportive": lambda m: is_supportive(Attitudes(closeness=m.closeness)),
        "reachable": lambda m: m.reachable,
        "competitor_held": lambda m: bool(m.competitor_held),
    }
    return Ratios(**{name: share(map(test, members), weights) for name, test in tests.items()})


def weighted_supportive(settings: Settings,
                        members: list[tuple[str, Role, Attitudes]]) -> float | None:
    """The chain's coverage.weighted.supportive from its members' roles and our attitudes
    alone: what the change feed compares, without building the members."""
    return share((is_supportive(a) for _, _, a in members),
                 [weight(settings, role, a) for _, role, a in members])


def same_members(views: dict[tuple[str, str], Attitudes], ids: Iterable[str], degree: str,
                 rival: str) -> tuple[list[int], list[int]]:
    """Our scores and the rival's on a degree, over the members known toward both."""
    ours, theirs = [], []
    for cid in ids:
        us = views.get((cid, US), UNASSESSED).score(degree)
        them = views.get((cid, rival), UNASSESSED).score(degree)
        if us is not None and them is not None:
            ours.append(us)
            theirs.append(them)
    return ours, theirs


def compare(ours: list[int], theirs: list[int]) -> str:
    if not ours or not theirs:
        return "unknown"
    # mean(ours) against mean(theirs), in integers: exact, and without statistics.mean's
    # Fractions, which cost a decision chain a tenth of a millisecond.
    a, b = sum(ours) * len(theirs), sum(theirs) * len(ours)
    return "lead" if a > b else "lag" if a < b else "tie"


def is_blocker(attitudes: Attitudes) -> bool:
    scores = [attitudes.score(d) for d in DEGREES]
    return any(s is None or s <= 0 for s in scores)


def blockers(settings: Settings, members: Iterable[tuple[str, Role, Attitudes]]) -> list[str]:
    """The ids of members not yet for us on every degree: veto holders first, then approvers,
    then by weight."""
    found = [(cid, role, a) for cid, role, a in members if is_blocker(a)]
    found.sort(key=lambda m: (not m[2].veto, not m[2].approver, -weight(settings, m[1], m[2]), m[0]))
    return [cid for cid, _, _ in found]


def found_deal(found: Row | None, opportunity_id: str) -> Row:
    if found is None:
        raise NotFound(f"no Opportunity with id {opportunity_id!r}")
    return found


async def load_deal(graph: Reader, settings: Settings, opportunity_id: str, as_of: date) -> Row:
    """The deal with its competitor ids and members, or NotFound."""
    return found_deal(await repository.deal(graph, opportunity_id, as_of,
                                            settings.max_chain_members), opportunity_id)


@dataclass(frozen=True)
class DealView:
    """A decision chain with what its answer leaves out: whether the deal is a focus deal,
    whether it is open on the day (created by then, not won or lost by then) and the members'
    portraits (this deal's assessments first)."""

    chain: DecisionChain
    focus: bool
    people: dict[str, Portrait]
    open: bool = True


@in_one_transaction
async def decision_chain(graph: Reader, settings: Settings, *, opportunity_id: str,
                         as_of: date, accounts: frozenset[str] | None = None) -> DecisionChain:
    """The decision chain with the names of its account and competitors, and each member's
    account on `as_of` when it is among `accounts` (the reader's; None: every account): the
    deal was checked against its account, and a member may have worked elsewhere."""
    view = await deal_view(graph, settings, opportunity_id=opportunity_id, as_of=as_of)
    chain, o = view.chain, view.chain.opportunity
    worked_at = {m.contact_id: shown_account(view.people[m.contact_id].account_id, accounts)
                 for m in chain.members}
    named = await names(graph, [o.account_id, *worked_at.values()]
                        + [c.competitor_id for c in chain.competitors])
    return chain.model_copy(update={
        "opportunity": o.model_copy(update={"account_name": named.get(o.account_id or "")}),
        "members": [m.model_copy(update={
            "account_id": worked_at[m.contact_id],
            "account_name": named.get(worked_at[m.contact_id] or "")}) for m in chain.members],
        "competitors": [c.model_copy(update={"competitor_name": named.get(c.competitor_id)})
                        for c in chain.competitors]})


async def deal_view(graph: Reader, settings: Settings, *, opportunity_id: str,
                    as_of: date) -> DealView:
    """The decision chain and its portraits, from one query."""
    deal = found_deal(await repository.decision_chain(
        graph, opportunity_id, as_of, settings.max_chain_members,
        settings.contact_level_window_days), opportunity_id)
    rows: list[Row] = deal["members"]
    ids = [r["contact_id"] for r in rows]
    rivals: list[str] = deal["competitor_ids"]
    views = views_of(deal["attitudes"])  # (contact, perspective) -> attitudes
    people = portraits_of(settings, deal["structure"], views)
    reach = {r["contact_id"]: r for r in deal["reach"]}

    members: list[Member] = []
    ours: list[tuple[str, Role, Attitudes]] = []
    for row in rows:
        person, cid = people[row["contact_id"]], row["contact_id"]
        a = person.attitudes
        held = set(reach[cid]["held_by_staff_of"]) | {
            k for k in rivals if is_supportive(views.get((cid, k), UNASSESSED))}
        members.append(Member(
            contact_id=cid, name=person.name, title=person.title, role=row["role"],
            closeness=a.closeness, solution=a.solution, price=a.price, veto=a.veto,
            approver=a.approver, contact_level=person.contact_level,
            deal_contact_level=person.deal_contact_level or ContactLevel.NONE,
            insighted=person.insighted,
            completeness=round(person.completeness, 4), reachable=reach[cid]["reachable"],
            competitor_held=sorted(held)))
        ours.append((cid, members[-1].role, a))

    weights = [weight(settings, role, a) for _, role, a in ours]

    competitors = [CompetitorComparison(competitor_id=k, **{d: compare(*same_members(views, ids, d, k))
                                                            for d in DEGREES})
                   for k in rivals]

    chain = DecisionChain(
        opportunity=OpportunitySummary(**deal["opportunity"]), as_of=as_of, members=members,
        coverage=Coverage(**_ratios(members, [1.0] * len(members)).model_dump(),
                          weighted=_ratios(members, weights)),
        competitors=competitors, blockers=blockers(settings, ours))
    return DealView(chain=chain, focus=bool(deal["opportunity"].get("focus")), people=people,
                    open=bool(deal["opportunity"].get("open")))


async def deal_blockers(graph: Reader, settings: Settings, opportunity_id: str,
                        as_of: date) -> list[str]:
    """The decision chain's blockers alone: from the members' roles and our attitudes on this
    deal, without the members' structure, reach and rivals' views, and no members to build."""
    deal = found_deal(await repository.deal_attitudes(graph, opportunity_id, as_of,
                                                      settings.max_chain_members), opportunity_id)
    return blockers(settings, our_members(deal["members"], views_of(deal["attitudes"])))


def our_members(members: Iterable[Row],
                views: dict[tuple[str, str], Attitudes]) -> list[tuple[str, Role, Attitudes]]:
    """Members (rows of chains/opportunity) with their role and our attitudes toward them."""
    return [(m["contact_id"], Role(m["role"]), views.get((m["contact_id"], US), UNASSESSED))
            for m in members]


@in_one_transaction
async def influencers(graph: Reader, settings: Settings, *, opportunity_id: str, as_of: date,
                      max_hops: int, include_paths: bool, limit: int,
                      viewer: Viewer = EVERYONE) -> DealInfluencers:
    """Every employee who can reach the deal's blockers: most blockers first, then strength."""
    blocking = await deal_blockers(graph, settings, opportunity_id, as_of)
    rows, truncated = ([], False) if not blocking else await paths.best_paths(
        graph, settings, target_ids=blocking, as_of=as_of, max_hops=max_hops,
        employee_ids=None, avoid_opposed=True, opportunity_id=opportunity_id)
    by_employee: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        by_employee[row["employee_id"]].append(row)
    order = {b: i for i, b in enumerate(blocking)}
    found = [
        (ChainInfluencer(
            employee_id=viewer.ref(e), masked=not viewer.sees(e),
            # A path starts at its employee.
            name=found[0]["nodes"][0]["name"] if viewer.sees(e) else None,
            team_id=found[0]["employee_team_id"] if viewer.sees(e) else None,
            blockers_reachable=sorted({r["target_id"] for r in found}, key=order.__getitem__),
            best_strength=max(r["strength"] for r in found)),
         sorted(found, key=lambda r: order[r["target_id"]]))
        for e, found in by_employee.items()]
    found.sort(key=lambda i: (-len(i[0].blockers_reachable), -i[0].best_strength, i[0].employee_id))
    shown = found[:limit]
    if include_paths:
        # The people on the paths shown with our attitudes toward them on this deal, as an
        # influence path names them.
        views = await attitudes_of(graph, {n["id"] for _, rows in shown for r in rows
                                        for n in r["nodes"] if n["kind"] == "Contact"},
                                   as_of=as_of, opportunity_id=opportunity_id)
        for influencer, rows in shown:
            influencer.paths = [to_path(r, viewer, views) for r in rows]
    return DealInfluencers(opportunity_id=opportunity_id, as_of=as_of, blockers=blocking,
                           influencers=[i for i, _ in shown], truncated=truncated)
