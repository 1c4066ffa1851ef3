"""kit/database.py: the writer of `Database.write`."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Connection, text

from insatser_api.kit.database import Database


def _answer(connection: Connection) -> int:
    return int(connection.execute(text("SELECT 41 + 1")).scalar_one())


async def test_writes_run_again_after_dispose(tmp_path: Path) -> None:
    # An app whose lifespan ends disposes its database; a lifespan that starts again (a test
    # client opened twice, an embedding server) must still be able to write.
    database = Database(f"sqlite:///{tmp_path / 'db.sqlite'}")
    assert await database.write(_answer) == 42
    database.dispose()
    assert await database.write(_answer) == 42
    database.dispose()
