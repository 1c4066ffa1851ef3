"""Catalogue reload without downtime: build and validate a new registry, then swap it in.

The registry is immutable and endpoints read `app.state.registry` once per request, so one
assignment is the whole swap: a request sees the old catalogue or the new one, never a mix. A
folder that does not load or compile is refused and the old registry keeps serving.

Every worker reloads itself, in place: its catalogue watcher (ops/catalog_watch.py) notices a
changed folder within seconds; `POST /v1/admin/catalog/reload` and SIGHUP make the worker that
gets them act at once (`insatser-api serve` passes a SIGHUP on to every worker). No process is
restarted for a new catalogue.
"""

from __future__ import annotations

import asyncio
import logging
import signal
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, suppress
from pathlib import Path
from typing import NoReturn

from fastapi import APIRouter, FastAPI, Request

from insatser_api.catalog.loader import CatalogError
from insatser_api.catalog.registry import CatalogRegistry
from insatser_api.catalog.responses import catalog_versions
from insatser_api.kit.dates import today_in_stockholm
from insatser_api.kit.errors import PROBLEM_MEDIA_TYPE, FieldError, Problem, ProblemError
from insatser_api.ops.catalog_watch import (
    first_report,
    publish_digest,
    registry_digest,
    save_snapshot,
    scan_folder,
)
from insatser_api.ops.metrics import CATALOG_RELOADS
from insatser_api.ops.schemas import CatalogReloaded
from insatser_api.security.dependencies import Admin
from insatser_api.security.errors import AUTH_RESPONSES

logger = logging.getLogger(__name__)

_reloading = threading.Lock()


class CatalogRefused(ProblemError):
    status = 422
    slug = "catalog-refused"


def serve_registry(app: FastAPI, registry: CatalogRegistry) -> str:
    """Make `registry` the one this worker serves; its folder digest is returned."""
    digest = registry_digest(registry)
    previous: str | None = getattr(app.state, "catalog_digest", None)
    app.state.registry = registry
    app.state.catalog_digest = digest
    publish_digest(previous, digest)
    return digest


def reload_catalog(app: FastAPI, seen: str | None = None) -> CatalogRegistry:
    """Load, validate and compile the catalogue folder again; swap it in or raise `CatalogRefused`.

    `seen`: the folder digest the caller saw (the watcher), to report a refusal under."""
    directory: Path = app.state.catalog_dir
    with _reloading:  # two reloads at once would race to the assignment
        try:
            registry = CatalogRegistry.from_directory(directory)
        except CatalogError as exc:
            _refuse(str(exc), directory, seen or scan_folder(directory))
        except Exception as exc:  # a compile failure: refuse it all the same, keep serving
            _refuse(
                f"{directory}: katalogen kunde inte kompileras ({type(exc).__name__})",
                directory,
                seen or scan_folder(directory),
            )
        before = getattr(app.state, "catalog_digest", None)
        digest = serve_registry(app, registry)
    if digest != before:
        save_snapshot(directory, digest)
        CATALOG_RELOADS.labels("ok").inc()
        logger.info(
            "catalogue reloaded",
            extra={
                "catalog_versions": [v.version for v in registry.versions],
                "catalog_digest": digest,
            },
        )
    return registry


def _refuse(fault: str, directory: Path, digest: str | None) -> NoReturn:
    CATALOG_RELOADS.labels("refused").inc()
    # The message names a catalogue file and its fault: the file is the nämnd's, not a caller's.
    # Logged once per instance and folder content, by whichever worker meets it first.
    if first_report(f"refused:{directory.resolve()}:{digest}"):
        logger.error(
            "catalogue reload refused; the loaded version keeps serving",
            extra={"error": fault, "catalog_digest": digest},
        )
    file, _, what = fault.partition(": ")
    raise CatalogRefused(
        "Katalogen laddades inte om; den tidigare inlästa versionen används fortfarande.",
        [FieldError(field=file, message=what or fault, code="invalid_catalog")],
    )


def _reload_quietly(app: FastAPI) -> None:
    with suppress(CatalogRefused):  # logged and counted; nothing else to tell a signal
        reload_catalog(app)


@asynccontextmanager
async def reload_on_sighup(app: FastAPI) -> AsyncIterator[None]:
    """Lifespan: SIGHUP reloads this process's catalogue in a thread, off the event loop."""
    loop = asyncio.get_running_loop()
    try:
        loop.add_signal_handler(
            signal.SIGHUP, lambda: loop.run_in_executor(None, _reload_quietly, app)
        )
    except (NotImplementedError, RuntimeError, ValueError, AttributeError):
        # No SIGHUP (Windows) or not the main thread (a test client): reload by request only.
        yield
        return
    try:
        yield
    finally:
        loop.remove_signal_handler(signal.SIGHUP)


router = APIRouter(tags=["Drift"])


@router.post(
    "/v1/admin/catalog/reload",
    summary="Läs in katalogen på nytt",
    description="Läser in, validerar och kompilerar katalogmappen på nytt och byter till den "
    "nya versionen utan avbrott. Processen som tar emot anropet byter direkt; tjänstens övriga "
    "processer och instanser ser själva att mappen ändrats och byter inom några sekunder "
    "(svaret anger mappens `digest`, som också visas av `/health/ready`). En fil som inte går att använda avvisas med 422 som anger "
    "filen och felet; den tidigare inlästa katalogen fortsätter då att användas. "
    "Kräver behörigheten `admin`.",
    responses={
        **AUTH_RESPONSES,
        200: {
            "description": "Katalogen är inläst; svaret listar versionerna som nu används",
            "content": {
                "application/json": {
                    "example": {
                        "items": [
                            {
                                "version": "2025-07-01",
                                "valid_from": "2025-07-01",
                                "valid_to": None,
                                "digest": "sha256:…",
                                "insats_count": 28,
                                "in_force": True,
                            }
                        ],
                        "digest": "sha256:…",
                    }
                }
            },
        },
        422: {
            "model": Problem,
            "description": "Katalogfilen avvisades; den tidigare katalogen används fortfarande",
            "content": {
                PROBLEM_MEDIA_TYPE: {
                    "example": {
                        "type": "tag:insatser-api,2025:problems/catalog-refused",
                        "title": "Ogiltiga uppgifter",
                        "status": 422,
                        "detail": "Katalogen laddades inte om; den tidigare inlästa versionen "
                        "används fortfarande.",
                        "errors": [
                            {
                                "field": "catalog/ostersund/2026-01-01.yaml",
                                "message": "1 fel i katalogen\n  insatser[2](bra-samtal-vuxen)."
                                "consent.without_consent_from_15: Input should be a valid "
                                "boolean",
                                "code": "invalid_catalog",
                            }
                        ],
                    }
                }
            },
        },
    },
)
def reload_catalog_endpoint(request: Request, _: Admin) -> CatalogReloaded:
    # A plain `def`: loading and compiling take a while and run in the thread pool.
    registry = reload_catalog(request.app)
    return CatalogReloaded(
        items=catalog_versions(registry, today_in_stockholm()).items,
        digest=request.app.state.catalog_digest,
    )
