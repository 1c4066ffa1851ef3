"""Defaults that do not depend on the folder the service starts in, and the test-only day."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from pydantic import ValidationError

from insatser_api.config import Settings
from insatser_api.kit import dates
from insatser_api.kit.bundled import bundled_catalog_dir, migrations_dir
from tests.conftest import ROOT

STRONG = "a-real-secret-from-the-vault-0123456789"


@pytest.fixture
def elsewhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty working directory with nothing configured."""
    for name in list(os.environ):
        if name.startswith("INSATSER_") or name == "DATABASE_URL":
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_the_bundled_catalogue_is_the_default_from_any_folder(elsewhere: Path) -> None:
    (elsewhere / "catalog" / "ostersund").mkdir(parents=True)  # a stray folder is not taken
    assert Settings().catalog_dir == bundled_catalog_dir() == ROOT / "catalog" / "ostersund"
    assert migrations_dir() == ROOT / "migrations"


def test_an_explicit_catalogue_folder_wins(
    elsewhere: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("INSATSER_CATALOG_DIR", str(elsewhere / "own"))
    assert Settings().catalog_dir == elsewhere / "own"


def test_the_database_is_in_the_users_data_folder_unless_database_url_says(
    elsewhere: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(elsewhere / "data-home"))
    assert Settings().database_url == f"sqlite:///{elsewhere}/data-home/insatser-api/insatser.db"
    monkeypatch.setenv("DATABASE_URL", "postgresql://db.example/insatser")
    assert Settings().database_url == "postgresql://db.example/insatser"


@pytest.fixture
def fixed_day(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv(dates.FIXED_TODAY_VARIABLE, "2026-03-01")
    dates._fixed_today.cache_clear()
    yield
    monkeypatch.delenv(dates.FIXED_TODAY_VARIABLE)
    dates._fixed_today.cache_clear()


@pytest.mark.usefixtures("fixed_day")
def test_insatser_today_is_the_services_today() -> None:
    assert dates.today_in_stockholm() == dt.date(2026, 3, 1)
    assert Settings(environment="test").today == dt.date(2026, 3, 1)


def test_without_it_today_is_the_calendars() -> None:
    dates._fixed_today.cache_clear()
    assert dates.today_in_stockholm() == dt.datetime.now(dates.STOCKHOLM).date()


def test_a_fixed_day_is_refused_in_production() -> None:
    with pytest.raises(ValidationError, match="INSATSER_TODAY"):
        Settings(environment="production", api_key_pepper=STRONG, today=dt.date(2026, 3, 1))
