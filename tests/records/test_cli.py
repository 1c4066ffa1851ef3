"""`insatser-api records scan` finds identity in records stored before the screen, by id and
kind only (issue 12)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import Engine
from typer.testing import CliRunner

from insatser_api.cli import app as cli
from insatser_api.config import get_settings
from insatser_api.records.models import DocumentationRecord

pytestmark = [pytest.mark.database, pytest.mark.usefixtures("empty_tables")]

OLD_TEXT = "Samtal med Karin, 070-123 45 67"


def _insert(engine: Engine, record_id: str, text: str) -> None:
    with engine.begin() as connection:
        connection.execute(
            DocumentationRecord.__table__.insert().values(
                id=record_id,
                insats_id="radgivande-samtal",
                enhet="Nexus",
                catalog_version="2025-07-01",
                mode="advisory",
                legal_basis="14 kap. 4 §",
                performed_on=dt.date(2026, 11, 1),
                performed_month="2026-11",
                client="kundcenter",
                text=text,
                created_at=dt.datetime(2026, 11, 1, 12, tzinfo=dt.UTC),
            )
        )


def test_scan_lists_records_with_identity_by_id_and_kind(
    engine: Engine, database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    _insert(engine, "r-old", OLD_TEXT)
    _insert(engine, "r-clean", "Råd om spel, 20 min.")
    monkeypatch.setenv("DATABASE_URL", database_url)
    get_settings.cache_clear()
    try:
        result = CliRunner().invoke(cli, ["records", "scan"])
    finally:
        get_settings.cache_clear()
    assert result.exit_code == 1
    assert "r-old  radgivande-samtal  2026-11-01  phone_number name" in result.output
    assert "r-clean" not in result.output
    assert "Karin" not in result.output
    assert "1 anteckningar" in result.output
