"""Import documents and single items: validate everything, then write, or write nothing."""

from collections.abc import Awaitable
from dataclasses import dataclass
from datetime import date
from typing import Any

from neo4j import AsyncManagedTransaction

from app.auth.policy import Access
from app.auth.writes import authorise, company_wide_writer, masked
from app.config import Settings
from app.db.cypher import q
from app.db.graph import Graph, rows
from app.domain import RelType
from app.errors import Forbidden, NotFound, PreconditionFailed, ValidationFailed
from app.ingestion import repository
from app.ingestion.etags import matches, node_etag
from app.ingestion.provenance import TRUSTED_IMPORT, Provenance, Source, now_utc
from app.ingestion.schemas import Item, RelationshipIn, document_of, section_models
from app.ingestion.validation import (
    Parsed,
    check_currencies,
    check_emails,
    check_references,
    check_reporting_loops,
    parse_document,
    resolve_colleague_emails,
)


@dataclass(frozen=True)
class Writer:
    """Who writes: `access` is checked by the write policy (None: a trusted caller, the CLI or
    the demo), `entered` is kept on every record written."""

    access: Access | None
    entered: Provenance

    @classmethod
    def of(cls, access: Access, source: Source) -> "Writer":
        p = access.principal
        return cls(access, Provenance(source, p.id, p.employee_id))


TRUSTED = Writer(None, TRUSTED_IMPORT)


async def import_document(graph: Graph, settings: Settings, raw: Any, *, writer: Writer,
                          progress: repository.Progress | None = None) -> dict[str, int]:
    parsed = parse_document(raw)
    # The document's JSON containers are let go once its models are built (100k contacts:
    # about 210 MB of Python objects, the strings shared); the models are held through the
    # write by its steps, which make each batch's rows when it is written (repository.QueryStep).
    # Read into the models directly (pydantic's validate_json), the body took as much at its
    # peak and the process kept it. A large body is read as it arrives instead
    # (validation.parse_body).
    del raw
    return await import_parsed(graph, settings, parsed, writer=writer, progress=progress)


async def import_parsed(graph: Graph, settings: Settings, parsed: Parsed, *, writer: Writer,
                        progress: repository.Progress | None = None) -> dict[str, int]:
    """Validates and writes a parsed document; its spooled parts are deleted after."""
    try:
        steps, counts = await plan_document(graph, settings, parsed, writer)
        await _write(graph, settings, steps, progress)
        return counts
    finally:
        parsed.close()


async def plan_document(graph: Graph, settings: Settings, parsed: Parsed,
                writer: Writer) -> tuple[list[repository.Step], dict[str, int]]:
    """The write steps of a wholly valid document this writer may write, and its counts; or
    every problem in it (422), or every item the writer may not write (403)."""
    def owners(keys: list[str]) -> Awaitable[dict[str, str]]:
        return repository.email_owners(graph, keys)

    today = graph.today()  # one day for the checks and the writes, even across midnight
    problems = parsed.problems + await resolve_colleague_emails(parsed, owners)
    problems += await check_references(parsed, lambda ids: repository.stored_kinds(graph, ids))
    problems += await check_emails(parsed, owners)
    problems += await check_reporting_loops(
        parsed, today, lambda ids: repository.reporting_above(graph, ids, today))
    problems += await check_currencies(parsed, settings.reporting_currency,
                                       lambda currencies: repository.first_rates(graph, currencies))
    if problems:
        raise ValidationFailed(problems if writer.access is None
                               else masked(problems, writer.access.viewer))
    doc = parsed.doc
    if writer.access is not None:
        await authorise(writer.access, doc, parsed.at)
    steps = repository.plan(doc, today=today, settings=settings, entered=writer.entered,
                            now=now_utc())
    return steps, {name: len(getattr(doc, name)) for name in section_models()}


async def _write(graph: Graph, settings: Settings, steps: list[repository.Step],
                 progress: repository.Progress | None) -> None:
    await repository.write(graph, steps, settings, batch_size=settings.import_batch_size,
                           single_tx_max_rows=settings.import_single_tx_max_rows,
                           progress=progress, concurrency=settings.import_concurrency)


async def store_one(graph: Graph, settings: Settings, section: str, item: Item, *,
                    writer: Writer, if_match: str | None = None) -> None:
    """One item through the same validation, policy and write path. With `if_match` (an
    upsert of a node by id), written only if the node's ETag still matches: checked and
    written in one transaction under the node's lock, else 412 and nothing written."""
    steps = await plan_one(graph, settings, section, item, writer=writer)
    if if_match is None:
        await _write(graph, settings, steps, None)
        return
    node_id = getattr(item, "id", None)

    async def checked(tx: AsyncManagedTransaction) -> None:
        found = await rows(tx, q("ingestion/lock_node"), id=node_id)
        if not found or not matches(if_match, node_etag(found[0]["node"])):
            raise PreconditionFailed(f"{node_id!r} changed since it was read (If-Match does "
                                     "not match its ETag); nothing was written")
        await repository.run_steps(tx, steps, settings)

    await graph.write_tx(checked)


async def plan_one(graph: Graph, settings: Settings, section: str, item: Item, *,
                   writer: Writer) -> list[repository.Step]:
    """The write steps of one item, or its problems; error paths name its own fields."""
    prefix = f"{section}[0]"
    try:
        steps, _ = await plan_document(graph, settings, Parsed(document_of({section: [item]}), []),
                                       writer)
    except (ValidationFailed, Forbidden) as exc:
        for e in exc.extra.get("errors", []):
            e["path"] = e["path"].removeprefix(prefix).lstrip(".")
        raise
    return steps


async def end_relationship(graph: Graph, settings: Settings, *, rel_type: RelType, from_id: str,
                           to_id: str, opportunity_id: str | None, until: date,
                           writer: Writer) -> int:
    if writer.access is not None:
        edge = RelationshipIn.model_construct(type=rel_type, from_=from_id, to=to_id,
                                              opportunity_id=opportunity_id)
        doc = document_of({"relationships": [edge]})
        # To a writer limited to its perspective, an id nothing has is unknown (422), as in a
        # document, before who may write the edge: "outside this principal's accounts" said of
        # it would be wrong. (One who may write anything is told there is no such edge, 404.)
        unknown = [] if company_wide_writer(writer.access) else await check_references(
            Parsed(doc, []), lambda ids: repository.stored_kinds(graph, ids))
        if unknown:
            raise ValidationFailed(masked([{**p, "path": p["path"].removeprefix("relationships[0].")}
                                           for p in unknown], writer.access.viewer))
        await authorise(writer.access, doc, lambda *_: "")
    ended = await repository.end_relationship(graph, settings, rel_type=rel_type, from_id=from_id,
                                              to_id=to_id, opportunity_id=opportunity_id,
                                              until=until, ended=writer.entered.props(now_utc()))
    if not ended and not await repository.ended_on(
            graph, rel_type=rel_type, from_id=from_id, to_id=to_id,
            opportunity_id=opportunity_id, until=until):
        raise NotFound(f"no current {rel_type} edge from {from_id!r} to {to_id!r} "
                       "that started on or before that date")
    return ended  # 0: it ended on that day already (a retry of this request)
