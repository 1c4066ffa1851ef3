"""Every endpoint with no key, a wrong key, a revoked key, a key without the scope and a key
with it. A new endpoint is covered by adding one row to ENDPOINTS (or to OPEN)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from fastapi.routing import APIRoute

from insatser_api.security import scopes
from insatser_api.security.scopes import ALL_SCOPES
from tests.security.conftest import issue_key

pytestmark = pytest.mark.database

_BODY = {"as_of": "2026-11-23", "applicant": {"age": 30, "folkbokford_kommunkod": "2380"}}
_RECORD = {"performed_on": "2026-11-20", "personnummer": "198512311237", "text": "Samtal."}
_NO_RECORD = "00000000-0000-4000-8000-000000000000"
_NO_SERVICE = "00000000-0000-5000-8000-000000000000"


@dataclass(frozen=True)
class Endpoint:
    method: str
    path: str
    scope: str
    body: dict[str, Any] | None = None
    # Answers that show the request got past authentication (a 404 for an unknown record).
    let_through: tuple[int, ...] = (200, 201)

    def __str__(self) -> str:
        return f"{self.method} {self.path}"


ENDPOINTS = [
    Endpoint("GET", "/v1/catalog", scopes.CATALOG_READ),
    Endpoint("GET", "/v1/catalog/versions", scopes.CATALOG_READ),
    Endpoint("GET", "/v1/insatser", scopes.CATALOG_READ),
    Endpoint("GET", "/v1/insatser/cra", scopes.CATALOG_READ),
    Endpoint("GET", "/v1/facts", scopes.CATALOG_READ),
    Endpoint("GET", "/v1/vardkedja", scopes.CATALOG_READ),
    Endpoint("GET", "/v1/hsds/services", scopes.CATALOG_READ),
    Endpoint("GET", f"/v1/hsds/services/{_NO_SERVICE}", scopes.CATALOG_READ, None, (404,)),
    Endpoint("POST", "/v1/insatser/cra/eligibility", scopes.ELIGIBILITY_CHECK, _BODY),
    Endpoint("POST", "/v1/eligibility", scopes.ELIGIBILITY_CHECK, _BODY),
    Endpoint("POST", "/v1/insatser/cra/documentation", scopes.DOCUMENTATION_WRITE, _RECORD),
    Endpoint("GET", "/v1/documentation", scopes.DOCUMENTATION_READ),
    Endpoint("GET", f"/v1/documentation/{_NO_RECORD}", scopes.DOCUMENTATION_READ, None, (404,)),
    Endpoint("GET", "/v1/statistics/decisions", scopes.STATISTICS_READ),
    Endpoint("GET", "/v1/statistics/documentation", scopes.STATISTICS_READ),
    Endpoint("GET", "/metrics", scopes.STATISTICS_READ),
    Endpoint("POST", "/v1/admin/catalog/reload", scopes.ADMIN),
]
# Open to anyone, whatever the settings: load balancers ask them without a key.
OPEN = [("GET", "/health/live"), ("GET", "/health/ready")]


@pytest.fixture(scope="module")
def tokens(secured_app: FastAPI) -> dict[str, str]:
    sessions = secured_app.state.database.write_sessions
    issued = {
        scope: issue_key(sessions, [scope], ["*"] if scope in scopes.LIMITED_BY_ENHET else [])
        for scope in ALL_SCOPES
    }
    every = sorted(ALL_SCOPES)
    issued["revoked"] = issue_key(sessions, every, ["*"], revoked=True)
    valid = issued[scopes.ADMIN]
    # Same prefix as a real key, different secret: found, but the hash does not match.
    issued["wrong"] = f"isk_{valid.split('_')[1]}_{'A' * 43}"
    return issued


def _other_scope(scope: str) -> str:
    return next(s for s in sorted(ALL_SCOPES) if s != scope)


async def _call(client: httpx.AsyncClient, endpoint: Endpoint, token: str | None) -> httpx.Response:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return await client.request(endpoint.method, endpoint.path, json=endpoint.body, headers=headers)


def _assert_problem(response: httpx.Response, status: int) -> None:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == status
    assert body["type"].startswith("tag:insatser-api,2025:problems/")
    assert response.headers["www-authenticate"].startswith("Bearer")


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=str)
async def test_no_key_is_401(secured_client: httpx.AsyncClient, endpoint: Endpoint) -> None:
    _assert_problem(await _call(secured_client, endpoint, None), 401)


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=str)
@pytest.mark.parametrize("token_name", ["wrong", "revoked", "garbage"])
async def test_bad_key_is_401(
    secured_client: httpx.AsyncClient, tokens: dict[str, str], endpoint: Endpoint, token_name: str
) -> None:
    token = tokens.get(token_name, "not-a-key")
    response = await _call(secured_client, endpoint, token)
    _assert_problem(response, 401)
    assert 'error="invalid_token"' in response.headers["www-authenticate"]


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=str)
async def test_key_without_the_scope_is_403(
    secured_client: httpx.AsyncClient, tokens: dict[str, str], endpoint: Endpoint
) -> None:
    response = await _call(secured_client, endpoint, tokens[_other_scope(endpoint.scope)])
    _assert_problem(response, 403)
    assert f'scope="{endpoint.scope}"' in response.headers["www-authenticate"]
    assert endpoint.scope in response.json()["detail"]


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=str)
async def test_key_with_the_scope_is_let_through(
    secured_client: httpx.AsyncClient, tokens: dict[str, str], endpoint: Endpoint
) -> None:
    response = await _call(secured_client, endpoint, tokens[endpoint.scope])
    assert response.status_code in endpoint.let_through, response.text


@pytest.mark.parametrize(("method", "path"), OPEN)
async def test_health_is_open(secured_client: httpx.AsyncClient, method: str, path: str) -> None:
    response = await secured_client.request(method, path)
    assert response.status_code == 200


def test_every_route_is_in_the_matrix(secured_app: FastAPI) -> None:
    """A new endpoint fails here until it has a row: no endpoint is left unprotected by accident."""
    documented = {(e.method, _template(e.path)) for e in ENDPOINTS} | set(OPEN)
    routes = {
        (method, route.path)
        for route in secured_app.routes
        if isinstance(route, APIRoute)
        for method in route.methods
    }
    templates = {(method, _template(path)) for method, path in routes}
    assert templates <= documented, f"add rows for {sorted(templates - documented)}"


def _template(path: str) -> str:
    # The matrix calls concrete paths; compare them with the route templates.
    return (
        path.replace("/v1/insatser/cra", "/v1/insatser/{insats_id}")
        .replace(_NO_RECORD, "{record_id}")
        .replace(_NO_SERVICE, "{id}")
    )


def test_every_protected_operation_declares_bearer_auth(secured_app: FastAPI) -> None:
    spec = secured_app.openapi()
    assert spec["components"]["securitySchemes"]["bearerAuth"]["scheme"] == "bearer"
    for endpoint in ENDPOINTS:
        operation = spec["paths"][_template(endpoint.path)][endpoint.method.lower()]
        assert {"bearerAuth": []} in operation["security"]
        assert {"401", "403"} <= set(operation["responses"])
