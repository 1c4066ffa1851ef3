"""Revision 0005_counted_log: the decision log's rows become counted (each stored row one
answer), the instant goes, statistics read the same before and after; a downgrade gives every
answer its own row again."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import Engine, inspect, text

from insatser_api.kit import migrations
from insatser_api.kit.database import create_db_engine, normalize_url
from tests.database import scratch_database

pytestmark = pytest.mark.database

REVISION = "0005_counted_log"
_OLD_ROW = (
    "INSERT INTO decision_log (decided_at, decided_on, month, client, request_kind, insats_id, "
    "catalog_version, as_of, outcome, age_years, not_met_conditions, unknown_conditions) "
    "VALUES (:at, :day, '2026-11', 'kundcenter', 'screening', :insats, '2025-07-01', :day, "
    ":outcome, 30, :not_met, '')"
)
_BY_OUTCOME = (
    "SELECT insats_id, outcome, {count} FROM decision_log GROUP BY insats_id, outcome "
    "ORDER BY insats_id, outcome"
)
_NEW_ROW = (
    "INSERT INTO decision_log (decided_on, month, client, request_kind, insats_id, "
    "catalog_version, as_of, outcome, age_years, not_met_conditions, unknown_conditions, "
    "answers) VALUES (:day, '2026-11', 'kundcenter', 'single', 'cra', '2025-07-01', :day, "
    "'eligible', NULL, '', '', 3)"
)
DAY = dt.date(2026, 11, 20)


def _columns(engine: Engine) -> set[str]:
    return {c["name"] for c in inspect(engine).get_columns("decision_log")}


def _counts(engine: Engine, count: str) -> list[tuple[str, str, int]]:
    with engine.connect() as connection:
        rows = connection.execute(text(_BY_OUTCOME.format(count=count)))
        return [(insats, outcome, int(n)) for insats, outcome, n in rows]


def test_upgrade_counts_each_stored_row_once_and_downgrade_gives_rows_back(
    tmp_path: Path,
) -> None:
    with scratch_database(tmp_path) as url:
        migrations.upgrade(url, "0004_privacy")
        engine = create_db_engine(normalize_url(url))
        try:
            old = [
                ("arbetsmarknadsinsatser", "not_eligible", "folkbokford"),
                ("arbetsmarknadsinsatser", "not_eligible", "folkbokford"),
                ("arbetsmarknadsinsatser", "eligible", ""),
                ("cra", "eligible", ""),
            ]
            with engine.begin() as connection:
                for insats, outcome, not_met in old:
                    connection.execute(
                        text(_OLD_ROW),
                        {
                            "at": dt.datetime(2026, 11, 20, 9, 15, tzinfo=dt.UTC),
                            "day": DAY,
                            "insats": insats,
                            "outcome": outcome,
                            "not_met": not_met,
                        },
                    )
            before = _counts(engine, "count(*)")
            migrations.upgrade(url, REVISION)
            columns = _columns(engine)
            assert "answers" in columns
            assert "decided_at" not in columns
            assert _counts(engine, "sum(answers)") == before  # what statistics read
            assert _counts(engine, "count(*)") == before  # nothing merged, nothing lost
            with engine.begin() as connection:
                connection.execute(text(_NEW_ROW), {"day": DAY})  # three answers, one row
            expected = [
                (insats, outcome, n + 3 if (insats, outcome) == ("cra", "eligible") else n)
                for insats, outcome, n in before
            ]
            assert _counts(engine, "sum(answers)") == expected

            migrations.downgrade(url, "0004_privacy")
            columns = _columns(engine)
            assert "answers" not in columns
            assert "decided_at" in columns
            assert _counts(engine, "count(*)") == expected  # one row per answer again
            with engine.connect() as connection:
                instants = connection.scalars(
                    text("SELECT DISTINCT decided_at FROM decision_log")
                ).all()
            # The instant cannot come back: the start of the day in Stockholm (23:00 UTC).
            assert len(instants) == 1
            assert str(instants[0]).startswith("2026-11-19 23:00:00")
            migrations.upgrade(url)
        finally:
            engine.dispose()
