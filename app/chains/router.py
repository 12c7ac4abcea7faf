from typing import Annotated

from fastapi import APIRouter, Query, Response

from app.auth.deps import AccessDep
from app.auth.policy import resolve_ref
from app.chains import decision_map as maps
from app.chains import risk, service
from app.chains.schemas import DealInfluencers, DealRisk, DecisionChain, DecisionMap, Member
from app.deps import AsOf, GraphDep, MaxHops, SettingsDep
from app.errors import documented
from app.ids import ID
from app.nodes.names import names
from app.routes import CheckedRoute
from app.sheets.words import LangParam
from app.sheets.writing import SHEET_RESPONSES, FormatParam, models_download

router = APIRouter(prefix="/v1/opportunities", tags=["decision chains"], route_class=CheckedRoute)
NOT_FOUND = documented(404, "Unknown opportunity")


@router.get(f"/{ID}/decision-chain", response_model=DecisionChain,
            responses={**NOT_FOUND, **SHEET_RESPONSES})
async def decision_chain(id: str, graph: GraphDep, settings: SettingsDep, as_of: AsOf,
                         access: AccessDep, format: FormatParam = None,
                         lang: LangParam = None) -> DecisionChain | Response:
    """Members with roles, the account each worked at on the date (null when none, or when it
    is outside the principal's perspective) and seven features (this deal's assessments
    first), coverage plain and weighted, lead or lag against each competitor, and blockers with
    veto holders first. With `format`, the members as a spreadsheet."""
    chain = await access.answer(id, lambda reader: service.decision_chain(
        reader, settings, opportunity_id=id, as_of=as_of, accounts=access.reach.accounts))
    if format is None:
        return chain
    # The competitors holding members by name, for people.
    held = None if lang is None else await names(
        graph, [k for m in chain.members for k in m.competitor_held])
    return await models_download(format, ("decision-chain", f"deal:{chain.opportunity.id}", str(as_of)),
                                 Member, chain.members, lang, held, graph=graph)


@router.get(f"/{ID}/decision-map", response_model=DecisionMap, responses=NOT_FOUND)
async def decision_map(id: str, settings: SettingsDep, as_of: AsOf,
                       access: AccessDep) -> DecisionMap:
    """The decision chain as an org map: reporting and influence lines among its members
    (general and this deal's own) and competitor staff influencing them."""
    return await access.answer(id, lambda reader: maps.decision_map(
        reader, settings, opportunity_id=id, as_of=as_of))


@router.get(f"/{ID}/influencers", response_model=DealInfluencers, responses=NOT_FOUND)
async def influencers(id: str, settings: SettingsDep, as_of: AsOf,
                      access: AccessDep, max_hops: MaxHops,
                      include_paths: bool = False,
                      limit: Annotated[int, Query(ge=1, le=100)] = 100) -> DealInfluencers:
    """A stuck deal: every employee who can reach its blockers, most blockers first."""
    result = await access.answer(id, lambda reader: service.influencers(
        reader, settings, opportunity_id=id, as_of=as_of, max_hops=max_hops,
        include_paths=include_paths, limit=limit, viewer=access.viewer))
    await access.audit("influencers", id)
    return result


@router.get(f"/{ID}/risk", response_model=DealRisk,
            responses=documented(404, "Unknown opportunity, employee or contact"))
async def deal_risk(id: str, settings: SettingsDep, as_of: AsOf,
                    access: AccessDep, max_hops: MaxHops,
                    employee_left: str | None = None, contact_left: str | None = None) -> DealRisk:
    """Single-threaded members (one colleague holds the relationship) and, with employee_left or
    contact_left, which members would lose every path if that person left."""
    if employee_left:
        employee_left = resolve_ref(access.viewer, employee_left)
        await access.network(employee_left)
    result = await access.answer(id, lambda reader: risk.deal_risk(
        reader, settings, opportunity_id=id, as_of=as_of, max_hops=max_hops,
        employee_left=employee_left, contact_left=contact_left, viewer=access.viewer))
    await access.audit("risk", id)
    return result
