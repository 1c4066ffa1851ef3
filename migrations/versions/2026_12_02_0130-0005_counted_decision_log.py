"""The decision log stores counted answers and no instant: `answers` added, `decided_at` gone.

A row now stands for the answers of a batch that agree on every column (decisions/rows.py);
the rows already stored are one answer each, which the column's server default says. The
instant of each answer is removed from the rows already stored as well: statistics and
gallring read the day (`decided_on`), and the instant beside an age and a client could single
a request out (docs/privacy.md).

A downgrade gives every answer its own row again (a row of `answers` = n becomes n rows), so
the earlier code's row counts stay right; the instant cannot come back, so `decided_at` is
set to the start of `decided_on` in Europe/Stockholm.

Stop the service before upgrading: a worker of the earlier version still running writes
`decided_at`, which the table no longer has, and keeps what it cannot write until it stops.

Revision ID: 0005_counted_log
Revises: 0004_privacy
Create Date: 2026-12-02 01:30:00
"""

import datetime as dt
from collections.abc import Sequence
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from alembic import op

revision: str = "0005_counted_log"
down_revision: str | None = "0004_privacy"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TABLE = "decision_log"
# Written out here rather than imported, so that this revision keeps meaning what it meant
# when the code moves on.
_STOCKHOLM = ZoneInfo("Europe/Stockholm")
_COPIED = (
    "decided_on",
    "month",
    "client",
    "request_kind",
    "insats_id",
    "catalog_version",
    "as_of",
    "outcome",
    "age_years",
    "not_met_conditions",
    "unknown_conditions",
)


def upgrade() -> None:
    with op.batch_alter_table(_TABLE) as batch:
        batch.add_column(
            sa.Column("answers", sa.Integer(), nullable=False, server_default=sa.text("1"))
        )
        batch.drop_column("decided_at")


def downgrade() -> None:
    with op.batch_alter_table(_TABLE) as batch:
        batch.add_column(sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True))
    _one_row_per_answer()
    _decided_at_from_the_day()
    with op.batch_alter_table(_TABLE) as batch:
        batch.alter_column("decided_at", existing_type=sa.DateTime(timezone=True), nullable=False)
        batch.drop_column("answers")


def _one_row_per_answer() -> None:
    log = sa.table(_TABLE, sa.column("id"), sa.column("answers"), *map(sa.column, _COPIED))
    connection = op.get_bind()
    counted = connection.execute(
        sa.select(log.c.id, log.c.answers, *(log.c[name] for name in _COPIED)).where(
            log.c.answers > 1
        )
    ).all()
    for row in counted:
        copy = {name: row._mapping[name] for name in _COPIED}
        connection.execute(log.insert(), [{**copy, "answers": 1}] * (row.answers - 1))
        connection.execute(log.update().where(log.c.id == row.id).values(answers=1))


def _decided_at_from_the_day() -> None:
    log = sa.table(
        _TABLE,
        sa.column("decided_on", sa.Date()),
        sa.column("decided_at", sa.DateTime(timezone=True)),
    )
    connection = op.get_bind()
    days = connection.scalars(sa.select(log.c.decided_on).distinct()).all()
    for day in days:
        start = dt.datetime.combine(day, dt.time(), tzinfo=_STOCKHOLM).astimezone(dt.UTC)
        # In UTC: on SQLite the column keeps no zone, and the earlier code wrote UTC there.
        connection.execute(log.update().where(log.c.decided_on == day).values(decided_at=start))
