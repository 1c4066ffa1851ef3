"""kit/database.py: the writer threads of `Database.run_write`, autocommit connections."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine, text

from insatser_api.kit.database import Database, autocommit_connection
from tests.database import scratch_database


def _answer(engine: Engine) -> int:
    with engine.begin() as connection:
        return int(connection.execute(text("SELECT 41 + 1")).scalar_one())


async def test_writes_run_again_after_dispose(tmp_path: Path) -> None:
    # An app whose lifespan ends disposes its database; a lifespan that starts again (a test
    # client opened twice, an embedding server) must still be able to write.
    database = Database(f"sqlite:///{tmp_path / 'db.sqlite'}")
    assert await database.run_write(_answer) == 42
    database.dispose()
    assert await database.run_write(_answer) == 42
    database.dispose()


def _count(engine: Engine) -> int:
    with engine.connect() as connection:
        return int(connection.execute(text("SELECT count(*) FROM scratch_rows")).scalar_one())


@pytest.mark.database
def test_an_autocommit_statement_is_committed_when_it_returns(tmp_path: Path) -> None:
    with scratch_database(tmp_path) as url:
        database = Database(url)
        try:
            with database.write_engine.begin() as connection:
                connection.execute(text("CREATE TABLE scratch_rows (n INTEGER)"))
            with autocommit_connection(database.write_engine) as connection:
                connection.execute(text("INSERT INTO scratch_rows VALUES (1)"))
                # Seen by another connection while this one is still open: already committed.
                assert _count(database.engine) == 1
            # Given back to the pool, the connection takes transactions again: a rollback
            # undoes what was written in one (on SQLite: BEGIN IMMEDIATE is issued again).
            with database.write_engine.connect() as connection:
                connection.execute(text("INSERT INTO scratch_rows VALUES (2)"))
                connection.rollback()
            assert _count(database.engine) == 1
        finally:
            database.dispose()
