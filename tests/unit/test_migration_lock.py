"""Replicas starting at once: one migrates, the others wait for it (PostgreSQL: an advisory
lock; SQLite: a file lock), and every one of them comes up with the schema at head."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import text

from data_access.db import (
    MIGRATION_LOCK_KEY,
    MIGRATIONS,
    create_engine_for,
    drop_everything,
    schema_revision,
)
from data_access.settings import PROJECT_ROOT

(HEAD,) = ScriptDirectory(str(MIGRATIONS)).get_heads()
MIGRATE = (
    "import sys; from data_access.db import create_engine_for, create_schema; "
    "create_schema(create_engine_for(sys.argv[1]))"
)

pytestmark = pytest.mark.processes  # starts servers or processes of its own


def _migrating(url: str) -> subprocess.Popen:
    """A process that runs create_schema, as a replica does when it starts."""
    return subprocess.Popen(
        [sys.executable, "-c", MIGRATE, url],
        cwd=PROJECT_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )


def _empty_database(kind: str, tmp_path, request) -> str:
    if kind == "sqlite":
        return f"sqlite:///{tmp_path / 'race.db'}"
    url = request.getfixturevalue("postgres_url")
    engine = create_engine_for(url)
    drop_everything(engine)
    with engine.begin() as conn:  # the counter's trigger function outlives drop_all
        conn.execute(text("DROP FUNCTION IF EXISTS data_version_bump() CASCADE"))
    engine.dispose()
    return url


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_four_replicas_migrating_an_empty_database_at_once_all_succeed(kind, tmp_path, request):
    url = _empty_database(kind, tmp_path, request)
    processes = [_migrating(url) for _ in range(4)]
    outputs = [p.communicate(timeout=300)[0].decode() for p in processes]
    assert [p.returncode for p in processes] == [0, 0, 0, 0], outputs
    engine = create_engine_for(url)
    assert schema_revision(engine) == HEAD
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM alembic_version")).scalar() == 1
        assert conn.execute(text("SELECT count(*) FROM data_version")).scalar() == 1
    engine.dispose()


def test_a_replica_waits_while_another_holds_the_migration_lock(postgres_url, tmp_path, request):
    url = _empty_database("postgresql", tmp_path, request)
    engine = create_engine_for(url)
    with engine.connect() as holder:
        holder.execute(text("SELECT pg_advisory_lock(:key)"), {"key": MIGRATION_LOCK_KEY})
        waiting = _migrating(url)
        try:
            # The other process asks for the same lock and is kept waiting.
            deadline = time.monotonic() + 120
            while True:
                waiters = holder.execute(
                    text(
                        "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' "
                        "AND NOT granted AND pid <> pg_backend_pid()"
                    )
                ).scalar()
                if waiters:
                    break
                assert waiting.poll() is None, waiting.communicate()[0].decode()
                assert time.monotonic() < deadline, "the second process never asked for the lock"
                time.sleep(0.2)
            assert waiting.poll() is None
            assert schema_revision(engine) is None  # nothing migrated while the lock is held
        finally:
            holder.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": MIGRATION_LOCK_KEY})
            holder.commit()
        output = waiting.communicate(timeout=300)[0].decode()
        assert waiting.returncode == 0, output
    assert schema_revision(engine) == HEAD
    engine.dispose()
