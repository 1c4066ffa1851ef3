"""kill -9 during a burst of journal writes: every record the service acknowledged (201) is
in the database afterwards. The journal is written and committed in the request, before the
answer; nothing acknowledged waits in memory."""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import text

from insatser_api.kit import migrations
from insatser_api.kit.database import create_db_engine
from tests.database import postgres_server_url, scratch_database
from tests.server import running_server

CLIENTS = 8
ACKNOWLEDGED_BEFORE_KILL = 60
DEADLINE_S = 120
ADVISORY = {
    "performed_on": "2026-11-20",
    "contact": "telefon",
    "topic": "spel",
    "text": "Allmän information om stöd vid spelproblem.",
}


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A migrated database of this test's own: a SQLite file, or (with
    INSATSER_TEST_DATABASE_URL) a fresh PostgreSQL database."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'insatser.db'}"
        migrations.upgrade(url)
        yield url
        return
    if postgres_server_url() is None:
        pytest.skip("needs INSATSER_TEST_DATABASE_URL")
    with scratch_database(tmp_path) as url:
        migrations.upgrade(url)
        yield url


def test_every_acknowledged_record_survives_kill_9(tmp_path: Path, database_url: str) -> None:
    acknowledged: list[str] = []
    stop = threading.Event()
    with running_server(tmp_path, database_url=database_url) as server:

        def burst() -> None:
            with httpx.Client(base_url=server.url, timeout=60) as http:
                while not stop.is_set():
                    try:
                        response = http.post(
                            "/v1/insatser/radgivande-samtal/documentation", json=ADVISORY
                        )
                    except httpx.TransportError:
                        return  # the server is gone
                    if response.status_code == 201:
                        acknowledged.append(response.json()["id"])

        threads = [threading.Thread(target=burst, daemon=True) for _ in range(CLIENTS)]
        for thread in threads:
            thread.start()
        deadline = time.monotonic() + DEADLINE_S
        while len(acknowledged) < ACKNOWLEDGED_BEFORE_KILL and time.monotonic() < deadline:
            time.sleep(0.01)
        server.process.send_signal(signal.SIGKILL)  # mid-burst: requests are in flight
        server.process.wait(timeout=60)
        stop.set()
        for thread in threads:
            thread.join(timeout=60)
    assert len(acknowledged) >= ACKNOWLEDGED_BEFORE_KILL
    engine = create_db_engine(database_url)
    try:
        with engine.connect() as connection:
            stored = {
                r[0] for r in connection.execute(text("SELECT id FROM documentation_records"))
            }
    finally:
        engine.dispose()
    missing = set(acknowledged) - stored
    assert not missing, f"{len(missing)} acknowledged records lost"
