"""The rules layer stays pure: no web framework, no database, nothing from the catalogue
(style.md, issues 2 and 14)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import insatser_api.rules

RULES_DIR = Path(insatser_api.rules.__file__).parent
FORBIDDEN = ("fastapi", "starlette", "sqlalchemy", "alembic", "uvicorn", "httpx", "psycopg")


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("path", sorted(RULES_DIR.glob("*.py")), ids=lambda p: p.name)
def test_rules_module_imports_neither_web_nor_database(path: Path) -> None:
    bad = {name for name in _imports(path) if name.split(".")[0] in FORBIDDEN}
    bad |= {
        name
        for name in _imports(path)
        if name.startswith("insatser_api.")
        and not name.startswith(
            (
                "insatser_api.rules",
                # The vocabulary every layer shares (plain enums, no imports): the outcomes and
                # the fact keys, kept outside rules/ so the client can name them without it.
                "insatser_api.outcomes",
                "insatser_api.facts",
            )
        )
    }
    assert bad == set()


def test_importing_the_rules_layer_loads_no_web_or_database_package() -> None:
    import subprocess
    import sys

    code = (
        "import sys, insatser_api.rules; "
        f"print(sorted(m for m in sys.modules if m.split('.')[0] in {FORBIDDEN!r}"
        " or m.startswith(('insatser_api.catalog', 'insatser_api.kit'))))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert loaded.stdout.strip() == "[]"
