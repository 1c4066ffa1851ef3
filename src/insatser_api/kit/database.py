"""The database: the declarative base and its naming convention, the table modules, engines
and sessions. SQLite (embedded default, WAL) or PostgreSQL (production).

Reads take a session from one dependency (`SessionDep`). A request's write goes through
`Database.write` (a short transaction in the writer thread, shared with the writes queued with
it: kit/group_commit.py) and commits before the answer is built: FastAPI runs a
yield-dependency's exit only after the response is sent, and on SQLite a transaction kept open
that long holds the single write lock while other writers wait (seen as "database is locked"
under 60 parallel POSTs).
"""

from __future__ import annotations

import importlib
import logging
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Annotated, Any, TypeVar

from fastapi import Depends, Request
from sqlalchemy import Connection, Engine, MetaData, create_engine, event, make_url
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker

from insatser_api.kit.group_commit import GroupCommit

# One MetaData with an explicit naming convention, so that constraint names are the same on
# SQLite and PostgreSQL and migrations can drop them by name.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


T = TypeVar("T")


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


# Every module that declares tables, imported once so `Base.metadata` is complete (Alembic,
# tests).
TABLE_MODULES = (
    "insatser_api.decisions.models",
    "insatser_api.records.models",
    "insatser_api.security.models",
)


def import_all_models() -> None:
    for module in TABLE_MODULES:
        importlib.import_module(module)


# How long a SQLite writer waits for another writer's lock before giving up.
SQLITE_BUSY_TIMEOUT_MS = 10_000


def normalize_url(url: str) -> str:
    """`postgresql://` and `postgres://` as given by hosting platforms mean psycopg 3 here."""
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed.render_as_string(hide_password=False)


def is_sqlite(url: str) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def _in_memory(url: str) -> bool:
    return make_url(url).database in (None, "", ":memory:")


class _NoRowData(logging.Filter):
    """Drops SQLAlchemy's DEBUG records of fetched rows: rows can hold personnummer."""

    def filter(self, record: logging.LogRecord) -> bool:
        return record.msg != "Row %r"


_ENGINE_LOGGER = logging.getLogger("sqlalchemy.engine.Engine")
_ENGINE_LOGGER.addFilter(_NoRowData())


def create_db_engine(url: str, *, for_writes: bool = False) -> Engine:
    """An engine; on SQLite `for_writes` makes every transaction `BEGIN IMMEDIATE`.

    A deferred SQLite transaction that reads and then writes fails at once with "database is
    locked" when another writer committed in between (the busy timeout does not apply to a
    read-to-write upgrade). Taking the write lock at BEGIN makes concurrent writers queue
    behind the busy timeout instead. Readers keep a deferred engine so they never queue.
    """
    url = normalize_url(url)
    # hide_parameters: bound values (a personnummer, a journal text) never reach the SQL log
    # at INFO/DEBUG nor the text of a database error.
    if not is_sqlite(url):
        return create_engine(
            url, pool_pre_ping=True, pool_size=10, max_overflow=20, hide_parameters=True
        )
    pool: dict[str, Any] = {}
    if for_writes and not _in_memory(url):
        # One write connection per process: SQLite takes one writer at a time anyway, and a
        # writer queued here is woken the moment the connection comes back, where one queued
        # in SQLite's busy handler sleeps in steps of up to 100 ms (with 16 concurrent journal
        # writers the p99 was 1.1 s). Other processes still wait in the busy handler. The
        # wait for the connection gets the busy timeout's bound; past it, a 503.
        pool = {"pool_size": 1, "max_overflow": 0, "pool_timeout": SQLITE_BUSY_TIMEOUT_MS / 1000}
    engine = create_engine(
        url, connect_args={"check_same_thread": False}, hide_parameters=True, **pool
    )
    event.listen(engine, "connect", _configure_sqlite)
    if for_writes:
        event.listen(engine, "connect", _take_over_transactions)
        event.listen(engine, "begin", _begin_immediate)
    return engine


class Database:
    """The engines and session factories of one app: reads and writes (the same engine
    on PostgreSQL), and the writer that runs a request's write (`write`)."""

    def __init__(self, url: str) -> None:
        self.url = normalize_url(url)
        self.engine = create_db_engine(url)
        self.write_engine = (
            create_db_engine(url, for_writes=True) if is_sqlite(url) else self.engine
        )
        self.sessions = session_factory(self.engine)
        self.write_sessions = session_factory(self.write_engine)
        self._writes = GroupCommit(self.write_engine)

    async def write(self, write: Callable[[Connection], T]) -> T:
        """`write(connection)` in the writer thread, off the event loop, inside a transaction
        that the writes queued with it share; returns once that transaction committed
        (kit/group_commit.py: what holds, and why it is cheaper than one transaction and one
        thread hop a write)."""
        return await self._writes.write(write)

    def writes_waiting(self) -> int:
        """How many writes are queued for the writer now (approximate)."""
        return self._writes.queued()

    def dispose(self) -> None:
        self._writes.stop()
        self.engine.dispose()
        self.write_engine.dispose()


# Below this much free space beside a SQLite file, readiness reports the disk as full: a WAL
# checkpoint or a decision-log batch needs room, and SQLite fails every write once it has none.
SQLITE_MIN_FREE_BYTES = 8 * 1024 * 1024


def write_trouble(database: Database) -> str | None:
    """Why the database cannot take writes now ("read_only", "disk_full"), or None.

    Cheap enough for a readiness probe every few seconds, and it never takes SQLite's write
    lock: the file's and folder's permissions and free space on SQLite, the server's recovery
    and read-only settings on PostgreSQL. A full disk on PostgreSQL shows as failing writes
    (the decision log's, which readiness reports too).
    """
    if is_sqlite(database.url):
        name = make_url(database.url).database
        if not name or name == ":memory:":
            return None
        path = Path(name).resolve()
        folder = path.parent
        if (path.exists() and not os.access(path, os.W_OK)) or not os.access(folder, os.W_OK):
            return "read_only"
        with database.engine.connect() as connection:
            if connection.exec_driver_sql("PRAGMA query_only").scalar():
                return "read_only"
        if shutil.disk_usage(folder).free < SQLITE_MIN_FREE_BYTES:
            return "disk_full"
        return None
    with database.engine.connect() as connection:
        recovering, read_only = connection.exec_driver_sql(
            "SELECT pg_is_in_recovery(), current_setting('transaction_read_only')"
        ).one()
    return "read_only" if recovering or read_only == "on" else None


def _configure_sqlite(connection: Any, _record: Any) -> None:
    # WAL lets readers go on while one writer writes; NORMAL is durable in WAL mode up to the
    # last checkpoint-free commit, the documented trade-off for WAL.
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.close()


def _take_over_transactions(connection: Any, _record: Any) -> None:
    # pysqlite would issue its own deferred BEGIN; hand transaction control to SQLAlchemy.
    connection.isolation_level = None


def _begin_immediate(connection: Connection) -> None:
    connection.exec_driver_sql("BEGIN IMMEDIATE")


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


def get_session(request: Request) -> Iterator[Session]:
    database: Database = request.app.state.database
    with database.sessions() as session:
        yield session


# `async def` though it never waits: FastAPI runs a plain `def` dependency in a worker thread.
async def get_database(request: Request) -> Database:
    database: Database = request.app.state.database
    return database


SessionDep = Annotated[Session, Depends(get_session)]
DatabaseDep = Annotated[Database, Depends(get_database)]
