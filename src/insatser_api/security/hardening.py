"""The middlewares that make the app fit for a municipal network, in their order."""

from __future__ import annotations

from fastapi import FastAPI
from starlette.middleware.cors import CORSMiddleware

from insatser_api.catalog.dependencies import CATALOG_VERSION_HEADER
from insatser_api.config import Settings
from insatser_api.kit.body_guard import RequestBodyGuard
from insatser_api.kit.security_headers import SecurityHeaders
from insatser_api.kit.unexpected import UnexpectedErrors
from insatser_api.ops.docs import DOCS_PATHS
from insatser_api.pages.router import FORM_PATHS
from insatser_api.security.service import KeyVerifier


def install_hardening(app: FastAPI, settings: Settings) -> None:
    """Outermost first: security headers, CORS, unexpected errors, body guard (each added
    middleware wraps the ones added before it), so 413, 415 and 500 carry the headers too."""
    app.add_middleware(RequestBodyGuard, max_bytes=settings.max_body_bytes, form_paths=FORM_PATHS)
    app.add_middleware(UnexpectedErrors)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST"],
            allow_headers=["Authorization", "Content-Type", "Idempotency-Key"],
            expose_headers=[CATALOG_VERSION_HEADER],
            # Bearer keys, no cookies: browsers need not send credentials.
            allow_credentials=False,
            max_age=600,
        )
    app.add_middleware(SecurityHeaders, docs_paths=DOCS_PATHS)


def install_key_verifier(app: FastAPI, settings: Settings) -> None:
    app.state.key_verifier = KeyVerifier(
        # Verifying writes last_used_at: on SQLite a write transaction from the start.
        app.state.database.write_sessions,
        settings.api_key_pepper.get_secret_value(),
        settings.api_key_cache_seconds,
    )
