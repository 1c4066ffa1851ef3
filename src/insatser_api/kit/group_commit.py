"""Group commit: the writes that requests hand over while the writer is busy go into one
transaction, and every request is answered after its COMMIT.

One writer thread per `GroupCommit` takes whatever is queued when it wakes (at most
`MAX_BATCH`), runs each write on one connection in one transaction, commits, and then settles
all the batch's futures with one hop to the event loop. With 16 concurrent journal writers
this pays one BEGIN, one COMMIT (one fsync on SQLite) and one pool check-out (one pre-ping on
PostgreSQL) for many writes, and one thread hand-off each way for the batch instead of one per
write (docs/performance.md, "Group commit").

What must still hold:
- Nothing is acknowledged before its COMMIT: a future is settled only after the transaction
  that wrote it committed, or with the error that stopped it.
- One write's refusal or bug does not fail the others: if any write in a batch raises, the
  batch is rolled back and every write runs again alone, in its own transaction, exactly as
  without batching; each gets its own outcome.
- Database trouble (`is_unavailable`) fails every write of the batch with that error (a 503
  each), without running them again: none of them was committed. A deadlock or serialization
  failure (two batches in two processes taking the same Idempotency-Keys in opposite order on
  PostgreSQL) is not trouble of that kind: those batches too run again one by one.
- Several workers and instances: the batch is an ordinary transaction, so the unique index
  and ON CONFLICT decide between processes as they do for single writes.
"""

from __future__ import annotations

import asyncio
import contextlib
import queue
import threading
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from sqlalchemy import Connection, Engine
from sqlalchemy import exc as sa_exc

from insatser_api.kit.database_errors import is_unavailable

T = TypeVar("T")

# The most writes in one transaction: on SQLite the batch holds the write lock for all of
# them (~30 µs of database work each), and an answer waits for the whole batch.
MAX_BATCH = 32

# SQLSTATEs of PostgreSQL's deadlock and serialization failures: the transaction is lost but
# running its writes again (one by one, which cannot deadlock with each other) succeeds.
_RUN_AGAIN_SQLSTATES = frozenset({"40001", "40P01"})


@dataclass(slots=True)
class _Write(Generic[T]):
    write: Callable[[Connection], T]
    future: asyncio.Future[T]
    loop: asyncio.AbstractEventLoop


_STOP = object()


def _runs_again(error: BaseException) -> bool:
    """False when the error says the database cannot serve now: running the batch's writes
    again would only meet it once per write."""
    if not is_unavailable(error):
        return True
    if isinstance(error, sa_exc.DBAPIError) and not error.connection_invalidated:
        return getattr(error.orig, "sqlstate", None) in _RUN_AGAIN_SQLSTATES
    return False


def _settle(outcomes: list[tuple[asyncio.Future[Any], bool, Any]]) -> None:
    for future, ok, value in outcomes:
        if future.cancelled():  # the request went away; its write stands or fell regardless
            continue
        if ok:
            future.set_result(value)
        else:
            future.set_exception(value)


class GroupCommit:
    """`await group.write(fn)` runs `fn(connection)` in a transaction shared with the other
    writes queued at the time and returns its result once that transaction committed."""

    def __init__(self, engine: Engine, name: str = "db-writer") -> None:
        self._engine = engine
        self._name = name
        # Each writer thread has its own queue: after `stop` a new thread never takes the
        # old one's stop mark, nor the old one a write meant for the new.
        self._queue: queue.SimpleQueue[_Write[Any] | object] | None = None
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    async def write(self, write: Callable[[Connection], T]) -> T:
        loop = asyncio.get_running_loop()
        future: asyncio.Future[T] = loop.create_future()
        self._started().put(_Write(write, future, loop))
        return await future

    def queued(self) -> int:
        """How many writes wait for the writer (approximate: it changes as it is read)."""
        writes = self._queue
        return 0 if writes is None else writes.qsize()

    def stop(self) -> None:
        """Write what is queued, then end the thread; `write` starts another."""
        with self._lock:
            thread, writes = self._thread, self._queue
            self._thread = self._queue = None
        if thread is not None and writes is not None:
            writes.put(_STOP)
            thread.join()

    def _started(self) -> queue.SimpleQueue[_Write[Any] | object]:
        # Started on first use and again after `stop`, as the engines' pools are: an app whose
        # lifespan ends and starts again (tests, an embedding server) keeps working.
        with self._lock:
            if self._queue is None:
                self._queue = queue.SimpleQueue()
                self._thread = threading.Thread(
                    target=self._run, args=(self._queue,), name=self._name, daemon=True
                )
                self._thread.start()
            return self._queue

    def _run(self, writes: queue.SimpleQueue[_Write[Any] | object]) -> None:
        while True:
            first = writes.get()
            if first is _STOP:
                return
            batch: list[_Write[Any]] = [first]  # type: ignore[list-item]
            stop = False
            while len(batch) < MAX_BATCH:
                try:
                    item = writes.get_nowait()
                except queue.Empty:
                    break
                if item is _STOP:
                    stop = True
                    break
                batch.append(item)  # type: ignore[arg-type]
            self._answer(batch, self._write_batch(batch))
            if stop:
                return

    def _write_batch(self, batch: list[_Write[Any]]) -> list[tuple[bool, Any]]:
        if len(batch) == 1:
            return [self._write_alone(batch[0])]
        try:
            with self._engine.begin() as connection:
                results = [item.write(connection) for item in batch]
        except Exception as error:
            if not _runs_again(error):
                return [(False, error)] * len(batch)
            return [self._write_alone(item) for item in batch]
        return [(True, result) for result in results]

    def _write_alone(self, item: _Write[Any]) -> tuple[bool, Any]:
        try:
            with self._engine.begin() as connection:
                return True, item.write(connection)
        except Exception as error:
            return False, error

    @staticmethod
    def _answer(batch: list[_Write[Any]], outcomes: list[tuple[bool, Any]]) -> None:
        # One hop to each event loop for the whole batch (normally one loop: the worker's).
        by_loop: dict[asyncio.AbstractEventLoop, list[tuple[asyncio.Future[Any], bool, Any]]]
        by_loop = defaultdict(list)
        for item, (ok, value) in zip(batch, outcomes, strict=True):
            by_loop[item.loop].append((item.future, ok, value))
        for loop, settled in by_loop.items():
            # A loop that has closed raises RuntimeError: nobody waits for these answers.
            with contextlib.suppress(RuntimeError):
                loop.call_soon_threadsafe(_settle, settled)
