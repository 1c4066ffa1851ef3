"""Every table module, imported once so `Base.metadata` is complete (Alembic, tests)."""

from __future__ import annotations

import importlib

TABLE_MODULES = (
    "insatser_api.decisions.models",
    "insatser_api.records.models",
    "insatser_api.security.models",
)


def import_all_models() -> None:
    for module in TABLE_MODULES:
        importlib.import_module(module)
