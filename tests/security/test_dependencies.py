"""require_scope without a database: auth off, the public catalogue, the principal on the
request, and ensure_may_write_for."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
from fastapi import FastAPI, Request

from insatser_api.config import Settings
from insatser_api.kit.errors import install_problem_handlers
from insatser_api.security import scopes
from insatser_api.security.dependencies import (
    CatalogReader,
    DocumentationWriter,
    EligibilityChecker,
    ensure_may_write_for,
    require_scope,
)
from insatser_api.security.errors import install_auth_problem_handler
from insatser_api.security.principal import Principal
from insatser_api.security.scopes import ALL_SCOPES

KEY = "isk_abcdefghijkl_" + "x" * 43
NEXUS_WRITER = Principal(
    "k1", "nexus", frozenset({scopes.DOCUMENTATION_WRITE}), frozenset({"Nexus"})
)


class StubVerifier:
    """Knows one key; counts database look-ups."""

    def __init__(self, principal: Principal) -> None:
        self.principal = principal
        self.lookups = 0

    def cached(self, token: str) -> Principal | None:
        return None

    def verify(self, token: str) -> Principal | None:
        self.lookups += 1
        return self.principal if token == KEY else None


def _app(settings: Settings, principal: Principal = NEXUS_WRITER) -> FastAPI:
    app = FastAPI()
    app.state.settings = settings
    app.state.key_verifier = StubVerifier(principal)
    install_problem_handlers(app)
    install_auth_problem_handler(app)

    @app.get("/catalog")
    async def catalog(principal: CatalogReader) -> dict[str, str]:
        return {"name": principal.name}

    @app.post("/check")
    async def check(principal: EligibilityChecker, request: Request) -> dict[str, object]:
        return {"name": principal.name, "same": request.state.principal is principal}

    @app.post("/documentation/{enhet}")
    async def write(enhet: str, principal: DocumentationWriter) -> dict[str, str]:
        ensure_may_write_for(principal, enhet)
        return {"written_by": principal.name}

    return app


@pytest.fixture
def settings() -> Settings:
    return Settings(environment="test")


async def _client(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
        yield http


async def test_auth_disabled_lets_everyone_do_everything() -> None:
    app = _app(Settings(environment="test", auth_disabled=True))
    async for http in _client(app):
        response = await http.post("/check")
        assert response.json() == {"name": "auth-disabled", "same": True}
        assert (await http.post("/documentation/Bryggan")).status_code == 200
    assert app.state.key_verifier.lookups == 0


async def test_public_catalogue_needs_no_key_but_the_rest_does() -> None:
    app = _app(Settings(environment="test", public_catalog=True))
    async for http in _client(app):
        assert (await http.get("/catalog")).json() == {"name": "anonymous"}
        assert (await http.post("/check")).status_code == 401


async def test_closed_catalogue_needs_a_key(settings: Settings) -> None:
    async for http in _client(_app(settings)):
        assert (await http.get("/catalog")).status_code == 401


async def test_other_schemes_are_refused(settings: Settings) -> None:
    async for http in _client(_app(settings)):
        response = await http.post("/check", headers={"Authorization": "Basic dXNlcjpwdw=="})
        assert response.status_code == 401
        assert 'error="invalid_token"' in response.headers["www-authenticate"]


async def test_nexus_staff_cannot_write_bryggans_records(settings: Settings) -> None:
    headers = {"Authorization": f"Bearer {KEY}"}
    async for http in _client(_app(settings)):
        assert (await http.post("/documentation/Nexus", headers=headers)).status_code == 200
        refused = await http.post("/documentation/Familjestöd Bryggan", headers=headers)
        assert refused.status_code == 403
        assert refused.headers["content-type"] == "application/problem+json"
        assert "Familjestöd Bryggan" in refused.json()["detail"]


def test_unknown_scope_names_are_a_programming_error() -> None:
    with pytest.raises(ValueError, match="unknown scope"):
        require_scope("catalog:write")
    assert len(ALL_SCOPES) == 6
