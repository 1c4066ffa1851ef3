"""Shared fixtures: the app on the bundled catalogue and an async client over ASGI."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI

from insatser_api.catalog.registry import CatalogRegistry
from insatser_api.config import Settings
from insatser_api.main import create_app

ROOT = Path(__file__).resolve().parent.parent
CATALOG_DIR = ROOT / "catalog" / "ostersund"


@pytest.fixture(scope="session")
def settings() -> Settings:
    return Settings(environment="test", catalog_dir=CATALOG_DIR)


@pytest.fixture(scope="session")
def app(settings: Settings) -> FastAPI:
    return create_app(settings)


@pytest.fixture(scope="session")
def registry() -> CatalogRegistry:
    return CatalogRegistry.from_directory(CATALOG_DIR)


@pytest.fixture
async def client(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
        yield http
