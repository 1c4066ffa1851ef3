"""Swagger UI and ReDoc work without a CDN; every operation is described in Swedish."""

from __future__ import annotations

import re
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from insatser_api.config import Settings
from insatser_api.ops.docs import as_configured
from tests.conftest import CATALOG_DIR


@pytest.mark.parametrize("page", ["/docs", "/redoc"])
async def test_docs_pages_use_only_local_assets(client: httpx.AsyncClient, page: str) -> None:
    response = await client.get(page)
    assert response.status_code == 200
    html = response.text
    assert "http://" not in html
    assert "https://" not in html
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert assets
    for asset in assets:
        assert asset.startswith("/docs/static/")
        loaded = await client.get(asset)
        assert loaded.status_code == 200, asset
        assert loaded.content


async def test_docs_behind_a_proxy_prefix_point_under_it(app: FastAPI) -> None:
    transport = httpx.ASGITransport(app=app, root_path="/insatser")
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
        html = (await http.get("/docs")).text
    assert '"/insatser/docs/static/swagger-ui-bundle.js"' in html
    assert "'/insatser/docs/openapi.json'" in html


async def test_the_licences_ship_with_the_assets(client: httpx.AsyncClient) -> None:
    for name in ("swagger-ui.LICENSE", "redoc.LICENSE"):
        assert (await client.get(f"/docs/static/{name}")).status_code == 200


def _has_example(operation: dict[str, Any]) -> bool:
    bodies = operation.get("requestBody", {}).get("content", {}).values()
    answers = [
        content
        for response in operation.get("responses", {}).values()
        for content in response.get("content", {}).values()
    ]
    return any("example" in c or "examples" in c for c in [*bodies, *answers])


def test_every_operation_has_swedish_summary_description_and_example(app: FastAPI) -> None:
    for path, operations in app.openapi()["paths"].items():
        for method, operation in operations.items():
            where = f"{method.upper()} {path}"
            assert operation.get("summary"), where
            assert len(operation.get("description", "")) > 30, where
            assert _has_example(operation), where


async def test_with_authentication_off_the_docs_show_no_locks(client: httpx.AsyncClient) -> None:
    # The app of the tests runs with authentication off, as `make run` does.
    spec = (await client.get("/docs/openapi.json")).json()
    assert "securitySchemes" not in spec["components"]
    assert all(
        "security" not in operation
        for operations in spec["paths"].values()
        for operation in operations.values()
    )
    assert "Anrop kräver en API-nyckel" not in spec["info"]["description"]
    assert "Autentiseringen är avstängd" in spec["info"]["description"]
    # The published contract is the same whatever the settings.
    contract = (await client.get("/openapi.json")).json()
    assert "Anrop kräver en API-nyckel" in contract["info"]["description"]
    assert contract["components"]["securitySchemes"]["bearerAuth"]["scheme"] == "bearer"


def test_the_docs_follow_the_settings(app: FastAPI) -> None:
    contract = app.openapi()
    locked = Settings(environment="test", catalog_dir=CATALOG_DIR, auth_disabled=False)
    assert as_configured(contract, locked) == contract
    public = as_configured(contract, locked.model_copy(update={"public_catalog": True}))
    assert "security" not in public["paths"]["/v1/insatser"]["get"]
    assert "security" not in public["paths"]["/v1/catalog"]["get"]
    assert public["paths"]["/v1/eligibility"]["post"]["security"] == [{"bearerAuth": []}]
    assert "securitySchemes" in public["components"]
