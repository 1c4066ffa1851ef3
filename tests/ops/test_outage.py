"""A PostgreSQL outage under steady traffic: answers go on, the decision log keeps every entry
and writes them all once the database is back; journal writes are 503 meanwhile.

The outage is made on this test's own database only: `ALLOW_CONNECTIONS false` and its own
backends terminated, then allowed again. Runs in `make test-postgres` (CI's database step).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import Engine, create_engine, func, make_url, select, text

from insatser_api.config import Settings
from insatser_api.decisions.models import DecisionLogEntry
from insatser_api.kit import migrations
from insatser_api.kit.database import normalize_url
from insatser_api.main import create_app
from tests.conftest import CATALOG_DIR
from tests.database import postgres_server_url, scratch_database

pytestmark = [
    pytest.mark.database,
    pytest.mark.skipif(postgres_server_url() is None, reason="needs INSATSER_TEST_DATABASE_URL"),
]

OUTAGE_S = 8  # the benchmark holds it for 30 s (make bench-faults)
DEADLINE_S = 120  # for everything to be written after the outage, on a busy machine


@pytest.fixture
def own_database(tmp_path: Path) -> Iterator[str]:
    with scratch_database(tmp_path) as url:
        migrations.upgrade(url)
        yield url


def _admin(url: str) -> Engine:
    server = postgres_server_url()
    assert server is not None
    return create_engine(normalize_url(server), isolation_level="AUTOCOMMIT")


def cut(admin: Engine, name: str) -> None:
    """No new connection to `name`, and its existing ones ended (only this test's database)."""
    with admin.connect() as connection:
        connection.execute(text(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS false'))
        connection.execute(
            text(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = :name AND pid <> pg_backend_pid()"
            ),
            {"name": name},
        )


def restore(admin: Engine, name: str) -> None:
    with admin.connect() as connection:
        connection.execute(text(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS true'))


async def test_an_outage_under_steady_traffic_loses_no_decision(own_database: str) -> None:
    settings = Settings(
        environment="test", catalog_dir=CATALOG_DIR, database_url=own_database, auth_disabled=True
    )
    app = create_app(settings)
    log = app.state.decision_log
    name = make_url(own_database).database
    assert name is not None
    admin = _admin(own_database)
    answered = 0
    during: list[int] = []
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:

        async def traffic(seconds: float) -> None:
            nonlocal answered
            until = time.monotonic() + seconds
            while time.monotonic() < until:
                response = await http.post("/v1/eligibility", json={"applicant": {"age": 30}})
                assert response.status_code == 200, response.text
                answered += len(response.json()["results"])
                await asyncio.sleep(0.01)

        try:
            await traffic(2)
            cut(admin, name)
            await traffic(OUTAGE_S / 2)
            during.append((await http.get("/health/ready")).status_code)
            journal = await http.post(
                "/v1/insatser/radgivande-samtal/documentation",
                json={
                    "performed_on": "2026-11-20",
                    "contact": "telefon",
                    "topic": "spel",
                    "text": "Allmän information.",
                },
            )
            during.append(journal.status_code)
            assert journal.headers.get("retry-after")
            await traffic(OUTAGE_S / 2)
        finally:
            restore(admin, name)
        await traffic(2)
        deadline = time.monotonic() + DEADLINE_S
        while log.queued and time.monotonic() < deadline:
            await asyncio.sleep(0.2)
        ready = (await http.get("/health/ready")).status_code
    assert during == [503, 503]
    assert log.queued == 0
    assert log.dropped == 0
    log.close()
    with app.state.database.engine.connect() as connection:
        stored = connection.scalar(select(func.sum(DecisionLogEntry.answers)))
    app.state.database.dispose()
    admin.dispose()
    assert stored == answered
    assert ready == 200
