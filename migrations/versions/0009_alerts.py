"""Alerts with their history, and which recipient list got which alert by e-mail (issue 15).

Revision ID: 0009
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "alerts",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("rule", sa.String(length=20), nullable=False),
        sa.Column("object_key", sa.String(length=120), nullable=False),
        sa.Column("open_key", sa.String(length=150), nullable=True),
        sa.Column("department_id", sa.String(length=60), nullable=True),
        sa.Column("site_id", sa.String(length=60), nullable=True),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("raised_at", sa.DateTime(), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(), nullable=False),
        sa.Column("resolved_at", sa.DateTime(), nullable=True),
    )
    op.create_index("uq_alerts_open_key", "alerts", ["open_key"], unique=True)
    op.create_index("ix_alerts_raised", "alerts", ["raised_at"])
    op.create_table(
        "alert_deliveries",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("alert_id", sa.Integer(), sa.ForeignKey("alerts.id"), nullable=False),
        sa.Column("recipients", sa.String(length=60), nullable=False),
        sa.Column("sent_at", sa.DateTime(), nullable=False),
    )
    op.create_index(
        "uq_alert_deliveries", "alert_deliveries", ["alert_id", "recipients"], unique=True
    )


def downgrade() -> None:
    op.drop_index("uq_alert_deliveries", table_name="alert_deliveries")
    op.drop_table("alert_deliveries")
    op.drop_index("ix_alerts_raised", table_name="alerts")
    op.drop_index("uq_alerts_open_key", table_name="alerts")
    op.drop_table("alerts")
