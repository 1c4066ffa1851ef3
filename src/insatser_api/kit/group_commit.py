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
import collections
import contextlib
import threading
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


class _Writer:
    """One writer thread and the writes handed to it. A `stop`ped writer is replaced by a new
    one with its own queue: it never takes a write meant for the new thread."""

    def __init__(self, group: GroupCommit, name: str) -> None:
        self.writes: collections.deque[_Write[Any]] = collections.deque()
        self.wake = threading.Event()
        self.stopping = False
        self.thread = threading.Thread(target=self._run, args=(group,), name=name, daemon=True)
        self.thread.start()

    def hand_over(self, writes: list[_Write[Any]]) -> None:
        self.writes.extend(writes)  # deque.extend and popleft are atomic
        self.wake.set()

    def stop(self) -> None:
        self.stopping = True
        self.wake.set()
        self.thread.join()

    def _run(self, group: GroupCommit) -> None:
        writes = self.writes
        while True:
            self.wake.clear()  # before looking: a hand-over after this sets it again
            batch = [writes.popleft() for _ in range(min(len(writes), MAX_BATCH))]
            if batch:
                try:
                    outcomes = group._write_batch(batch)
                except BaseException as error:  # not an Exception: answered, and the thread
                    outcomes = [(False, error)] * len(batch)  # goes on (no write may hang)
                group._answer(batch, outcomes)
            elif self.stopping:
                return
            else:
                self.wake.wait()


class GroupCommit:
    """`await group.write(fn)` runs `fn(connection)` in a transaction shared with the other
    writes queued at the time and returns its result once that transaction committed."""

    def __init__(self, engine: Engine, name: str = "db-writer") -> None:
        self._engine = engine
        self._name = name
        self._writer: _Writer | None = None
        self._lock = threading.Lock()
        # Writes of the event loop's current iteration, handed to the writer together at its
        # end (one wake-up of the writer thread for all of them, where handing each over at
        # once woke it for the first alone: 4,000 batches of one in 12,000 writes, in process).
        self._pending: dict[asyncio.AbstractEventLoop, list[_Write[Any]]] = {}

    async def write(self, write: Callable[[Connection], T]) -> T:
        loop = asyncio.get_running_loop()
        future: asyncio.Future[T] = loop.create_future()
        pending = self._pending.get(loop)
        if pending is None:
            pending = self._pending[loop] = []
            loop.call_soon(self._hand_over, loop)
        pending.append(_Write(write, future, loop))
        return await future

    def queued(self) -> int:
        """How many writes wait for the writer (approximate: it changes as it is read)."""
        writer = self._writer
        waiting = sum(len(writes) for writes in list(self._pending.values()))
        return waiting + (0 if writer is None else len(writer.writes))

    def stop(self) -> None:
        """Write what is queued, then end the thread; `write` starts another."""
        with self._lock:
            writer, self._writer = self._writer, None
        if writer is not None:
            writer.stop()

    def _hand_over(self, loop: asyncio.AbstractEventLoop) -> None:
        writes = self._pending.pop(loop)
        # Started on first use and again after `stop`, as the engines' pools are: an app whose
        # lifespan ends and starts again (tests, an embedding server) keeps working.
        with self._lock:
            if self._writer is None:
                self._writer = _Writer(self, self._name)
            self._writer.hand_over(writes)

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
        by_loop = collections.defaultdict(list)
        for item, (ok, value) in zip(batch, outcomes, strict=True):
            by_loop[item.loop].append((item.future, ok, value))
        for loop, settled in by_loop.items():
            # A loop that has closed raises RuntimeError: nobody waits for these answers.
            with contextlib.suppress(RuntimeError):
                loop.call_soon_threadsafe(_settle, settled)
