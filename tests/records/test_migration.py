"""Revision 0004_privacy: structured columns, hashed Idempotency-Keys (existing rows too, so a
retry made before the upgrade still replays), and a model that matches the revision."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect, text

from insatser_api.config import get_settings
from insatser_api.kit import migrations
from insatser_api.kit.database import Base, create_db_engine, normalize_url
from insatser_api.records.idempotency import hash_idempotency_key
from tests.database import scratch_database

pytestmark = pytest.mark.database

REVISION = "0004_privacy"
_ROW = (
    "INSERT INTO documentation_records (id, insats_id, enhet, catalog_version, mode, "
    "legal_basis, performed_on, performed_month, client, idempotency_key, created_at) VALUES "
    "(:id, 'radgivande-samtal', 'Nexus', '2025-07-01', 'advisory', '14 kap. 4 §', :day, "
    "'2026-11', 'kundcenter', :key, :now)"
)


def test_upgrade_hashes_stored_keys_and_downgrade_removes_the_columns(tmp_path: Path) -> None:
    with scratch_database(tmp_path) as url:
        migrations.upgrade(url, "0003")
        engine = create_db_engine(normalize_url(url))  # parameters hidden from the logs
        try:
            with engine.begin() as connection:
                connection.execute(
                    text(_ROW),
                    {
                        "id": "r1",
                        "day": dt.date(2026, 11, 20),
                        "key": "19760921-5129",
                        "now": dt.datetime(2026, 11, 20, 12, tzinfo=dt.UTC),
                    },
                )
            migrations.upgrade(url, REVISION)
            with engine.connect() as connection:
                stored = connection.scalar(
                    text("SELECT idempotency_key FROM documentation_records")
                )
            pepper = get_settings().api_key_pepper.get_secret_value()
            assert stored == hash_idempotency_key("kundcenter", "19760921-5129", pepper)
            columns = {c["name"] for c in inspect(engine).get_columns("documentation_records")}
            assert {"contact", "participants", "duration_minutes", "topic"} <= columns
            migrations.downgrade(url, "0003")
            columns = {c["name"] for c in inspect(engine).get_columns("documentation_records")}
            assert "contact" not in columns
        finally:
            engine.dispose()


def test_the_model_matches_the_migration(database_url: str) -> None:
    engine = create_engine(normalize_url(database_url))
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(connection)
            differences = compare_metadata(context, Base.metadata)
    finally:
        engine.dispose()
    assert [d for d in differences if "documentation_records" in repr(d)] == []
