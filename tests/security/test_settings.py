"""Start-up refuses unsafe settings outside development and test."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from insatser_api.config import Settings

STRONG = "a-real-secret-from-the-vault-0123456789"


def test_auth_disabled_is_refused_in_production() -> None:
    with pytest.raises(ValidationError, match="INSATSER_AUTH_DISABLED"):
        Settings(environment="production", auth_disabled=True, api_key_pepper=STRONG)


@pytest.mark.parametrize("environment", ["development", "test"])
def test_auth_disabled_is_allowed_for_development_and_test(environment: str) -> None:
    assert Settings(environment=environment, auth_disabled=True).auth_disabled  # type: ignore[arg-type]


@pytest.mark.parametrize("pepper", ["change-me", "CHANGE-ME", "", "short"])
def test_placeholder_pepper_is_refused_in_production(pepper: str) -> None:
    with pytest.raises(ValidationError, match="INSATSER_API_KEY_PEPPER"):
        Settings(environment="production", api_key_pepper=pepper)


def test_wildcard_cors_is_refused_in_production() -> None:
    with pytest.raises(ValidationError, match="INSATSER_CORS_ORIGINS"):
        Settings(environment="production", api_key_pepper=STRONG, cors_origins="*")


def test_production_with_real_secrets_starts() -> None:
    settings = Settings(environment="production", api_key_pepper=STRONG)
    assert not settings.auth_disabled
    assert not settings.public_catalog
    assert settings.cors_origins == []
    assert settings.max_body_bytes == 64 * 1024


def test_settings_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INSATSER_AUTH_DISABLED", "true")
    monkeypatch.setenv("INSATSER_PUBLIC_CATALOG", "true")
    monkeypatch.setenv("INSATSER_CORS_ORIGINS", "https://app.example, https://kc.example")
    settings = Settings()
    assert settings.auth_disabled
    assert settings.public_catalog
    assert settings.cors_origins == ["https://app.example", "https://kc.example"]
    monkeypatch.setenv("INSATSER_ENVIRONMENT", "production")
    with pytest.raises(ValidationError, match="only allowed when INSATSER_ENVIRONMENT"):
        Settings()


def test_the_pepper_is_not_printed() -> None:
    settings = Settings(environment="production", api_key_pepper=STRONG)
    assert STRONG not in repr(settings)
