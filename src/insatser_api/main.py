"""The FastAPI application: `create_app()` and the module-level `app` for uvicorn."""

from __future__ import annotations

import copy
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.routing import APIRoute
from starlette.types import Scope

from insatser_api import __version__
from insatser_api.catalog.dependencies import CATALOG_VERSION_HEADER
from insatser_api.catalog.filters import InsatsFilterQuery
from insatser_api.catalog.registry import CatalogRegistry
from insatser_api.catalog.router import router as catalog_router
from insatser_api.catalog.vardkedja_router import router as vardkedja_router
from insatser_api.config import Settings, get_settings
from insatser_api.decisions.log import DecisionLog
from insatser_api.eligibility.facts import router as facts_router
from insatser_api.eligibility.router import router as eligibility_router
from insatser_api.hsds.router import router as hsds_router
from insatser_api.kit.database import Database
from insatser_api.kit.dates import today_in_stockholm
from insatser_api.kit.errors import DATABASE_RESPONSES, install_problem_handlers
from insatser_api.kit.heap import settle_after_start_up
from insatser_api.kit.middleware import DefaultHeader, HeadAsGet, RejectNul
from insatser_api.ops.catalog_watch import CatalogWatcher, load_at_start
from insatser_api.ops.docs import install_docs
from insatser_api.ops.health import router as health_router
from insatser_api.ops.logs import configure_logging
from insatser_api.ops.metrics import router as metrics_router
from insatser_api.ops.reload import reload_on_sighup, serve_registry
from insatser_api.ops.reload import router as admin_router
from insatser_api.ops.telemetry import RequestTelemetry
from insatser_api.pages.router import install_pages
from insatser_api.records.router import router as records_router
from insatser_api.security.errors import install_auth_problem_handler
from insatser_api.security.hardening import install_hardening, install_key_verifier
from insatser_api.statistics.router import router as statistics_router

DESCRIPTION = (
    "Östersunds kommuns insatser utan individuell behovsprövning (socialtjänstlagen "
    "(2025:400) 11 kap. 5 §): katalogen, prövning av villkoren och hur genomförandet ska "
    "dokumenteras (14 kap. 3–5 §). Varje svar hänvisar till avsnittet i nämndens bilaga och "
    "till lagrummet.\n\n"
    "Fel besvaras som RFC 9457 problem details (`application/problem+json`). Varje svar har "
    "huvudet `Catalog-Version` med den katalogversion som användes.\n\n"
    "Anrop kräver en API-nyckel (`Authorization: Bearer <nyckel>`) med rätt behörighet "
    "(scope): utan giltig nyckel svarar tjänsten 401, utan behörigheten 403. Hälsokontrollerna "
    "är öppna, och katalogen kan vara öppen för alla (`INSATSER_PUBLIC_CATALOG`)."
)


def create_app(settings: Settings | None = None, catalog_dir: Path | None = None) -> FastAPI:
    settings = settings or get_settings()
    catalog_dir = catalog_dir or settings.catalog_dir
    registry = load_at_start(catalog_dir)
    database = Database(settings.database_url)
    decision_log = (
        DecisionLog(database.write_engine, max_queued=settings.decision_log_max_queued)
        if settings.decision_log_enabled
        else None
    )

    @asynccontextmanager
    async def lifespan(application: FastAPI) -> AsyncIterator[None]:
        watcher = CatalogWatcher(application, settings.catalog_watch_seconds)
        watcher.start()
        async with reload_on_sighup(application):
            yield
        watcher.stop()
        if decision_log is not None:
            decision_log.close()
        application.state.key_usage.close()
        database.dispose()

    app = FastAPI(
        title="insatser-api",
        lifespan=lifespan,
        version=__version__,
        description=DESCRIPTION,
        generate_unique_id_function=_operation_id,
        docs_url=None,  # served from package files by install_docs, not from a CDN
        redoc_url=None,
        openapi_tags=[
            {"name": "Katalog", "description": "Katalogen över insatser och dess versioner."},
            {"name": "Behörighet", "description": "Får personen ta del av insatsen?"},
            {
                "name": "Dokumentation",
                "description": "Anteckningar om genomförda insatser (14 kap. 3–5 § SoL).",
            },
            {"name": "Uppföljning", "description": "Statistik för nämndens uppföljning."},
            {
                "name": "Tjänstekatalog (HSDS)",
                "description": "Katalogen som Open Referral HSDS 3.0, för tjänstekataloger.",
            },
            {"name": "Drift", "description": "Hälsa, mätvärden och omladdning av katalogen."},
        ],
    )
    app.state.settings = settings
    serve_registry(app, registry)
    app.state.retry_after_seconds = settings.database_retry_after_seconds
    app.state.database = database
    app.state.decision_log = decision_log
    app.state.catalog_dir = catalog_dir
    install_key_verifier(app, settings)
    install_problem_handlers(app)
    install_auth_problem_handler(app)
    app.include_router(catalog_router)
    app.include_router(facts_router)
    app.include_router(vardkedja_router)
    app.include_router(hsds_router)
    app.include_router(eligibility_router)
    app.include_router(records_router)
    app.include_router(statistics_router)
    app.include_router(health_router)
    app.include_router(metrics_router)
    app.include_router(admin_router)
    install_docs(app)
    install_pages(app, settings)

    def version_today(_: Scope) -> str:
        current: CatalogRegistry = app.state.registry
        try:
            return current.in_force(today_in_stockholm()).version
        except LookupError:
            return current.versions[0].version

    app.add_middleware(RejectNul)
    install_hardening(app, settings)
    app.add_middleware(DefaultHeader, name=CATALOG_VERSION_HEADER, value=version_today)
    _document_catalog_version_header(app)
    # HEAD answers wherever GET does (inside the telemetry, which counts it as HEAD).
    app.add_middleware(HeadAsGet)
    _outermost(app, RequestTelemetry)
    return app


def _outermost(app: FastAPI, middleware: type[RequestTelemetry]) -> None:
    """Wrap the whole stack, Starlette's error middleware included, so that the 500 it answers
    an unexpected exception with is counted, logged and carries the request id too."""
    build = app.build_middleware_stack
    app.build_middleware_stack = lambda: middleware(build())  # type: ignore[method-assign]


def _operation_id(route: APIRoute) -> str:
    return route.name


def _document_catalog_version_header(app: FastAPI) -> None:
    """Every response carries `Catalog-Version` (api.md); say so on every documented response."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is not None:
            return app.openapi_schema
        schema = build()
        header = {"$ref": "#/components/headers/Catalog-Version"}
        schema.setdefault("components", {})["headers"] = {
            "Catalog-Version": {
                "description": "Katalogversionen som svaret bygger på",
                "schema": {"type": "string", "example": "2025-07-01"},
            }
        }
        for path, operations in schema["paths"].items():
            for operation in operations.values():
                responses = operation.setdefault("responses", {})
                if path not in _WITHOUT_DATABASE:
                    # Any database trouble (a key check included) is this 503, on every route.
                    responses.setdefault("503", copy.deepcopy(DATABASE_RESPONSES[503]))
                    _problem_schema(responses["503"])
                for response in responses.values():
                    response.setdefault("headers", {})[CATALOG_VERSION_HEADER] = header
        _document_screening_filters(schema)
        app.openapi_schema = schema
        return schema

    app.openapi = openapi  # type: ignore[method-assign]


def _document_screening_filters(schema: dict[str, Any]) -> None:
    """The screening takes the list's filters (`GET /v1/insatser`) and reads them itself
    (catalog/filters.py `filter_of_query`), so FastAPI does not see them: its documented query
    parameters are the list's, copied before the request body as FastAPI places them."""
    names = set(InsatsFilterQuery.model_fields)
    listed = schema["paths"]["/v1/insatser"]["get"]["parameters"]
    parameters = [copy.deepcopy(p) for p in listed if p["name"] in names]
    operation = schema["paths"]["/v1/eligibility"]["post"]
    ordered: dict[str, Any] = {}
    for key, value in operation.items():
        if key == "requestBody":
            ordered["parameters"] = parameters
        ordered[key] = value
    operation.clear()
    operation.update(ordered)


# Routes that never touch the database (readiness documents its own 503).
_WITHOUT_DATABASE = frozenset({"/health/live", "/health/ready"})


def _problem_schema(response: dict[str, Any]) -> None:
    """The 503 entry's problem body refers to the Problem schema FastAPI already emits."""
    for content in response.get("content", {}).values():
        content.setdefault("schema", {"$ref": "#/components/schemas/Problem"})


def served_app() -> FastAPI:
    """The app as `insatser-api serve` runs it in each worker (uvicorn's factory): logging
    configured, and the garbage collector set for a long-running process once start-up has
    built the catalogue (kit/heap.py). An app built in-process by `create_app` leaves the
    collector as it found it."""
    settings = get_settings()
    configure_logging(settings.log_level, settings.log_format)
    application = create_app(settings)
    settle_after_start_up()
    return application


def __getattr__(name: str) -> FastAPI:
    # `insatser_api.main:app` is built on first access, so importing this module (tests, the
    # CLI) does not read the catalogue from the working directory.
    if name == "app":
        settings = get_settings()
        configure_logging(settings.log_level, settings.log_format)
        application = create_app(settings)
        globals()["app"] = application
        return application
    raise AttributeError(name)
