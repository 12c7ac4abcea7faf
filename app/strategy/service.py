"""Strategy recommendation (ESP+) and action lists from the action principles (docs/domain.md
section 8)."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from app.actions.service import mark_tracked
from app.auth.policy import EVERYONE, Viewer
from app.chains.breakthrough import Candidate, candidates
from app.chains.service import DealView, deal_view
from app.config import Settings
from app.db.cypher import q
from app.db.graph import Graph, Row
from app.domain import US
from app.errors import NotFound
from app.esp import service as esp
from app.esp.schemas import ResourceClass
from app.features.service import DEGREES, UNASSESSED, Portrait, attitudes, portraits
from app.kpis.figures import average, tier
from app.kpis.scope_data import months_before
from app.nodes.names import names
from app.paths import repository as paths
from app.paths.service import shown_order
from app.strategy.schemas import ActionItem, ActionList, Helper, StrategyRecommendation
from app.strategy.tactics import TACTICS, TACTICS_ZH, Strategy


@dataclass(frozen=True)
class AccountView:
    account: Row
    owner_ids: list[str]
    focus_opportunity_ids: list[str]
    people: dict[str, Portrait]
    averages: dict[str, float | None]
    previous_month: dict[str, float | None]
    previous_year: dict[str, float | None]


async def _averages(graph: Graph, account_id: str, as_of: date) -> dict[str, float | None]:
    row = await graph.read_one(q("strategy/account"), id=account_id, as_of=as_of)
    ids = row["key_person_ids"] if row else []
    views = await attitudes(graph, ids, as_of=as_of)
    known = [views.get((c, US), UNASSESSED) for c in ids]
    return {d: average(known, d) for d in DEGREES}


async def account_view(graph: Graph, settings: Settings, account_id: str, as_of: date) -> AccountView:
    row = await graph.read_one(q("strategy/account"), id=account_id, as_of=as_of)
    if row is None:
        raise NotFound(f"no Account with id {account_id!r}")
    people = await portraits(graph, settings, row["key_person_ids"], as_of=as_of)
    return AccountView(
        account=row["account"], owner_ids=row["owner_ids"],
        focus_opportunity_ids=row["focus_opportunity_ids"], people=people,
        averages={d: average([p.attitudes for p in people.values()], d) for d in DEGREES},
        previous_month=await _averages(graph, account_id, months_before(as_of, 1)),
        previous_year=await _averages(graph, account_id, months_before(as_of, 12)))


def recommend(view: AccountView, settings: Settings,
              resource_class: ResourceClass) -> tuple[Strategy, dict[str, object]]:
    people = list(view.people.values())
    fully_known = sum(p.known_features == 7 for p in people)
    share = fully_known / len(people) if people else 0.0
    complete = len(people) >= settings.strategy_min_key_persons and share >= settings.strategy_complete_share
    tiers = {d: tier(v, excellent=settings.tier_excellent, poor=settings.tier_poor)
             for d, v in view.averages.items()}
    drops = {d: round(before - now, 10) for d in DEGREES
             if (now := view.averages[d]) is not None and (before := view.previous_month[d]) is not None}
    facts: dict[str, object] = {
        "key_persons": len(people), "fully_known": fully_known, "fully_known_share": round(share, 4),
        "complete": complete, "averages": view.averages, "previous_month_averages": view.previous_month,
        "tiers": tiers, "month_on_month_drop": drops, "resource_class": resource_class}
    few = len(people) <= settings.strategy_acquisition_max_key_persons
    if not people or (few and fully_known < len(people)):
        facts["trigger"] = "few key persons and their seven features are not all known"
        return Strategy.ACQUISITION, facts
    if complete and (fell := [d for d, v in drops.items() if v >= settings.strategy_recovery_drop]):
        facts["trigger"] = f"averages fell by at least {settings.strategy_recovery_drop}: {', '.join(fell)}"
        return Strategy.RECOVERY, facts
    poor = [d for d, t in tiers.items() if t == "poor"] if complete else []
    if poor and resource_class == "D":
        facts["trigger"] = f"poor averages: {', '.join(poor)}; resource class D"
        return Strategy.WAIT_AND_SEE, facts
    if complete and all(t in ("excellent", "good") for t in tiers.values()):
        facts["trigger"] = "complete graph with every average good or better"
        return Strategy.RETENTION, facts
    facts["trigger"] = "partial graph or mixed averages"
    if poor:
        facts["trigger"] = f"poor averages ({', '.join(poor)}) but resource class {resource_class}"
    return Strategy.UPGRADE, facts


async def strategy(graph: Graph, settings: Settings, *, account_id: str,
                   as_of: date) -> StrategyRecommendation:
    view = await account_view(graph, settings, account_id, as_of)
    placed = await esp.placement(graph, settings, account_id=account_id, as_of=as_of)
    chosen, facts = recommend(view, settings, placed.resource_class)
    return StrategyRecommendation(account_id=account_id, as_of=as_of, strategy=chosen, facts=facts,
                                  resource_class=placed.resource_class, grid=placed.grid,
                                  tactics=TACTICS[chosen], tactics_zh=TACTICS_ZH[chosen])


async def _helpers(graph: Graph, settings: Settings, targets: list[str], as_of: date,
                   viewer: Viewer, opportunity_id: str | None = None) -> dict[str, list[Helper]]:
    """Employees who can reach each target, best first (every one of them, not cut)."""
    if not targets:
        return {}
    rows, _ = await paths.best_paths(graph, settings, target_ids=sorted(set(targets)), as_of=as_of,
                                     max_hops=settings.path_max_hops_default, employee_ids=None,
                                     avoid_opposed=True, opportunity_id=opportunity_id)
    found: dict[str, list[Helper]] = defaultdict(list)
    for r in rows:
        found[r["target_id"]].append(Helper(employee_id=viewer.ref(r["employee_id"]),
                                            masked=not viewer.sees(r["employee_id"]),
                                            strength=r["strength"], hops=r["hops"]))
    return {target: shown_order(helpers) for target, helpers in found.items()}


def _gaps(p: Portrait) -> list[str]:
    a = p.attitudes
    gaps = [d for d in DEGREES if a.score(d) is None]
    gaps += [v for v in ("veto", "approver") if getattr(a, v) is None]
    gaps += [] if p.reporting_known else ["reporting_relationship"]
    gaps += [] if p.influence_known else ["influence_relationship"]
    return gaps


def _person_actions(p: Portrait, *, focus: bool, opportunity_id: str | None = None) -> list[ActionItem]:
    a, items = p.attitudes, []
    common = {"contact_id": p.contact_id, "opportunity_id": opportunity_id}
    if focus and (p.contact_level == "none" or _gaps(p)):
        items.append(ActionItem(principle="hundred_percent", gaps=_gaps(p)
                                + (["contact"] if p.contact_level == "none" else []),
                                detail=f"{p.name}: contact and capture all seven features", **common))
    short = [d for d in DEGREES if (s := a.score(d)) is not None and s < 0]
    if short:
        items.append(ActionItem(principle="fix_short_boards", gaps=short,
                                detail=f"{p.name} opposes on {', '.join(short)}: raise to at least neutral",
                                **common))
    return items


def _breakthrough_targets(settings: Settings, deal: DealView) -> list[Candidate]:
    """On a focus deal, its members at neutral or below on some degree (this deal's
    assessments first), in the blockers' order; whether someone reaches them is the caller's."""
    if not deal.focus:
        return []
    return candidates(settings, ((m.contact_id, m.role, deal.people[m.contact_id].attitudes)
                                 for m in deal.chain.members))


def _deal_items(settings: Settings, deal: DealView,
                helpers: dict[str, list[Helper]]) -> list[ActionItem]:
    """What a deal asks for beyond its members' own items: the breakthroughs that someone
    reaches (`helpers`: found with the deal's own edges) and the rivals to lead."""
    chain, opportunity_id = deal.chain, deal.chain.opportunity.id
    names = {m.contact_id: m.name for m in chain.members}
    items = [ActionItem(principle="breakthrough", contact_id=cid, opportunity_id=opportunity_id,
                        gaps=degrees, helpers=helpers[cid][:settings.helpers_per_action],
                        detail=f"{names[cid]} is at neutral or below on {', '.join(degrees)} "
                               f"in a focus deal: break through first")
             for cid, degrees in _breakthrough_targets(settings, deal) if helpers.get(cid)]
    items += [ActionItem(principle="lead_one_dimension", opportunity_id=opportunity_id,
                         competitor_id=rival.competitor_id,
                         detail="lead this competitor on at least one of the three degrees")
              for rival in chain.competitors
              if "lead" not in (rival.closeness, rival.solution, rival.price)]
    return items


def to_improve(settings: Settings, now: float | None, month: float | None,
               year: float | None) -> list[str]:
    """Why an account's average on a degree calls for continuous improvement: it fell since a
    month or a year before, or it is below good; nothing when it is unknown, or good or
    better and did not fall."""
    if now is None:
        return []
    reasons = [f"fell {when} from {before:.2f}"
               for when, before in (("month-on-month", month), ("year-on-year", year))
               if before is not None and now < before]
    if tier(now, excellent=settings.tier_excellent, poor=settings.tier_poor) in BELOW_GOOD:
        reasons.append("below good")
    return reasons


BELOW_GOOD = ("medium", "poor")


async def account_actions(graph: Graph, settings: Settings, *, account_id: str, as_of: date,
                          viewer: Viewer = EVERYONE) -> ActionList:
    view = await account_view(graph, settings, account_id, as_of)
    focus = bool(view.account.get("focus"))
    items = [i for p in view.people.values() for i in _person_actions(p, focus=focus)]
    for d in DEGREES:
        if reasons := to_improve(settings, view.averages[d], view.previous_month[d],
                                 view.previous_year[d]):
            items.append(ActionItem(principle="continuous_improvement", gaps=[d],
                                    detail=f"average {d} {view.averages[d]:.2f}: "
                                           + "; ".join(reasons)))
    helpers = await _helpers(graph, settings, [i.contact_id for i in items if i.contact_id]
                             + list(view.people), as_of, viewer)
    for i in items:
        if i.contact_id:
            i.helpers = helpers.get(i.contact_id, [])[:settings.helpers_per_action]
    for opportunity_id in view.focus_opportunity_ids:
        deal = await deal_view(graph, settings, opportunity_id=opportunity_id, as_of=as_of)
        targets = [cid for cid, _ in _breakthrough_targets(settings, deal)]
        items += _deal_items(settings, deal, await _helpers(graph, settings, targets, as_of,
                                                            viewer, opportunity_id))
    for p in view.people.values():
        reach = {h.employee_id for h in helpers.get(p.contact_id, [])}
        owners = {viewer.ref(o) for o in view.owner_ids}
        if not p.insighted and reach and not reach & owners:
            items.append(ActionItem(
                principle="all_staff_participation", contact_id=p.contact_id,
                detail=f"{p.name} is not insighted and the owner has no path; colleagues do",
                helpers=helpers[p.contact_id][:settings.helpers_per_action]))
    return ActionList(as_of=as_of, account_id=account_id, actions=await _named(
        graph, await mark_tracked(graph, items, account_id=account_id, viewer=viewer), viewer))


async def opportunity_actions(graph: Graph, settings: Settings, *, opportunity_id: str,
                              as_of: date, viewer: Viewer = EVERYONE) -> ActionList:
    deal = await deal_view(graph, settings, opportunity_id=opportunity_id, as_of=as_of)
    chain = deal.chain
    if not deal.open:  # won, lost or not yet begun on the day: nothing left to do for it
        return ActionList(as_of=as_of, opportunity_id=opportunity_id, actions=[])
    items = [i for m in chain.members
             for i in _person_actions(deal.people[m.contact_id], focus=deal.focus,
                                      opportunity_id=opportunity_id)]
    targets = [cid for cid, _ in _breakthrough_targets(settings, deal)]
    helpers = await _helpers(graph, settings, [i.contact_id for i in items if i.contact_id]
                             + targets, as_of, viewer, opportunity_id)
    for i in items:
        if i.contact_id:
            i.helpers = helpers.get(i.contact_id, [])[:settings.helpers_per_action]
    items += _deal_items(settings, deal, helpers)
    order = {"breakthrough": 0, "fix_short_boards": 1, "hundred_percent": 2, "lead_one_dimension": 3}
    items.sort(key=lambda i: order.get(i.principle, 9))
    return ActionList(as_of=as_of, opportunity_id=opportunity_id, actions=await _named(
        graph, await mark_tracked(graph, items, account_id=chain.opportunity.account_id or "",
                                  viewer=viewer, opportunity_id=opportunity_id), viewer))


async def _named(graph: Graph, items: list[ActionItem], viewer: Viewer) -> list[ActionItem]:
    """The items with the names of their competitors, and of the helpers and the owners of
    their tracked actions the viewer may see (a masked colleague's id is a reference, never
    looked up)."""
    owners = {i.tracked_owner_id for i in items
              if i.tracked_owner_id and viewer.sees(i.tracked_owner_id)}
    found = await names(graph, [*(h.employee_id for i in items for h in i.helpers if not h.masked),
                                *(i.competitor_id for i in items), *owners])
    for i in items:
        i.competitor_name = found.get(i.competitor_id or "")
        i.tracked_owner_name = found.get(i.tracked_owner_id or "") if i.tracked_owner_id in owners else None
        for h in i.helpers:
            h.name = None if h.masked else found.get(h.employee_id)
    return items
