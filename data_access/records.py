"""Writing activity into the database: the one path used by the demo generator and, later,
by imports and the contact form. Each write belongs to an import batch so it can be traced and
undone as a whole.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from operator import itemgetter
from typing import Any

from sqlalchemy import Connection, Table, insert, literal, select, text, update

from data_access import schema
from data_access.aggregates import Touched, refresh

Row = dict[str, Any]

# SQLite allows 32766 bound parameters per statement; keep chunks well below it for any backend.
_CHUNK_ROWS = 2000
_BULK_CHUNK_ROWS = 50_000
_DEFER_INDEXES_ROWS = 20_000


def _insert_rows(conn: Connection, table: Table, rows: Sequence[Row], batch_id: int | None) -> int:
    if not rows:
        return 0
    has_batch = "batch_id" in table.c
    if all(row.keys() == rows[0].keys() for row in rows):
        # The bulk path: the demo writes about two million rows at scale 1000.
        with _indexes_deferred(conn, table, len(rows)):
            _bulk_insert(conn, table, rows, batch_id if has_batch else None)
        return len(rows)
    for start in range(0, len(rows), _CHUNK_ROWS):
        chunk = rows[start : start + _CHUNK_ROWS]
        if has_batch:
            chunk = [{**row, "batch_id": batch_id} for row in chunk]
        conn.execute(insert(table), chunk)
    return len(rows)


@contextmanager
def _indexes_deferred(conn: Connection, table: Table, count: int) -> Iterator[None]:
    """A big batch into an empty table: its secondary indexes are built afterwards, one sort
    each, instead of kept up row by row (in the same transaction: a failure undoes both)."""
    empty = conn.scalar(select(literal(1)).select_from(table).limit(1)) is None
    defer = count >= _DEFER_INDEXES_ROWS and empty
    if defer:
        for index in table.indexes:
            index.drop(conn)
    yield
    if defer:
        for index in table.indexes:
            index.create(conn)


def _bulk_insert(conn: Connection, table: Table, rows: Sequence[Row], batch_id: int | None) -> None:
    """COPY on PostgreSQL; on SQLite one prepared INSERT run for every row, the values put in
    the column types' stored form once here (SQLAlchemy's per-row work is most of the cost)."""
    given = list(rows[0])
    columns = [*given, *(["batch_id"] if batch_id is not None and "batch_id" not in given else [])]
    dialect = conn.dialect
    # Column by column: the stored form of each value (dates as text on SQLite), then rows.
    by_column = (
        list(zip(*map(itemgetter(*given), rows), strict=True))
        if len(given) > 1
        else [[row[given[0]] for row in rows]]
    )
    if len(columns) > len(given):
        by_column.append([batch_id] * len(rows))
    if dialect.name != "postgresql":
        for i, name in enumerate(columns):
            process = table.c[name].type.dialect_impl(dialect).bind_processor(dialect)
            if process is not None:
                by_column[i] = [None if v is None else process(v) for v in by_column[i]]
    values = list(zip(*by_column, strict=True))
    quote = dialect.identifier_preparer.quote
    names = ", ".join(quote(c) for c in columns)
    if dialect.name == "postgresql":
        cursor = conn.connection.dbapi_connection.cursor()
        with cursor.copy(f"COPY {quote(table.name)} ({names}) FROM STDIN") as copy:
            for row in values:
                copy.write_row(row)
        return
    sql = f"INSERT INTO {quote(table.name)} ({names}) VALUES ({', '.join('?' for _ in columns)})"
    for start in range(0, len(values), _BULK_CHUNK_ROWS):
        conn.exec_driver_sql(sql, values[start : start + _BULK_CHUNK_ROWS])


def _touched(contacts: Sequence[Row], courses: Sequence[Row]) -> Touched:
    """The days and persons the rows touch, from the rows themselves (no query over a large
    batch)."""
    course_days = {
        row[column]
        for row in courses
        for column in ("requested_on", "started_on", "ended_on")
        if row.get(column) is not None
    }
    return Touched(
        {row["contact_at"].date() for row in contacts},
        course_days,
        {row["person_id"] for row in contacts if row.get("person_id") is not None},
    )


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
    refresh(conn, _touched(contacts, courses))
    written += _insert_rows(conn, schema.staffing, list(staffing), None)
    conn.execute(
        update(schema.import_batches)
        .where(schema.import_batches.c.id == batch_id)
        .values(row_count=schema.import_batches.c.row_count + written)
    )
    return written
