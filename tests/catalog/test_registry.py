"""Several catalogue versions side by side; the one in force is picked by date."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from insatser_api.catalog.registry import CatalogRegistry, NoCatalogInForce
from tests.two_versions import LATER


@pytest.mark.parametrize(
    ("as_of", "version"),
    [
        ("2025-07-01", "2025-07-01"),
        ("2025-12-31", "2025-07-01"),
        ("2026-01-01", LATER),
        ("2030-06-01", LATER),
    ],
)
def test_the_version_in_force_is_the_latest_started(
    two_versions: Path, as_of: str, version: str
) -> None:
    registry = CatalogRegistry.from_directory(two_versions)
    assert registry.in_force(dt.date.fromisoformat(as_of)).version == version


def test_before_the_first_version_nothing_is_in_force(two_versions: Path) -> None:
    registry = CatalogRegistry.from_directory(two_versions)
    with pytest.raises(NoCatalogInForce):
        registry.in_force(dt.date(2025, 6, 30))


def test_valid_to_is_the_day_before_the_next_version(two_versions: Path) -> None:
    registry = CatalogRegistry.from_directory(two_versions)
    first, second = registry.versions
    assert registry.valid_to(first) == dt.date(2025, 12, 31)
    assert registry.valid_to(second) is None
    assert first.digest != second.digest
    assert first.digest.startswith("sha256:")
