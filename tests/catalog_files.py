"""A later catalogue version written beside the bundled one, changed as a test needs."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from tests.conftest import CATALOG_DIR

LATER = "2026-01-01"


def write_later_version(
    folder: Path, change: Callable[[dict[str, Any]], None] | None = None
) -> Path:
    data = yaml.safe_load((CATALOG_DIR / "2025-07-01.yaml").read_text(encoding="utf-8"))
    data["version"] = data["valid_from"] = LATER
    if change is not None:
        change(data)
    path = folder / f"{LATER}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def insats(data: dict[str, Any], insats_id: str) -> dict[str, Any]:
    found: dict[str, Any] = next(i for i in data["insatser"] if i["id"] == insats_id)
    return found


def break_consent(data: dict[str, Any]) -> None:
    """A fault the loader names precisely: a yes/no field that says "kanske"."""
    data["insatser"][2]["consent"]["without_consent_from_15"] = "kanske"
