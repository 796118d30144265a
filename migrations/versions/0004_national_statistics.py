"""Statistics Denmark's figures: downloads (with source, time and licence) and figures.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "dst_downloads",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("table_id", sa.String(length=20), nullable=False),
        sa.Column("table_title", sa.String(length=300), nullable=False),
        sa.Column("source", sa.String(length=10), nullable=False),
        sa.Column("location", sa.String(length=500), nullable=False),
        sa.Column("file_hash", sa.String(length=64), nullable=True),
        sa.Column("table_updated", sa.String(length=40), nullable=False),
        sa.Column("downloaded_at", sa.DateTime(), nullable=False),
        sa.Column("licence", sa.String(length=40), nullable=False),
        sa.Column("attribution", sa.String(length=200), nullable=False),
        sa.Column("tableinfo", sa.Text(), nullable=True),
        sa.Column("figure_count", sa.Integer(), nullable=False),
        sa.CheckConstraint("source IN ('api', 'file')", name="ck_source_known"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_dst_downloads_table", "dst_downloads", ["table_id", "downloaded_at"])
    op.create_table(
        "dst_figures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("download_id", sa.Integer(), nullable=False),
        sa.Column("table_id", sa.String(length=20), nullable=False),
        sa.Column("measure", sa.String(length=40), nullable=False),
        sa.Column("area_code", sa.String(length=3), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("value", sa.Float(), nullable=True),
        sa.Column("source_code", sa.String(length=120), nullable=False),
        sa.ForeignKeyConstraint(["download_id"], ["dst_downloads.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        "uq_dst_figures_key",
        "dst_figures",
        ["table_id", "measure", "area_code", "year"],
        unique=True,
    )


def downgrade() -> None:
    op.drop_index("uq_dst_figures_key", table_name="dst_figures")
    op.drop_table("dst_figures")
    op.drop_index("ix_dst_downloads_table", table_name="dst_downloads")
    op.drop_table("dst_downloads")
