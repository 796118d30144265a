"""`make bench` (scales 1, 10 and 100) and `make bench-large` (scale 1000): the growth table.

For each backend (SQLite, and PostgreSQL: the database BROBYGGER_BENCH_POSTGRES_URL names, else
a server of the benchmark's own started from the machine's PostgreSQL binaries with its data in
data/bench-postgres, kept between runs) and scale it measures, in one process per step:
- the demo generator's time, when the database has to be built;
- the project against the naive peer (bench/peer.py): figures checked equal on two periods,
  then a filter change timed interleaved, and the peak memory of each in its own process;
- every page's first run, warm rerun and filter change through AppTest (bench/pages.py), and
  the data page's contact form save and undo.
Then, at demo scale: first paint in Chromium per page (bench/first_paint.py), the outreach map
with 500 sites, route planning and the committee brief.

Results are kept per backend and scale in docs/benchmark.json, so the large run adds to the
small one; docs/benchmark.md is written from all of them, with every budget checked. The exit
status is 1 when a figure of this run is over its budget or the peer's figures differ.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import sys
from dataclasses import asdict

from sqlalchemy import func, select

from bench import browser_pages, databases, duckdb_peer, pages, peer
from bench import imports as bench_imports
from bench.map_draw import draw_ms
from bench.report import (
    BROWSER_SCALES,
    MAP_SITES,
    extras_over_budget,
    machine,
    over_budget,
    report,
)
from bench.route_solver import BUDGET_MS as ROUTE_BUDGET_MS
from bench.route_solver import plan_ms
from data_access.db import create_engine_for
from data_access.organisation import load_organisation
from data_access.schema import outreach_contacts, persons, treatment_courses
from data_access.settings import ORG_FILE, PROJECT_ROOT

RESULTS = PROJECT_ROOT / "docs" / "benchmark.json"
REPORT = PROJECT_ROOT / "docs" / "benchmark.md"
SMALL, LARGE = [1, 10, 100], [1000]


def load_average() -> str:
    """The machine's load over the last minute (2 cores: above 2 it is busy)."""
    try:
        return f"{os.getloadavg()[0]:.1f}"
    except OSError:
        return "unknown"


def _rows(url: str) -> dict[str, int]:
    engine = create_engine_for(url)
    with engine.connect() as conn:
        counts = {
            table.name: int(conn.scalar(select(func.count()).select_from(table)))
            for table in (outreach_contacts, treatment_courses, persons)
        }
    engine.dispose()
    return counts


QUIET_LOAD, QUIET_WAIT_S = 1.0, 300


def wait_for_quiet() -> None:
    """Wait (up to five minutes) for the machine's load over the last minute to fall below one
    core's worth: what ran just before (building a database, another step) still counts in
    the average, and every wall-clock figure below would stretch with it."""
    import time

    deadline = time.monotonic() + QUIET_WAIT_S
    while os.getloadavg()[0] >= QUIET_LOAD and time.monotonic() < deadline:
        time.sleep(5)


def measure_scale(backend: str, scale: int, postgres_url: str, fresh: bool) -> dict:
    db = databases.ensure(backend, scale, postgres_url, fresh)
    print(f"{backend} scale {scale}: {db.url.split('@')[-1]}", flush=True)
    wait_for_quiet()
    result: dict = {
        "measured": f"{dt.datetime.now():%Y-%m-%d %H:%M}",
        "load_before": load_average(),
        "rows": _rows(db.url),
    }
    if db.built_s is not None:
        result["built_s"] = round(db.built_s, 1)
    result["statements"] = peer.statement_counts(db.url)
    duckdb_copy = databases.DATA / f"bench-{backend}-scale{scale}.duckdb"
    copy_s = duckdb_peer.copy_into_duckdb(db.url, duckdb_copy)
    print(f"  copied into DuckDB in {copy_s:.1f} s", flush=True)
    differences = peer.check_equal(db.url, duckdb_copy)
    result["peer_differences"] = differences
    print(f"  peer equal to the project: {not differences} {differences[:3]}", flush=True)
    repeats = 3 if scale >= 1000 else 5
    own_server = databases.own_postgres_data() if backend == "postgresql" else None
    comparison = peer.compare(db.url, repeats, own_server, duckdb_copy, copy_s)
    result["peer"] = asdict(comparison)
    print(
        f"  in-memory peer: CPU {comparison.in_memory_cpu_ms:.0f} ms per change against the "
        f"project's {comparison.project_cpu_ms:.0f} ms; holds {comparison.in_memory_mb:.0f} MB",
        flush=True,
    )
    print(
        f"  DuckDB peer (the project's queries on a copy): CPU {comparison.duckdb_cpu_ms:.0f} ms, "
        f"{comparison.duckdb_ms:.0f} ms; holds {comparison.duckdb_mb:.0f} MB",
        flush=True,
    )
    print(
        f"  project {comparison.project_ms:.0f} ms / peer {comparison.peer_ms:.0f} ms "
        f"({comparison.time_ratio:.1f}x); memory {comparison.project_mb:.1f} MB / "
        f"{comparison.peer_mb:.1f} MB ({comparison.memory_ratio:.1f}x)",
        flush=True,
    )
    page_repeats = 7 if scale >= 1000 else 11
    result["pages"] = {}
    for title, page_file in pages.PAGES:
        timing = pages.measure(page_file, db.url, page_repeats)
        result["pages"][title] = asdict(timing)
        print(
            f"  {title}: first {timing.first_ms:.0f} ms, warm {timing.warm_ms:.0f} ms, "
            f"filter change {timing.change_ms:.0f} ms",
            flush=True,
        )
    save = pages.contact_form(db.url, 3)
    result["contact_form"] = asdict(save)
    print(f"  contact form: save {save.save_ms:.0f} ms, undo {save.undo_ms:.0f} ms", flush=True)
    if scale in BROWSER_SCALES:
        wait_for_quiet()
        print("  in Chromium (first open, filter change cold and warm):", flush=True)
        measured = browser_pages.measure(db.url, own_server)
        result["browser"] = asdict(measured) if measured else None
    result["load_after"] = load_average()
    return result


def demo_scale_extras() -> dict:
    """The 500-site map, route planning and the brief, at demo scale."""
    db = databases.ensure("sqlite", 1)
    wait_for_quiet()
    extras: dict = {
        "measured": f"{dt.datetime.now():%Y-%m-%d %H:%M}",
        "map_500_ms": draw_ms(MAP_SITES),
        "routes": {str(stops): plan_ms(stops) for stops in ROUTE_BUDGET_MS},
        "brief_ms": brief_ms(db.url),
    }
    import_lines, imports_over = bench_imports.report()  # each case in its own process
    extras["imports"] = {"lines": import_lines, "over": imports_over}
    return extras


def brief_ms(url: str) -> float:
    """The committee brief for the project period (the publication built first, as the
    command does), made in this process (warm: the second of two)."""
    import time

    from data_access import clock
    from data_access.overview import data_extent
    from data_access.publication import store
    from data_access.publication.cells import ALL, Cell, SiteScope, find_period
    from ui.brief import make_brief

    org = load_organisation(ORG_FILE.value())
    engine = create_engine_for(url)
    extent = data_extent(engine)
    pub = store.build(engine, org, extent[0], clock.as_of(extent, extent[1]))
    cell = Cell(find_period(list(pub.periods), "project"), SiteScope("all"), ALL)

    def made() -> None:
        make_brief(pub, engine, org, ORG_FILE.value(), cell, "da")

    made()  # first: loads vl-convert's engine
    started = time.perf_counter()
    made()
    engine.dispose()
    return (time.perf_counter() - started) * 1000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", type=int, nargs="+", default=SMALL)
    parser.add_argument("--large", action="store_true", help=f"scale {LARGE[0]} only")
    parser.add_argument("--backends", nargs="+", default=["sqlite", "postgresql"])
    parser.add_argument("--fresh", action="store_true", help="rebuild the benchmark databases")
    parser.add_argument("--no-extras", action="store_true", help="skip first paint and the rest")
    parser.add_argument(
        "--extras-only", action="store_true", help="first paint and the rest only (demo scale)"
    )
    args = parser.parse_args(argv)
    with contextlib.ExitStack() as stack:
        postgres_url = ""
        if "postgresql" in args.backends:
            postgres_url = stack.enter_context(databases.postgres_server())
        backends = [b for b in args.backends if b == "sqlite" or postgres_url]
        return _measure(args, backends, postgres_url)


def _measure(args: argparse.Namespace, backends: list[str], postgres_url: str) -> int:
    scales = LARGE if args.large else args.scales

    print(f"Machine: {machine()}, load {load_average()}", flush=True)
    results = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    results["machine"] = machine()
    over: list[str] = []
    for backend in [] if args.extras_only else backends:
        for scale in scales:
            # The large run always builds scale 1000 anew, on both databases: that is the
            # generator's budget (under 3 minutes).
            fresh = args.fresh or args.large
            r = measure_scale(backend, scale, postgres_url, fresh)
            results.setdefault("runs", {}).setdefault(backend, {})[str(scale)] = r
            over += over_budget(backend, scale, r)
            RESULTS.write_text(json.dumps(results, indent=1) + "\n")
    if not args.large and not args.no_extras:
        results["demo_scale"] = demo_scale_extras()
        over += extras_over_budget(results["demo_scale"])
    RESULTS.write_text(json.dumps(results, indent=1) + "\n")
    REPORT.write_text(report(results) + _load_test_section(), encoding="utf-8")
    print(f"\nWrote {REPORT.relative_to(PROJECT_ROOT)}")
    for line in over:
        print(f"OVER BUDGET: {line}")
    return 1 if over else 0


def _load_test_section() -> str:
    """The load test's figures (bench/load.py writes them between its markers): kept as they
    are, since `make bench` does not run the load test."""
    begin, end = "<!-- load test: begin -->", "<!-- load test: end -->"
    old = REPORT.read_text(encoding="utf-8") if REPORT.exists() else ""
    if begin not in old or end not in old:
        return ""
    return "\n" + old[old.index(begin) : old.index(end) + len(end)] + "\n"


if __name__ == "__main__":
    sys.exit(main())
