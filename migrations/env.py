"""Alembic environment: the URL comes from the service's settings, never from alembic.ini."""

from __future__ import annotations

from pathlib import Path

from alembic import context

from insatser_api.config import get_settings
from insatser_api.kit.database import create_db_engine, is_sqlite, normalize_url
from insatser_api.kit.database import Base
from insatser_api.kit.database import import_all_models

config = context.config
import_all_models()
target_metadata = Base.metadata


def _url() -> str:
    url = normalize_url(config.attributes.get("database_url") or get_settings().database_url)
    if is_sqlite(url) and url.startswith("sqlite:///") and ":memory:" not in url:
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    return url


def run_migrations_offline() -> None:
    context.configure(url=_url(), target_metadata=target_metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    engine = create_db_engine(_url())
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=connection.dialect.name == "sqlite",
        )
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
