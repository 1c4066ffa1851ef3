"""Settings, from the environment (prefix `INSATSER_`) or a `.env` file.

Start-up refuses settings that would be unsafe on a municipal network: authentication turned off,
or a placeholder secret, outside development and test (docs/security.md).
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from insatser_api.kit.bundled import bundled_catalog_dir

# Values that are clearly not a chosen secret; refused as the key pepper in production.
PLACEHOLDER_SECRETS = frozenset({"", "change-me", "changeme", "changethis", "secret", "dev"})
MIN_PEPPER_LENGTH = 16
_RELAXED_ENVIRONMENTS = ("development", "test")


def default_database_url() -> str:
    """An embedded SQLite file in the user's data folder (`~/.local/share/insatser-api/` on
    Linux): the same database whatever folder the service is started from, and never inside
    site-packages. `insatser-api serve` creates and migrates it."""
    # Imported only when DATABASE_URL is unset, as it is in the image and the bench.
    from platformdirs import user_data_path

    return f"sqlite:///{user_data_path('insatser-api', appauthor=False) / 'insatser.db'}"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="INSATSER_", env_file=".env", extra="ignore")

    environment: Literal["development", "test", "production"] = "development"
    catalog_dir: Path = Field(
        default_factory=bundled_catalog_dir,
        description="Folder with one kommun's catalogue versions (<valid_from>.yaml); "
        "by default the catalogue bundled with the package",
    )
    database_url: str = Field(
        default_factory=default_database_url,
        validation_alias="DATABASE_URL",
        description="SQLAlchemy URL; the embedded default is a SQLite file in the user's "
        "data folder",
    )
    decision_log_enabled: bool = Field(
        default=True,
        description="Record every eligibility answer, without identity, for the nämnd's "
        "uppföljning",
    )
    decision_log_max_queued: int = Field(
        default=1_000_000,
        ge=1_000,
        le=50_000_000,
        description="Decision log entries (one per insats answered) a worker keeps in memory "
        "while the database is away; beyond it the oldest are dropped and counted",
    )
    catalog_watch_seconds: float = Field(
        default=1.0,
        ge=0,
        le=300,
        description="How often each worker looks at the catalogue folder's digest and reloads "
        "on a change (0: only on SIGHUP or the admin endpoint)",
    )
    database_retry_after_seconds: int = Field(
        default=5, ge=1, le=600, description="Retry-After of a 503 answered for the database"
    )
    request_timeout_seconds: float = Field(
        default=30.0,
        ge=1,
        le=600,
        description="Longest time a client may take to send a request body; then 408",
    )
    decision_log_retention_days: int = Field(
        default=730,
        ge=30,
        le=3650,
        description="Days a decision-log row is kept; `insatser-api decision-log prune` "
        "removes older rows (docs/privacy.md, Gallring)",
    )
    statistics_min_count: int = Field(
        default=5,
        ge=1,
        le=100,
        description="Counts below this are suppressed in every statistics answer, so that no "
        "small group can point at a person (docs/privacy.md); 1 turns suppression off",
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

    auth_disabled: bool = Field(
        default=False,
        description="Turn API-key authentication off (every caller has every scope); "
        "only allowed in development and test",
    )
    public_catalog: bool = Field(
        default=False, description="Let anyone read the catalogue without an API key"
    )
    cors_origins: Annotated[list[str], NoDecode] = Field(
        default_factory=list,
        description="Browser origins allowed to call the API, comma-separated; none by default",
    )
    max_body_bytes: int = Field(
        default=64 * 1024, ge=1024, le=16 * 1024 * 1024, description="Largest request body"
    )
    api_key_pepper: SecretStr = Field(
        default=SecretStr("change-me"),
        description="Server-side secret mixed into API key hashes (HMAC-SHA-256)",
    )
    api_key_cache_seconds: float = Field(
        default=30.0,
        ge=0,
        le=300,
        description="How long a verified key is trusted without asking the database; "
        "a revoked key stops working within this time",
    )

    today: dt.date | None = Field(
        default=None,
        description="The day the service takes as today (`as_of` when a request names none); "
        "for integrators' tests, refused in production (read by kit/dates.py)",
    )

    @field_validator("cors_origins", mode="before")
    @classmethod
    def _comma_separated(cls, value: Any) -> Any:
        if isinstance(value, str):
            return [origin.strip() for origin in value.split(",") if origin.strip()]
        return value

    @model_validator(mode="after")
    def _safe_outside_development(self) -> Settings:
        if self.environment in _RELAXED_ENVIRONMENTS:
            return self
        if self.today is not None:
            raise ValueError(
                "INSATSER_TODAY is only allowed when INSATSER_ENVIRONMENT is development or "
                f"test, not {self.environment}: every answer would be given for a fixed day"
            )
        if self.auth_disabled:
            raise ValueError(
                "INSATSER_AUTH_DISABLED=true is only allowed when INSATSER_ENVIRONMENT is "
                f"development or test, not {self.environment}: every endpoint, writes included, "
                "would be open to anyone"
            )
        pepper = self.api_key_pepper.get_secret_value().strip()
        if pepper.lower() in PLACEHOLDER_SECRETS or len(pepper) < MIN_PEPPER_LENGTH:
            raise ValueError(
                f"INSATSER_API_KEY_PEPPER is a placeholder or shorter than {MIN_PEPPER_LENGTH} "
                "characters; set a long random secret "
                "(e.g. `python -c 'import secrets; print(secrets.token_urlsafe(32))'`)"
            )
        if "*" in self.cors_origins:
            raise ValueError("INSATSER_CORS_ORIGINS must name origins, not '*'")
        return self


@lru_cache
def get_settings() -> Settings:
    return Settings()
