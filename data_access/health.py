"""Readiness: the database answers and its schema is the one this code expects.

Streamlit's /_stcore/health says only that the web server runs. A replica is ready to take
users when, in addition, its database answers within a few seconds and the schema is at the
newest migration (a replica started before another one has finished migrating, or an old
replica beside a newer schema, is not). Served over HTTP at /api/ready by gateway/startup.py,
and as a command for a platform's exec probe or a cron check:

    python -m data_access.health [--url URL]     # exit 0 ready, 1 not ready; one JSON line
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path

from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url

from data_access.db import MIGRATIONS, prepare_engine, resolve_url, schema_revision
from data_access.db import secrets_file_url as _secrets_file_url

TIMEOUT_SECONDS = 5


@dataclass(frozen=True)
class Readiness:
    ready: bool
    database: str  # "ok" or what went wrong (no password in it)
    schema: str | None  # the database's revision
    expected: str  # the newest migration in this code
    milliseconds: int

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False)


@cache
def expected_revision() -> str:
    (head,) = ScriptDirectory(str(MIGRATIONS)).get_heads()
    return head


@cache
def _engine(url: str) -> Engine:
    """One small engine per URL for the probe (kept: a probe runs every few seconds)."""
    connect_args = {"connect_timeout": TIMEOUT_SECONDS} if url.startswith("postgresql") else {}
    engine = create_engine(
        url, pool_size=1, max_overflow=1, pool_pre_ping=True, connect_args=connect_args
    )
    return prepare_engine(engine)


def _missing_sqlite_file(url: str) -> bool:
    """A SQLite URL whose file does not exist (opening it would make an empty one)."""
    parsed = make_url(url)
    return (
        parsed.get_backend_name() == "sqlite"
        and parsed.database not in (None, "", ":memory:")
        and not Path(parsed.database).exists()
    )


def check(url: str) -> Readiness:
    """Ask the database; never raises (a probe must answer, whatever the database does)."""
    started = time.monotonic()
    expected = expected_revision()
    revision = None
    try:
        if _missing_sqlite_file(url):
            raise FileNotFoundError(f"no database file {make_url(url).database}")
        engine = _engine(url)
        with engine.connect() as conn:
            if conn.dialect.name == "postgresql":
                conn.execute(text(f"SET statement_timeout = {TIMEOUT_SECONDS * 1000}"))
            conn.execute(text("SELECT 1"))
        revision = schema_revision(engine)
        database = "ok"
    except Exception as exc:  # any failure means "not ready", said in one line
        database = f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"[:300]
    elapsed = int((time.monotonic() - started) * 1000)
    ready = database == "ok" and revision == expected
    return Readiness(ready, database, revision, expected, elapsed)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Is this installation ready to serve?")
    parser.add_argument("--url", help="database URL (default: the app's configured database)")
    args = parser.parse_args(argv)
    result = check(args.url or resolve_url(_secrets_file_url()))
    print(result.to_json())
    return 0 if result.ready else 1


if __name__ == "__main__":
    sys.exit(main())
