"""Engine and sessions: SQLite (embedded default, WAL) or PostgreSQL (production).

One dependency opens a session per request, commits when the endpoint returns and rolls back
when it raises, so no other code calls `commit()`.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Annotated, Any

from fastapi import Depends, Request
from sqlalchemy import Engine, create_engine, event, make_url
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


class _NoRowData(logging.Filter):
    """Drops SQLAlchemy's DEBUG records of fetched rows: rows can hold personnummer."""

    def filter(self, record: logging.LogRecord) -> bool:
        return record.msg != "Row %r"


_ENGINE_LOGGER = logging.getLogger("sqlalchemy.engine.Engine")
_ENGINE_LOGGER.addFilter(_NoRowData())


def create_db_engine(url: str) -> Engine:
    url = normalize_url(url)
    # hide_parameters: bound values (a personnummer, a journal text) never reach the SQL log
    # at INFO/DEBUG nor the text of a database error.
    if not is_sqlite(url):
        return create_engine(
            url, pool_pre_ping=True, pool_size=10, max_overflow=20, hide_parameters=True
        )
    engine = create_engine(url, connect_args={"check_same_thread": False}, hide_parameters=True)
    event.listen(engine, "connect", _configure_sqlite)
    return engine


def _configure_sqlite(connection: Any, _record: Any) -> None:
    # WAL lets readers go on while one writer writes; NORMAL is durable in WAL mode up to the
    # last checkpoint-free commit, the documented trade-off for WAL.
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.close()


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


def get_session(request: Request) -> Iterator[Session]:
    factory: sessionmaker[Session] = request.app.state.sessions
    with factory() as session:
        try:
            yield session
        except BaseException:
            session.rollback()
            raise
        session.commit()


SessionDep = Annotated[Session, Depends(get_session)]
