"""Settings, from the environment (prefix `INSATSER_`) or a `.env` file."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="INSATSER_", env_file=".env", extra="ignore")

    environment: Literal["development", "test", "production"] = "development"
    catalog_dir: Path = Field(
        default=Path("catalog/ostersund"),
        description="Folder with one kommun's catalogue versions (<valid_from>.yaml)",
    )
    database_url: str = Field(
        default="sqlite:///data/insatser.db",
        validation_alias="DATABASE_URL",
        description="SQLAlchemy URL; the embedded default is a SQLite file under data/",
    )
    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)


@lru_cache
def get_settings() -> Settings:
    return Settings()
