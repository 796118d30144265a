"""The data version: a number that changes whenever data the figures are read from changes.

Several replicas each keep their own `st.cache_data`, so a contact logged on one would stay
invisible on the others until the caches expired. Instead every cached figure is keyed by this
number, which each rerun reads once (one primary-key lookup): a write anywhere changes it, and
the next rerun on any replica asks its caches for the new version.

The number is bumped by database triggers, not by the code that writes: a trigger runs in the
writing transaction (the bump commits or rolls back with the write), and it catches every write
path at once, the contact form, imports and their undo, the DST fetch, demo data, the rounding
key, an edit made by hand in psql, and any write path added later. PostgreSQL bumps once per
statement; SQLite has row triggers only, which cost a few microseconds a row (imports are
bounded; demo data at benchmark scale is written once).

The first value is random, so a database dropped and made again (the tests do) never repeats a
version that a running process still holds in its caches for the same URL. The audit log is
not tracked: it is written on every look at person data, and no cached figure reads it.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable

from sqlalchemy import Connection, Engine, select, text

from data_access import schema

# Tables whose writes do not change a cached figure (and, for data_version, the counter itself).
# Alerts are refreshed from the figures every few minutes: bumping the version for that would
# empty every cache each time, and no cached figure reads them (their count has its own cache).
UNTRACKED = frozenset(
    {
        "audit_log",
        "audit_prune_permits",
        "audit_chain_head",
        "data_version",
        "alerts",
        "alert_deliveries",
        "login_revocations",  # a logout changes no figure
    }
)
TRIGGER = "data_version_bump"


def tracked_tables() -> list[str]:
    """Every table in the schema whose writes bump the version: all but UNTRACKED, so a table
    added later is tracked unless it is listed there on purpose."""
    return [t.name for t in schema.metadata.sorted_tables if t.name not in UNTRACKED]


def current(bind: Engine | Connection) -> int:
    """The version now (one primary-key lookup)."""
    query = select(schema.data_version.c.version).where(schema.data_version.c.id == 1)
    if isinstance(bind, Connection):
        return int(bind.scalar(query))
    with bind.connect() as conn:
        return int(conn.scalar(query))


def _sqlite_statements(table: str) -> list[str]:
    return [
        f"""CREATE TRIGGER IF NOT EXISTS {TRIGGER}_{table}_{op.lower()} AFTER {op} ON {table}
        BEGIN UPDATE data_version SET version = version + 1 WHERE id = 1; END"""
        for op in ("INSERT", "UPDATE", "DELETE")
    ]


_PG_FUNCTION = f"""CREATE OR REPLACE FUNCTION {TRIGGER}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE data_version SET version = version + 1 WHERE id = 1;
    RETURN NULL;
END $$"""


def _pg_missing(conn: Connection, tables: list[str]) -> list[str]:
    present = set(
        conn.scalars(
            text(
                "SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
                "JOIN pg_namespace n ON n.oid = c.relnamespace "
                "WHERE t.tgname = :name AND n.nspname = current_schema()"
            ),
            {"name": TRIGGER},
        )
    )
    return [t for t in tables if t not in present]


def install(conn: Connection, tables: Iterable[str]) -> None:
    """Seed the counter and attach the bump trigger to each of `tables` where it is missing.

    Idempotent and cheap when everything is in place (create_schema calls it on every start:
    SQLite's batch migrations copy a table and lose its triggers). On PostgreSQL a trigger is
    created only where missing, since CREATE TRIGGER briefly locks the table against writes.
    """
    conn.execute(
        text(
            "INSERT INTO data_version (id, version) SELECT 1, :seed "
            "WHERE NOT EXISTS (SELECT 1 FROM data_version)"
        ),
        {"seed": secrets.randbits(48)},
    )
    tables = list(tables)
    if conn.dialect.name == "sqlite":
        for table in tables:
            for statement in _sqlite_statements(table):
                conn.exec_driver_sql(statement)
    elif conn.dialect.name == "postgresql":
        missing = _pg_missing(conn, tables)
        if missing:
            conn.exec_driver_sql(_PG_FUNCTION)
        for table in missing:
            conn.exec_driver_sql(
                f"CREATE TRIGGER {TRIGGER} AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE "
                f"ON {table} FOR EACH STATEMENT EXECUTE FUNCTION {TRIGGER}()"
            )
    else:  # pragma: no cover - the app supports SQLite and PostgreSQL
        raise NotImplementedError(f"no data-version triggers for {conn.dialect.name}")
