"""Write endpoints: the import document and single-item writes for other systems."""

import asyncio
from collections.abc import Awaitable, Callable
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Header, Request, Response
from pydantic import BaseModel, Field

from app.auth.deps import WriteAccess
from app.bodies import JsonRoute, sent_as_json, spooled
from app.dates import Bounded
from app.db.cypher import q
from app.deps import GraphDep, SettingsDep
from app.domain import RelType
from app.errors import documented
from app.ingestion import service
from app.ingestion.etags import node_etag
from app.ingestion.provenance import Source
from app.ingestion.schemas import (
    AccountIn,
    ActivityIn,
    AssessmentIn,
    CompetitorIn,
    CompetitorStaffIn,
    ContactIn,
    EmployeeIn,
    EspScoreIn,
    ExchangeRateIn,
    ImportDocument,
    ImportResult,
    Item,
    OpportunityIn,
    RelationshipIn,
    TeamIn,
    ThirdPartyIn,
)
from app.ingestion.service import Writer
from app.ingestion.validation import parse_body

SourceHeader = Annotated[Source | None, Header(
    alias="X-BRM-Source", description="Where the write comes from, kept with every record "
    "written (default: import for /v1/import, api otherwise)")]

router = APIRouter(prefix="/v1", tags=["ingestion"], route_class=JsonRoute)

_IMPORT_BODY = {
    "requestBody": {
        "required": True,
        "content": {"application/json": {
            "schema": {"$ref": "#/components/schemas/ImportDocument"},
        }},
    },
}


@router.post("/import", response_model=ImportResult, openapi_extra=_IMPORT_BODY,
             responses={413: {"description": "Body too large"},
                        422: {"description": "Every problem of the document; nothing written"}})
async def import_document(request: Request, graph: GraphDep, settings: SettingsDep,
                          access: WriteAccess, source: SourceHeader = None) -> ImportResult:
    """Upsert a whole document by id. Validated whole first: on any error nothing is written;
    an item outside what the caller may write refuses the whole document (403)."""
    sent_as_json(request)
    with await spooled(request, settings.max_request_bytes,
                       settings.import_stream_min_bytes) as body:
        # Off the event loop: a large document takes a second or more to read.
        parsed = await asyncio.to_thread(parse_body, body, settings.import_stream_min_bytes)
    counts = await service.import_parsed(graph, settings, parsed,
                                         writer=Writer.of(access, source or Source.IMPORT))
    return ImportResult(counts=counts)


class Stored(BaseModel):
    stored: str = Field(examples=["contacts"])
    id: str | None = Field(None, examples=["c-1001"])


Endpoint = Callable[..., Awaitable[Stored]]


def _single_item_route(section: str, model: type[Item]) -> Endpoint:
    async def endpoint(body: model, graph: GraphDep, settings: SettingsDep,  # type: ignore[valid-type]
                       access: WriteAccess, source: SourceHeader = None) -> Stored:
        await service.store_one(graph, settings, section, body,
                                writer=Writer.of(access, source or Source.API))
        return Stored(stored=section, id=getattr(body, "id", None))

    endpoint.__doc__ = f"Store one item of `{section}` (same rules as the import document)."
    return endpoint


def _node_upsert_route(section: str, model: type[Item]) -> Endpoint:
    async def endpoint(body: model, response: Response, graph: GraphDep,  # type: ignore[valid-type]
                       settings: SettingsDep, access: WriteAccess, source: SourceHeader = None,
                       if_match: Annotated[str | None, Header(
                           description="The ETag of GET /v1/<kind>/{id}: written only if the "
                                       "record has not changed since (else 412)")] = None,
                       ) -> Stored:
        node_id: str = body.id  # type: ignore[attr-defined]
        await service.store_one(graph, settings, section, body,
                                writer=Writer.of(access, source or Source.API), if_match=if_match)
        found = await graph.read_one(q("nodes/properties"), id=node_id)
        if found:
            response.headers["ETag"] = node_etag(found["node"])
        return Stored(stored=section, id=node_id)

    endpoint.__doc__ = (f"Upsert one of `{section}` by id (same rules as the import document). "
                        "Answers with the record's new ETag; send it back as If-Match with the "
                        "next edit so that nobody's change is overwritten unseen.")
    return endpoint


SINGLE_ITEM_ROUTES: list[tuple[str, str, type[Item]]] = [
    ("/accounts", "accounts", AccountIn),
    ("/teams", "teams", TeamIn),
    ("/employees", "employees", EmployeeIn),
    ("/contacts", "contacts", ContactIn),
    ("/competitors", "competitors", CompetitorIn),
    ("/competitor-staff", "competitor_staff", CompetitorStaffIn),
    ("/third-parties", "third_parties", ThirdPartyIn),
    ("/opportunities", "opportunities", OpportunityIn),
    ("/relationships", "relationships", RelationshipIn),
    ("/assessments", "assessments", AssessmentIn),
    ("/activities", "activities", ActivityIn),
    ("/esp-scores", "esp_scores", EspScoreIn),
    ("/exchange-rates", "exchange_rates", ExchangeRateIn),
]
NODE_SECTIONS = {"accounts", "teams", "employees", "contacts", "competitors", "competitor_staff",
                 "third_parties", "opportunities"}
for _path, _section, _model in SINGLE_ITEM_ROUTES:
    node = _section in NODE_SECTIONS
    router.add_api_route(_path, (_node_upsert_route if node else _single_item_route)(
                             _section, _model), methods=["POST"],
                         response_model=Stored, name=f"store_{_section}",
                         summary=f"Store one of {_section}",
                         responses=documented(412, "If-Match no longer matches; nothing written")
                         if node else None)


class EndRelationship(BaseModel):
    type: RelType
    from_: str = Field(alias="from", min_length=1, max_length=256)
    to: str = Field(min_length=1, max_length=256)
    opportunity_id: str | None = None
    until: Bounded[date] = Field(description="The first day on which the relationship no longer "
                                             "holds; its start day takes it back (it held on no "
                                             "day)")


class Ended(BaseModel):
    ended: int


@router.post("/relationships/end", response_model=Ended, responses={404: {"description":
             "No current edge matches"}})
async def end_relationship(body: EndRelationship, graph: GraphDep, settings: SettingsDep,
                           access: WriteAccess, source: SourceHeader = None) -> Ended:
    """End a relationship: sets `until`; nothing is deleted, so history stays exact."""
    return Ended(ended=await service.end_relationship(
        graph, settings, rel_type=body.type, from_id=body.from_, to_id=body.to,
        opportunity_id=body.opportunity_id, until=body.until,
        writer=Writer.of(access, source or Source.API)))


__all__ = ["ImportDocument", "router"]
