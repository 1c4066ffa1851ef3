"""Shared fixtures: a migrated database, the app on the bundled catalogue and an async client
over ASGI."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import Engine, delete

from insatser_api.catalog.registry import CatalogRegistry
from insatser_api.config import Settings
from insatser_api.kit import migrations
from insatser_api.kit.database import Base, Database
from insatser_api.main import create_app
from tests.database import scratch_database
from tests.personal_data import PersonalDataGuard, every_logger_at_debug

pytest_plugins = ["tests.two_versions"]

ROOT = Path(__file__).resolve().parent.parent
CATALOG_DIR = ROOT / "catalog" / "ostersund"


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with scratch_database(tmp_path_factory.mktemp("db")) as url:
        migrations.upgrade(url)
        yield url


@pytest.fixture(scope="session")
def settings(database_url: str) -> Settings:
    # Authentication off for the tests of everything else; tests/security runs with it on.
    # The statistics tests count single answers: no suppression here, the default threshold
    # is tested in tests/statistics/test_suppression.py.
    return Settings(
        environment="test",
        catalog_dir=CATALOG_DIR,
        database_url=database_url,
        auth_disabled=True,
        statistics_min_count=1,
    )


@pytest.fixture(scope="session")
def app(settings: Settings) -> Iterator[FastAPI]:
    application = create_app(settings)
    yield application
    application.state.database.dispose()


@pytest.fixture
def engine(app: FastAPI) -> Engine:
    database: Database = app.state.database
    return database.write_engine


@pytest.fixture
def empty_tables(app: FastAPI, engine: Engine) -> Iterator[None]:
    """Every table empty before and after the test, for tests that count rows. The app's
    decision log is flushed first, so no answer of an earlier test lands in the middle."""
    app.state.decision_log.flush()
    _delete_all(engine)
    yield
    app.state.decision_log.flush()
    _delete_all(engine)


def _delete_all(engine: Engine) -> None:
    with engine.begin() as connection:
        for table in reversed(Base.metadata.sorted_tables):
            connection.execute(delete(table))


@pytest.fixture(scope="session")
def registry() -> CatalogRegistry:
    return CatalogRegistry.from_directory(CATALOG_DIR)


@pytest.fixture(autouse=True)
def personal_data_guard(caplog: pytest.LogCaptureFixture) -> Iterator[PersonalDataGuard]:
    """Every test: all loggers at DEBUG, and no personal data in any record or error body."""
    guard = PersonalDataGuard()
    caplog.handler.setLevel(logging.DEBUG)
    with every_logger_at_debug(caplog.handler):
        yield guard
        guard.check_records(caplog.get_records("setup") + caplog.get_records("call"))
    assert not guard.leaks, "personal data leaked:\n" + "\n".join(guard.leaks)


def guarded_client(app: FastAPI, guard: PersonalDataGuard) -> httpx.AsyncClient:
    """An async client over ASGI whose requests and error responses the guard watches."""
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    return httpx.AsyncClient(
        transport=transport, base_url="http://test", event_hooks=guard.event_hooks()
    )


@pytest.fixture
async def client(
    app: FastAPI, personal_data_guard: PersonalDataGuard
) -> AsyncIterator[httpx.AsyncClient]:
    async with guarded_client(app, personal_data_guard) as http:
        yield http


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # Every test that runs the app touches its database (the decision log at least), so it
    # belongs to the suite CI runs again against PostgreSQL.
    for item in items:
        if {"app", "database_url"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.database)
