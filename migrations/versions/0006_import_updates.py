"""Imports that update: the case system's course key, one import per file, and a record of
what each import changed so undo can restore it.

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("import_batches", sa.Column("import_key", sa.String(length=64), nullable=True))
    op.create_index("uq_batches_import_key", "import_batches", ["import_key"], unique=True)
    op.add_column(
        "treatment_courses", sa.Column("external_id", sa.String(length=64), nullable=True)
    )
    op.create_index("uq_courses_external_id", "treatment_courses", ["external_id"], unique=True)
    op.create_index(
        "ix_courses_person_dept_requested",
        "treatment_courses",
        ["person_id", "department_id", "requested_on"],
    )
    op.create_table(
        "import_changes",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("batch_id", sa.Integer(), sa.ForeignKey("import_batches.id"), nullable=False),
        sa.Column("table_name", sa.String(length=40), nullable=False),
        sa.Column("row_id", sa.Integer(), nullable=False),
        sa.Column("column_name", sa.String(length=40), nullable=False),
        sa.Column("old_value", sa.Text(), nullable=True),
        sa.Column("new_value", sa.Text(), nullable=True),
    )
    op.create_index("ix_import_changes_batch", "import_changes", ["batch_id"])
    op.create_index("ix_import_changes_row", "import_changes", ["table_name", "row_id"])


def downgrade() -> None:
    op.drop_index("ix_import_changes_row", table_name="import_changes")
    op.drop_index("ix_import_changes_batch", table_name="import_changes")
    op.drop_table("import_changes")
    op.drop_index("ix_courses_person_dept_requested", table_name="treatment_courses")
    op.drop_index("uq_courses_external_id", table_name="treatment_courses")
    with op.batch_alter_table("treatment_courses") as batch:
        batch.drop_column("external_id")
    op.drop_index("uq_batches_import_key", table_name="import_batches")
    with op.batch_alter_table("import_batches") as batch:
        batch.drop_column("import_key")
