"""The audit log (append-only, guarded by triggers) and who made each contact and batch.

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

from data_access.schema_triggers import AUDIT_TRIGGERS

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("import_batches", sa.Column("made_by", sa.String(length=255), nullable=True))
    op.add_column("outreach_contacts", sa.Column("made_by", sa.String(length=255), nullable=True))
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("at_utc", sa.DateTime(), nullable=False),
        sa.Column("subject", sa.String(length=255), nullable=False),
        sa.Column("email", sa.String(length=320), nullable=True),
        sa.Column("role", sa.String(length=20), nullable=True),
        sa.Column("action", sa.String(length=30), nullable=False),
        sa.Column("page", sa.String(length=30), nullable=True),
        sa.Column("batch_id", sa.Integer(), nullable=True),
        sa.Column("pseudonym", sa.String(length=20), nullable=True),
        sa.Column("filters", sa.Text(), nullable=True),
        sa.Column("detail", sa.Text(), nullable=True),
        sa.Column("client", sa.String(length=64), nullable=True),
    )
    op.create_index("ix_audit_at", "audit_log", ["at_utc"])
    op.create_index("ix_audit_pseudonym", "audit_log", ["pseudonym", "at_utc"])
    op.create_table(
        "audit_prune_permits",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("cutoff_utc", sa.DateTime(), nullable=False),
    )
    # The same triggers the schema attaches to a new database (data_access/schema.py).
    for statement in AUDIT_TRIGGERS.get(op.get_bind().dialect.name, ()):
        op.execute(statement)


def downgrade() -> None:
    op.drop_table("audit_prune_permits")
    op.drop_index("ix_audit_pseudonym", table_name="audit_log")
    op.drop_index("ix_audit_at", table_name="audit_log")
    op.drop_table("audit_log")
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS audit_log_append_only()")
    for table in ("outreach_contacts", "import_batches"):
        with op.batch_alter_table(table) as batch:
            batch.drop_column("made_by")
