"""An app with authentication on, and keys issued straight into its database."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable, Iterator

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy.orm import Session, sessionmaker

from insatser_api.config import Settings
from insatser_api.main import create_app
from insatser_api.security import service
from tests.conftest import CATALOG_DIR, guarded_client
from tests.database import letters
from tests.personal_data import PersonalDataGuard

PEPPER = "test-pepper-that-is-long-enough"


def secured_settings(database_url: str, **overrides: object) -> Settings:
    values: dict[str, object] = {
        "environment": "test",
        "catalog_dir": CATALOG_DIR,
        "database_url": database_url,
        "api_key_pepper": PEPPER,
        # Answers of this app would land in the shared decision log while other tests count.
        "decision_log_enabled": False,
        **overrides,
    }
    return Settings.model_validate(values)


def issue_key(
    sessions: sessionmaker[Session],
    scopes: Iterable[str],
    enheter: Iterable[str] = (),
    *,
    revoked: bool = False,
    name: str | None = None,
) -> str:
    """A new key's token; the name is unique so that tests never collide."""
    with sessions() as session:
        created = service.create_key(
            session, name or f"test-{letters(10)}", scopes, enheter, pepper=PEPPER
        )
        if revoked:
            service.revoke_key(session, created.key.prefix)
        session.commit()
    return created.token


@pytest.fixture(scope="module")
def secured_app(database_url: str) -> Iterator[FastAPI]:
    application = create_app(secured_settings(database_url))
    yield application
    application.state.database.dispose()


@pytest.fixture
async def secured_client(
    secured_app: FastAPI, personal_data_guard: PersonalDataGuard
) -> AsyncIterator[httpx.AsyncClient]:
    async with guarded_client(secured_app, personal_data_guard) as http:
        yield http
