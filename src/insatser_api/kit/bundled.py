"""Where the bundled catalogue and the migrations are, wherever the package was put.

A wheel carries them as package data (`insatser_api/bundled/`, copied from the top-level
`catalog/` and `migrations/` folders by setup.py); an editable install or a source checkout
reads those folders where they lie. Nothing here depends on the working directory.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parents[1]
_CHECKOUT = _PACKAGE.parents[1]  # src/insatser_api -> the repository root


def bundled_path(name: str) -> Path:
    """`catalog` or `migrations`: the installed copy, else the checkout's folder."""
    for candidate in (_PACKAGE / "bundled" / name, _CHECKOUT / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(
        f"insatser_api: the bundled folder {name!r} is neither in the package "
        f"({_PACKAGE / 'bundled'}) nor in a source checkout ({_CHECKOUT})"
    )


def bundled_catalog_dir() -> Path:
    return bundled_path("catalog") / "ostersund"


def migrations_dir() -> Path:
    return bundled_path("migrations")
