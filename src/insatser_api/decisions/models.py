"""Tables of the decision log. Nothing here can identify a person: no personnummer, birth
date, name or free text; the age in whole years is the most precise fact kept."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, Index, Integer, SmallInteger, String, text
from sqlalchemy.orm import Mapped, mapped_column

from insatser_api.kit.columns import BigIntegerKey
from insatser_api.kit.database import Base


class DecisionLogEntry(Base):
    """Eligibility answers for one insats that agree on every column, counted in `answers`
    (decisions/rows.py): statistics add up `answers`, never count rows."""

    __tablename__ = "decision_log"

    id: Mapped[int] = mapped_column(BigIntegerKey, primary_key=True, autoincrement=True)
    # The date and month in Europe/Stockholm, stored so that filtering and grouping by month
    # are plain column comparisons on both databases. No finer time is kept: the readers
    # (statistics, gallring) need none, and an instant beside an age could single a request out.
    decided_on: Mapped[dt.date] = mapped_column(Date)
    month: Mapped[str] = mapped_column(String(7))
    client: Mapped[str] = mapped_column(String(100))
    request_kind: Mapped[str] = mapped_column(String(16))
    insats_id: Mapped[str] = mapped_column(String(64))
    catalog_version: Mapped[str] = mapped_column(String(10))
    as_of: Mapped[dt.date] = mapped_column(Date)
    outcome: Mapped[str] = mapped_column(String(32))
    age_years: Mapped[int | None] = mapped_column(SmallInteger)
    # Catalogue codes of the conditions not met and unknown, space-separated ("" for none).
    # Kept in the row rather than a child table: one insert per answer, no join; statistics
    # group by the pair and split the few distinct values afterwards.
    not_met_conditions: Mapped[str] = mapped_column(String(500))
    unknown_conditions: Mapped[str] = mapped_column(String(500))
    # How many answers the row stands for (the rows written before revision 0005 are one each).
    answers: Mapped[int] = mapped_column(Integer, server_default=text("1"))

    __table_args__ = (Index("ix_decision_log_decided_on_insats_id", "decided_on", "insats_id"),)
