"""The decision log: every answer recorded, nothing that identifies the person."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import Engine, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from insatser_api.config import Settings
from insatser_api.decisions.log import AnsweredRequest, DecisionLog
from insatser_api.decisions.models import DecisionLogEntry
from insatser_api.kit.database import Base, create_db_engine
from insatser_api.main import create_app
from insatser_api.rules import Decision, Situation
from tests.conftest import CATALOG_DIR

pytestmark = [pytest.mark.database, pytest.mark.usefixtures("empty_tables")]

PERSONNUMMER = "200811222389"
BIRTH_DATE = "2008-11-22"


def _entries(engine: Engine) -> list[DecisionLogEntry]:
    with Session(engine) as session:
        query = select(DecisionLogEntry).order_by(DecisionLogEntry.id)
        return list(session.scalars(query))


def _flush(app: FastAPI) -> None:
    app.state.decision_log.flush()


async def test_one_answer_is_one_entry_without_identity(
    client: httpx.AsyncClient, app: FastAPI, engine: Engine
) -> None:
    body = {
        "as_of": "2026-11-22",
        "applicant": {"personnummer": PERSONNUMMER, "folkbokford_kommunkod": "0180"},
    }
    response = await client.post("/v1/insatser/arbetsmarknadsinsatser/eligibility", json=body)
    assert response.status_code == 200
    _flush(app)
    [entry] = _entries(engine)
    assert entry.insats_id == "arbetsmarknadsinsatser"
    assert entry.catalog_version == "2025-07-01"
    assert entry.as_of == dt.date(2026, 11, 22)
    assert entry.outcome == "not_eligible"
    assert entry.age_years == 18
    assert entry.client == "auth-disabled"
    assert entry.request_kind == "single"
    assert len(entry.month) == 7
    assert (entry.not_met_conditions, entry.unknown_conditions) == ("folkbokford", "")


async def test_screening_logs_every_insats_with_unknown_conditions(
    client: httpx.AsyncClient, app: FastAPI, engine: Engine
) -> None:
    response = await client.post("/v1/eligibility", json={"applicant": {"age": 40}})
    assert response.status_code == 200
    _flush(app)
    entries = _entries(engine)
    assert len(entries) == len(response.json()["results"]) == 28
    assert {e.request_kind for e in entries} == {"screening"}
    assert {e.age_years for e in entries} == {40}
    by_insats = {e.insats_id: e for e in entries}
    assert "folkbokford" in by_insats["arbetsmarknadsinsatser"].unknown_conditions.split()


async def test_refused_requests_are_not_logged(
    client: httpx.AsyncClient, app: FastAPI, engine: Engine
) -> None:
    response = await client.post("/v1/eligibility", json={"applicant": {"age": "x"}})
    assert response.status_code == 422
    _flush(app)
    assert _entries(engine) == []


async def test_nothing_identifying_reaches_the_database(
    client: httpx.AsyncClient, app: FastAPI, engine: Engine
) -> None:
    await client.post(
        "/v1/eligibility",
        json={
            "applicant": {"personnummer": PERSONNUMMER, "birth_date": BIRTH_DATE},
            "child": {"birth_date": "2015-03-01"},
        },
    )
    _flush(app)
    with engine.connect() as connection:
        for table in (DecisionLogEntry.__table__,):
            for row in connection.execute(select(table)):
                dumped = " ".join(str(value) for value in row)
                for secret in (
                    PERSONNUMMER,
                    PERSONNUMMER[2:8],
                    "2008-11-22",
                    "20081122",
                    "2015-03-01",
                ):
                    assert secret not in dumped


def test_switched_off_by_configuration(database_url: str) -> None:
    settings = Settings(
        environment="test",
        catalog_dir=CATALOG_DIR,
        database_url=database_url,
        decision_log_enabled=False,
    )
    assert create_app(settings).state.decision_log is None


def _answered(decisions: list[Decision]) -> AnsweredRequest:
    return AnsweredRequest(
        decided_at=dt.datetime(2026, 11, 30, 23, 30, tzinfo=dt.UTC),
        client="kundcenter",
        request_kind="single",
        age_years=30,
        decisions=decisions,
    )


@pytest.fixture
def decisions(app: FastAPI) -> list[Decision]:
    version = app.state.registry.versions[0]
    return list(version.compiled.judge_all(Situation.from_facts(as_of=dt.date(2026, 11, 30)), None))


def test_month_is_the_stockholm_month(engine: Engine, decisions: list[Decision]) -> None:
    log = DecisionLog(engine)
    log.record(_answered(decisions[:1]))
    log.close()
    [entry] = _entries(engine)
    # 23:30 UTC on 30 November is 00:30 on 1 December in Stockholm.
    assert (entry.decided_on, entry.month) == (dt.date(2026, 12, 1), "2026-12")
    # SQLite keeps no zone (the time is written in UTC); PostgreSQL gives it back aware.
    decided_at = entry.decided_at
    if decided_at.tzinfo is None:
        decided_at = decided_at.replace(tzinfo=dt.UTC)
    assert decided_at == dt.datetime(2026, 11, 30, 23, 30, tzinfo=dt.UTC)
    assert entry.as_of == dt.date(2026, 11, 30)


def test_background_thread_writes_without_flush(engine: Engine, decisions: list[Decision]) -> None:
    log = DecisionLog(engine, flush_interval=0.05)
    try:
        log.record(_answered(decisions))
        deadline = time.monotonic() + 10
        while len(_entries(engine)) < len(decisions) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert len(_entries(engine)) == len(decisions)
        assert log.queued == 0
    finally:
        log.close()


@pytest.fixture
def broken_engine(tmp_path: Path) -> Iterator[Engine]:
    engine = create_db_engine(f"sqlite:///{tmp_path / 'unmigrated.db'}")
    yield engine
    engine.dispose()


def test_a_failed_write_is_kept_and_written_once_the_database_answers(
    broken_engine: Engine,
    decisions: list[Decision],
    caplog: pytest.LogCaptureFixture,
) -> None:
    log = DecisionLog(broken_engine)
    log.record(_answered(decisions[:3]))
    for _ in range(3):
        with pytest.raises(OperationalError):
            log.flush()
    assert (log.queued, log.dropped) == (3, 0)
    assert log.failing_since is not None
    warnings = [r for r in caplog.records if "cannot be written" in r.getMessage()]
    assert len(warnings) == 1, "one line per outage, not one per attempt"
    assert "(OperationalError)" in warnings[0].getMessage()
    Base.metadata.create_all(broken_engine)  # the database is back
    log.flush()
    assert (log.queued, log.dropped, log.written) == (0, 0, 3)
    assert log.failing_since is None
    assert len(_entries(broken_engine)) == 3
    log.close()


def test_the_writer_thread_retries_until_the_database_answers(
    broken_engine: Engine, decisions: list[Decision]
) -> None:
    log = DecisionLog(broken_engine, flush_interval=0.05)
    try:
        log.record(_answered(decisions))
        deadline = time.monotonic() + 60
        while log.failing_since is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert log.failing_since is not None
        Base.metadata.create_all(broken_engine)
        # Backoff is at most RETRY_MAX_S between attempts; the deadline is for a busy machine.
        while len(_entries(broken_engine)) < len(decisions) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert len(_entries(broken_engine)) == len(decisions)
        assert (log.queued, log.dropped) == (0, 0)
    finally:
        log.close()


def test_an_empty_screening_queues_nothing(engine: Engine) -> None:
    log = DecisionLog(engine, flush_interval=60)
    log.record(_answered([]))
    assert log.queued == 0
    log.close()
    assert _entries(engine) == []


def test_full_queue_drops_the_oldest(engine: Engine, decisions: list[Decision]) -> None:
    log = DecisionLog(engine, max_queued=2, flush_interval=60)
    for decision in decisions[:3]:
        log.record(_answered([decision]))
    assert log.dropped == 1
    assert log.queued == 2
    log.close()
    assert [e.insats_id for e in _entries(engine)] == [d.insats_id for d in decisions[1:3]]


@pytest.mark.parametrize("dates_as_text", [True, False])
def test_rows_from_kept_halves_equal_rows_built_afresh(
    decisions: list[Decision], dates_as_text: bool
) -> None:
    answered = _answered(decisions)
    tails: dict[Decision, tuple[object, ...]] = {}
    first = answered.to_rows(dates_as_text, tails)
    assert len(tails) == len(set(decisions))
    # Built again from the kept halves, and once more with nothing kept: the same rows.
    assert answered.to_rows(dates_as_text, tails) == first
    assert answered.to_rows(dates_as_text) == first
    other = AnsweredRequest(
        decided_at=dt.datetime(2026, 12, 2, 8, 0, tzinfo=dt.UTC),
        client="socialjouren",
        request_kind="all",
        age_years=None,
        decisions=decisions,
    )
    assert [row[:6] for row in other.to_rows(dates_as_text, tails)] != [row[:6] for row in first]
    assert [row[6:] for row in other.to_rows(dates_as_text, tails)] == [row[6:] for row in first]


def test_the_kept_halves_are_bounded(
    app: FastAPI, engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    from insatser_api.decisions import log as module

    compiled = app.state.registry.versions[0].compiled
    days = [dt.date(2026, 11, 30) + dt.timedelta(days=n) for n in range(3)]
    per_day = [list(compiled.judge_all(Situation.from_facts(as_of=day), None)) for day in days]
    monkeypatch.setattr(module, "TAILS_KEPT", len(per_day[0]) + 2)
    log = DecisionLog(engine)
    for decisions in per_day:
        log.record(_answered(decisions))
        log.flush()
    # Two days' halves were more than the bound: emptied before the third day's batch.
    assert len(log._tails) == len(set(per_day[2]))
    log.close()
    assert len(_entries(engine)) == sum(len(d) for d in per_day)
