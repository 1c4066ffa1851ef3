"""A migrated test database: a temporary SQLite file, or a fresh PostgreSQL database.

Set `INSATSER_TEST_DATABASE_URL` (e.g. `postgresql://postgres@127.0.0.1:5432/test`) to run the
database-touching tests against PostgreSQL. Each test run creates its own database on that
server and drops it at the end, so parallel runs on one server cannot see each other's rows.
"""

from __future__ import annotations

import os
import secrets
import string
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, make_url, text

from insatser_api.kit.database import normalize_url

TEST_DATABASE_URL_VARIABLE = "INSATSER_TEST_DATABASE_URL"


def postgres_server_url() -> str | None:
    return os.environ.get(TEST_DATABASE_URL_VARIABLE) or None


def letters(count: int) -> str:
    """A random name part of letters only: hex digits can come out all digits (one time in
    about 280 for 12), and a run of digits in a logged statement looks like a personnummer to
    the personal-data guard of every test (tests/conftest.py)."""
    return "".join(secrets.choice(string.ascii_lowercase) for _ in range(count))


@contextmanager
def scratch_database(tmp_dir: Path) -> Iterator[str]:
    """The URL of an empty database that disappears afterwards."""
    server = postgres_server_url()
    if server is None:
        yield f"sqlite:///{tmp_dir / 'insatser-test.db'}"
        return
    admin_url = normalize_url(server)
    name = f"insatser_test_{letters(12)}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
