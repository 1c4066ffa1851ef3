"""The middlewares that make the app fit for a municipal network, in their order."""

from __future__ import annotations

from fastapi import FastAPI
from starlette.datastructures import Headers
from starlette.middleware.cors import CORSMiddleware
from starlette.responses import Response

from insatser_api.catalog.dependencies import CATALOG_VERSION_HEADER
from insatser_api.config import Settings
from insatser_api.kit.body_guard import RequestBodyGuard
from insatser_api.kit.errors import FieldError, problem_response
from insatser_api.kit.security_headers import SecurityHeaders
from insatser_api.kit.unexpected import UnexpectedErrors
from insatser_api.ops.docs import DOCS_PATHS
from insatser_api.pages.router import FORM_PATHS
from insatser_api.security.service import KeyUsage, KeyVerifier

# What Starlette names in a refused preflight, as the request header that carried it.
_PREFLIGHT_FIELDS = {
    "origin": ("Origin", "Ursprunget får inte anropa API:et."),
    "method": ("Access-Control-Request-Method", "Metoden tillåts inte."),
    "headers": ("Access-Control-Request-Headers", "Något av huvudena tillåts inte."),
    "private-network": ("Access-Control-Request-Private-Network", "Tillåts inte."),
}


class ProblemCORSMiddleware(CORSMiddleware):
    """Starlette's CORS, with a refused preflight answered as a problem, like every error."""

    def preflight_response(self, request_headers: Headers) -> Response:
        response = super().preflight_response(request_headers)
        if response.status_code < 400:
            return response
        text = bytes(response.body).decode("latin-1").removeprefix("Disallowed CORS ")
        errors = [
            FieldError(field=field, message=message, code="cors_not_allowed")
            for failure in text.split(", ")
            for field, message in [_PREFLIGHT_FIELDS.get(failure, (failure, "Tillåts inte."))]
        ]
        keep = {
            k: v for k, v in response.headers.items() if k.lower().startswith("access-control-")
        }
        keep["Vary"] = "Origin"
        return problem_response(
            400,
            "Webbläsarens förfrågan (CORS preflight) avvisades; se errors.",
            slug="cors-rejected",
            errors=errors,
            headers=keep,
        )


def install_hardening(app: FastAPI, settings: Settings) -> None:
    """Outermost first: security headers, CORS, unexpected errors, body guard (each added
    middleware wraps the ones added before it), so 413, 415 and 500 carry the headers too."""
    app.add_middleware(
        RequestBodyGuard,
        max_bytes=settings.max_body_bytes,
        body_timeout=settings.request_timeout_seconds,
        form_paths=FORM_PATHS,
    )
    app.add_middleware(UnexpectedErrors)
    if settings.cors_origins:
        app.add_middleware(
            ProblemCORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "HEAD", "POST"],
            allow_headers=["Authorization", "Content-Type", "Idempotency-Key"],
            expose_headers=[CATALOG_VERSION_HEADER],
            # Bearer keys, no cookies: browsers need not send credentials.
            allow_credentials=False,
            max_age=600,
        )
    app.add_middleware(SecurityHeaders, docs_paths=DOCS_PATHS)


def install_key_verifier(app: FastAPI, settings: Settings) -> None:
    # The check reads only (the deferred engine: no SQLite write lock on the request path);
    # last_used_at is written from the background by KeyUsage.
    app.state.key_usage = KeyUsage(app.state.database.write_sessions)
    app.state.key_verifier = KeyVerifier(
        app.state.database.sessions,
        settings.api_key_pepper.get_secret_value(),
        settings.api_key_cache_seconds,
        usage=app.state.key_usage,
    )
