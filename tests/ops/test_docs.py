"""Swagger UI and ReDoc work without a CDN; every operation is described in Swedish."""

from __future__ import annotations

import re
from typing import Any

import httpx
import pytest
from fastapi import FastAPI


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
    assert "'/insatser/openapi.json'" in html


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
