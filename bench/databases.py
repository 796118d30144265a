"""The benchmark's databases: demo data at each scale, on SQLite (a file per scale under
data/) and on PostgreSQL (a schema per scale in the database BROBYGGER_BENCH_POSTGRES_URL
names, which the benchmark may wipe, or else in a server of its own under data/). A database is
built once and reused while it holds the demo data of its scale; building it is timed (the
generator's budget: scale 1000 < 3 min).
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from data_access.db import create_engine_for, drop_everything, has_activity
from data_access.demo import DEFAULT_SEED, write_demo
from data_access.organisation import load_organisation
from data_access.schema import import_batches, metadata
from data_access.settings import BENCH_POSTGRES_URL, ORG_FILE, PROJECT_ROOT
from deploy.postgres import INSTALL_HINT, LocalPostgres, find_binaries

DATA = PROJECT_ROOT / "data"
OWN_SERVER = DATA / "bench-postgres"


@dataclass(frozen=True)
class BenchDatabase:
    backend: str  # "sqlite" or "postgresql"
    scale: int
    url: str
    built_s: float | None  # seconds to build it now, None when it was already there


def _note(scale: int) -> str:
    """The start of the demo batch's note (write_demo adds the end date: "..., until ...")."""
    return f"demo data, scale {scale}, seed {DEFAULT_SEED}"


def _holds_scale(url: str, scale: int) -> bool:
    """The demo data of this scale, in exactly the schema of the code (else: build again)."""
    engine = create_engine_for(url)
    try:
        if not has_activity(engine):
            return False
        with engine.connect() as conn:
            notes = list(conn.scalars(select(import_batches.c.note)))
            same_schema = compare_metadata(MigrationContext.configure(conn), metadata) == []
        # One demo batch of this scale (any end date: the figures are compared within a run).
        demo = len(notes) == 1 and _same_scale(notes[0] or "", scale)
        return demo and same_schema
    except SQLAlchemyError:  # no tables yet, or an older schema: build it again
        return False
    finally:
        engine.dispose()


def _same_scale(note: str, scale: int) -> bool:
    return note == _note(scale) or note.startswith(f"{_note(scale)}, ")


@contextlib.contextmanager
def postgres_server() -> Iterator[str]:
    """The PostgreSQL database to measure: BROBYGGER_BENCH_POSTGRES_URL when set, else a server
    of the benchmark's own (the machine's PostgreSQL binaries, data kept in data/bench-postgres
    so a built scale is reused; stopped afterwards). Empty when there is neither."""
    given = BENCH_POSTGRES_URL.value()
    if given:
        yield given
        return
    if find_binaries() is None:
        print(f"PostgreSQL not measured: no server binaries ({INSTALL_HINT})", flush=True)
        yield ""
        return
    with LocalPostgres(OWN_SERVER) as server:
        print(f"PostgreSQL: the benchmark's own server in {OWN_SERVER}", flush=True)
        yield server.create_database("bench")


def own_postgres_data() -> Path | None:
    """The data folder of the benchmark's own PostgreSQL server, when that is the one measured
    (its processes' CPU and memory are counted with the app's); None for a given server."""
    if BENCH_POSTGRES_URL.value():
        return None
    return OWN_SERVER / "data"


def postgres_schema_url(base_url: str, scale: int) -> str:
    """The base database with search_path set to this scale's own schema (created here)."""
    schema = f"bench_scale_{scale}"
    engine = create_engine_for(base_url)
    with engine.begin() as conn:
        conn.execute(text(f"CREATE SCHEMA IF NOT EXISTS {schema}"))
    engine.dispose()
    url = make_url(base_url).update_query_dict({"options": f"-csearch_path={schema}"})
    return url.render_as_string(hide_password=False)


def ensure(backend: str, scale: int, postgres_url: str = "", fresh: bool = False) -> BenchDatabase:
    if backend == "sqlite":
        path = DATA / f"bench-scale{scale}.db"
        url = f"sqlite:///{path}"
    else:
        url = postgres_schema_url(postgres_url, scale)
    if not fresh and _holds_scale(url, scale):
        return BenchDatabase(backend, scale, url, None)
    if backend == "sqlite":
        DATA.mkdir(exist_ok=True)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    engine = create_engine_for(url)
    if backend != "sqlite":
        drop_everything(engine)
    started = time.perf_counter()
    write_demo(engine, load_organisation(ORG_FILE.value()), scale=scale)
    built = time.perf_counter() - started
    engine.dispose()
    print(f"  built {backend} scale {scale} in {built:.1f} s", flush=True)
    return BenchDatabase(backend, scale, url, built)
