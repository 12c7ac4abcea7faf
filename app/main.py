"""create_app(): routers, problem+json errors, and a lifespan owning the one driver."""

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from typing import Any

from fastapi import Depends, FastAPI
from fastapi.openapi.utils import get_openapi
from neo4j.exceptions import DriverError, Neo4jError
from starlette.middleware.gzip import DEFAULT_EXCLUDED_CONTENT_TYPES, GZipMiddleware

from app.actions.router import router as actions_router
from app.activities.router import router as activities_router
from app.auth.audit import AuditLog
from app.auth.references import ReferenceKey
from app.auth.router import router as auth_router
from app.capture.router import router as capture_router
from app.chains.router import router as chains_router
from app.changes.router import router as changes_router
from app.competitors.router import router as competitors_router
from app.config import Settings, get_settings
from app.data_steps import data_steps
from app.db.causal import CausalConsistency
from app.db.graph import Graph, create_driver
from app.db.migrations import discover, migrate
from app.errors import PROBLEM_JSON, Problem, install_error_handlers
from app.esp.router import router as esp_router
from app.features.router import router as features_router
from app.headers import HeadAsGet, ResponseHeaders
from app.health.router import router as health_router
from app.ids import RawSegments
from app.ingestion.router import router as ingestion_router
from app.ingestion.schemas import ImportDocument
from app.introductions.router import router as introductions_router
from app.kpis import kept
from app.kpis.router import router as kpis_router
from app.limits import BodyLimit
from app.network.router import router as network_router
from app.nodes.router import router as nodes_router
from app.paths.router import router as paths_router
from app.politics.router import router as politics_router
from app.queries import known_query_parameters
from app.reviews.router import router as reviews_router
from app.search.router import router as search_router
from app.sheets.reading import XLSX
from app.sheets.router import router as sheets_router
from app.strategy.router import router as strategy_router
from app.warm import keep_company_lines_warm, plan_searches
from app.web import router as web
from app.webhooks.router import describe_deliveries
from app.webhooks.router import router as webhooks_router
from app.webhooks.worker import Worker

log = logging.getLogger(__name__)


async def _prepare_when_reachable(graph: Graph, settings: Settings, key: ReferenceKey) -> None:
    """Apply migrations, then load the colleague reference key (made on the first start, after
    the migration that keeps it one node); if the database is down at start, keep trying in
    the background."""
    migrations = discover(settings.migrations_dir) if settings.migrate_on_start else None
    while True:
        try:
            if migrations is not None:
                applied = await migrate(graph, migrations, settings.migration_lock_timeout_s,
                                        data_steps=data_steps(settings))
                if applied:
                    log.info("applied migrations: %s", ", ".join(applied))
            await key.load(graph)
            return
        except (DriverError, Neo4jError) as exc:
            log.warning("database not reachable at start (%s); retrying", exc)
            await asyncio.sleep(settings.retry_after_s)


async def _plan_when_prepared(prepared: asyncio.Task[None], graph: Graph,
                              settings: Settings) -> None:
    with contextlib.suppress(Exception):  # a failed start is reported by the lifespan
        await asyncio.shield(prepared)
    await plan_searches(graph.driver, settings, graph.planned)


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # Writes of this process before this app (another app of the tests) are not its own.
        stale_before = kept.everything_stale_at()
        driver = create_driver(settings)
        graph = Graph(driver, settings)
        app.state.graph = graph
        app.state.settings = settings
        app.state.audit = AuditLog(graph)
        app.state.audit.start()
        app.state.reference_key = ReferenceKey(settings)
        worker = Worker(driver, settings) if settings.webhook_worker else None
        if worker:
            graph.after_write.append(worker.wake)
        background: asyncio.Task[None] | None = None
        # A changed, already-applied migration raises here and stops the start.
        first = asyncio.create_task(_prepare_when_reachable(graph, settings, app.state.reference_key))
        done, _ = await asyncio.wait({first}, timeout=settings.retry_budget_s * 3)
        if first in done:
            first.result()
        else:
            background = first
        if worker:
            worker.start()
        planning = app.state.planning = (
            asyncio.create_task(_plan_when_prepared(first, graph, settings))
            if settings.plan_searches_on_start else None)
        warming = (asyncio.create_task(keep_company_lines_warm(
            driver, settings, graph.planned, since=stale_before, after=planning or first))
                   if settings.warm_company_lines_after_s else None)
        try:
            yield
        finally:
            if background:
                background.cancel()
            if planning:
                planning.cancel()
            if warming:
                warming.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await warming
            if worker:
                await worker.stop()
            await app.state.audit.stop()
            await kept.settled()
            await graph.settle()
            await driver.close()

    app = FastAPI(
        title="BRM relationship intelligence",
        version="1.0.0",
        summary="Who in our company can move this customer's decision makers?",
        lifespan=lifespan,
        # FastAPI's own pages load their scripts from a public CDN: /docs is served from our
        # assets instead (app/web); ReDoc is off, its npm package brings React and some twenty
        # other packages for a second view of the same document.
        docs_url=None, redoc_url=None,
        # `/v1/accounts/` is no route (404), not a redirect to an http:// address behind a
        # proxy that serves https.
        redirect_slashes=False,
        dependencies=[Depends(known_query_parameters)],
    )
    app.state.settings = settings
    install_error_handlers(app, settings.retry_after_s)
    app.add_middleware(BodyLimit, max_bytes=settings.max_request_bytes)
    app.add_middleware(CausalConsistency)
    app.add_middleware(RawSegments)
    if settings.gzip_min_bytes:
        # A company's customer line is 4.5 MB of JSON at 1x: 0.5 MB at level 5, compressed in
        # 36 ms (level 9: 0.47 MB in 131 ms), in a thread past Starlette's 128 KiB; the small
        # answers of the hot paths are sent as they are. A spreadsheet is a zip already.
        app.add_middleware(GZipMiddleware, minimum_size=settings.gzip_min_bytes, compresslevel=5,
                           exclude_content_types=(*DEFAULT_EXCLUDED_CONTENT_TYPES, XLSX))
    app.add_middleware(ResponseHeaders)  # outermost but one, so its headers are on every answer
    app.add_middleware(HeadAsGet)
    # FastAPI tries the routers in this order for every request, 5-10 us each: the answers
    # asked most come first (a decision chain 30 us sooner as the first router than the fourth).
    # The order is only speed: every id is one path segment (app/ids.py), so no router answers
    # for another's paths (tests/test_ids.py).
    app.include_router(paths_router)
    app.include_router(chains_router)
    app.include_router(kpis_router)
    app.include_router(health_router)
    app.include_router(ingestion_router)
    app.include_router(sheets_router)
    app.include_router(capture_router)
    app.include_router(strategy_router)
    app.include_router(competitors_router)
    app.include_router(politics_router)
    app.include_router(esp_router)
    app.include_router(auth_router)
    app.include_router(introductions_router)
    app.include_router(search_router)
    app.include_router(features_router)
    app.include_router(activities_router)
    app.include_router(actions_router)
    app.include_router(reviews_router)
    app.include_router(changes_router)
    app.include_router(webhooks_router)
    app.include_router(network_router)
    app.include_router(nodes_router)
    web.mount(app)
    describe_deliveries(app)
    app.openapi = lambda: _openapi(app)  # type: ignore[method-assign]
    return app


# What any /v1 route may answer besides its own answers (docs/api.md, Errors).
_EVERY_ROUTE = {
    "401": "No bearer token or session, or an unknown or revoked one",
    "403": "Outside the principal's perspective, or a write it may not make",
    "422": "Invalid parameters or body, every problem listed",
    "503": "The database is unreachable or busy (Retry-After)",
    "504": "A query ran past its time budget",
}
# Signing in needs no principal yet.
_SIGNING_IN = {("post", "/v1/session")}


def _openapi(app: FastAPI) -> dict[str, Any]:
    if app.openapi_schema:
        return app.openapi_schema
    schema = get_openapi(title=app.title, version=app.version, summary=app.summary,
                         routes=app.routes, webhooks=app.webhooks.routes)
    # The import body is read raw (to list every error at once); describe it all the same.
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    document = ImportDocument.model_json_schema(ref_template="#/components/schemas/{model}")
    components.update(document.pop("$defs", {}))
    components["ImportDocument"] = document
    problem = Problem.model_json_schema(ref_template="#/components/schemas/{model}")
    components.update(problem.pop("$defs", {}))
    components["Problem"] = problem
    # Errors are problem+json everywhere, 422 included (not FastAPI's HTTPValidationError), and
    # every answer a route may give is listed, for clients generated from this document.
    as_problem = {PROBLEM_JSON: {"schema": {"$ref": "#/components/schemas/Problem"}}}
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            answers = operation.setdefault("responses", {})
            for status, description in _EVERY_ROUTE.items():
                if path.startswith("/v1/") and not (
                        status in ("401", "403") and (method, path) in _SIGNING_IN):
                    answers.setdefault(status, {"description": description})
            if "422" in answers:
                answers["422"]["content"] = as_problem
            for status in ("401", "403", "503", "504"):
                if status in answers:
                    answers[status].setdefault("content", as_problem)
    for operation in (o for item in schema.get("webhooks", {}).values() for o in item.values()):
        # A delivery is answered by the receiver: FastAPI's 422 of a request model is no answer.
        operation.get("responses", {}).pop("422", None)
    for unused in ("HTTPValidationError", "ValidationError"):
        components.pop(unused, None)
    app.openapi_schema = schema
    return schema


app = create_app()
