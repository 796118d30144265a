"""Source keys on contacts and courses: re-imported rows are recognised, not doubled.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    for table, index in (
        ("outreach_contacts", "uq_contacts_source_key"),
        ("treatment_courses", "uq_courses_source_key"),
    ):
        op.add_column(table, sa.Column("source_key", sa.String(length=64), nullable=True))
        op.create_index(index, table, ["source_key"], unique=True)


def downgrade() -> None:
    for table, index in (
        ("outreach_contacts", "uq_contacts_source_key"),
        ("treatment_courses", "uq_courses_source_key"),
    ):
        op.drop_index(index, table_name=table)
        with op.batch_alter_table(table) as batch:
            batch.drop_column("source_key")
