"""Writing the decision log without making the eligibility answer wait for the database.

Answers are queued in memory and written in batches by one background thread; `flush()` writes
what is queued at once (tests, shutdown). An entry can be lost only if the process dies
between the answer and the next batch (at most `flush_interval` seconds) — acceptable for a
follow-up log, never for the documentation journal, which is written in the request.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Dialect, Engine
from sqlalchemy.exc import SQLAlchemyError

from insatser_api.decisions.models import DecisionLogEntry
from insatser_api.kit.dates import STOCKHOLM
from insatser_api.rules import Decision, Status

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class AnsweredRequest:
    """One eligibility request's answers, as queued: the decisions are immutable, so the
    rows are built later, in the writer thread, off the request's path."""

    decided_at: dt.datetime
    client: str
    request_kind: str
    age_years: int | None
    decisions: Sequence[Decision]

    def to_rows(self, dates_as_text: bool) -> list[tuple[object, ...]]:
        """Rows in the order of `COLUMNS`, as the driver takes them."""
        local = self.decided_at.astimezone(STOCKHOLM)
        decided_at: object = self.decided_at
        decided_on: object = local.date()
        if dates_as_text:
            decided_at, decided_on = _sqlite_datetime(self.decided_at), local.date().isoformat()
        shared = (
            decided_at,
            decided_on,
            local.strftime("%Y-%m"),
            self.client,
            self.request_kind,
            self.age_years,
        )
        return [
            (
                *shared,
                decision.insats_id,
                decision.catalog_version,
                decision.as_of.isoformat() if dates_as_text else decision.as_of,
                str(decision.outcome),
                _codes(decision, Status.NOT_MET),
                _codes(decision, Status.UNKNOWN),
            )
            for decision in self.decisions
        ]


COLUMNS = (
    "decided_at",
    "decided_on",
    "month",
    "client",
    "request_kind",
    "age_years",
    "insats_id",
    "catalog_version",
    "as_of",
    "outcome",
    "not_met_conditions",
    "unknown_conditions",
)


def _sqlite_datetime(moment: dt.datetime) -> str:
    # SQLAlchemy's own storage format for DateTime on SQLite, in UTC.
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def _insert_statement(dialect: Dialect) -> str:
    marker = "?" if dialect.paramstyle == "qmark" else "%s"
    table = DecisionLogEntry.__tablename__
    return (
        f"INSERT INTO {table} ({', '.join(COLUMNS)}) VALUES ({', '.join(marker for _ in COLUMNS)})"
    )


def _codes(decision: Decision, status: Status) -> str:
    return " ".join(c.code for c in decision.conditions if c.status == status)


class DecisionLog:
    """A bounded in-memory queue drained into the database by a daemon thread."""

    def __init__(
        self,
        engine: Engine,
        *,
        flush_interval: float = 0.5,
        batch_size: int = 1_000,
        max_queued: int = 100_000,
    ) -> None:
        self._engine = engine
        self._dates_as_text = engine.dialect.name == "sqlite"
        self._insert = _insert_statement(engine.dialect)
        self._flush_interval = flush_interval
        self._batch_size = batch_size
        # A full queue drops the oldest entries rather than growing without bound while the
        # database is away; `dropped` counts them for operators.
        self._queue: deque[AnsweredRequest] = deque(maxlen=max_queued)
        self._write_lock = threading.Lock()
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._start_lock = threading.Lock()
        self.dropped = 0

    def record(self, answered: AnsweredRequest) -> None:
        if self._queue and len(self._queue) == self._queue.maxlen:
            self.dropped += len(self._queue[0].decisions)
        self._queue.append(answered)
        self._ensure_started()

    def flush(self) -> None:
        """Write everything queued now, in the caller's thread."""
        with self._write_lock:
            while self._queue:
                self._write_batch()

    def close(self) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout=10)
        self.flush()

    @property
    def queued(self) -> int:
        return len(self._queue)

    def _ensure_started(self) -> None:
        if self._thread is not None:
            return
        with self._start_lock:
            if self._thread is None and not self._stop.is_set():
                self._thread = threading.Thread(target=self._run, name="decision-log", daemon=True)
                self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            self._wake.wait(self._flush_interval)
            self._wake.clear()
            try:
                self.flush()
            except Exception:  # the thread must outlive any one failure
                logger.exception("decision log: writing a batch failed")

    def _write_batch(self) -> None:
        batch: list[tuple[object, ...]] = []
        while self._queue and len(batch) < self._batch_size:
            batch.extend(self._queue.popleft().to_rows(self._dates_as_text))
        try:
            # One executemany of driver-ready tuples: through the ORM (12 µs a row) or Core
            # (8 µs) the log cost the serving process more CPU than a screening itself;
            # this costs about 2.4 µs a row (docs/performance.md).
            with self._engine.begin() as connection:
                connection.exec_driver_sql(self._insert, batch)
        except SQLAlchemyError as error:
            # The entries carry no personal data, but the driver's message might quote the
            # statement's parameters; log only the error's type.
            self.dropped += len(batch)
            logger.error(
                "decision log: %d entries not written (%s)", len(batch), type(error).__name__
            )
