"""Every query of the documentation journal."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from insatser_api.records.models import DocumentationRecord

Record = DocumentationRecord


def get(session: Session, record_id: str) -> Record | None:
    return session.get(Record, record_id)


def by_idempotency_key(session: Session, client: str, key: str) -> Record | None:
    query = select(Record).where(Record.client == client, Record.idempotency_key == key)
    return session.scalars(query).one_or_none()


def insert_unless_key_taken(session: Session, values: dict[str, Any]) -> bool:
    """Insert the record; False when a record with the same client and Idempotency-Key
    exists already (a concurrent retry), decided by the unique index, not by a prior read."""
    insert = postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert
    statement = (
        insert(Record)
        .values(**values)
        .on_conflict_do_nothing(index_elements=["client", "idempotency_key"])
        .returning(Record.id)
    )
    # RETURNING, not rowcount: drivers report -1 for some inserts, and -1 is truthy.
    return session.execute(statement).scalar_one_or_none() is not None


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


def corrections_of(session: Session, record_ids: Sequence[str]) -> dict[str, list[str]]:
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
