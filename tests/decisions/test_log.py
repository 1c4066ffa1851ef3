"""The decision log: every answer recorded, nothing that identifies the person."""

from __future__ import annotations

import dataclasses
import datetime as dt
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI
from prometheus_client import REGISTRY
from sqlalchemy import Engine, event, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from insatser_api.config import Settings
from insatser_api.decisions.log import DecisionLog
from insatser_api.decisions.models import DecisionLogEntry
from insatser_api.decisions.rows import COLUMNS, AnsweredRequest, counted_rows
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
    assert entry.answers == 1


async def test_screening_logs_every_insats_with_unknown_conditions(
    client: httpx.AsyncClient, app: FastAPI, engine: Engine
) -> None:
    response = await client.post("/v1/eligibility", json={"applicant": {"age": 40}})
    assert response.status_code == 200
    _flush(app)
    entries = _entries(engine)
    assert len(entries) == len(response.json()["results"]) == 28
    assert {e.request_kind for e in entries} == {"screening"}
    assert {e.answers for e in entries} == {1}
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
    assert entry.as_of == dt.date(2026, 11, 30)


def test_no_instant_is_stored() -> None:
    # The day is the finest time kept (docs/privacy.md).
    assert "decided_at" not in {column.name for column in DecisionLogEntry.__table__.columns}


async def test_every_answer_is_counted_however_the_batches_fall(
    client: httpx.AsyncClient, app: FastAPI, engine: Engine
) -> None:
    for _ in range(3):
        response = await client.post("/v1/eligibility", json={"applicant": {"age": 40}})
        assert response.status_code == 200
    _flush(app)
    answers: dict[str, int] = {}
    for entry in _entries(engine):
        answers[entry.insats_id] = answers.get(entry.insats_id, 0) + entry.answers
    assert len(answers) == 28
    assert set(answers.values()) == {3}


def test_the_same_answers_in_one_batch_are_one_counted_row(
    engine: Engine, decisions: list[Decision]
) -> None:
    log = DecisionLog(engine, flush_interval=60)
    for _ in range(3):
        log.record(_answered(decisions))
    log.close()
    entries = _entries(engine)
    assert len(entries) == len(decisions)
    assert {e.answers for e in entries} == {3}
    assert (log.written, log.queued) == (3 * len(decisions), 0)


def _writer_cpu_s() -> float:
    return REGISTRY.get_sample_value("insatser_decision_log_writer_cpu_seconds_total") or 0.0


def test_background_thread_writes_without_flush(engine: Engine, decisions: list[Decision]) -> None:
    log = DecisionLog(engine, flush_interval=0.05)
    cpu_before = _writer_cpu_s()
    try:
        log.record(_answered(decisions))
        deadline = time.monotonic() + 10
        while len(_entries(engine)) < len(decisions) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert len(_entries(engine)) == len(decisions)
        assert log.queued == 0
    finally:
        log.close()
    # What the writing cost is counted (the thread's CPU, for the operator beside the
    # process's): building and sending a batch takes some.
    assert _writer_cpu_s() > cpu_before


def test_the_writer_leaves_what_arrives_during_a_write_for_its_next_wake_up(
    engine: Engine, decisions: list[Decision]
) -> None:
    """The background writer writes what was queued when it woke, in batches of at most
    `batch_size` answers, and not the answers that come in while it writes: otherwise, under
    steady load, it never sleeps and writes tiny batches whose answers seldom share a row."""
    log = DecisionLog(engine, flush_interval=60, batch_size=len(decisions))
    for _ in range(3):  # three batches' worth queued at wake-up
        log.record(_answered(decisions))
    arrivals = [_answered(decisions[:2])]

    def one_arrives_meanwhile(*_: object) -> None:
        if arrivals:
            log.record(arrivals.pop())

    event.listen(engine, "before_cursor_execute", one_arrives_meanwhile)
    try:
        log._write_queued()
    finally:
        event.remove(engine, "before_cursor_execute", one_arrives_meanwhile)
    assert (log.written, log.queued) == (3 * len(decisions), 2)
    log.close()  # writes the rest
    assert (log.written, log.queued) == (3 * len(decisions) + 2, 0)


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
def test_counted_rows_count_equal_answers_once(
    decisions: list[Decision], dates_as_text: bool
) -> None:
    other_client = dataclasses.replace(_answered(decisions[:2]), client="socialjouren")
    batch = [_answered(decisions), _answered(decisions[:2]), other_client]
    rows = counted_rows(batch, dates_as_text)
    assert {len(row) for row in rows} == {len(COLUMNS)}
    client, insats_id, answers = (COLUMNS.index(c) for c in ("client", "insats_id", "answers"))
    counted = {(row[client], row[insats_id]): row[answers] for row in rows}
    assert len(counted) == len(rows)
    expected = {("kundcenter", d.insats_id): 1 for d in decisions}
    for decision in decisions[:2]:
        expected["kundcenter", decision.insats_id] = 2
        expected["socialjouren", decision.insats_id] = 1
    assert counted == expected


def test_counted_rows_add_up_decisions_that_store_the_same(decisions: list[Decision]) -> None:
    # Another decision object that differs only where nothing is stored (the information
    # text): one row of two answers.
    decision = decisions[0]
    twin = dataclasses.replace(decision, information="En annan text.")
    assert twin is not decision
    assert twin != decision
    [row] = counted_rows([_answered([decision]), _answered([twin])], True)
    assert row[5] == decision.insats_id
    assert row[-1] == 2


def test_counted_rows_keep_days_and_heads_apart(decisions: list[Decision]) -> None:
    before_midnight = AnsweredRequest(
        decided_at=dt.datetime(2026, 11, 30, 22, 59, tzinfo=dt.UTC),  # 23:59 in Stockholm
        client="kundcenter",
        request_kind="single",
        age_years=30,
        decisions=decisions[:1],
    )
    younger = dataclasses.replace(_answered(decisions[:1]), age_years=29)
    rows = counted_rows([before_midnight, _answered(decisions[:1]), younger], True)
    heads = {(row[0], row[4], row[-1]) for row in rows}
    assert heads == {("2026-11-30", 30, 1), ("2026-12-01", 29, 1), ("2026-12-01", 30, 1)}


def test_counted_rows_of_an_empty_batch() -> None:
    assert counted_rows([], True) == []


def test_a_batch_the_database_refuses_is_dropped_and_counted(
    tmp_path: Path, decisions: list[Decision]
) -> None:
    # A table that refuses every row as such (a trigger that aborts): not an outage, so the
    # batch is dropped at once, counted in answers, and the queue moves on.
    engine = create_db_engine(f"sqlite:///{tmp_path / 'refusing.db'}")
    try:
        Base.metadata.create_all(engine)
        with engine.begin() as connection:
            connection.exec_driver_sql(
                "CREATE TRIGGER refuse BEFORE INSERT ON decision_log "
                "BEGIN SELECT RAISE(ABORT, 'refused'); END"
            )
        log = DecisionLog(engine, flush_interval=60)
        log.record(_answered(decisions))
        log.record(_answered(decisions[:2]))
        log.flush()
        assert (log.queued, log.dropped, log.written) == (0, len(decisions) + 2, 0)
        assert log.failing_since is None
        log.close()
    finally:
        engine.dispose()
