"""Import documents and single items: validate everything, then write, or write nothing."""

from datetime import date
from typing import Any

from app.auth.policy import Access
from app.auth.writes import authorise
from app.config import Settings
from app.db.graph import Graph
from app.domain import RelType
from app.errors import Forbidden, NotFound, ValidationFailed
from app.heap import cycle_collection_paused
from app.ingestion import repository
from app.ingestion.schemas import Item, RelationshipIn, document_of, section_models
from app.ingestion.validation import Parsed, check_references, parse_document


async def import_document(graph: Graph, settings: Settings, raw: Any, *, writer: Access | None,
                          progress: repository.Progress | None = None) -> dict[str, int]:
    """`writer` None: a trusted caller (the CLI, the demo), else checked by the write policy."""
    with cycle_collection_paused():
        parsed = parse_document(raw)
    # Each form of the document is let go once the next is built, so that at most two are
    # alive: for 100k assessments the JSON takes 62 MB, the models 112 MB and the planned
    # rows 92 MB (tracemalloc), and the rows alone are held through the long write.
    del raw
    steps, counts = await _plan(graph, settings, parsed, writer)
    del parsed
    await _write(graph, settings, steps, progress)
    return counts


async def store(graph: Graph, settings: Settings, parsed: Parsed, *, writer: Access | None,
                progress: repository.Progress | None = None) -> dict[str, int]:
    steps, counts = await _plan(graph, settings, parsed, writer)
    await _write(graph, settings, steps, progress)
    return counts


async def _plan(graph: Graph, settings: Settings, parsed: Parsed,
                writer: Access | None) -> tuple[list[repository.Step], dict[str, int]]:
    """The write steps of a wholly valid document this writer may write, and its counts; or
    every problem in it (422), or every item the writer may not write (403)."""
    with cycle_collection_paused():
        problems = parsed.problems + await check_references(
            parsed, lambda ids: repository.stored_kinds(graph, ids))
        if problems:
            raise ValidationFailed(problems)
        doc = parsed.doc
        if writer is not None:
            await authorise(writer, doc, parsed.at)
        steps = repository.plan(doc, today=date.today(),
                                default_influence=settings.influence_default_strength)
    return steps, {name: len(getattr(doc, name)) for name in section_models()}


async def _write(graph: Graph, settings: Settings, steps: list[repository.Step],
                 progress: repository.Progress | None) -> None:
    await repository.write(graph, steps, batch_size=settings.import_batch_size,
                           single_tx_max_rows=settings.import_single_tx_max_rows,
                           progress=progress, concurrency=settings.import_concurrency)


async def store_one(graph: Graph, settings: Settings, section: str, item: Item, *,
                    writer: Access | None) -> None:
    """One item through the same validation, policy and write path."""
    await _write(graph, settings, await plan_one(graph, settings, section, item, writer=writer),
                 None)


async def plan_one(graph: Graph, settings: Settings, section: str, item: Item, *,
                   writer: Access | None) -> list[repository.Step]:
    """The write steps of one item, or its problems; error paths name its own fields."""
    prefix = f"{section}[0]"
    try:
        steps, _ = await _plan(graph, settings, Parsed(document_of({section: [item]}), []), writer)
    except (ValidationFailed, Forbidden) as exc:
        for e in exc.extra.get("errors", []):
            e["path"] = e["path"].removeprefix(prefix).lstrip(".")
        raise
    return steps


async def end_relationship(graph: Graph, *, rel_type: RelType, from_id: str, to_id: str,
                           opportunity_id: str | None, until: date,
                           writer: Access | None) -> int:
    if writer is not None:
        edge = RelationshipIn.model_construct(type=rel_type, from_=from_id, to=to_id,
                                              opportunity_id=opportunity_id)
        await authorise(writer, document_of({"relationships": [edge]}), lambda *_: "")
    ended = await repository.end_relationship(graph, rel_type=rel_type, from_id=from_id,
                                              to_id=to_id, opportunity_id=opportunity_id,
                                              until=until)
    if not ended:
        raise NotFound(f"no current {rel_type} edge from {from_id!r} to {to_id!r} "
                       "that started before that date")
    return ended
