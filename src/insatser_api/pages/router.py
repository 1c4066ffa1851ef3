"""The staff pages in the app: their routes (not in openapi.yaml) and their stylesheet."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from insatser_api.config import Settings
from insatser_api.pages import catalog_pages, check_page, signin
from insatser_api.pages.access import SessionKeys
from insatser_api.pages.view import STATIC_DIR, STATIC_URL, Pages

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
