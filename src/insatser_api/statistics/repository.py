"""The aggregate queries: GROUP BY in the database, whatever the log's size. A decision-log
row stands for `answers` answers, so answers are summed, never rows counted."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from insatser_api.decisions.models import DecisionLogEntry
from insatser_api.records.models import DocumentationRecord

Entry = DecisionLogEntry
Record = DocumentationRecord


def decision_counts(
    session: Session, first: dt.date, last: dt.date, insats_id: str | None
) -> Sequence[tuple[str, str, str, int]]:
    query = (
        select(Entry.insats_id, Entry.month, Entry.outcome, func.sum(Entry.answers))
        .where(Entry.decided_on.between(first, last))
        .group_by(Entry.insats_id, Entry.month, Entry.outcome)
        .order_by(Entry.month, Entry.insats_id, Entry.outcome)
    )
    if insats_id is not None:
        query = query.where(Entry.insats_id == insats_id)
    return session.execute(query).all()


def condition_combinations(
    session: Session, first: dt.date, last: dt.date, insats_id: str | None
) -> Sequence[tuple[str, str, str, str, int]]:
    """Answers per insats, month and combination of codes not met and unknown; the caller
    splits the (few) distinct combinations into counts per code."""
    query = (
        select(
            Entry.insats_id,
            Entry.month,
            Entry.not_met_conditions,
            Entry.unknown_conditions,
            func.sum(Entry.answers),
        )
        .where(Entry.decided_on.between(first, last))
        .where((Entry.not_met_conditions != "") | (Entry.unknown_conditions != ""))
        .group_by(Entry.insats_id, Entry.month, Entry.not_met_conditions, Entry.unknown_conditions)
    )
    if insats_id is not None:
        query = query.where(Entry.insats_id == insats_id)
    return session.execute(query).all()


def documentation_counts(
    session: Session, first: dt.date, last: dt.date, insats_id: str | None
) -> Sequence[tuple[str, str, str, int, int]]:
    is_correction = case((Record.corrects.is_not(None), 1), else_=0)
    query = (
        select(
            Record.insats_id,
            Record.performed_month,
            Record.mode,
            func.count(Record.id) - func.sum(is_correction),
            func.sum(is_correction),
        )
        .where(Record.performed_on.between(first, last))
        .group_by(Record.insats_id, Record.performed_month, Record.mode)
        .order_by(Record.performed_month, Record.insats_id, Record.mode)
    )
    if insats_id is not None:
        query = query.where(Record.insats_id == insats_id)
    return session.execute(query).all()
