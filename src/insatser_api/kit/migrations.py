"""Alembic from code: the tables are created by migrations only, never at app start-up."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config

from insatser_api.kit.database import normalize_url

_MIGRATIONS = "migrations"


def _project_dir() -> Path:
    # The working directory (`make run`, the Docker image's /app), else the source checkout.
    here = Path.cwd()
    if (here / _MIGRATIONS / "env.py").is_file():
        return here
    return Path(__file__).resolve().parents[3]


def alembic_config(database_url: str) -> Config:
    project = _project_dir()
    config = Config(str(project / "alembic.ini"))
    config.set_main_option("script_location", str(project / _MIGRATIONS))
    config.attributes["database_url"] = normalize_url(database_url)
    return config


def upgrade(database_url: str, revision: str = "head") -> None:
    command.upgrade(alembic_config(database_url), revision)


def downgrade(database_url: str, revision: str = "base") -> None:
    command.downgrade(alembic_config(database_url), revision)
