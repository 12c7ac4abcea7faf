"""brm: migrate, import a document, load or write demo data, rebuild the KPI pieces."""

from collections.abc import Awaitable, Callable
from datetime import datetime
from pathlib import Path
from typing import TypeVar

import orjson
import typer
from rich.progress import Progress

from app import dates
from app.auth import principals
from app.auth.schemas import PrincipalIn, Role
from app.capture import calendar, mail
from app.capture import service as capture_service
from app.capture.items import Captured
from app.capture.schemas import SkippedOut
from app.config import get_settings
from app.data_steps import data_steps
from app.db.cypher import q
from app.db.graph import Graph, run_with_graph
from app.db.migrations import discover, migrate
from app.demo.generator import generate
from app.errors import ValidationFailed
from app.ingestion.provenance import Provenance, Source
from app.ingestion.schemas import section_models
from app.ingestion.service import TRUSTED, Writer, import_parsed
from app.ingestion.validation import Parsed, parse_body, parse_document
from app.kpis.rollups import rebuild
from app.sheets.reading import CSV, XLSX, located
from app.sheets.reading import items as sheet_items

cli = typer.Typer(help="BRM relationship intelligence: administration commands.",
                  no_args_is_help=True)
T = TypeVar("T")


def _with_graph(work: Callable[[Graph], Awaitable[T]]) -> T:
    return run_with_graph(get_settings(), work)


async def _import_with_progress(graph: Graph, document: Parsed, label: str) -> dict[str, int]:
    with Progress() as progress:
        task = progress.add_task(label, total=None)

        def advance(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)

        return await import_parsed(graph, get_settings(), document, writer=TRUSTED,
                                   progress=advance)


@cli.command("migrate")
def migrate_command() -> None:
    """Apply pending migrations (the API also does this at start)."""
    settings = get_settings()
    applied = _with_graph(lambda g: migrate(g, discover(settings.migrations_dir),
                                            settings.migration_lock_timeout_s,
                                            data_steps=data_steps(settings)))
    typer.echo(f"applied: {', '.join(applied)}" if applied else "schema up to date")


@cli.command("rebuild-kpis")
def rebuild_kpis_command() -> None:
    """Build every KPI piece and day rollup anew, with the acquaintance by activity they count,
    after writes that bypassed the API and the CLI (Cypher run by hand) or a change of the
    activity weights. Stop writes meanwhile: figures are incomplete until it ends."""
    settings = get_settings()
    _with_graph(lambda graph: rebuild(graph, settings))
    typer.echo("KPI pieces and day rollups rebuilt")


@cli.command("import")
def import_command(file: Path, part: str | None = typer.Option(
        None, help="The part a .csv or .xlsx file holds (contacts, relationships, ...)")) -> None:
    """Validate and import one import document (JSON), or one part of it as a spreadsheet
    (.csv or .xlsx with --part), into the graph."""
    media = {".csv": CSV, ".xlsx": XLSX}.get(file.suffix.lower())
    if media and part not in section_models():
        raise typer.BadParameter(f"--part is one of {', '.join(section_models())}")
    try:
        if media:
            document = parse_document({part: sheet_items(str(part), file.read_bytes(), media)})
        else:
            with file.open("rb") as body:
                document = parse_body(body, get_settings().import_stream_min_bytes)
        counts = _with_graph(lambda g: _import_with_progress(g, document,
                                                             f"importing {file.name}"))
    except ValidationFailed as exc:
        errors = located(exc.extra["errors"], str(part)) if media else exc.extra["errors"]
        typer.echo(orjson.dumps({"detail": exc.detail, "errors": errors}).decode(), err=True)
        raise typer.Exit(1) from None
    typer.echo(orjson.dumps(counts).decode())


CAPTURED = {".ics": Source.CALENDAR, ".mbox": Source.MAIL, ".eml": Source.MAIL}


@cli.command("capture")
def capture_command(
        file: Path,
        since: datetime | None = typer.Option(None, formats=["%Y-%m-%d"], help=(
            "A calendar's window starts on this day (default BRM_CAPTURE_DAYS_BACK ago)")),
        until: datetime | None = typer.Option(None, formats=["%Y-%m-%d"], help=(
            "... and ends on this day (default BRM_CAPTURE_DAYS_AHEAD ahead)"))) -> None:
    """Capture a calendar export (.ics) or mail (.mbox, or one message as .eml) as activities,
    as POST /v1/capture/calendar and /v1/capture/mail do; prints what was done as JSON."""
    source = CAPTURED.get(file.suffix.lower())
    if source is None:
        raise typer.BadParameter("FILE is an .ics, .mbox or .eml file")
    settings = get_settings()
    body = file.read_bytes()
    skipped: list[SkippedOut] = []
    items: list[Captured]
    if source == Source.CALENDAR:
        span = calendar.window_for(settings, since and since.date(), until and until.date())
        items, skipped, problems = calendar.events(
            body, window=span, zone=settings.org_zone, typing=calendar.typing_for(settings),
            max_items=settings.capture_max_items)
    else:
        items, problems = mail.messages(body, mail.MBOX if file.suffix.lower() == ".mbox"
                                        else mail.RFC822, max_items=settings.capture_max_items)
    if problems:
        typer.echo(orjson.dumps({"detail": f"{len(problems)} problem(s) in the file; nothing "
                                           "was written", "errors": problems}).decode(), err=True)
        raise typer.Exit(1)

    async def run(graph: Graph) -> str:
        with Progress() as progress:
            task = progress.add_task(f"capturing {file.name}", total=len(items))

            def advance(done: int, total: int) -> None:
                progress.update(task, completed=done, total=total)

            result = await capture_service.capture(
                graph, settings, items, skipped, writer=Writer(None, Provenance(source)),
                progress=advance)
        return result.model_dump_json()

    typer.echo(_with_graph(run))


@cli.command("demo")
def demo_command(scale: float = 1.0, seed: int = 7, out: Path | None = None,
                 if_empty: bool = typer.Option(False, help="Load only into an empty graph")) -> None:
    """Generate demo data; write it to --out, or import it."""
    document = generate(scale=scale, seed=seed, today=dates.today(get_settings().org_zone),
                        emails=True)
    if out:
        out.write_bytes(orjson.dumps(document))
        typer.echo(f"wrote {out}")
        return

    async def load(graph: Graph) -> str:
        if if_empty and (await graph.read(q("admin/any_entity"))):
            return "graph already holds data; demo not loaded"
        counts = await _import_with_progress(graph, parse_document(document),
                                             "loading demo data")
        return orjson.dumps(counts).decode()

    typer.echo(_with_graph(load))


@cli.command("demo-logins")
def demo_logins_command() -> None:
    """Create a rep, a lead and an exec principal on the demo data and print their tokens
    (tokens are shown only here)."""

    async def create(graph: Graph) -> list[str]:
        who = await graph.read_one(q("demo/login_candidates"))
        if who is None or who["rep_id"] is None:
            return ["no team with a lead and an account owner: load the demo first"]
        lines = []
        for role, employee, name in ((Role.REP, who["rep_id"], who["rep_name"]),
                                     (Role.LEAD, who["lead_id"], who["lead_name"]),
                                     (Role.EXEC, who["lead_id"], "company view")):
            made = await principals.create(graph, PrincipalIn(role=role, employee_id=employee,
                                                              name=f"demo {role.value}"), graph.today())
            lines.append(f"{role.value:5} {employee} {name}: {made.token}")
        return lines

    typer.echo("\n".join(_with_graph(create)))


def main() -> None:
    cli()
