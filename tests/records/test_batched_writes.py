"""Journal writes that share one transaction (kit/group_commit.py) are answered as if each
had been written alone: a reused key or a bad correction fails only its own request, a retry
in the same batch replays, and a failing COMMIT answers 503 to every request in the batch."""

from __future__ import annotations

from collections.abc import Awaitable

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import Connection, Engine, event, func, select
from sqlalchemy import exc as sa_exc

from insatser_api.kit.database import Database
from insatser_api.records.models import DocumentationRecord
from tests.batches import in_one_batch

pytestmark = [pytest.mark.database, pytest.mark.usefixtures("empty_tables")]

PATH = "/v1/insatser/radgivande-samtal/documentation"
ADVISORY = {"performed_on": "2026-11-20", "contact": "telefon", "topic": "spel"}
OTHER = {**ADVISORY, "contact": "besok"}
UNKNOWN = "00000000-0000-4000-8000-00000000000f"


async def _in_one_batch(
    database: Database, requests: list[Awaitable[httpx.Response]]
) -> list[httpx.Response]:
    """Send `requests` while the writer is held, so that they reach it as one batch."""
    return await in_one_batch(database.write, database.writes_waiting, requests)


def _count(engine: Engine) -> int:
    with engine.connect() as connection:
        return int(
            connection.execute(select(func.count()).select_from(DocumentationRecord)).scalar_one()
        )


async def test_one_refused_record_does_not_fail_the_others(
    app: FastAPI, client: httpx.AsyncClient, engine: Engine
) -> None:
    key = {"Idempotency-Key": "batch-key-1"}
    first, retry, reused, plain, bad = await _in_one_batch(
        app.state.database,
        [
            client.post(PATH, json=ADVISORY, headers=key),
            client.post(PATH, json=ADVISORY, headers=key),  # a retry: replays
            client.post(PATH, json=OTHER, headers=key),  # the key for other content: 409
            client.post(PATH, json=OTHER),
            client.post(PATH, json={**ADVISORY, "corrects": UNKNOWN}),  # 422
        ],
    )
    assert [r.status_code for r in (first, retry, reused, plain, bad)] == [
        201,
        201,
        409,
        201,
        422,
    ]
    assert retry.json()["id"] == first.json()["id"]
    assert {first.headers.get("Idempotent-Replayed"), retry.headers.get("Idempotent-Replayed")} == {
        None,
        "true",
    }
    assert _count(engine) == 2  # every 201 is in the database, nothing else


async def test_a_failing_commit_answers_503_to_every_writer_in_the_batch(
    app: FastAPI, client: httpx.AsyncClient, engine: Engine
) -> None:
    def wrote_records(connection: Connection, _cursor: object, statement: str, *_: object) -> None:
        if statement.startswith("INSERT INTO documentation_records"):
            connection.info["wrote_records"] = True

    def commit_fails(connection: Connection) -> None:
        # The COMMIT of a transaction holding journal records fails, after every write ran.
        if connection.info.pop("wrote_records", False):
            raise sa_exc.OperationalError("COMMIT", {}, Exception("the server went away"))

    event.listen(engine, "before_cursor_execute", wrote_records)
    event.listen(engine, "commit", commit_fails)
    try:
        answers = await _in_one_batch(
            app.state.database, [client.post(PATH, json=ADVISORY) for _ in range(4)]
        )
    finally:
        event.remove(engine, "commit", commit_fails)
        event.remove(engine, "before_cursor_execute", wrote_records)
    assert [answer.status_code for answer in answers] == [503] * 4
    assert all(answer.headers["Retry-After"] for answer in answers)
    assert _count(engine) == 0  # nothing answered as written, nothing written
