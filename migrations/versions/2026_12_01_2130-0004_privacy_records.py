"""14 kap. 4 and 5 § records get structured fields; the Idempotency-Key is stored hashed.

The keys already stored are replaced by their keyed hash (records/idempotency.py, written out
here so that this revision keeps meaning what it meant when the code moves on), so a retry
of a request made before the upgrade still replays. The pepper is the service's own
INSATSER_API_KEY_PEPPER: run the upgrade with the service's settings (`insatser-api db upgrade`).
A downgrade keeps the hashes: they cannot be turned back into keys.

Revision ID: 0004_privacy
Revises: 0003
Create Date: 2026-12-01 21:30:00
"""

import hashlib
import hmac
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from insatser_api.config import get_settings

revision: str = "0004_privacy"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TABLE = "documentation_records"
_LABEL = b"insatser-api idempotency-key v1"
_CHECKS = {
    "contact": "contact IS NULL OR contact IN ('telefon', 'besok', 'digitalt', 'grupp')",
    "participants": "participants IS NULL OR participants BETWEEN 1 AND 50",
    "duration_minutes": "duration_minutes IS NULL OR duration_minutes BETWEEN 1 AND 480",
    "idempotency_key_hashed": "idempotency_key IS NULL OR length(idempotency_key) = 64",
}


def _hash(pepper: str, client: str, key: str) -> str:
    secret = hmac.new(pepper.encode(), _LABEL, hashlib.sha256).digest()
    name = client.encode()
    message = len(name).to_bytes(4, "big") + name + key.encode()
    return hmac.new(secret, message, hashlib.sha256).hexdigest()


def _hash_stored_keys() -> None:
    pepper = get_settings().api_key_pepper.get_secret_value()
    records = sa.table(
        _TABLE, sa.column("id"), sa.column("client"), sa.column("idempotency_key")
    )
    connection = op.get_bind()
    rows = connection.execute(
        sa.select(records.c.id, records.c.client, records.c.idempotency_key).where(
            records.c.idempotency_key.is_not(None)
        )
    ).all()
    for record_id, client, key in rows:
        connection.execute(
            records.update()
            .where(records.c.id == record_id)
            .values(idempotency_key=_hash(pepper, client, key))
        )


def upgrade() -> None:
    _hash_stored_keys()
    with op.batch_alter_table(_TABLE) as batch:
        batch.add_column(sa.Column("contact", sa.String(16), nullable=True))
        batch.add_column(sa.Column("participants", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("duration_minutes", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("topic", sa.String(64), nullable=True))
        for name, condition in _CHECKS.items():
            batch.create_check_constraint(op.f(f"ck_{_TABLE}_{name}"), condition)
    op.create_index("ix_documentation_records_enhet", _TABLE, ["enhet"])


def downgrade() -> None:
    op.drop_index("ix_documentation_records_enhet", table_name=_TABLE)
    with op.batch_alter_table(_TABLE) as batch:
        for name in _CHECKS:
            batch.drop_constraint(op.f(f"ck_{_TABLE}_{name}"), type_="check")
        for column in ("topic", "duration_minutes", "participants", "contact"):
            batch.drop_column(column)
