"""Settings, from the environment (prefix `INSATSER_`) or a `.env` file."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

_BUNDLED_CATALOG = Path("catalog") / "ostersund"


def _default_catalog_dir() -> Path:
    # From the working directory (`make run`, the Docker image), else from the source checkout
    # this package is installed from, so `insatser_api.main:app` also works started elsewhere.
    checkout = Path(__file__).resolve().parents[2] / _BUNDLED_CATALOG
    return _BUNDLED_CATALOG if _BUNDLED_CATALOG.is_dir() or not checkout.is_dir() else checkout


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="INSATSER_", env_file=".env", extra="ignore")

    environment: Literal["development", "test", "production"] = "development"
    catalog_dir: Path = Field(
        default_factory=_default_catalog_dir,
        description="Folder with one kommun's catalogue versions (<valid_from>.yaml)",
    )
    database_url: str = Field(
        default="sqlite:///data/insatser.db",
        validation_alias="DATABASE_URL",
        description="SQLAlchemy URL; the embedded default is a SQLite file under data/",
    )
    decision_log_enabled: bool = Field(
        default=True,
        description="Record every eligibility answer, without identity, for the nämnd's "
        "uppföljning",
    )
    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)
    workers: int = Field(
        default=1, ge=1, le=64, description="uvicorn worker processes for `insatser-api serve`"
    )
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = Field(
        default="INFO", description="Lowest level written; WARNING drops the access lines"
    )
    log_format: Literal["json", "text"] = Field(
        default="json",
        description="json: one JSON object per line (for log shippers); text: for people",
    )

    @field_validator("log_level", mode="before")
    @classmethod
    def _upper_level(cls, value: object) -> object:
        # `INSATSER_LOG_LEVEL=info` is how people write it; logging wants the upper-case name.
        return value.upper() if isinstance(value, str) else value


@lru_cache
def get_settings() -> Settings:
    return Settings()
