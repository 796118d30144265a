"""Writing activity into the database: the one path used by the demo generator and, later,
by imports and the contact form. Each write belongs to an import batch so it can be traced and
undone as a whole.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Connection, Table, insert, text, update

from data_access import schema
from data_access.aggregates import refresh_batch

Row = dict[str, Any]

# SQLite allows 32766 bound parameters per statement; keep chunks well below it for any backend.
_CHUNK_ROWS = 2000


def _insert_rows(conn: Connection, table: Table, rows: Sequence[Row], batch_id: int | None) -> int:
    if not rows:
        return 0
    has_batch = "batch_id" in table.c
    for start in range(0, len(rows), _CHUNK_ROWS):
        chunk = rows[start : start + _CHUNK_ROWS]
        if has_batch:
            chunk = [{**row, "batch_id": batch_id} for row in chunk]
        conn.execute(insert(table), chunk)
    return len(rows)


def insert_activity(
    conn: Connection,
    batch_id: int,
    *,
    persons: Sequence[Row] = (),
    contacts: Sequence[Row] = (),
    courses: Sequence[Row] = (),
    staffing: Iterable[Row] = (),
) -> int:
    """Insert persons, contacts, courses and staffing in FK order; return the rows written.

    Runs inside the caller's transaction, so a fault anywhere leaves the database as before;
    the pre-aggregated counts are brought up to date in the same transaction.
    """
    written = _insert_rows(conn, schema.persons, persons, batch_id)
    if persons and conn.dialect.name == "postgresql":
        # Explicit ids bypass the sequence; move it past them so later inserts do not collide.
        conn.execute(
            text("SELECT setval(pg_get_serial_sequence('persons', 'id'), max(id)) FROM persons")
        )
    written += _insert_rows(conn, schema.outreach_contacts, contacts, batch_id)
    written += _insert_rows(conn, schema.treatment_courses, courses, batch_id)
    refresh_batch(conn, batch_id)
    written += _insert_rows(conn, schema.staffing, list(staffing), None)
    conn.execute(
        update(schema.import_batches)
        .where(schema.import_batches.c.id == batch_id)
        .values(row_count=schema.import_batches.c.row_count + written)
    )
    return written
