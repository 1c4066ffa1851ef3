"""Liveness and readiness for orchestrators and load balancers."""

from __future__ import annotations

import logging

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from insatser_api.catalog.registry import CatalogRegistry
from insatser_api.kit.database import Database

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
    description="200 när katalogen är inläst och databasen svarar, annars 503 med vad som brister. "
    "Används som readinessProbe: en instans som inte är redo ska inte få anrop.",
    responses={
        200: {
            "description": "Redo",
            "content": {
                "application/json": {
                    "example": {"status": "ok", "checks": {"catalog": "ok", "database": "ok"}}
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
                    }
                }
            },
        },
    },
)
def health_ready(request: Request) -> JSONResponse:
    registry: CatalogRegistry | None = getattr(request.app.state, "registry", None)
    database: Database = request.app.state.database
    checks = {"catalog": "ok" if registry and registry.versions else "missing"}
    try:
        with database.engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        checks["database"] = "ok"
    except SQLAlchemyError as error:
        # The driver's message may name the host; the log is for operators, the body is not.
        logger.warning("readiness: database unreachable (%s)", type(error).__name__)
        checks["database"] = "unreachable"
    ready = all(value == "ok" for value in checks.values())
    return JSONResponse(
        {"status": "ok" if ready else "unavailable", "checks": checks},
        status_code=200 if ready else 503,
    )
