"""Logins ended by a logout (append-only), so a copied login cookie stops working.

Revision ID: 0011
Revises: 0010
"""

import sqlalchemy as sa
from alembic import op

from data_access.schema_triggers import REVOCATION_TRIGGERS

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "login_revocations",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("subject", sa.String(length=255), nullable=False),
        sa.Column("issued_at", sa.BigInteger(), nullable=False),
        sa.Column("expires_at", sa.BigInteger(), nullable=True),
        sa.Column("revoked_at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_login_revocations_login", "login_revocations", ["subject", "issued_at"])
    # The same triggers the schema attaches to a new database (data_access/schema.py).
    for statement in REVOCATION_TRIGGERS.get(op.get_bind().dialect.name, ()):
        op.execute(statement)


def downgrade() -> None:
    op.drop_index("ix_login_revocations_login", table_name="login_revocations")
    op.drop_table("login_revocations")
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS login_revocations_append_only()")
