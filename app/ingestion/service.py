"""Import documents and single items: validate everything, then write, or write nothing."""

from datetime import date
from typing import Any

from app.config import Settings
from app.db.graph import Graph
from app.domain import RelType
from app.errors import NotFound, ValidationFailed
from app.heap import cycle_collection_paused
from app.ingestion import repository
from app.ingestion.schemas import Item, document_of, section_models
from app.ingestion.validation import Parsed, check_references, parse_document


async def import_document(graph: Graph, settings: Settings, raw: Any, *,
                          progress: repository.Progress | None = None) -> dict[str, int]:
    with cycle_collection_paused():
        parsed = parse_document(raw)
    # Each form of the document is let go once the next is built, so that at most two are
    # alive: for 100k assessments the JSON takes 62 MB, the models 112 MB and the planned
    # rows 92 MB (tracemalloc), and the rows alone are held through the long write.
    del raw
    steps, counts = await _plan(graph, settings, parsed)
    del parsed
    await _write(graph, settings, steps, progress)
    return counts


async def store(graph: Graph, settings: Settings, parsed: Parsed, *,
                progress: repository.Progress | None = None) -> dict[str, int]:
    steps, counts = await _plan(graph, settings, parsed)
    await _write(graph, settings, steps, progress)
    return counts


async def _plan(graph: Graph, settings: Settings,
                parsed: Parsed) -> tuple[list[repository.Step], dict[str, int]]:
    """The write steps of a wholly valid document and its counts, or every problem in it."""
    with cycle_collection_paused():
        problems = parsed.problems + await check_references(
            parsed, lambda ids: repository.stored_kinds(graph, ids))
        if problems:
            raise ValidationFailed(problems)
        doc = parsed.doc
        steps = repository.plan(doc, today=date.today(),
                                default_influence=settings.influence_default_strength)
    return steps, {name: len(getattr(doc, name)) for name in section_models()}


async def _write(graph: Graph, settings: Settings, steps: list[repository.Step],
                 progress: repository.Progress | None) -> None:
    await repository.write(graph, steps, batch_size=settings.import_batch_size,
                           single_tx_max_rows=settings.import_single_tx_max_rows,
                           progress=progress, concurrency=settings.import_concurrency)


async def store_one(graph: Graph, settings: Settings, section: str, item: Item) -> None:
    """One item through the same validation and write path; error paths name its own fields."""
    prefix = f"{section}[0]"
    try:
        await store(graph, settings, Parsed(document_of({section: [item]}), []))
    except ValidationFailed as exc:
        errors = [{**e, "path": e["path"].removeprefix(prefix).lstrip(".")}
                  for e in exc.extra["errors"]]
        raise ValidationFailed(errors) from None


async def end_relationship(graph: Graph, *, rel_type: RelType, from_id: str, to_id: str,
                           opportunity_id: str | None, until: date) -> int:
    ended = await repository.end_relationship(graph, rel_type=rel_type, from_id=from_id,
                                              to_id=to_id, opportunity_id=opportunity_id,
                                              until=until)
    if not ended:
        raise NotFound(f"no current {rel_type} edge from {from_id!r} to {to_id!r} "
                       "that started before that date")
    return ended
