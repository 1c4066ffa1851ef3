"""The documentation journal table. Append-only: a correction is a new row that points at the
row it corrects; the API never updates or deletes."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, Date, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from insatser_api.kit.database import Base

MODES = ("individual", "advisory", "deidentified")
CONTACT_FORMS = ("telefon", "besok", "digitalt", "grupp")
HASHED_KEY_LENGTH = 64  # hex HMAC-SHA-256 of the Idempotency-Key (records/idempotency.py)


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
    # What a 14 kap. 4 or 5 § record holds instead of words about the person.
    contact: Mapped[str | None] = mapped_column(String(16))
    participants: Mapped[int | None] = mapped_column(Integer)
    duration_minutes: Mapped[int | None] = mapped_column(Integer)
    topic: Mapped[str | None] = mapped_column(String(64))
    # Only on `individual` records (14 kap. 3 §); the check constraint below keeps it so
    # even if a future code path forgot the rule.
    personnummer: Mapped[str | None] = mapped_column(String(12))
    name: Mapped[str | None] = mapped_column(String(200))
    text: Mapped[str | None] = mapped_column(Text)
    corrects: Mapped[str | None] = mapped_column(ForeignKey("documentation_records.id"), index=True)
    client: Mapped[str] = mapped_column(String(100))
    # Never the caller's key itself (it could be anything, a personnummer too): its keyed hash.
    idempotency_key: Mapped[str | None] = mapped_column(String(200))
    request_fingerprint: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))

    __table_args__ = (
        CheckConstraint(f"mode IN {MODES!r}", name="mode"),
        CheckConstraint(
            "mode = 'individual' OR (personnummer IS NULL AND name IS NULL)",
            name="no_identity_outside_individual",
        ),
        CheckConstraint(f"contact IS NULL OR contact IN {CONTACT_FORMS!r}", name="contact"),
        CheckConstraint(
            "participants IS NULL OR participants BETWEEN 1 AND 50", name="participants"
        ),
        CheckConstraint(
            "duration_minutes IS NULL OR duration_minutes BETWEEN 1 AND 480",
            name="duration_minutes",
        ),
        CheckConstraint(
            f"idempotency_key IS NULL OR length(idempotency_key) = {HASHED_KEY_LENGTH}",
            name="idempotency_key_hashed",
        ),
        Index(
            "uq_documentation_records_client_idempotency_key",
            "client",
            "idempotency_key",
            unique=True,
        ),
        Index("ix_documentation_records_performed_on_insats_id", "performed_on", "insats_id"),
        Index("ix_documentation_records_enhet", "enhet"),
    )
