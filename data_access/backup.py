"""A consistent copy of the SQLite database, safe while the app runs (SQLite's online backup).

    .venv/bin/python -m data_access.backup [--out data/backups/brobygger-YYYYmmdd-HHMM.db]

PostgreSQL databases are backed up with the server's own tools (pg_dump).
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
from pathlib import Path

from sqlalchemy.engine import make_url

from data_access import audit, clock
from data_access.access import cli_user
from data_access.db import create_engine_for, create_schema, resolve_url, secrets_file_url
from data_access.settings import PROJECT_ROOT


def backup_sqlite(url: str, target: Path) -> Path:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        raise ValueError(f"{parsed.get_backend_name()}: use the server's own backup (pg_dump)")
    target.parent.mkdir(parents=True, exist_ok=True)
    source = sqlite3.connect(parsed.database)
    copy = sqlite3.connect(target)
    try:
        with copy:
            source.backup(copy)  # page by page; writers may go on meanwhile
    finally:
        copy.close()
        source.close()
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Copy the Brobygger database safely.")
    parser.add_argument("--url", help="database URL (default: the app's configured database)")
    parser.add_argument("--out", type=Path, help="where to write the copy")
    args = parser.parse_args(argv)
    url = args.url or resolve_url(secrets_file_url())
    stamp = clock.local_now().strftime("%Y%m%d-%H%M%S")
    target = args.out or PROJECT_ROOT / "data" / "backups" / f"brobygger-{stamp}.db"
    try:
        written = backup_sqlite(url, target)
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return 1
    # A copy of every person's data leaves the app: audited like an export.
    engine = create_engine_for(url)
    create_schema(engine)  # as the app does on start: the audit log may be new
    audit.write(engine, cli_user(), "export", page="backup", detail=str(written))
    print(f"Backup written: {written}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
