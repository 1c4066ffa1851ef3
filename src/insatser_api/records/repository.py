"""Every query of the documentation journal."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from functools import cache
from typing import Any

from sqlalchemy import Connection, Insert, Row, Select, bindparam, func, select
from sqlalchemy.orm import Session

from insatser_api.records.models import DocumentationRecord

Record = DocumentationRecord


def get(session: Session, record_id: str) -> Record | None:
    return session.get(Record, record_id)


# The write path's statements, built once and executed on a Connection with bound values:
# SQLAlchemy then finds the compiled SQL by the statement's memoized cache key, where the ORM's
# `insert(...).values(**row)` rebuilt and re-keyed a 20-column statement on every write
# (about half of a write's CPU; docs/performance.md, fifth round).
_COLUMNS = Record.__table__.c
_KEY = ["client", "idempotency_key"]


@cache
def _insert_unless_key_taken(dialect: str) -> Insert:
    """ON CONFLICT on the unique index of (client, idempotency_key): a retry racing its first
    attempt inserts nothing and returns no row. Built at the first write: a worker serving
    SQLite never imports the PostgreSQL dialect (docs/performance.md, fifth round)."""
    if dialect == "postgresql":
        from sqlalchemy.dialects import postgresql

        return (
            postgresql.insert(Record)
            .on_conflict_do_nothing(index_elements=_KEY)
            .returning(*_COLUMNS)
        )
    from sqlalchemy.dialects import sqlite

    return sqlite.insert(Record).on_conflict_do_nothing(index_elements=_KEY).returning(*_COLUMNS)


_BY_KEY = select(*_COLUMNS).where(
    _COLUMNS.client == bindparam("client"), _COLUMNS.idempotency_key == bindparam("key")
)
_INSATS_OF = select(_COLUMNS.insats_id).where(_COLUMNS.id == bindparam("record_id"))


def by_idempotency_key(connection: Connection, client: str, key: str) -> Row[Any] | None:
    return connection.execute(_BY_KEY, {"client": client, "key": key}).one_or_none()


def insats_of(connection: Connection, record_id: str) -> str | None:
    """The insats of a record, None when there is no record with that id."""
    found: str | None = connection.execute(_INSATS_OF, {"record_id": record_id}).scalar()
    return found


def insert_unless_key_taken(connection: Connection, values: dict[str, Any]) -> Row[Any] | None:
    """Insert the record and return it as stored; None when a record with the same client
    and Idempotency-Key exists already (a concurrent retry), decided by the unique index, not
    by a prior read."""
    statement = _insert_unless_key_taken(connection.dialect.name)
    return connection.execute(statement, values).one_or_none()


def enheter(session: Session) -> Sequence[str]:
    """Every enhet that has records (few; the index on enhet answers it)."""
    return session.scalars(select(Record.enhet).distinct()).all()


def _filtered(
    query: Select[Any],
    insats_id: str | None,
    first: dt.date | None,
    last: dt.date | None,
    enheter: frozenset[str] | None = None,
) -> Select[Any]:
    if enheter is not None:
        query = query.where(Record.enhet.in_(sorted(enheter)))
    if insats_id is not None:
        query = query.where(Record.insats_id == insats_id)
    if first is not None:
        query = query.where(Record.performed_on >= first)
    if last is not None:
        query = query.where(Record.performed_on <= last)
    return query


def page(
    session: Session,
    *,
    insats_id: str | None,
    first: dt.date | None,
    last: dt.date | None,
    enheter: frozenset[str] | None,
    offset: int,
    limit: int,
) -> tuple[Sequence[Record], int]:
    """One page of the records of `enheter` (None: every enhet)."""
    total = session.scalar(
        _filtered(select(func.count(Record.id)), insats_id, first, last, enheter)
    )
    rows = session.scalars(
        _filtered(select(Record), insats_id, first, last, enheter)
        .order_by(Record.performed_on, Record.created_at, Record.id)
        .offset(offset)
        .limit(limit)
    ).all()
    return rows, total or 0


def corrections_of(
    session: Session | Connection, record_ids: Sequence[str]
) -> dict[str, list[str]]:
    if not record_ids:
        return {}
    rows = session.execute(
        select(Record.corrects, Record.id)
        .where(Record.corrects.in_(record_ids))
        .order_by(Record.created_at, Record.id)
    ).all()
    corrections: dict[str, list[str]] = defaultdict(list)
    for corrected, correction in rows:
        if corrected is not None:
            corrections[corrected].append(correction)
    return corrections
