"""Column types that behave the same on SQLite and PostgreSQL."""

from __future__ import annotations

from sqlalchemy import BigInteger, Integer

# SQLite only auto-increments an INTEGER PRIMARY KEY, PostgreSQL needs BIGINT for a log that
# grows without bound.
BigIntegerKey = BigInteger().with_variant(Integer(), "sqlite")
