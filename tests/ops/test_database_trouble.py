"""Database trouble is a 503 problem with Retry-After on every route, never a 500; a key that
cannot be checked is a 503 too (not a 401), and readiness says what is wrong."""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI

from insatser_api.config import Settings
from insatser_api.kit import database as database_module
from insatser_api.kit import migrations
from insatser_api.main import create_app
from insatser_api.security import scopes
from insatser_api.security.tokens import generate_token
from tests.conftest import CATALOG_DIR
from tests.security.conftest import PEPPER, issue_key

# Nothing listens on port 1: every connection is refused at once.
UNREACHABLE = "postgresql://nobody@127.0.0.1:1/none?connect_timeout=1"
SOME_KEY = generate_token().token  # well-formed, unknown


def _app(database_url: str, *, auth: bool, **overrides: object) -> FastAPI:
    values: dict[str, object] = {
        "environment": "test",
        "catalog_dir": CATALOG_DIR,
        "database_url": database_url,
        "auth_disabled": not auth,
        "api_key_pepper": PEPPER,
        "database_retry_after_seconds": 7,
        **overrides,
    }
    return create_app(Settings.model_validate(values))


@pytest.fixture
async def down() -> AsyncIterator[httpx.AsyncClient]:
    app = _app(UNREACHABLE, auth=False, decision_log_enabled=False)
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
        yield http


def _assert_503(response: httpx.Response) -> None:
    assert response.status_code == 503, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert response.headers["retry-after"] == "7"
    problem = response.json()
    assert problem["type"].endswith("/database-unavailable")
    assert problem["status"] == 503
    assert "127.0.0.1" not in response.text


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        (
            "POST",
            "/v1/insatser/cra/documentation",
            {"performed_on": "2026-11-20", "personnummer": "19851231-1237", "text": "Samtal."},
        ),
        ("GET", "/v1/documentation", None),
        ("GET", "/v1/documentation/00000000-0000-0000-0000-000000000000", None),
        ("GET", "/v1/statistics/decisions", None),
        ("GET", "/v1/statistics/documentation", None),
    ],
)
async def test_every_database_route_answers_503(
    down: httpx.AsyncClient, method: str, path: str, body: object
) -> None:
    _assert_503(await down.request(method, path, json=body))


async def test_the_catalogue_and_eligibility_answer_without_the_database(
    down: httpx.AsyncClient,
) -> None:
    assert (await down.get("/v1/insatser/cra")).status_code == 200
    answer = await down.post("/v1/eligibility", json={"applicant": {"age": 30}})
    assert answer.status_code == 200


async def test_readiness_says_unreachable(down: httpx.AsyncClient) -> None:
    response = await down.get("/health/ready")
    assert response.status_code == 503
    assert response.json()["checks"]["database"] == "unreachable"


async def test_a_key_that_cannot_be_checked_is_503_not_401() -> None:
    app = _app(UNREACHABLE, auth=True, decision_log_enabled=False)
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
        response = await http.get(
            "/v1/insatser/cra", headers={"Authorization": f"Bearer {SOME_KEY}"}
        )
        _assert_503(response)
        # What needs no database is still answered: no key at all is a 401.
        assert (await http.get("/v1/insatser/cra")).status_code == 401


async def test_a_cached_key_keeps_working_while_the_database_is_away(tmp_path: Path) -> None:
    folder = tmp_path / "db"
    folder.mkdir()
    url = f"sqlite:///{folder / 'insatser.db'}"
    migrations.upgrade(url)
    app = _app(url, auth=True, decision_log_enabled=False)
    token = issue_key(app.state.database.write_sessions, [scopes.CATALOG_READ, scopes.ADMIN])
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
        headers = {"Authorization": f"Bearer {token}"}
        assert (await http.get("/v1/insatser/cra", headers=headers)).status_code == 200
        app.state.database.dispose()
        shutil.move(folder, tmp_path / "gone")  # the file cannot be opened any more
        assert (await http.get("/v1/insatser/cra", headers=headers)).status_code == 200
        other = {"Authorization": f"Bearer {SOME_KEY}"}
        _assert_503(await http.get("/v1/insatser/cra", headers=other))
        ready = await http.get("/health/ready")
        assert ready.json()["checks"]["database"] == "unreachable"


async def test_readiness_reports_a_disk_that_is_full(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = f"sqlite:///{tmp_path / 'insatser.db'}"
    migrations.upgrade(url)
    app = _app(url, auth=False, decision_log_enabled=False)
    free = shutil.disk_usage(tmp_path).free
    monkeypatch.setattr(database_module, "SQLITE_MIN_FREE_BYTES", free + 2**40)
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
        response = await http.get("/health/ready")
    assert response.status_code == 503
    assert response.json()["checks"]["database"] == "disk_full"


async def test_readiness_reports_writes_that_fail(tmp_path: Path) -> None:
    # A database file without tables: reads answer, every decision-log write fails.
    app = _app(f"sqlite:///{tmp_path / 'unmigrated.db'}", auth=False)
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
        assert (await http.post("/v1/eligibility", json={})).status_code == 200
        with pytest.raises(Exception):  # noqa: B017, PT011 (the driver's error, whatever it is)
            app.state.decision_log.flush()
        response = await http.get("/health/ready")
    assert response.status_code == 503
    assert response.json()["checks"]["database"] == "not_writable"
    assert app.state.decision_log.queued > 0  # kept, not dropped
