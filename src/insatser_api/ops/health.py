"""Liveness and readiness for orchestrators and load balancers."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from insatser_api.catalog.registry import CatalogRegistry
from insatser_api.decisions.log import DecisionLog
from insatser_api.kit.database import Database, write_trouble

logger = logging.getLogger(__name__)

router = APIRouter(tags=["Drift"])


@router.get(
    "/health/live",
    summary="Lever tjänsten?",
    description="Svarar 200 så länge processen kan svara på anrop. Kontrollerar inget annat. "
    "Används av Dockers HEALTHCHECK och som livenessProbe.",
    responses={
        200: {
            "description": "Processen svarar",
            "content": {"application/json": {"example": {"status": "ok"}}},
        }
    },
)
async def health_live() -> dict[str, str]:
    return {"status": "ok"}


@router.get(
    "/health/ready",
    summary="Är tjänsten redo att ta emot anrop?",
    description="200 när katalogen är inläst och databasen både svarar och tar emot skrivningar, "
    "annars 503 med vad som brister (`unreachable`: svarar inte, `read_only`: skrivskyddad, "
    "`disk_full`: disken är full, `not_writable`: skrivningar misslyckas just nu). Används som "
    "readinessProbe: en instans som inte är redo ska inte få anrop. Svaret visar också vilken "
    "katalog processen använder (`catalog.digest`, samma för alla processer och instanser som "
    "läser samma katalogmapp).",
    responses={
        200: {
            "description": "Redo",
            "content": {
                "application/json": {
                    "example": {
                        "status": "ok",
                        "checks": {"catalog": "ok", "database": "ok"},
                        "catalog": {"digest": "sha256:…", "versions": ["2025-07-01"]},
                    }
                }
            },
        },
        503: {
            "description": "Katalogen eller databasen är inte redo",
            "content": {
                "application/json": {
                    "example": {
                        "status": "unavailable",
                        "checks": {"catalog": "ok", "database": "unreachable"},
                        "catalog": {"digest": "sha256:…", "versions": ["2025-07-01"]},
                    }
                }
            },
        },
    },
)
def health_ready(request: Request) -> JSONResponse:
    registry: CatalogRegistry | None = getattr(request.app.state, "registry", None)
    database: Database = request.app.state.database
    checks = {
        "catalog": "ok" if registry and registry.versions else "missing",
        "database": database_state(database, request.app.state.decision_log),
    }
    ready = all(value == "ok" for value in checks.values())
    body: dict[str, Any] = {"status": "ok" if ready else "unavailable", "checks": checks}
    if registry is not None:
        body["catalog"] = {
            "digest": request.app.state.catalog_digest,
            "versions": [v.version for v in registry.versions],
        }
    return JSONResponse(body, status_code=200 if ready else 503)


def database_state(database: Database, decision_log: DecisionLog | None) -> str:
    try:
        with database.engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        trouble = write_trouble(database)
    except SQLAlchemyError as error:
        # The driver's message may name the host; the log is for operators, the body is not.
        logger.warning("readiness: database unreachable (%s)", type(error).__name__)
        return "unreachable"
    if trouble is not None:
        logger.warning("readiness: database cannot be written (%s)", trouble)
        return trouble
    if decision_log is not None and decision_log.failing_since is not None:
        return "not_writable"
    return "ok"
