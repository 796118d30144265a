"""The project against its peers on one database.

The peers: the naive one (bench/naive.py: loads the tables into pandas on every filter
change), the in-memory one (the same pandas code on tables loaded once and kept, as
st.cache_data on a loader would) and DuckDB (the project's own queries on a DuckDB copy of the
tables, bench/duckdb_peer.py).

1. The peers' figures are checked equal to the project's on two periods before any timing.
2. Time: a filter change each, interleaved in one process (each one first in turn) so that a
   busy machine slows all alike; each run a period not asked for before. The project's side
   is its uncached queries (data_access.overview.overview and
   data_access.caseload.caseload_page); CPU is this process's and, when given, the database
   server's processes'.
3. Memory: in its own fresh process (`python -m bench.peer --memory WHICH URL`), above what
   that process used just before (interpreter, imports, an open connection, and the code run
   once on an empty database of the same schema, so that none counts its lazy imports as
   memory for data): the project's and the naive peer's peak for one filter change (Linux
   resets the peak there), the in-memory and DuckDB peers' resident memory held after one.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from bench import duckdb_peer, naive
from bench.memory import peak_kb, reset_peak_kb
from bench.processes import Meter, postgres_root
from data_access.caseload import caseload_page
from data_access.db import create_engine_for, create_schema
from data_access.filters import Filters
from data_access.organisation import load_organisation
from data_access.overview import overview
from data_access.settings import ORG_FILE, PROJECT_ROOT

CHECK_PERIODS = (
    Filters(dt.date(2024, 1, 1), dt.date(2025, 12, 31)),  # the project period, by month
    Filters(dt.date(2025, 4, 1), dt.date(2025, 6, 30), departments=("stof", "unge")),  # weeks
)


def timing_period(i: int) -> Filters:
    """The i-th period of the timed runs: about 200 days, never the same twice."""
    start = dt.date(2024, 1, 1) + dt.timedelta(days=7 * i + 3)
    return Filters(start, start + dt.timedelta(days=200 + i))


def _project_start() -> dt.date:
    return load_organisation(ORG_FILE.value()).outreach.start


def run_project(engine, f: Filters, project_start: dt.date) -> None:
    overview(engine, f, project_start)
    caseload_page(engine, f)


def run_peer(engine, f: Filters, project_start: dt.date) -> None:
    tables = naive.load(engine)
    compute_peer(tables, f, project_start)


def compute_peer(tables: naive.Tables, f: Filters, project_start: dt.date) -> None:
    """The in-memory peer's filter change: the tables were loaded once and are kept (what
    st.cache_data on a loader does); only the figures are computed."""
    naive.overview(tables, f, project_start)
    naive.caseload(tables, f)


def check_equal(url: str, duckdb_path: Path | None = None) -> list[str]:
    """Differences between the project's and the peers' figures on CHECK_PERIODS (the naive
    peer's pandas code, which the in-memory peer shares, and the project's queries on the
    DuckDB copy when there is one)."""
    engine = create_engine_for(url)
    start = _project_start()
    tables = naive.load(engine)
    duck = duckdb_peer.engine_for_copy(duckdb_path) if duckdb_path else None
    out = []
    for f in CHECK_PERIODS:
        label = f"{f.start}..{f.end}"
        if duck is not None:
            out += [
                f"{label} duckdb overview.{d}"
                for d in naive.differences(overview(engine, f, start), overview(duck, f, start))
            ]
            out += [
                f"{label} duckdb caseload.{d}"
                for d in naive.differences(caseload_page(engine, f), caseload_page(duck, f))
            ]
        out += [
            f"{label} overview.{d}"
            for d in naive.differences(overview(engine, f, start), naive.overview(tables, f, start))
        ]
        out += [
            f"{label} caseload.{d}"
            for d in naive.differences(caseload_page(engine, f), naive.caseload(tables, f))
        ]
    engine.dispose()
    if duck is not None:
        duck.dispose()
    return out


@dataclass(frozen=True)
class Comparison:
    project_ms: float
    peer_ms: float
    project_mb: float
    peer_mb: float
    # This process's CPU time (with SQLite the queries run in it too; PostgreSQL's work is in
    # the server): less moved by a busy machine than the wall clock.
    project_cpu_ms: float = float("nan")
    peer_cpu_ms: float = float("nan")
    # The in-memory peer: the same pandas code on tables loaded once and kept; its memory is
    # what it holds between changes (the tables), not a peak.
    in_memory_ms: float = float("nan")
    in_memory_cpu_ms: float = float("nan")
    in_memory_mb: float = float("nan")
    # The DuckDB peer: the project's own queries on a DuckDB copy of the tables
    # (bench/duckdb_peer.py); CPU counts DuckDB's threads; memory is what it holds.
    duckdb_ms: float = float("nan")
    duckdb_cpu_ms: float = float("nan")
    duckdb_mb: float = float("nan")
    duckdb_copy_s: float = float("nan")
    # Whether project_cpu_ms includes the database server's CPU (PostgreSQL: the benchmark's
    # own server, its processes read from /proc), not only this process's.
    database_cpu_counted: bool = False

    @property
    def time_ratio(self) -> float:
        return self.peer_ms / self.project_ms

    @property
    def memory_ratio(self) -> float:
        return self.peer_mb / max(self.project_mb, 0.1)


def interleaved(
    url: str, repeats: int, database: Meter | None = None, duckdb_path: Path | None = None
) -> dict[str, tuple[float, float]]:
    """Median (wall ms, CPU ms) of a filter change for the project, the naive peer and the
    in-memory peer, run in turns. The CPU is this process's and, when `database` is given, the
    database server's processes' too."""
    engine = create_engine_for(url)
    start = _project_start()
    run_project(engine, timing_period(0), start)  # warm: imports, connections, OS file cache
    tables = naive.load(engine)  # the in-memory peer's, loaded once
    compute_peer(tables, timing_period(0), start)
    runners = {
        "project": lambda f: run_project(engine, f, start),
        "peer": lambda f: run_peer(engine, f, start),
        "in_memory": lambda f: compute_peer(tables, f, start),
    }
    if duckdb_path is not None:
        duck = duckdb_peer.engine_for_copy(duckdb_path)
        run_project(duck, timing_period(0), start)
        runners["duckdb"] = lambda f: run_project(duck, f, start)
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in runners}
    names = list(runners)
    for i in range(repeats):
        f = timing_period(i + 1)
        for name in names[i % len(names) :] + names[: i % len(names)]:  # each first in turn
            began, began_cpu = time.perf_counter(), time.process_time()
            began_db = database.cpu_ms() if database else 0.0
            runners[name](f)
            wall, cpu = time.perf_counter() - began, time.process_time() - began_cpu
            db_cpu = (database.cpu_ms() - began_db) if database else 0.0
            times[name].append((wall * 1000, cpu * 1000 + db_cpu))
    engine.dispose()
    if duckdb_path is not None:
        duck.dispose()  # DuckDB locks its file: the memory step opens it in another process
    return {
        name: (statistics.median(w for w, _ in runs), statistics.median(c for _, c in runs))
        for name, runs in times.items()
    }


def statement_counts(url: str) -> dict[str, int]:
    """How many SQL statements each page's data function runs for one filter change."""
    from sqlalchemy import event

    from data_access.outreach import outreach_page
    from data_access.routes import contact_profile

    engine = create_engine_for(url)
    org = load_organisation(ORG_FILE.value())
    project = org.outreach
    f = timing_period(0)
    pages = {
        "overview": lambda: overview(engine, f, project.start),
        "outreach": lambda: outreach_page(
            engine, f, project.start, project.end, project.target_persons, project.grant_dkk
        ),
        "caseload": lambda: caseload_page(engine, f),
        "routes": lambda: contact_profile(engine, f.end),
    }
    seen: list[str] = []

    def listener(conn, cursor, statement, *rest) -> None:
        seen.append(statement)

    counts = {}
    event.listen(engine, "before_cursor_execute", listener)
    for page, run in pages.items():
        seen.clear()
        run()
        counts[page] = len(seen)
    event.remove(engine, "before_cursor_execute", listener)
    engine.dispose()
    return counts


def peak_memory_mb(which: str, url: str) -> float:
    """Run one filter change of `which` in a fresh process; its peak memory growth in MB."""
    done = subprocess.run(
        [sys.executable, "-m", "bench.peer", "--memory", which, url],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return float(json.loads(done.stdout.strip().splitlines()[-1])["peak_mb"])


def compare(
    url: str,
    repeats: int,
    database_data: Path | None = None,
    duckdb_path: Path | None = None,
    duckdb_copy_s: float = float("nan"),
) -> Comparison:
    root = postgres_root(database_data) if database_data else None
    timed = interleaved(url, repeats, Meter([root]) if root else None, duckdb_path)
    nothing = (float("nan"), float("nan"))
    return Comparison(
        project_ms=timed["project"][0],
        peer_ms=timed["peer"][0],
        project_mb=peak_memory_mb("project", url),
        peer_mb=peak_memory_mb("peer", url),
        project_cpu_ms=timed["project"][1],
        peer_cpu_ms=timed["peer"][1],
        in_memory_ms=timed["in_memory"][0],
        in_memory_cpu_ms=timed["in_memory"][1],
        in_memory_mb=peak_memory_mb("in_memory", url),
        duckdb_ms=timed.get("duckdb", nothing)[0],
        duckdb_cpu_ms=timed.get("duckdb", nothing)[1],
        duckdb_mb=peak_memory_mb("duckdb", str(duckdb_path)) if duckdb_path else float("nan"),
        duckdb_copy_s=duckdb_copy_s,
        database_cpu_counted=root is not None,
    )


def _memory_main(which: str, url: str) -> None:
    """The code first runs once on an empty database of the same schema (the modules a first
    run imports, pyarrow's among them, and SQLAlchemy's compiled statements: what a running
    server holds already, and nothing of the data), then the peak of one filter change on the
    real one above what the process held just before it; for the in-memory and DuckDB peers,
    what they hold after it."""
    start = _project_start()
    if which == "in_memory":
        _run_on_empty(lambda engine, f: compute_peer(naive.load(engine), f, start))
        print(json.dumps({"peak_mb": _in_memory_held_mb(url, start)}))
        return
    if which == "duckdb":  # `url` is the copy's path
        _run_on_empty(lambda engine, f: run_project(engine, f, start))
        print(json.dumps({"peak_mb": _duckdb_held_mb(Path(url), start)}))
        return
    runner = run_project if which == "project" else run_peer
    _run_on_empty(lambda engine, f: runner(engine, f, start))
    engine = create_engine_for(url)
    with engine.connect():
        pass
    gc.collect()
    before = reset_peak_kb()
    runner(engine, timing_period(99), start)
    print(json.dumps({"peak_mb": (peak_kb() - before) / 1024}))


def _run_on_empty(run) -> None:
    """`run(engine, filters)` once on an empty database of the schema."""
    with tempfile.TemporaryDirectory() as folder:
        empty = create_engine_for(f"sqlite:///{Path(folder) / 'empty.db'}")
        create_schema(empty)
        run(empty, timing_period(98))
        empty.dispose()


def _held_mb(hold) -> float:
    """The resident memory `hold()` leaves held while what it returns is kept, in MB."""
    from bench.memory import resident_kb

    gc.collect()
    before = resident_kb()
    kept = hold()
    gc.collect()
    held = resident_kb() - before
    del kept
    return held / 1024


def _in_memory_held_mb(url: str, start: dt.date) -> float:
    """What the in-memory peer holds between filter changes: the tables loaded and one change
    computed."""
    engine = create_engine_for(url)

    def hold():
        tables = naive.load(engine)
        compute_peer(tables, timing_period(99), start)
        return tables

    return _held_mb(hold)


def _duckdb_held_mb(path: Path, start: dt.date) -> float:
    """What DuckDB holds after a filter change on its copy (its buffers, its catalogue), above
    the process before it opened the file."""
    # DuckDB's library loaded and an empty database of its own open first: code, not data.
    blank = duckdb_peer.engine_for_copy(Path(":memory:"))
    with blank.connect() as conn:
        conn.exec_driver_sql("SELECT 1")

    def hold():
        duck = duckdb_peer.engine_for_copy(path)
        run_project(duck, timing_period(99), start)
        return duck

    return _held_mb(hold)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--memory", choices=["project", "peer", "in_memory", "duckdb"], required=True
    )
    parser.add_argument("url")
    args = parser.parse_args()
    _memory_main(args.memory, args.url)
