"""The staff pages in the app: their routes (not in openapi.yaml) and their stylesheet."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.responses import Response
from fastapi.staticfiles import StaticFiles

from insatser_api.config import Settings
from insatser_api.pages import catalog_pages, check_page, signin
from insatser_api.pages.access import DatabaseUnavailable, SessionKeys
from insatser_api.pages.view import PAGE_HEADERS, STATIC_DIR, STATIC_URL, Pages

logger = logging.getLogger(__name__)

# The paths whose POST bodies are HTML forms (kit/body_guard.py lets only these through).
FORM_PATHS = ("/inloggning", "/utloggning", check_page.CHECK_PATH)


def install_pages(app: FastAPI, settings: Settings) -> None:
    """Call after the database is on app.state."""
    keys = SessionKeys(app.state.database.sessions, settings.api_key_cache_seconds)
    app.state.pages = Pages(settings, keys)
    app.include_router(catalog_pages.router)
    app.include_router(signin.router)
    app.include_router(check_page.router)
    app.mount(STATIC_URL, StaticFiles(directory=STATIC_DIR), name="pages-static")
    app.add_exception_handler(DatabaseUnavailable, _unavailable)


async def _unavailable(request: Request, exc: Exception) -> Response:
    # The cause's type only: its message could quote the database URL or a query.
    logger.warning("pages: database unavailable (%s)", type(exc.__cause__).__name__)
    pages: Pages = request.app.state.pages
    return pages.templates.TemplateResponse(
        request,
        "unavailable.html",
        {"root": request.scope.get("root_path", "")},
        status_code=503,
        headers={**PAGE_HEADERS, "Retry-After": "30"},
    )
