"""kit/group_commit.py: writes queued together share a transaction, each is answered only
after its COMMIT, and one write's failure or the database's trouble is answered right."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from sqlalchemy import (
    Column,
    Connection,
    Engine,
    Integer,
    MetaData,
    Table,
    event,
    func,
    insert,
    select,
)
from sqlalchemy import exc as sa_exc

from insatser_api.kit.database import create_db_engine
from insatser_api.kit.database_errors import is_unavailable
from insatser_api.kit.group_commit import GroupCommit
from tests.batches import in_one_batch
from tests.database import letters

pytestmark = pytest.mark.database

BATCH = 6


@pytest.fixture
def reader(database_url: str) -> Iterator[Engine]:
    engine = create_db_engine(database_url)
    yield engine
    engine.dispose()


@pytest.fixture
def table(database_url: str) -> Iterator[tuple[Engine, Table]]:
    """A table of its own on the test database (SQLite or PostgreSQL), and a write engine."""
    engine = create_db_engine(database_url, for_writes=True)
    probe = Table(f"group_commit_{letters(8)}", MetaData(), Column("n", Integer, unique=True))
    probe.create(engine)
    try:
        yield engine, probe
    finally:
        probe.drop(engine)
        engine.dispose()


def _rows(engine: Engine, table: Table) -> list[int]:
    with engine.connect() as connection:
        return sorted(connection.execute(select(table.c.n)).scalars())


def _insert(table: Table, n: int) -> Callable[[Connection], Any]:
    def write(connection: Connection) -> Any:
        connection.execute(insert(table).values(n=n))
        return connection.get_transaction()

    return write


async def _in_one_batch(group: GroupCommit, writes: list[Callable[[Connection], Any]]) -> list[Any]:
    """Run `writes` as one batch; each outcome is a result or the exception raised."""
    starts = [group.write(write) for write in writes]
    return await in_one_batch(group.write, group.queued, starts, return_exceptions=True)


async def test_writes_queued_together_share_one_transaction(
    table: tuple[Engine, Table],
) -> None:
    engine, probe = table
    group = GroupCommit(engine)
    try:
        transactions = await _in_one_batch(group, [_insert(probe, n) for n in range(BATCH)])
    finally:
        group.stop()
    assert all(transaction is transactions[0] for transaction in transactions)
    assert _rows(engine, probe) == list(range(BATCH))  # answered, so committed


async def test_nothing_is_answered_before_its_commit(
    table: tuple[Engine, Table], reader: Engine
) -> None:
    engine, probe = table
    group = GroupCommit(engine)
    seen: list[int] = []

    def count(connection: Connection) -> int:
        connection.execute(insert(probe).values(n=100))
        # Another connection does not see this batch's rows until the batch commits.
        seen.append(len(_rows(reader, probe)))
        return 0

    try:
        await _in_one_batch(group, [_insert(probe, n) for n in range(3)] + [count])
    finally:
        group.stop()
    assert seen == [0]
    assert _rows(engine, probe) == [0, 1, 2, 100]


async def test_a_failing_write_fails_alone(table: tuple[Engine, Table]) -> None:
    engine, probe = table
    group = GroupCommit(engine)

    def refused(connection: Connection) -> None:
        connection.execute(insert(probe).values(n=99))  # written, then refused: undone
        raise ValueError("refused")

    writes = [_insert(probe, n) for n in range(BATCH)]
    writes[2] = refused
    writes.append(_insert(probe, 0))  # breaks the unique index: its own IntegrityError
    try:
        outcomes = await _in_one_batch(group, writes)
    finally:
        group.stop()
    assert isinstance(outcomes[2], ValueError)
    assert isinstance(outcomes[-1], sa_exc.IntegrityError)
    assert not any(isinstance(outcome, Exception) for outcome in outcomes[:2] + outcomes[3:-1])
    assert _rows(engine, probe) == [0, 1, 3, 4, 5]


async def test_database_trouble_fails_every_write_in_the_batch(
    table: tuple[Engine, Table],
) -> None:
    engine, probe = table
    group = GroupCommit(engine)
    calls: list[int] = []

    def counted(n: int) -> Callable[[Connection], Any]:
        def write(connection: Connection) -> Any:
            calls.append(n)
            return _insert(probe, n)(connection)

        return write

    def commit_fails(_connection: Connection) -> None:
        if calls:  # not the holding write's own COMMIT
            raise sa_exc.OperationalError("COMMIT", {}, Exception("the disk is full"))

    # The COMMIT itself fails, after every write ran: none may be answered as written.
    event.listen(engine, "commit", commit_fails)
    try:
        outcomes = await _in_one_batch(group, [counted(n) for n in range(BATCH)])
    finally:
        event.remove(engine, "commit", commit_fails)
        group.stop()
    assert all(isinstance(outcome, sa_exc.OperationalError) for outcome in outcomes)
    assert all(is_unavailable(outcome) for outcome in outcomes)  # each a 503
    assert sorted(calls) == list(range(BATCH))  # not run again one by one
    assert _rows(engine, probe) == []


class _Deadlock(Exception):
    sqlstate = "40P01"


async def test_a_deadlocked_batch_runs_again_one_by_one(table: tuple[Engine, Table]) -> None:
    engine, probe = table
    group = GroupCommit(engine)
    deadlocked: list[bool] = []

    def once_deadlocked(connection: Connection) -> None:
        if not deadlocked:
            deadlocked.append(True)
            raise sa_exc.OperationalError("INSERT", {}, _Deadlock())
        _insert(probe, 50)(connection)

    writes = [_insert(probe, n) for n in range(3)] + [once_deadlocked]
    try:
        outcomes = await _in_one_batch(group, writes)
    finally:
        group.stop()
    assert not any(isinstance(outcome, Exception) for outcome in outcomes)
    assert _rows(engine, probe) == [0, 1, 2, 50]


async def test_a_cancelled_request_does_not_stop_the_others(
    table: tuple[Engine, Table],
) -> None:
    engine, probe = table
    group = GroupCommit(engine)
    held, release = threading.Event(), threading.Event()

    def hold(_connection: Connection) -> None:
        held.set()
        release.wait(10)

    try:
        first = asyncio.ensure_future(group.write(hold))
        assert await asyncio.to_thread(held.wait, 10)
        gone = asyncio.ensure_future(group.write(_insert(probe, 1)))
        kept = asyncio.ensure_future(group.write(_insert(probe, 2)))
        while group.queued() < 2:
            await asyncio.sleep(0.001)
        gone.cancel()
        release.set()
        await first
        await kept
    finally:
        group.stop()
    # The cancelled request's write was queued already: it stands, as a write whose client
    # went away after sending it does.
    assert _rows(engine, probe) == [1, 2]


async def test_stop_writes_what_is_queued_and_a_write_starts_it_again(
    table: tuple[Engine, Table],
) -> None:
    engine, probe = table
    group = GroupCommit(engine)
    await group.write(_insert(probe, 1))
    pending = asyncio.ensure_future(group.write(_insert(probe, 2)))
    await asyncio.sleep(0)
    await asyncio.to_thread(group.stop)
    await pending
    await group.write(_insert(probe, 3))
    group.stop()
    assert _rows(engine, probe) == [1, 2, 3]
    with engine.connect() as connection:
        assert connection.execute(select(func.count()).select_from(probe)).scalar() == 3


class _Fatal(BaseException):
    """Not an Exception."""


async def test_a_write_raising_a_base_exception_does_not_stop_the_writer(
    table: tuple[Engine, Table],
) -> None:
    engine, probe = table
    group = GroupCommit(engine)

    def fatal(_connection: Connection) -> None:
        raise _Fatal

    try:
        with pytest.raises(_Fatal):
            await asyncio.wait_for(group.write(fatal), timeout=10)
        await asyncio.wait_for(group.write(_insert(probe, 7)), timeout=10)
    finally:
        group.stop()
    assert _rows(engine, probe) == [7]
