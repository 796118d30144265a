"""The data version: one row bumped by triggers on every write, so caches on every replica
learn of another replica's writes (data_access/data_version.py).

Revision ID: 0008
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

from data_access import data_version

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

# The tables at this revision; a later table gets its trigger from create_schema on start.
TABLES = (
    "import_batches",
    "sites",
    "departments",
    "persons",
    "outreach_contacts",
    "treatment_courses",
    "staffing",
    "app_secrets",
    "dst_downloads",
    "dst_figures",
    "import_changes",
    "course_day_counts",
    "course_start_waits",
    "course_request_counts",
    "course_end_counts",
    "person_contact_days",
    "contact_hour_counts",
)


def upgrade() -> None:
    op.create_table(
        "data_version",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("version", sa.BigInteger(), nullable=False),
    )
    data_version.install(op.get_bind(), TABLES)


def downgrade() -> None:
    bind = op.get_bind()
    for table in TABLES:
        if bind.dialect.name == "postgresql":
            op.execute(f"DROP TRIGGER IF EXISTS {data_version.TRIGGER} ON {table}")
        else:
            for action in ("insert", "update", "delete"):
                op.execute(f"DROP TRIGGER IF EXISTS {data_version.TRIGGER}_{table}_{action}")
    if bind.dialect.name == "postgresql":
        op.execute(f"DROP FUNCTION IF EXISTS {data_version.TRIGGER}()")
    op.drop_table("data_version")
