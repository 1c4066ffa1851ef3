"""The `api_keys` table: one row per key, holding its HMAC, never the key itself."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, DateTime, String
from sqlalchemy.orm import Mapped, mapped_column

from insatser_api.kit.database import Base

NAME_MAX_LENGTH = 100
PREFIX_LENGTH = 12


class ApiKey(Base):
    __tablename__ = "api_keys"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(String(NAME_MAX_LENGTH), unique=True)
    # The public part of the token: shown in listings and logs, used to find the row.
    prefix: Mapped[str] = mapped_column(String(PREFIX_LENGTH), unique=True)
    secret_hash: Mapped[str] = mapped_column("hash", String(64))
    scopes: Mapped[list[str]] = mapped_column(JSON)
    # Enheter for documentation:write and :read; ["*"] = every enhet; None = none.
    enheter: Mapped[list[str] | None] = mapped_column(JSON, nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    last_used_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
