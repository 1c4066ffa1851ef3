"""Every query on `api_keys`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from insatser_api.security.models import ApiKey


def add(session: Session, key: ApiKey) -> ApiKey:
    session.add(key)
    session.flush()
    return key


def by_prefix(session: Session, prefix: str) -> ApiKey | None:
    return session.scalars(select(ApiKey).where(ApiKey.prefix == prefix)).one_or_none()


def by_name_or_prefix(session: Session, name_or_prefix: str) -> ApiKey | None:
    """The key with this name, else the key with this prefix (a name wins: it is what the
    operator chose)."""
    by_name = session.scalars(select(ApiKey).where(ApiKey.name == name_or_prefix)).one_or_none()
    return by_name or by_prefix(session, name_or_prefix)


def name_taken(session: Session, name: str) -> bool:
    return session.scalars(select(ApiKey.id).where(ApiKey.name == name)).first() is not None


def all_keys(session: Session) -> Sequence[ApiKey]:
    return session.scalars(select(ApiKey).order_by(ApiKey.created_at, ApiKey.name)).all()


def mark_used(session: Session, key_id: str, when: dt.datetime) -> None:
    session.execute(update(ApiKey).where(ApiKey.id == key_id).values(last_used_at=when))


def by_id(session: Session, key_id: str) -> ApiKey | None:
    return session.get(ApiKey, key_id)
