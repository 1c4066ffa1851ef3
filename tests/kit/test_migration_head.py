"""The cheap "already at head?" look `serve` takes before it would start Alembic."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.script import ScriptDirectory

from insatser_api.kit import migration_head, migrations
from insatser_api.kit.bundled import migrations_dir
from tests.database import scratch_database

pytestmark = pytest.mark.database

REVISION = '''"""A revision file as `alembic revision` writes it."""
revision: str = "{revision}"
down_revision: str | None = {down}
branch_labels = None
depends_on = None
'''


def _write(folder: Path, name: str, revision: str, down: str) -> None:
    (folder / f"{name}.py").write_text(REVISION.format(revision=revision, down=down))


def test_the_heads_read_from_the_files_are_alembics() -> None:
    script = ScriptDirectory.from_config(migrations.alembic_config("sqlite://"))
    heads = migration_head.script_heads(migrations_dir() / "versions")
    assert heads == frozenset(script.get_heads())


def test_a_merge_leaves_one_head_and_two_branches_leave_two(tmp_path: Path) -> None:
    _write(tmp_path, "a", "a", "None")
    _write(tmp_path, "b", "b", '"a"')
    _write(tmp_path, "c", "c", '"a"')
    assert migration_head.script_heads(tmp_path) == {"b", "c"}
    _write(tmp_path, "d", "d", '("b", "c")')
    assert migration_head.script_heads(tmp_path) == {"d"}


@pytest.mark.parametrize(
    "statement",
    [
        'revision = "x" + "y"',  # not a literal: only running the module would tell
        'branch_labels = ("feature",)',
        'depends_on = "a"',
        "revision = (",  # a broken file: Alembic reports it
    ],
)
def test_anything_not_plainly_stated_sends_the_question_to_alembic(
    tmp_path: Path, statement: str
) -> None:
    _write(tmp_path, "a", "a", "None")
    (tmp_path / "b.py").write_text(f'down_revision = "a"\n{statement}\n')
    assert migration_head.script_heads(tmp_path) is None


def test_at_head_only_when_the_database_holds_the_newest_revision(tmp_path: Path) -> None:
    with scratch_database(tmp_path) as url:
        assert not migration_head.at_head(url)  # no alembic_version table yet
        migrations.upgrade(url, "0003")
        assert not migration_head.at_head(url)
        migrations.upgrade(url)
        assert migration_head.at_head(url)
        migrations.downgrade(url, "0003")
        assert not migration_head.at_head(url)


def test_a_database_that_cannot_be_opened_is_not_at_head(tmp_path: Path) -> None:
    assert not migration_head.at_head(f"sqlite:///{tmp_path / 'missing' / 'folder' / 'x.db'}")
