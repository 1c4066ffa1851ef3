"""Alembic from code: the tables are created by migrations only, never at app start-up.

The migrations come with the package (`kit/bundled.py`), so `insatser-api db upgrade` works
from any folder. `alembic.ini` at the top of the checkout is for `alembic revision` only.
"""

from __future__ import annotations

from alembic import command
from alembic.config import Config

from insatser_api.kit.bundled import migrations_dir
from insatser_api.kit.database import normalize_url


def alembic_config(database_url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    # Said explicitly: without it Alembic warns that it guesses how to split path lists.
    config.set_main_option("path_separator", "os")
    config.attributes["database_url"] = normalize_url(database_url)
    return config


def upgrade(database_url: str, revision: str = "head") -> None:
    command.upgrade(alembic_config(database_url), revision)


def downgrade(database_url: str, revision: str = "base") -> None:
    command.downgrade(alembic_config(database_url), revision)
