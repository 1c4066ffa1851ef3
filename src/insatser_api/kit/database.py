"""Engine and sessions: SQLite (embedded default, WAL) or PostgreSQL (production).

Reads take a session from one dependency (`SessionDep`). A write opens one short transaction
with `database.write_sessions.begin()` and commits before the answer is built: FastAPI runs a
yield-dependency's exit only after the response is sent, and on SQLite a transaction kept open
that long holds the single write lock while other writers wait (seen as "database is locked"
under 60 parallel POSTs).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Annotated, Any

from fastapi import Depends, Request
from sqlalchemy import Connection, Engine, create_engine, event, make_url
from sqlalchemy import exc as sa_exc
from sqlalchemy.orm import Session, sessionmaker

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


# Errors that say the database is away or cannot take writes now (unreachable, restarting,
# locked past the busy timeout, read-only, disk full, pool exhausted), as opposed to a bug or
# bad data. They become a 503 with Retry-After, and the decision log retries them.
_UNAVAILABLE = (
    sa_exc.OperationalError,
    sa_exc.InterfaceError,
    sa_exc.InternalError,
    sa_exc.TimeoutError,
)


def is_unavailable(error: BaseException) -> bool:
    """True when `error` says the database cannot serve now, rather than that a query is wrong."""
    if isinstance(error, sa_exc.DBAPIError) and error.connection_invalidated:
        return True
    return isinstance(error, _UNAVAILABLE)


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
    engine = create_engine(url, connect_args={"check_same_thread": False}, hide_parameters=True)
    event.listen(engine, "connect", _configure_sqlite)
    if for_writes:
        event.listen(engine, "connect", _take_over_transactions)
        event.listen(engine, "begin", _begin_immediate)
    return engine


class Database:
    """The engines and session factories of one app: reads and writes (the same engine
    on PostgreSQL)."""

    def __init__(self, url: str) -> None:
        self.engine = create_db_engine(url)
        self.write_engine = (
            create_db_engine(url, for_writes=True) if is_sqlite(url) else self.engine
        )
        self.sessions = session_factory(self.engine)
        self.write_sessions = session_factory(self.write_engine)

    def dispose(self) -> None:
        self.engine.dispose()
        self.write_engine.dispose()


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


def get_database(request: Request) -> Database:
    database: Database = request.app.state.database
    return database


SessionDep = Annotated[Session, Depends(get_session)]
DatabaseDep = Annotated[Database, Depends(get_database)]
