"""The Idempotency-Key is stored as a keyed hash, never as sent, and a retry still replays
(issue 12): a personnummer sent as the key does not reach the database."""

from __future__ import annotations

import datetime as dt

import httpx
import pytest
from sqlalchemy import Engine, select
from sqlalchemy.exc import IntegrityError

from insatser_api.records.idempotency import hash_idempotency_key
from insatser_api.records.models import DocumentationRecord

pytestmark = [pytest.mark.database, pytest.mark.usefixtures("empty_tables")]

ADVISORY = {"performed_on": "2026-11-20", "contact": "telefon", "topic": "spel"}
PATH = "/v1/insatser/radgivande-samtal/documentation"
KEY = "19760921-5129"  # a personnummer, sent where a UUID belongs


async def test_the_key_is_stored_hashed_and_a_retry_replays(
    client: httpx.AsyncClient, engine: Engine
) -> None:
    first = await client.post(PATH, json=ADVISORY, headers={"Idempotency-Key": KEY})
    again = await client.post(PATH, json=ADVISORY, headers={"Idempotency-Key": KEY})
    assert first.status_code == again.status_code == 201
    assert again.headers["Idempotent-Replayed"] == "true"
    assert again.json()["id"] == first.json()["id"]
    with engine.connect() as connection:
        rows = connection.execute(select(DocumentationRecord.__table__)).mappings().all()
    assert len(rows) == 1
    stored = rows[0]["idempotency_key"]
    assert stored == hash_idempotency_key("auth-disabled", KEY, "change-me")
    for value in rows[0].values():
        assert "5129" not in str(value)
        assert "760921" not in str(value)


def test_the_hash_depends_on_client_key_and_pepper() -> None:
    base = hash_idempotency_key("kundcenter", "k1", "pepper-one")
    assert len(base) == 64
    assert hash_idempotency_key("kundcenter", "k1", "pepper-one") == base
    assert hash_idempotency_key("appen", "k1", "pepper-one") != base
    assert hash_idempotency_key("kundcenter", "k2", "pepper-one") != base
    assert hash_idempotency_key("kundcenter", "k1", "pepper-two") != base
    # The client/key boundary is unambiguous.
    assert hash_idempotency_key("a", "b\x00c", "p") != hash_idempotency_key("a\x00b", "c", "p")


async def test_the_database_refuses_a_raw_key(engine: Engine) -> None:
    values = {
        "id": "00000000-0000-4000-8000-000000000001",
        "insats_id": "radgivande-samtal",
        "enhet": "Nexus",
        "catalog_version": "2025-07-01",
        "mode": "advisory",
        "legal_basis": "14 kap. 4 §",
        "performed_on": dt.date(2026, 11, 20),
        "performed_month": "2026-11",
        "client": "x",
        "idempotency_key": KEY,
        "created_at": dt.datetime(2026, 11, 20, 12, tzinfo=dt.UTC),
    }
    with pytest.raises(IntegrityError), engine.begin() as connection:
        connection.execute(DocumentationRecord.__table__.insert().values(**values))
