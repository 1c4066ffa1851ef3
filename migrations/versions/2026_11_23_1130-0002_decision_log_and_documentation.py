"""Decision log (no identity) and the documentation journal (14 kap. SoL).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 11:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BIG_KEY = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "decision_log",
        sa.Column("id", BIG_KEY, primary_key=True, autoincrement=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("decided_on", sa.Date(), nullable=False),
        sa.Column("month", sa.String(7), nullable=False),
        sa.Column("client", sa.String(100), nullable=False),
        sa.Column("request_kind", sa.String(16), nullable=False),
        sa.Column("insats_id", sa.String(64), nullable=False),
        sa.Column("catalog_version", sa.String(10), nullable=False),
        sa.Column("as_of", sa.Date(), nullable=False),
        sa.Column("outcome", sa.String(32), nullable=False),
        sa.Column("age_years", sa.SmallInteger(), nullable=True),
        sa.Column("not_met_conditions", sa.String(500), nullable=False),
        sa.Column("unknown_conditions", sa.String(500), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_decision_log")),
    )
    op.create_index(
        "ix_decision_log_decided_on_insats_id", "decision_log", ["decided_on", "insats_id"]
    )
    op.create_table(
        "documentation_records",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("insats_id", sa.String(64), nullable=False),
        sa.Column("enhet", sa.String(100), nullable=False),
        sa.Column("catalog_version", sa.String(10), nullable=False),
        sa.Column("mode", sa.String(16), nullable=False),
        sa.Column("legal_basis", sa.String(200), nullable=False),
        sa.Column("performed_on", sa.Date(), nullable=False),
        sa.Column("performed_month", sa.String(7), nullable=False),
        sa.Column("personnummer", sa.String(12), nullable=True),
        sa.Column("name", sa.String(200), nullable=True),
        sa.Column("text", sa.Text(), nullable=True),
        sa.Column("corrects", sa.String(36), nullable=True),
        sa.Column("client", sa.String(100), nullable=False),
        sa.Column("idempotency_key", sa.String(200), nullable=True),
        sa.Column("request_fingerprint", sa.String(64), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_documentation_records")),
        sa.ForeignKeyConstraint(
            ["corrects"],
            ["documentation_records.id"],
            name=op.f("fk_documentation_records_corrects_documentation_records"),
        ),
        sa.CheckConstraint(
            "mode IN ('individual', 'advisory', 'deidentified')",
            name=op.f("ck_documentation_records_mode"),
        ),
        sa.CheckConstraint(
            "mode = 'individual' OR (personnummer IS NULL AND name IS NULL)",
            name=op.f("ck_documentation_records_no_identity_outside_individual"),
        ),
    )
    op.create_index(
        op.f("ix_documentation_records_corrects"), "documentation_records", ["corrects"]
    )
    op.create_index(
        "ix_documentation_records_performed_on_insats_id",
        "documentation_records",
        ["performed_on", "insats_id"],
    )
    op.create_index(
        "uq_documentation_records_client_idempotency_key",
        "documentation_records",
        ["client", "idempotency_key"],
        unique=True,
    )


def downgrade() -> None:
    op.drop_table("documentation_records")
    op.drop_table("decision_log")
