"""Writing the decision log without making the eligibility answer wait for the database.

Answers are queued in memory and written in batches by one background thread every
`flush_interval` seconds; `flush()` writes what is queued at once (tests, shutdown). A batch's
answers that agree on every stored column are one row with their number (decisions/rows.py):
on distinct people a two-second batch of screenings is about a sixth of the rows one row per
answer made, and the writer's CPU a quarter (docs/performance.md, fifth round).

While the database is away (unreachable, locked, read-only, full) nothing is given up: a batch
that fails is put back at the head of the queue and retried with exponential backoff
(`RETRY_FIRST_S` doubling to `RETRY_MAX_S`) until the database answers again. The queue holds at
most `max_queued` entries (one per insats answered; `INSATSER_DECISION_LOG_MAX_QUEUED`); past
that the oldest are dropped, counted in `insatser_decision_log_dropped_total{reason="overflow"}`
and logged once per outage. Rows the database refuses as such (not a connection problem, e.g. a
constraint) are dropped at once with reason `rejected`, the whole batch (at most `batch_size`
answers): retrying them would block the rest.

What can still be lost: what is queued when the process is killed (normally at most
`flush_interval` seconds of answers; during an outage, the whole queue). The journal of
documentation is written in the request, never here.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import deque

from sqlalchemy import Dialect, Engine
from sqlalchemy.exc import SQLAlchemyError

from insatser_api.decisions.models import DecisionLogEntry
from insatser_api.decisions.rows import COLUMNS, AnsweredRequest, counted_rows
from insatser_api.kit.database_errors import is_unavailable
from insatser_api.ops.metrics import (
    DECISION_LOG_DROPPED,
    DECISION_LOG_QUEUED,
    DECISION_LOG_WRITER_CPU,
    DECISION_LOG_WRITTEN,
)

logger = logging.getLogger(__name__)

RETRY_FIRST_S = 0.5
RETRY_MAX_S = 10.0


# Rows per INSERT statement. The driver lets other threads run while the database executes a
# statement, and the writer must then wait for the interpreter again: behind a busy event loop
# that wait is up to the 5 ms switch interval. One statement per row made a batch of 10,000
# rows take ~9 s of wall time for 0.3 s of CPU under load, holding SQLite's one write
# connection (kit/database.py) while journal writes queued; 250 rows a statement is 40 waits.
# 250 × 12 columns stays under both databases' limits on bound parameters.
ROWS_PER_STATEMENT = 250


def _insert_statement(dialect: Dialect, rows: int) -> str:
    marker = "?" if dialect.paramstyle == "qmark" else "%s"
    table = DecisionLogEntry.__tablename__
    values = "(" + ", ".join(marker for _ in COLUMNS) + ")"
    return f"INSERT INTO {table} ({', '.join(COLUMNS)}) VALUES " + ", ".join([values] * rows)


class DecisionLog:
    """A bounded in-memory queue drained into the database by a daemon thread."""

    # Two seconds and up to 100,000 answers (3,500 screenings) a transaction: the longer a
    # batch, the more of its answers share a row (on distinct people 17.5 rows a screening at
    # 250 screenings a batch, 8.4 at 1,000, 4.9 at 2,000), and the rows are most of the
    # writer's cost. The price is what a killed process loses: up to two seconds of answers.
    def __init__(
        self,
        engine: Engine,
        *,
        flush_interval: float = 2.0,
        batch_size: int = 100_000,
        max_queued: int = 1_000_000,
    ) -> None:
        self._engine = engine
        self._dates_as_text = engine.dialect.name == "sqlite"
        self._dialect = engine.dialect
        self._inserts: dict[int, str] = {}
        self._flush_interval = flush_interval
        self._batch_size = batch_size
        self._max_queued = max_queued
        # Answered requests, oldest first; `_entries` counts their decisions (the rows).
        self._queue: deque[AnsweredRequest] = deque()
        self._entries = 0
        self._queue_lock = threading.Lock()
        self._write_lock = threading.Lock()
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._start_lock = threading.Lock()
        self.dropped = 0
        self.written = 0
        # Since when the database has refused writes (monotonic seconds), None when it answers.
        self.failing_since: float | None = None
        self._dropped_this_outage = 0

    def record(self, answered: AnsweredRequest) -> None:
        size = len(answered.decisions)
        if not size:  # nothing to log (an empty screening)
            return
        with self._queue_lock:
            self._queue.append(answered)
            self._entries += size
            if self._entries > self._max_queued:
                self._drop_oldest_locked()
        self._ensure_started()

    def flush(self) -> None:
        """Write everything queued, also what arrives meanwhile, in the caller's thread;
        raises the database's error if it cannot (the entries stay queued)."""
        with self._write_lock:
            while self._write_batch():
                pass

    def _write_queued(self) -> None:
        """Write what is queued now, in batches, but not what arrives while it is written.

        Under steady load a writer that went on while anything was queued never slept: it
        wrote a batch of whatever had come in during the previous one, a few dozen screenings
        whose answers seldom share a row, at more than twice the CPU per answer of a batch
        that spans the whole interval (docs/performance.md, fifth round). What arrives
        meanwhile waits for the next wake-up, `flush_interval` seconds later.
        """
        with self._write_lock:
            remaining = self._entries
            while remaining > 0:
                written = self._write_batch()
                if not written:
                    return
                remaining -= written

    def close(self) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout=10)
        try:
            self.flush()
        except SQLAlchemyError as error:
            logger.error(
                "decision log: %d entries not written at shutdown (%s)",
                self.queued,
                type(error).__name__,
            )

    @property
    def queued(self) -> int:
        """Entries (rows) waiting to be written."""
        return self._entries

    def _ensure_started(self) -> None:
        if self._thread is not None:
            return
        with self._start_lock:
            if self._thread is None and not self._stop.is_set():
                self._thread = threading.Thread(target=self._run, name="decision-log", daemon=True)
                self._thread.start()

    def _run(self) -> None:
        delay = self._flush_interval
        while not self._stop.is_set():
            self._wake.wait(delay)
            self._wake.clear()
            started = time.thread_time()
            try:
                self._write_queued()
            except SQLAlchemyError:
                # Backoff: 0.5, 1, 2, 4, 8, 10, 10 … s between attempts while it is away.
                delay = min(RETRY_MAX_S, max(RETRY_FIRST_S, delay * 2))
            except Exception:  # the thread must outlive any one failure
                logger.exception("decision log: writing a batch failed")
                delay = self._flush_interval
            else:
                delay = self._flush_interval
            DECISION_LOG_WRITER_CPU.inc(time.thread_time() - started)
            DECISION_LOG_QUEUED.set(self._entries)

    def _take_batch(self) -> list[AnsweredRequest]:
        batch: list[AnsweredRequest] = []
        rows = 0
        with self._queue_lock:
            while self._queue and rows < self._batch_size:
                answered = self._queue.popleft()
                batch.append(answered)
                rows += len(answered.decisions)
        return batch

    def _put_back(self, batch: list[AnsweredRequest]) -> None:
        with self._queue_lock:
            self._queue.extendleft(reversed(batch))
            while self._entries > self._max_queued and self._queue:
                self._drop_oldest_locked()

    def _drop_oldest_locked(self) -> None:
        lost = len(self._queue.popleft().decisions)
        self._entries -= lost
        self.dropped += lost
        DECISION_LOG_DROPPED.labels("overflow").inc(lost)
        if self._dropped_this_outage == 0:
            logger.error(
                "decision log: the queue is full (%d entries) while the database is away; the "
                "oldest entries are dropped until it answers again",
                self._max_queued,
            )
        self._dropped_this_outage += lost

    def _write_batch(self) -> int:
        """Write one batch; the number of its answers (0: the queue was empty)."""
        batch = self._take_batch()
        if not batch:
            return 0
        answers = sum(len(answered.decisions) for answered in batch)
        rows = counted_rows(batch, self._dates_as_text)
        try:
            # Driver-ready values, one row per distinct answer, many rows a statement
            # (`ROWS_PER_STATEMENT`): through the ORM (12 µs a row) or Core (8 µs) the log cost
            # the serving process more CPU than a screening itself (docs/performance.md).
            with self._engine.begin() as connection:
                for start in range(0, len(rows), ROWS_PER_STATEMENT):
                    chunk = rows[start : start + ROWS_PER_STATEMENT]
                    values = tuple(value for row in chunk for value in row)
                    connection.exec_driver_sql(self._insert_of(len(chunk)), values)
        except SQLAlchemyError as error:
            if not is_unavailable(error):
                self._reject(answers, error)
                return answers
            self._put_back(batch)
            self._outage_began(error)
            raise
        with self._queue_lock:
            self._entries -= answers
        self.written += answers
        DECISION_LOG_WRITTEN.inc(answers)
        self._outage_ended()
        return answers

    def _insert_of(self, rows: int) -> str:
        statement = self._inserts.get(rows)
        if statement is None:
            statement = self._inserts[rows] = _insert_statement(self._dialect, rows)
        return statement

    def _reject(self, answers: int, error: SQLAlchemyError) -> None:
        with self._queue_lock:
            self._entries -= answers
        self.dropped += answers
        DECISION_LOG_DROPPED.labels("rejected").inc(answers)
        # The entries carry no personal data, but the driver's message might quote the
        # statement's parameters; log only the error's type.
        logger.error(
            "decision log: %d entries refused by the database (%s)",
            answers,
            type(error).__name__,
        )

    def _outage_began(self, error: SQLAlchemyError) -> None:
        if self.failing_since is None:
            self.failing_since = time.monotonic()
            logger.warning(
                "decision log: the database cannot be written (%s); entries are kept and retried",
                type(error).__name__,
            )

    def _outage_ended(self) -> None:
        if self.failing_since is None:
            return
        seconds = time.monotonic() - self.failing_since
        logger.info(
            "decision log: the database is written again after %.1f s; %d entries dropped "
            "meanwhile",
            seconds,
            self._dropped_this_outage,
            extra={"dropped": self._dropped_this_outage},
        )
        self.failing_since = None
        self._dropped_this_outage = 0
