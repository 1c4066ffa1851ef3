"""Gallring of the decision log: `insatser-api decision-log prune` removes rows older than the
retention, and only those (issue 12)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from insatser_api.cli import app as cli
from insatser_api.config import get_settings
from insatser_api.decisions.models import DecisionLogEntry
from insatser_api.kit.dates import today_in_stockholm
from insatser_api.statistics.retention import cutoff

pytestmark = [pytest.mark.database, pytest.mark.usefixtures("empty_tables")]


def _entry(day: dt.date) -> DecisionLogEntry:
    return DecisionLogEntry(
        decided_on=day,
        month=day.strftime("%Y-%m"),
        client="kundcenter",
        request_kind="single",
        insats_id="cra",
        catalog_version="2025-07-01",
        as_of=day,
        outcome="eligible",
        age_years=30,
        not_met_conditions="",
        unknown_conditions="",
    )


def _days_left(engine: Engine) -> list[dt.date]:
    with Session(engine) as session:
        return sorted(session.scalars(select(DecisionLogEntry.decided_on)).all())


def test_cutoff() -> None:
    assert cutoff(dt.date(2026, 11, 20), 730) == dt.date(2024, 11, 20)


def test_prune_removes_rows_older_than_the_retention(
    engine: Engine, database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    today = today_in_stockholm()
    kept_from = today - dt.timedelta(days=30)
    days = [kept_from - dt.timedelta(days=1), kept_from, today]
    with Session(engine) as session:
        session.add_all(_entry(day) for day in days)
        session.commit()
    monkeypatch.setenv("DATABASE_URL", database_url)
    get_settings.cache_clear()
    try:
        runner = CliRunner()
        dry = runner.invoke(cli, ["decision-log", "prune", "--days", "30", "--dry-run"])
        assert dry.exit_code == 0, dry.output
        assert "1 rader" in dry.output
        assert len(_days_left(engine)) == 3
        done = runner.invoke(cli, ["decision-log", "prune", "--days", "30"])
        assert done.exit_code == 0, done.output
        assert "Gallrade 1 rader" in done.output
    finally:
        get_settings.cache_clear()
    assert _days_left(engine) == [kept_from, today]
    with Session(engine) as session:
        assert session.scalar(select(func.count(DecisionLogEntry.id))) == 2


def test_the_default_retention_is_two_years() -> None:
    assert get_settings().decision_log_retention_days == 730
