"""The audit log as a hash chain, and ids never given twice (issue 24).

- audit_log gets key_id, prev_hash and row_hash; the rows already there are chained in id
  order with the key in use now (data_access/audit_chain.py); audit_chain_head names the
  newest row;
- on SQLite audit_log and import_batches are rebuilt as AUTOINCREMENT tables, so an id is never
  handed out again after the newest row went (an undone batch, a pruned log), and the batch
  counter starts above every batch number the audit log already names (a number reused before
  this revision stays what it was, but no new batch takes it). PostgreSQL's sequences never
  reuse; its counter is raised the same way.

create_schema runs this with SQLite's foreign keys off (rebuilding import_batches needs it) and
checks every reference before it commits.

Revision ID: 0010
Revises: 0009
"""

import sqlalchemy as sa
from alembic import op

from data_access import audit_chain
from data_access.schema_triggers import AUDIT_TRIGGERS, CHAIN_HEAD_TRIGGERS

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

CHAIN_COLUMNS = (
    ("key_id", 16),
    ("prev_hash", 64),
    ("row_hash", 64),
)


def _chain_columns() -> list[sa.Column]:
    return [sa.Column(name, sa.String(length=n), nullable=True) for name, n in CHAIN_COLUMNS]


def upgrade() -> None:
    bind = op.get_bind()
    sqlite = bind.dialect.name == "sqlite"
    if sqlite:
        # A rebuild: the table is copied (its triggers go with the old one; made again below).
        with op.batch_alter_table(
            "audit_log", recreate="always", table_kwargs={"sqlite_autoincrement": True}
        ) as batch:
            for column in _chain_columns():
                batch.add_column(column)
        with op.batch_alter_table(
            "import_batches", recreate="always", table_kwargs={"sqlite_autoincrement": True}
        ):
            pass
    else:
        op.execute("ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change")
        for column in _chain_columns():
            op.add_column("audit_log", column)
    op.create_table(
        "audit_chain_head",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("last_id", sa.Integer(), nullable=False),
        sa.Column("last_hash", sa.String(length=64), nullable=False),
        sa.CheckConstraint("id = 1", name="ck_audit_chain_head_one_row"),
    )
    audit_chain.chain_existing(bind)
    if sqlite:
        for statement in AUDIT_TRIGGERS["sqlite"]:
            op.execute(statement)
    else:
        op.execute("ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_change")
    for statement in CHAIN_HEAD_TRIGGERS.get(bind.dialect.name, ()):
        op.execute(statement)
    _raise_batch_counter(bind)


def _raise_batch_counter(bind) -> None:
    """The next batch number above every one the log names (and every batch there is)."""
    top = bind.execute(
        sa.text(
            "SELECT max(n) FROM (SELECT max(batch_id) AS n FROM audit_log "
            "UNION ALL SELECT max(id) FROM import_batches) AS numbers"
        )
    ).scalar()
    if not top:
        return
    if bind.dialect.name == "sqlite":
        bind.execute(
            sa.text(
                "INSERT INTO sqlite_sequence (name, seq) SELECT 'import_batches', 0 "
                "WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'import_batches')"
            )
        )
        bind.execute(
            sa.text(
                "UPDATE sqlite_sequence SET seq = max(seq, :top) WHERE name = 'import_batches'"
            ),
            {"top": int(top)},
        )
    else:
        sequence = bind.execute(
            sa.text("SELECT pg_get_serial_sequence('import_batches', 'id')")
        ).scalar()
        used = bind.execute(
            sa.text(
                f"SELECT CASE WHEN is_called THEN last_value ELSE last_value - 1 END FROM {sequence}"
            )
        ).scalar()
        if int(top) > int(used or 0):
            bind.execute(sa.text("SELECT setval(:seq, :top)"), {"seq": sequence, "top": int(top)})


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS audit_chain_head_forward ON audit_chain_head")
        op.execute("DROP TRIGGER IF EXISTS audit_chain_head_no_truncate ON audit_chain_head")
        op.execute("DROP FUNCTION IF EXISTS audit_chain_head_guard()")
    op.drop_table("audit_chain_head")
    if bind.dialect.name == "sqlite":
        with op.batch_alter_table(
            "audit_log", recreate="always", table_kwargs={"sqlite_autoincrement": False}
        ) as batch:
            for name, _ in CHAIN_COLUMNS:
                batch.drop_column(name)
        for statement in AUDIT_TRIGGERS["sqlite"]:
            op.execute(statement)
        # import_batches stays AUTOINCREMENT: the older schema works with it, batch numbers
        # stay unique, and rebuilding a table other tables refer to would need foreign keys
        # off, which a downgrade inside a transaction (`alembic downgrade`) cannot switch.
    else:
        for name, _ in CHAIN_COLUMNS:
            op.drop_column("audit_log", name)
