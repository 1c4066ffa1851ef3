"""Migrations: from empty to head and back down, on SQLite and (in CI) PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, inspect

from insatser_api.kit import migrations
from insatser_api.kit.database import Base, import_all_models, normalize_url
from tests.database import scratch_database

pytestmark = pytest.mark.database

MIGRATIONS_DIR = Path(__file__).resolve().parents[2] / "migrations" / "versions"


def _tables(url: str) -> set[str]:
    engine = create_engine(normalize_url(url))
    try:
        return set(inspect(engine).get_table_names()) - {"alembic_version"}
    finally:
        engine.dispose()


def test_upgrade_to_head_matches_the_models_and_downgrade_removes_everything(
    tmp_path: Path,
) -> None:
    import_all_models()
    with scratch_database(tmp_path) as url:
        migrations.upgrade(url)
        assert _tables(url) == set(Base.metadata.tables)
        engine = create_engine(normalize_url(url))
        try:
            with engine.connect() as connection:
                differences = compare_metadata(
                    MigrationContext.configure(connection), Base.metadata
                )
        finally:
            engine.dispose()
        assert differences == []
        migrations.downgrade(url, "base")
        assert _tables(url) == set()
        migrations.upgrade(url)
        assert _tables(url) == set(Base.metadata.tables)


def test_revision_files_are_date_prefixed() -> None:
    names = sorted(path.name for path in MIGRATIONS_DIR.glob("*.py"))
    assert names
    for name in names:
        assert name[:16].replace("_", "").replace("-", "").isdigit(), name
