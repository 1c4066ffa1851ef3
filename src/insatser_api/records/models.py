"""The documentation journal table. Append-only: a correction is a new row that points at the
row it corrects; the API never updates or deletes."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, Date, DateTime, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from insatser_api.kit.database import Base

MODES = ("individual", "advisory", "deidentified")


class DocumentationRecord(Base):
    __tablename__ = "documentation_records"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    insats_id: Mapped[str] = mapped_column(String(64))
    enhet: Mapped[str] = mapped_column(String(100))
    catalog_version: Mapped[str] = mapped_column(String(10))
    mode: Mapped[str] = mapped_column(String(16))
    legal_basis: Mapped[str] = mapped_column(String(200))
    performed_on: Mapped[dt.date] = mapped_column(Date)
    performed_month: Mapped[str] = mapped_column(String(7))
    # Only on `individual` records (14 kap. 3 §); the check constraint below keeps it so
    # even if a future code path forgot the rule.
    personnummer: Mapped[str | None] = mapped_column(String(12))
    name: Mapped[str | None] = mapped_column(String(200))
    text: Mapped[str | None] = mapped_column(Text)
    corrects: Mapped[str | None] = mapped_column(ForeignKey("documentation_records.id"), index=True)
    client: Mapped[str] = mapped_column(String(100))
    idempotency_key: Mapped[str | None] = mapped_column(String(200))
    request_fingerprint: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))

    __table_args__ = (
        CheckConstraint(f"mode IN {MODES!r}", name="mode"),
        CheckConstraint(
            "mode = 'individual' OR (personnummer IS NULL AND name IS NULL)",
            name="no_identity_outside_individual",
        ),
        Index(
            "uq_documentation_records_client_idempotency_key",
            "client",
            "idempotency_key",
            unique=True,
        ),
        Index("ix_documentation_records_performed_on_insats_id", "performed_on", "insats_id"),
    )
