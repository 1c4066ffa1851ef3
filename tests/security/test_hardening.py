"""Bad input and hardening: 404, 405, 413, 415 and 500 as problems; security headers; CORS."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator

import httpx
import pytest
from fastapi import FastAPI

from insatser_api.config import Settings
from insatser_api.main import create_app
from tests.conftest import CATALOG_DIR

PROBLEM_TYPES = "tag:insatser-api,2025:problems/"
ELIGIBILITY = "/v1/insatser/cra/eligibility"


def _assert_problem(response: httpx.Response, status: int) -> dict[str, object]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    body: dict[str, object] = response.json()
    assert body["status"] == status
    assert set(body) >= {"type", "title", "status", "detail"}
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "catalog-version" in response.headers
    return body


async def test_unknown_path_is_a_404_problem(client: httpx.AsyncClient) -> None:
    _assert_problem(await client.get("/v1/nothing-here"), 404)


async def test_wrong_method_is_a_405_problem(client: httpx.AsyncClient) -> None:
    response = await client.delete("/v1/catalog")
    _assert_problem(response, 405)
    assert response.headers["allow"] == "GET"


async def test_declared_body_over_the_limit_is_413(client: httpx.AsyncClient) -> None:
    big = {"as_of": "2026-11-23", "padding": "x" * (64 * 1024)}
    body = _assert_problem(await client.post(ELIGIBILITY, json=big), 413)
    assert body["type"] == PROBLEM_TYPES + "request-too-large"


async def _chunks(total: int) -> AsyncIterator[bytes]:
    yield b'{"as_of": "2026-11-23", "padding": "'
    for _ in range(total // 1024):
        yield b"x" * 1024
    yield b'"}'


async def test_streamed_body_over_the_limit_is_413(client: httpx.AsyncClient) -> None:
    response = await client.post(
        ELIGIBILITY, content=_chunks(70 * 1024), headers={"content-type": "application/json"}
    )
    assert "content-length" not in response.request.headers
    _assert_problem(response, 413)


async def test_streamed_body_within_the_limit_reaches_the_endpoint(
    client: httpx.AsyncClient,
) -> None:
    async def small() -> AsyncIterator[bytes]:
        yield b'{"as_of": "2026-11-23", '
        yield b'"applicant": {"age": 30, "folkbokford_kommunkod": "2380"}}'

    response = await client.post(
        ELIGIBILITY, content=small(), headers={"content-type": "application/json"}
    )
    assert response.status_code == 200, response.text
    assert response.json()["outcome"] == "eligible"


@pytest.mark.parametrize(
    "content_type", ["text/plain", "application/x-www-form-urlencoded", "application/xml", ""]
)
async def test_a_body_that_is_not_json_is_415(client: httpx.AsyncClient, content_type: str) -> None:
    response = await client.post(
        ELIGIBILITY, content=b'{"as_of": "2026-11-23"}', headers={"content-type": content_type}
    )
    body = _assert_problem(response, 415)
    assert body["type"] == PROBLEM_TYPES + "unsupported-media-type"


@pytest.mark.parametrize(
    "content_type", ["application/json; charset=utf-8", "Application/JSON", "application/x+json"]
)
async def test_json_media_types_are_accepted(client: httpx.AsyncClient, content_type: str) -> None:
    response = await client.post(
        ELIGIBILITY, content=b'{"as_of": "2026-11-23"}', headers={"content-type": content_type}
    )
    assert response.status_code == 200, response.text


async def test_an_empty_post_is_judged_by_the_endpoint_not_refused_as_415(
    client: httpx.AsyncClient,
) -> None:
    response = await client.post(ELIGIBILITY)
    assert response.status_code == 422


@pytest.fixture
def app_with_a_failing_route(settings: Settings) -> FastAPI:
    app = create_app(settings)
    secret = "19" + "850709" + "-9805"  # built here so no source line holds it

    @app.get("/test-only/boom")
    async def boom() -> None:
        raise RuntimeError(f"could not handle {secret}")

    return app


async def test_unexpected_error_is_a_500_problem_without_internals(
    app_with_a_failing_route: FastAPI, caplog: pytest.LogCaptureFixture
) -> None:
    transport = httpx.ASGITransport(app=app_with_a_failing_route, raise_app_exceptions=True)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
        with caplog.at_level(logging.DEBUG):
            response = await http.get("/test-only/boom")
    body = _assert_problem(response, 500)
    assert body["type"] == PROBLEM_TYPES + "internal-error"
    assert "RuntimeError" not in response.text
    assert "9805" not in response.text
    logged = [r for r in caplog.records if r.name == "insatser_api.kit.unexpected"]
    assert len(logged) == 1
    assert "RuntimeError" in logged[0].getMessage()
    assert "/test-only/boom" in logged[0].getMessage()
    assert "9805" not in logged[0].getMessage()


async def test_security_headers_on_api_responses(client: httpx.AsyncClient) -> None:
    response = await client.get("/v1/catalog")
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "no-referrer"
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["content-security-policy"].startswith("default-src 'none'")
    assert "cache-control" not in response.headers  # public catalogue data may be cached
    assert "strict-transport-security" not in response.headers


@pytest.mark.parametrize("path", [ELIGIBILITY, "/v1/eligibility"])
async def test_answers_about_people_are_never_stored(client: httpx.AsyncClient, path: str) -> None:
    response = await client.post(path, json={"as_of": "2026-11-23"})
    assert response.headers["cache-control"] == "no-store"


async def test_docs_page_may_run_its_scripts(client: httpx.AsyncClient) -> None:
    response = await client.get("/docs")
    assert response.status_code == 200
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy


async def test_hsts_over_https(app: FastAPI) -> None:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="https://test") as http:
        response = await http.get("/health/live")
    assert response.headers["strict-transport-security"].startswith("max-age=")


async def test_no_cors_unless_configured(client: httpx.AsyncClient) -> None:
    response = await client.get("/v1/catalog", headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in response.headers


async def test_cors_only_for_configured_origins(database_url: str) -> None:
    settings = Settings(
        environment="test",
        catalog_dir=CATALOG_DIR,
        database_url=database_url,
        auth_disabled=True,
        cors_origins=["https://app.example"],
    )
    transport = httpx.ASGITransport(app=create_app(settings))
    preflight = {
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "authorization, content-type",
    }
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
        allowed = await http.options(
            "/v1/eligibility", headers={"Origin": "https://app.example", **preflight}
        )
        refused = await http.options(
            "/v1/eligibility", headers={"Origin": "https://evil.example", **preflight}
        )
        simple = await http.get("/v1/catalog", headers={"Origin": "https://app.example"})
    assert allowed.status_code == 200
    assert allowed.headers["access-control-allow-origin"] == "https://app.example"
    assert refused.status_code == 400
    assert "access-control-allow-origin" not in refused.headers
    assert simple.headers["access-control-allow-origin"] == "https://app.example"
    assert "Catalog-Version" in simple.headers["access-control-expose-headers"]
