"""Tables of the decision log. Nothing here can identify a person: no personnummer, birth
date, name or free text; the age in whole years is the most precise fact kept."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, DateTime, Index, SmallInteger, String
from sqlalchemy.orm import Mapped, mapped_column

from insatser_api.kit.columns import BigIntegerKey
from insatser_api.kit.database import Base


class DecisionLogEntry(Base):
    """One eligibility answer for one insats."""

    __tablename__ = "decision_log"

    id: Mapped[int] = mapped_column(BigIntegerKey, primary_key=True, autoincrement=True)
    decided_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    # The date and month in Europe/Stockholm, stored so that filtering and grouping by month
    # are plain column comparisons on both databases.
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

    __table_args__ = (Index("ix_decision_log_decided_on_insats_id", "decided_on", "insats_id"),)
