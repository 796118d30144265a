"""Engine creation, SQLite pragmas, schema creation and syncing the organisation into the database.

Pages reach the database through `st.connection("sql")` (see data_access/cached.py); that
connection's engine is handed to `prepare_engine`. Everything else (tests, CLI, benchmark) calls
`create_engine_for` with a URL. Both paths go through the same pragmas and schema.
"""

from __future__ import annotations

import fcntl
import functools
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, create_engine, event, func, insert, inspect, select, text, update
from sqlalchemy.engine import make_url

from data_access import aggregates, audit_chain, clock, data_version, roles, schema
from data_access.organisation import Organisation
from data_access.settings import (
    DATABASE_OWNER_URL,
    DATABASE_URL,
    DEFAULT_SQLITE_PATH,
    PROJECT_ROOT,
)


def default_url() -> str:
    return f"sqlite:///{DEFAULT_SQLITE_PATH}"


def secrets_file_url() -> str | None:
    """The [connections.sql] url from .streamlit/secrets.toml, read without Streamlit (CLI)."""
    path = PROJECT_ROOT / ".streamlit" / "secrets.toml"
    if not path.exists():
        return None
    secrets = tomllib.loads(path.read_text(encoding="utf-8"))
    return secrets.get("connections", {}).get("sql", {}).get("url")


def resolve_url(secrets_url: str | None = None) -> str:
    """Environment first, then the Streamlit secret, then the SQLite file under data/."""
    return DATABASE_URL.value() or secrets_url or default_url()


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    # WAL lets the app read while an import or a logged contact writes.
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = NORMAL")
    cursor.execute("PRAGMA busy_timeout = 5000")
    # 64 MB of page cache (the default is 2 MB): at national scale the indexes a bulk write
    # updates, and those a page reads, stay in memory instead of being re-read per row.
    cursor.execute("PRAGMA cache_size = -65536")
    cursor.close()


def _postgres_settings(dbapi_connection, _record) -> None:
    # No JIT compilation: at national scale the planner's estimates pass its threshold and a
    # dashboard query then spends more time compiling (a few hundred ms) than running.
    autocommit = dbapi_connection.autocommit
    dbapi_connection.autocommit = True
    with dbapi_connection.cursor() as cursor:
        cursor.execute("SET jit = off")
    dbapi_connection.autocommit = autocommit


def prepare_engine(engine: Engine) -> Engine:
    """Attach SQLite pragmas (foreign keys, WAL) or PostgreSQL settings to every new
    connection of `engine`."""
    listener = {"sqlite": _sqlite_pragmas, "postgresql": _postgres_settings}.get(
        engine.dialect.name
    )
    if listener is not None and not event.contains(engine, "connect", listener):
        event.listen(engine, "connect", listener)
        engine.dispose()  # connections opened before the listener lack the settings
    return engine


def ensure_sqlite_folder(url: str) -> None:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)


def create_engine_for(url: str) -> Engine:
    ensure_sqlite_folder(url)
    return prepare_engine(create_engine(url))


def owner_url() -> str | None:
    """The schema owner's URL (BROBYGGER_DATABASE_OWNER_URL), when one is configured."""
    return DATABASE_OWNER_URL.value() or None


def prepare_database(url: str, owner: str | None = None) -> None:
    """What a replica does before it takes users (gateway/startup.py): the schema at the newest
    revision. With an owner URL (PostgreSQL) the owner migrates and grants the role of `url`
    what the app needs and no more; without one, `url`'s role does everything, as before."""
    engine = create_engine_for(owner or url)
    try:
        app_role = None
        if owner and engine.dialect.name == "postgresql":
            app_role = make_url(url).username
            if app_role == make_url(owner).username:
                app_role = None  # one role after all: nothing to grant
        create_schema(engine, app_role=app_role)
    finally:
        engine.dispose()


MIGRATIONS = PROJECT_ROOT / "migrations"


def _alembic_config(connection) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def schema_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def create_schema(engine: Engine, app_role: str | None = None) -> None:
    """Bring the database to the current schema, keeping its data.

    An empty database gets the whole schema at once and is stamped with the newest migration.
    A database with tables is upgraded by the Alembic migrations in migrations/; one made
    before migrations existed (tables, no version) is taken to be the first revision.
    Replicas starting at once run this one at a time (see `migration_lock`): the first
    migrates, the others wait and then find the schema at head.

    On SQLite the migrations run with foreign keys off (a table others refer to can only be
    rebuilt so; SQLite's own procedure for it) and every reference is checked before the
    commit: a migration that left one dangling fails and changes nothing.

    `app_role` (PostgreSQL, `engine` being the owner's): grant that role what the app needs
    and no more (data_access/roles.py), in the same transaction, under the same lock.
    """
    with migration_lock(engine), engine.connect() as conn:
        sqlite = conn.dialect.name == "sqlite"
        if sqlite:  # outside a transaction, or SQLite ignores it
            conn.exec_driver_sql("PRAGMA foreign_keys = OFF")
            conn.commit()
        try:
            with conn.begin():
                migrated = _migrate(conn)
                if app_role and conn.dialect.name == "postgresql":
                    roles.grant_app_role(conn, app_role, create=False)
                if sqlite and migrated:  # a scan of every reference: only after a migration
                    dangling = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if dangling:
                        raise RuntimeError(f"the migration left broken references: {dangling}")
        finally:
            if sqlite:
                conn.exec_driver_sql("PRAGMA foreign_keys = ON")
                conn.commit()


def _migrate(conn) -> bool:
    """The schema at head (see create_schema); whether migrations ran."""
    if conn.dialect.name == "postgresql":
        # Held until this transaction ends; the revision is read after it is granted.
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK_KEY})
    config = _alembic_config(conn)
    current = MigrationContext.configure(conn).get_current_revision()
    migrated = False
    if current is None and not inspect(conn).has_table("sites"):
        schema.metadata.create_all(conn)
        command.stamp(config, "head")
    else:
        if current is None:
            command.stamp(config, "0001")
        migrated = MigrationContext.configure(conn).get_current_revision() != _head()
        command.upgrade(config, "head")
    data_version.install(conn, data_version.tracked_tables())
    audit_chain.ensure(conn)
    return migrated


@functools.cache
def _head() -> str:
    from alembic.script import ScriptDirectory

    (head,) = ScriptDirectory(str(MIGRATIONS)).get_heads()
    return head


# pg_advisory_xact_lock's key for migrations: any fixed bigint, the same in every replica
# (advisory locks are per database, so two databases on one server do not wait for each other).
MIGRATION_LOCK_KEY = 0x62726F6279  # "broby"


@contextmanager
def migration_lock(engine: Engine) -> Iterator[None]:
    """SQLite: an exclusive file lock beside the database file for the block (PostgreSQL takes
    an advisory lock inside the migrating transaction instead; an in-memory SQLite database
    belongs to one process and needs none)."""
    url = engine.url
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        yield
        return
    lock_path = Path(f"{url.database}.migrate-lock")
    with lock_path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)  # blocks while another process migrates
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


# Tables whose planner statistics matter (the big ones and the pre-aggregated counts).
_STATISTICS_TABLES = (
    "persons",
    "outreach_contacts",
    "treatment_courses",
    *(table.name for table in (*aggregates.COURSE_TABLES, *aggregates.CONTACT_TABLES)),
)


def refresh_statistics(conn) -> None:
    """ANALYZE after a bulk write (an import, demo data), so the planner picks the date-leading
    indexes for the new volume. SQLite samples (analysis_limit) to stay fast at any size."""
    if conn.dialect.name == "sqlite":
        conn.execute(text("PRAGMA analysis_limit = 2000"))
    for table in _STATISTICS_TABLES:
        conn.execute(text(f"ANALYZE {table}"))


def vacuum_analyze(engine: Engine) -> None:
    """PostgreSQL after a bulk load: VACUUM sets the visibility map, without which the covering
    indexes cannot be read alone (index-only scans). SQLite needs nothing more than ANALYZE."""
    if engine.dialect.name != "postgresql":
        return
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        for table in _STATISTICS_TABLES:
            conn.execute(text(f"VACUUM (ANALYZE) {table}"))


def drop_everything(engine: Engine) -> None:
    """Remove every table, the migration version included (tests, --replace on a server)."""
    schema.metadata.drop_all(engine)
    with engine.begin() as conn:
        conn.execute(text("DROP TABLE IF EXISTS alembic_version"))


def sync_organisation(engine: Engine, org: Organisation) -> None:
    """Upsert the organisation's sites and departments so the database matches the file.

    Rows are never deleted: a site removed from the file may still have contacts.
    """
    with engine.begin() as conn:
        existing_sites = set(conn.scalars(select(schema.sites.c.id)))
        for site in org.sites:
            values = {
                "name": site.name,
                "kind": site.kind,
                "address": site.address,
                "lat": site.lat,
                "lon": site.lon,
                "precision": site.precision,
                "opening_hours": site.opening_hours,
            }
            if site.id in existing_sites:
                conn.execute(
                    update(schema.sites).where(schema.sites.c.id == site.id).values(values)
                )
            else:
                conn.execute(insert(schema.sites).values(id=site.id, **values))
        existing_depts = set(conn.scalars(select(schema.departments.c.id)))
        for dept in org.departments:
            values = {
                "name": dept.name,
                "address_site_id": dept.address,
                "guarantee_days": dept.guarantee_days,
            }
            if dept.id in existing_depts:
                conn.execute(
                    update(schema.departments)
                    .where(schema.departments.c.id == dept.id)
                    .values(values)
                )
            else:
                conn.execute(insert(schema.departments).values(id=dept.id, **values))


def has_activity(engine: Engine) -> bool:
    """Whether the database holds any contacts or courses (an empty one gets demo data)."""
    with engine.connect() as conn:
        contacts = conn.scalar(select(func.count()).select_from(schema.outreach_contacts))
        courses = conn.scalar(select(func.count()).select_from(schema.treatment_courses))
    return bool(contacts or courses)


def new_batch(conn, source: str, *, file_name: str | None = None, note: str | None = None) -> int:
    result = conn.execute(
        insert(schema.import_batches).values(
            source=source,
            file_name=file_name,
            row_count=0,
            created_at=clock.local_now(),  # local, as every batch time shown
            note=note,
        )
    )
    return int(result.inserted_primary_key[0])


def main(argv: list[str] | None = None) -> int:
    """python -m data_access.db migrate|grant: the schema and, on PostgreSQL, the app's role."""
    import argparse
    import sys

    parser = argparse.ArgumentParser(description="The Brobygger database: schema and roles.")
    commands = parser.add_subparsers(dest="command", required=True)
    migrating = commands.add_parser("migrate", help="bring the schema to the newest revision")
    migrating.add_argument("--url", help="database URL (default: the owner's, else the app's)")
    granting = commands.add_parser(
        "grant",
        help="PostgreSQL: as the owner, migrate and give the app's role what it needs and no "
        "more (SELECT and INSERT on the audit log); idempotent",
    )
    granting.add_argument(
        "--owner-url", help=f"the owner's URL (default: {DATABASE_OWNER_URL.name})"
    )
    granting.add_argument("--app-role", default=roles.DEFAULT_APP_ROLE)
    granting.add_argument("--app-password", help="set (or make the role with) this password")
    args = parser.parse_args(argv)
    if args.command == "migrate":
        engine = create_engine_for(args.url or owner_url() or resolve_url(secrets_file_url()))
        try:
            create_schema(engine)
            print(f"schema at {schema_revision(engine)}")
        finally:
            engine.dispose()
        return 0
    url = args.owner_url or owner_url()
    if not url:
        parser.error(f"--owner-url or {DATABASE_OWNER_URL.name} is needed")
    engine = create_engine_for(url)
    try:
        create_schema(engine)
        with engine.begin() as conn:
            granted = roles.grant_app_role(conn, args.app_role, password=args.app_password)
    except roles.RoleError as exc:
        print(f"grant refused: {exc}", file=sys.stderr)
        return 2
    finally:
        engine.dispose()
    made = " (role made)" if granted.created else ""
    print(f"{granted.role}{made}: on schema {granted.schema}")
    for table, rights in sorted(granted.tables.items()):
        print(f"  {table}: {', '.join(rights) or 'nothing'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
