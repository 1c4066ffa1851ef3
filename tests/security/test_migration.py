"""Revision 0003 creates `api_keys` with named constraints, and its downgrade removes it."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect

from insatser_api.kit import migrations
from insatser_api.kit.database import Base, normalize_url
from insatser_api.security import models  # noqa: F401  (registers api_keys on Base.metadata)
from tests.database import scratch_database

pytestmark = pytest.mark.database


def test_upgrade_and_downgrade(tmp_path: Path) -> None:
    with scratch_database(tmp_path) as url:
        migrations.upgrade(url, "0003")
        engine = create_engine(normalize_url(url))
        try:
            schema = inspect(engine)
            assert "api_keys" in schema.get_table_names()
            assert schema.get_pk_constraint("api_keys")["name"] == "pk_api_keys"
            unique = {c["name"] for c in schema.get_unique_constraints("api_keys")}
            assert {"uq_api_keys_name", "uq_api_keys_prefix"} <= unique
            migrations.downgrade(url, "0001")
            assert "api_keys" not in inspect(engine).get_table_names()
        finally:
            engine.dispose()


def test_the_model_matches_the_migration(database_url: str) -> None:
    """Autogenerate finds nothing to do for api_keys: model and revision 0003 agree."""
    engine = create_engine(normalize_url(database_url))
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(connection)
            differences = compare_metadata(context, Base.metadata)
    finally:
        engine.dispose()
    assert [d for d in differences if "api_keys" in repr(d)] == []
