"""Engine creation, SQLite pragmas, schema creation and syncing the organisation into the database.

Pages reach the database through `st.connection("sql")` (see data_access/cached.py); that
connection's engine is handed to `prepare_engine`. Everything else (tests, CLI, benchmark) calls
`create_engine_for` with a URL. Both paths go through the same pragmas and schema.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, create_engine, event, func, insert, inspect, select, text, update
from sqlalchemy.engine import make_url

from data_access import clock, schema
from data_access.organisation import Organisation
from data_access.settings import DATABASE_URL, DEFAULT_SQLITE_PATH, PROJECT_ROOT


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
    cursor.close()


def prepare_engine(engine: Engine) -> Engine:
    """Attach SQLite pragmas (foreign keys, WAL) to every new connection of `engine`."""
    if engine.dialect.name == "sqlite" and not event.contains(engine, "connect", _sqlite_pragmas):
        event.listen(engine, "connect", _sqlite_pragmas)
        engine.dispose()  # connections opened before the listener lack the pragmas
    return engine


def ensure_sqlite_folder(url: str) -> None:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)


def create_engine_for(url: str) -> Engine:
    ensure_sqlite_folder(url)
    return prepare_engine(create_engine(url))


MIGRATIONS = PROJECT_ROOT / "migrations"


def _alembic_config(connection) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def schema_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def create_schema(engine: Engine) -> None:
    """Bring the database to the current schema, keeping its data.

    An empty database gets the whole schema at once and is stamped with the newest migration.
    A database with tables is upgraded by the Alembic migrations in migrations/; one made
    before migrations existed (tables, no version) is taken to be the first revision.
    """
    with engine.begin() as conn:
        config = _alembic_config(conn)
        current = MigrationContext.configure(conn).get_current_revision()
        if current is None and not inspect(conn).has_table("sites"):
            schema.metadata.create_all(conn)
            command.stamp(config, "head")
            return
        if current is None:
            command.stamp(config, "0001")
        command.upgrade(config, "head")


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
