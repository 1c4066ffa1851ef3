"""Is a database already at the newest migration? Answered without Alembic.

`insatser-api serve` migrates an embedded SQLite database at every start, and that database is
nearly always at head already. Asking Alembic costs its import (with Mako and Pygments) and a
run of migrations/env.py, about a fifth of the time to the first ready answer
(docs/performance.md, fifth round). This asks the two things Alembic would compare: the
revisions in the database's `alembic_version` table and the heads of the revision files.

Whenever it cannot tell for certain (a revision file that does not state its ids as plain
literals, a branch label or dependency, a database it cannot read) it says "not at head", and
the caller runs Alembic, which then migrates or reports the fault as before. So a needed
migration is never skipped; at worst the cheap look is wasted.
"""

from __future__ import annotations

import ast
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from insatser_api.kit.bundled import migrations_dir
from insatser_api.kit.database import create_db_engine

# Alembic's defaults, which migrations/env.py keeps.
VERSION_TABLE = "alembic_version"
# The names a revision file states its place in the history with (script.py.mako).
_STATED = ("revision", "down_revision", "branch_labels", "depends_on")


def _statements(path: Path) -> dict[str, object] | None:
    """The file's module-level `revision`, `down_revision`, ... as literals; None if one of
    them is not a plain literal (Alembic would run the module to find out)."""
    try:
        module = ast.parse(path.read_text(encoding="utf-8"), str(path))
    except (OSError, SyntaxError, ValueError):  # Alembic then reports it in its own words
        return None
    found: dict[str, object] = {}
    for node in module.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target, value = node.targets[0], node.value
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            target, value = node.target, node.value
        else:
            continue
        if isinstance(target, ast.Name) and target.id in _STATED:
            try:
                found[target.id] = ast.literal_eval(value)
            except ValueError:
                return None
    return found


def script_heads(versions: Path) -> frozenset[str] | None:
    """The revisions no other revision file revises; None when that cannot be read plainly."""
    revisions: set[str] = set()
    revised: set[str] = set()
    # Alembic's own rule for which files are revisions: *.py, not __init__.py nor editor locks.
    for path in sorted(versions.glob("*.py")):
        if path.name.startswith(("__init__", ".#")):
            continue
        stated = _statements(path)
        if stated is None or stated.get("branch_labels") or stated.get("depends_on"):
            return None
        revision, down = stated.get("revision"), stated.get("down_revision")
        downs = down if isinstance(down, tuple) else (down,)
        if not isinstance(revision, str) or not all(d is None or isinstance(d, str) for d in downs):
            return None
        revisions.add(revision)
        revised.update(d for d in downs if isinstance(d, str))
    heads = frozenset(revisions - revised)
    return heads or None


def database_revisions(database_url: str) -> frozenset[str] | None:
    """What `alembic_version` holds; None if there is no such table or no database to read."""
    engine = create_db_engine(database_url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(text(f"SELECT version_num FROM {VERSION_TABLE}"))
            return frozenset(rows.scalars())
    except SQLAlchemyError:
        return None
    finally:
        engine.dispose()


def at_head(database_url: str) -> bool:
    """True only when the database holds exactly the heads of the bundled revision files."""
    heads = script_heads(migrations_dir() / "versions")
    return heads is not None and database_revisions(database_url) == heads
