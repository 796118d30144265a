"""Logins ended by a logout (data_access/sessions.py), on SQLite and PostgreSQL: recorded once,
found by subject and the ID token's `iat` with one index seek, and never taken back."""

from __future__ import annotations

from dataclasses import replace

import pytest
from alembic import command
from sqlalchemy import delete, func, inspect, select, text, update
from sqlalchemy.dialects import sqlite
from sqlalchemy.exc import DBAPIError

from data_access import schema, sessions
from data_access.access import User
from data_access.db import _alembic_config, drop_everything

ISSUED = 1_767_000_000
LEDER = User(
    subject="sub-leder",
    role="leder",
    email="l@kommune.dk",
    issued_at=ISSUED,
    expires_at=ISSUED + 3600,
)
TABLE = schema.login_revocations


def _count(engine) -> int:
    with engine.connect() as conn:
        return int(conn.scalar(select(func.count()).select_from(TABLE)))


def _refuses(engine, statement) -> None:
    with pytest.raises(DBAPIError, match="append-only"), engine.begin() as conn:
        conn.execute(statement)


def test_a_revoked_login_is_found_and_no_other(any_engine):
    assert not sessions.is_revoked(any_engine, LEDER.subject, ISSUED)
    assert sessions.revoke(any_engine, LEDER)
    assert sessions.is_revoked(any_engine, LEDER.subject, ISSUED)
    assert not sessions.is_revoked(any_engine, LEDER.subject, ISSUED + 1)  # the next login
    assert not sessions.is_revoked(any_engine, "sub-other", ISSUED)
    with any_engine.connect() as conn:  # on a connection too (the server's middleware)
        assert sessions.is_revoked(conn, LEDER.subject, ISSUED)
    assert not sessions.revoke(any_engine, LEDER)  # a second tab logging out: still one row
    assert _count(any_engine) == 1
    with any_engine.connect() as conn:
        row = conn.execute(select(TABLE)).mappings().one()
    assert (row["subject"], row["issued_at"], row["expires_at"]) == (
        "sub-leder",
        ISSUED,
        ISSUED + 3600,
    )


def test_a_token_without_iat_cannot_be_revoked_on_its_own(any_engine):
    """Without `iat` the login cannot be told from the user's next one: nothing is written,
    rather than locking the subject out for good."""
    assert not sessions.revoke(any_engine, replace(LEDER, issued_at=None))
    assert not sessions.is_revoked(any_engine, LEDER.subject, None)
    assert _count(any_engine) == 0


def test_a_revocation_cannot_be_changed_or_removed(any_engine):
    sessions.revoke(any_engine, LEDER)
    _refuses(any_engine, update(TABLE).values(issued_at=0))
    _refuses(any_engine, update(TABLE).values(subject="someone else"))
    _refuses(any_engine, delete(TABLE))
    _refuses(any_engine, text("DELETE FROM login_revocations WHERE subject = 'sub-leder'"))
    assert sessions.is_revoked(any_engine, LEDER.subject, ISSUED)


def test_truncate_fails_on_postgresql(postgres_engine):
    sessions.revoke(postgres_engine, LEDER)
    _refuses(postgres_engine, text("TRUNCATE login_revocations"))
    assert _count(postgres_engine) == 1


def test_the_migration_makes_the_same_append_only_table(any_engine):
    """A database upgraded from 0009 (not made by create_all) keeps revocations too."""
    engine = any_engine
    drop_everything(engine)
    with engine.begin() as conn:
        command.upgrade(_alembic_config(conn), "0009")
    assert "login_revocations" not in _tables(engine)
    with engine.begin() as conn:
        command.upgrade(_alembic_config(conn), "head")
    assert sessions.revoke(engine, LEDER)
    assert sessions.is_revoked(engine, LEDER.subject, ISSUED)
    _refuses(engine, update(TABLE).values(issued_at=0))
    _refuses(engine, delete(TABLE))


def _tables(engine) -> set[str]:
    return set(inspect(engine).get_table_names())


def test_the_lookup_is_an_index_seek(empty_engine):
    """Cheap enough for every run of the app: SQLite answers it from the index."""
    query = sessions.lookup(LEDER.subject, ISSUED).compile(
        dialect=sqlite.dialect(), compile_kwargs={"literal_binds": True}
    )
    with empty_engine.connect() as conn:
        plan = " ".join(str(row[-1]) for row in conn.execute(text(f"EXPLAIN QUERY PLAN {query}")))
    assert "USING" in plan and "ix_login_revocations_login" in plan, plan
    assert "SCAN" not in plan, plan
