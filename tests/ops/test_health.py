from __future__ import annotations

import httpx
import pytest
from fastapi import FastAPI

from insatser_api.config import Settings
from insatser_api.main import create_app
from tests.conftest import CATALOG_DIR

pytestmark = pytest.mark.database


async def test_live(client: httpx.AsyncClient) -> None:
    response = await client.get("/health/live")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


async def test_ready_when_catalog_and_database_answer(client: httpx.AsyncClient) -> None:
    response = await client.get("/health/ready")
    assert response.status_code == 200
    assert response.json()["checks"] == {"catalog": "ok", "database": "ok"}


async def test_not_ready_when_database_unreachable() -> None:
    settings = Settings(
        environment="test",
        catalog_dir=CATALOG_DIR,
        database_url="postgresql://nobody@127.0.0.1:1/none?connect_timeout=1",
    )
    app: FastAPI = create_app(settings)
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
        response = await http.get("/health/ready")
    assert response.status_code == 503
    body = response.json()
    assert body["checks"]["database"] == "unreachable"
    assert "127.0.0.1" not in response.text
