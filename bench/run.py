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
import platform
import sys
from dataclasses import asdict
from pathlib import Path

from sqlalchemy import func, select

from bench import browser_pages, databases, duckdb_peer, pages, peer
from bench import imports as bench_imports
from bench.map_draw import draw_ms
from bench.route_solver import BUDGET_MS as ROUTE_BUDGET_MS
from bench.route_solver import plan_ms
from data_access.db import create_engine_for
from data_access.organisation import load_organisation
from data_access.schema import outreach_contacts, persons, treatment_courses
from data_access.settings import ORG_FILE, PROJECT_ROOT

RESULTS = PROJECT_ROOT / "docs" / "benchmark.json"
REPORT = PROJECT_ROOT / "docs" / "benchmark.md"
SMALL, LARGE = [1, 10, 100], [1000]
BROWSER_SCALES = {1: "demo", 1000: "large"}  # where the browser figures are measured
MAP_SITES = 500
BRIEF_BUDGET_MS = 5000
GENERATOR_BUDGET_S = 180  # scale 1000
TIME_RATIO, MEMORY_RATIO, RATIO_SCALES = 5.0, 10.0, (100, 1000)


def machine() -> str:
    cpu = "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    return (
        f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores, {cpu}, "
        f"Python {platform.python_version()}"
    )


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


# ---- budgets -----------------------------------------------------------------------------
def over_budget(backend: str, scale: int, r: dict) -> list[str]:
    out = []
    if r.get("peer_differences"):
        out.append(f"{backend} {scale}: the peer's figures differ from the project's")
    if scale in RATIO_SCALES:
        comparison = peer.Comparison(**r["peer"])
        if comparison.time_ratio < TIME_RATIO:
            out.append(f"{backend} {scale}: naive/project time {comparison.time_ratio:.1f}x")
        if comparison.memory_ratio < MEMORY_RATIO:
            out.append(f"{backend} {scale}: naive/project memory {comparison.memory_ratio:.1f}x")
    out += browser_over_budget(backend, scale, r)
    out += in_memory_over_budget(backend, scale, r)
    if scale >= 1000 and r.get("built_s", 0) > GENERATOR_BUDGET_S:
        out.append(f"{backend} {scale}: demo data built in {r['built_s']:.0f} s")
    return out


def browser_over_budget(backend: str, scale: int, r: dict) -> list[str]:
    """The budgets of what the user waits for, in Chromium (issue 27)."""
    size, measured = BROWSER_SCALES.get(scale), r.get("browser")
    if size is None or not measured:
        return []
    change, first = browser_pages.CHANGE_BUDGET_MS[size], browser_pages.FIRST_OPEN_BUDGET_MS[size]
    out = []
    for p in measured["pages"]:
        where = f"{backend} {scale} {p['page']} in Chromium"
        if p["cold_ms"] > change:
            out.append(f"{where}: filter change (cold) {p['cold_ms']:.0f} ms > {change} ms")
        if p["first_open_ms"] > first:
            out.append(f"{where}: first open {p['first_open_ms']:.0f} ms > {first} ms")
    return out


# CPU per filter change against the in-memory peer: at most its own at scale 1000, within 1.5x
# at scale 100; holding at least 10x less memory.
IN_MEMORY_CPU_RATIO = {100: 1.5, 1000: 1.0}
IN_MEMORY_MEMORY_RATIO = 10.0


def in_memory_over_budget(backend: str, scale: int, r: dict) -> list[str]:
    allowed = IN_MEMORY_CPU_RATIO.get(scale)
    c = peer.Comparison(**r["peer"])
    if allowed is None or c.in_memory_cpu_ms != c.in_memory_cpu_ms:  # not measured (NaN)
        return []
    out = []
    if c.project_cpu_ms > allowed * c.in_memory_cpu_ms:
        out.append(
            f"{backend} {scale}: CPU per filter change {c.project_cpu_ms:.0f} ms against the "
            f"in-memory peer's {c.in_memory_cpu_ms:.0f} ms (allowed {allowed:g}x)"
        )
    if c.in_memory_mb < IN_MEMORY_MEMORY_RATIO * max(c.project_mb, 0.1):
        out.append(
            f"{backend} {scale}: the in-memory peer holds {c.in_memory_mb:.0f} MB against the "
            f"project's {c.project_mb:.1f} MB (needs {IN_MEMORY_MEMORY_RATIO:g}x)"
        )
    return out


def extras_over_budget(extras: dict) -> list[str]:
    out = []
    if extras.get("map_500_ms") and extras["map_500_ms"] > 2000:
        out.append(f"map with {MAP_SITES} sites: {extras['map_500_ms']:.0f} ms")
    for stops, took in extras.get("routes", {}).items():
        if took > ROUTE_BUDGET_MS[int(stops)]:
            out.append(f"route planning with {stops} stops: {took:.0f} ms")
    if extras.get("brief_ms", 0) > BRIEF_BUDGET_MS:
        out.append(f"committee brief: {extras['brief_ms']:.0f} ms")
    if extras.get("imports", {}).get("over"):
        out.append("imports: see the imports section")
    return out


# ---- the report --------------------------------------------------------------------------
def _ms(value: float | None) -> str:
    return "-" if value is None or value != value else f"{value:,.0f} ms"  # None or NaN


def browser_section(runs: dict) -> list[str]:
    """What the user waits for: every page in Chromium against `streamlit run`."""
    lines = [
        "## What the user waits for: Chromium against `streamlit run`",
        "",
        "Measured by `bench/browser_pages.py` as a manager (leder) sees each page, in a 1440 px "
        "Chromium window, every time from the browser's own clock to the page's last change on "
        "screen (a DOM mutation or a canvas draw in any frame, the map's included) once the "
        "script has finished and nothing has changed for a second (`bench/settled.py`):",
        "",
        f"- **first open**: the server started afresh, the page opened by its first visitor in "
        f"a fresh browser context (no HTTP cache): median of {browser_pages.FIRST_REPEATS} "
        "starts;",
        "- **filter change, cold**: a period chosen in the sidebar with the data version bumped "
        "just before (every cached figure misses, as after a write); median of "
        f"{len(browser_pages.PERIODS)} periods, each chosen once;",
        "- **warm**: the same periods chosen again at the same data version (from the cache);",
        "- **server CPU**: the app's process and, on PostgreSQL, every process of the database "
        "server, read from /proc around each change (median);",
        "- **load**: the machine's load over the last minute before the page was measured.",
        "",
        "Budgets, cold: a filter change <= "
        f"{browser_pages.CHANGE_BUDGET_MS['demo']} ms at demo scale (1) and <= "
        f"{browser_pages.CHANGE_BUDGET_MS['large']} ms at scale 1000; a first open <= "
        f"{browser_pages.FIRST_OPEN_BUDGET_MS['demo'] / 1000:g} s and <= "
        f"{browser_pages.FIRST_OPEN_BUDGET_MS['large'] / 1000:g} s.",
        "",
        "| backend | scale | page | first open | filter change, cold | warm "
        "| server CPU per change, cold / warm | load |",
        "|---|---:|---|---:|---:|---:|---:|---:|",
    ]
    memory = []
    for backend, scales in runs.items():
        for scale, r in sorted(scales.items(), key=lambda kv: int(kv[0])):
            measured = r.get("browser")
            if not measured:
                continue
            for p in measured["pages"]:
                lines.append(
                    f"| {backend} | {scale} | {p['page']} | {_ms(p['first_open_ms'])} | "
                    f"{_ms(p['cold_ms'])} | {_ms(p['warm_ms'])} | "
                    f"{_ms(p['cold_cpu_ms'])} / {_ms(p['warm_cpu_ms'])} | {p['load']:.1f} |"
                )
            database = measured.get("database_mb")
            memory.append(
                f"{backend} scale {scale}: the app's process {measured['app_mb']:.0f} MB"
                + (f", the PostgreSQL server {database:.0f} MB" if database else "")
            )
    if memory:
        lines += ["", "Memory held after every page was opened and changed: " + "; ".join(memory)]
    return lines


def report(results: dict) -> str:
    runs = results.get("runs", {})
    lines = [
        "# Benchmark",
        "",
        f"Machine: {results.get('machine', machine())}. Written by `make bench` (scales 1, 10, "
        "100) and `make bench-large` (scale 1000); each backend and scale was measured at the "
        "time shown, with the machine's load average over a minute before and after (the machine "
        "is shared; above its 2 cores' worth of work, every wall-clock figure stretches): read "
        "the ratios within one row, and the CPU times, rather than the absolute times.",
        "",
        *browser_section(runs),
        "",
        "## The project against the naive peer",
        "",
        "The peer (`bench/naive.py`) loads the whole contacts, courses and persons tables into "
        "pandas on every filter change and computes the same overview and caseload figures. Its "
        "figures were first checked equal to the project's on two periods; then a filter change "
        "(a new 200-day period) of each was timed, interleaved in one process (median), and "
        "each one's peak memory for a filter change measured in its own process. Budget: "
        f"naive/project >= {TIME_RATIO:.0f}x in time and >= {MEMORY_RATIO:.0f}x in memory at "
        "scales 100 and 1000.",
        "",
        "| backend | scale | contacts | courses | figures equal | project | naive | time ratio "
        "| CPU: project / naive | project memory | naive memory | memory ratio "
        "| measured (load before / after) |",
        "|---|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for backend, scales in runs.items():
        for scale, r in sorted(scales.items(), key=lambda kv: int(kv[0])):
            c = peer.Comparison(**r["peer"])
            lines.append(
                f"| {backend} | {scale} | {r['rows']['outreach_contacts']:,} | "
                f"{r['rows']['treatment_courses']:,} | "
                f"{'yes' if not r['peer_differences'] else 'NO'} | {_ms(c.project_ms)} | "
                f"{_ms(c.peer_ms)} | {c.time_ratio:.1f}x | "
                f"{_ms(c.project_cpu_ms)} / {_ms(c.peer_cpu_ms)} | {c.project_mb:.1f} MB | "
                f"{c.peer_mb:.0f} MB | {c.memory_ratio:.0f}x | {r['measured']} "
                f"({r['load_before']} / {r['load_after']}) |"
            )
    lines += [
        "",
        "## The project against the in-memory and DuckDB peers",
        "",
        "The in-memory peer runs the naive peer's pandas code on tables loaded once and kept, as "
        "`st.cache_data` on a loader would: only the figures are computed per filter change. "
        "The DuckDB peer runs the project's own queries (SQLAlchemy, PostgreSQL's SQL through "
        "duckdb_engine) on a DuckDB copy of the same tables, in-process; its figures are "
        "checked equal too. All timed interleaved with the two above; CPU is this process's "
        "(DuckDB's threads included) and, on PostgreSQL (the benchmark's own server), the "
        "database server's processes' too. A peer's memory is what it holds between changes "
        "(resident, after one change). Budget: the project's CPU per change <= the in-memory "
        "peer's at scale 1000 and <= 1.5x at scale 100, holding >= "
        f"{IN_MEMORY_MEMORY_RATIO:g}x less memory.",
        "",
        "| backend | scale | project CPU | in-memory CPU | project / in-memory "
        "| project memory (peak) | in-memory peer holds | DuckDB CPU (wall) | DuckDB holds "
        "| copied into DuckDB |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for backend, scales in runs.items():
        for scale, r in sorted(scales.items(), key=lambda kv: int(kv[0])):
            c = peer.Comparison(**r["peer"])
            if c.in_memory_cpu_ms != c.in_memory_cpu_ms:  # not measured (NaN): an older run
                lines.append(f"| {backend} | {scale} | not measured yet |||||||| ")
                continue
            duck = (
                f"{_ms(c.duckdb_cpu_ms)} ({_ms(c.duckdb_ms)}) | {c.duckdb_mb:.0f} MB | "
                f"{c.duckdb_copy_s:.1f} s"
                if c.duckdb_cpu_ms == c.duckdb_cpu_ms
                else "- | - | -"
            )
            lines.append(
                f"| {backend} | {scale} | {_ms(c.project_cpu_ms)} | {_ms(c.in_memory_cpu_ms)} | "
                f"{c.project_cpu_ms / c.in_memory_cpu_ms:.2f}x | {c.project_mb:.1f} MB | "
                f"{c.in_memory_mb:.0f} MB | {duck} |"
            )
    counts = next((r.get("statements") for scales in runs.values() for r in scales.values()), None)
    if counts:
        lines += [
            "",
            "SQL statements per filter change, each page's data function (the same at every "
            "scale): " + ", ".join(f"{page} {n}" for page, n in counts.items()) + ".",
        ]
    all_scales = sorted({int(s) for scales in runs.values() for s in scales})
    head = " | ".join(f"scale {s}" for s in all_scales)
    rule = "|".join("---:" for _ in all_scales)
    for kind, title in (
        ("change_ms", "Diagnosis, in-process: filter change (a period never asked before)"),
        ("warm_ms", "Diagnosis, in-process: warm rerun (nothing changed)"),
        ("change_cpu_ms", "Diagnosis, in-process: filter change, CPU (SQLite: the queries too)"),
        ("warm_cpu_ms", "Diagnosis, in-process: warm rerun, CPU"),
        ("first_ms", "Diagnosis, in-process: first run of a new session"),
    ):
        lines += ["", f"## {title}", "", f"| backend | page | {head} |", f"|---|---|{rule}|"]
        for backend, scales in runs.items():
            for page, _ in pages.PAGES:
                cells = [
                    _ms(scales[str(s)]["pages"][page].get(kind)) if str(s) in scales else "-"
                    for s in all_scales
                ]
                lines.append(f"| {backend} | {page} | {' | '.join(cells)} |")
    lines += [
        "",
        "The tables above are a diagnosis, not what a user waits for: each page's script run "
        "in-process through AppTest (no server, websocket or browser), median of 11 runs (7 at "
        "scale 1000), each scale measured once the machine's load had fallen below 1. The "
        "budgets are checked on the browser's figures at the top.",
        "",
        "## The data page's contact form",
        "",
        f"| backend | what | {head} |",
        f"|---|---|{rule}|",
    ]
    for backend, scales in runs.items():
        for kind, label in (("save_ms", "save a contact"), ("undo_ms", "undo it")):
            cells = [
                _ms(scales[str(s)]["contact_form"][kind]) if str(s) in scales else "-"
                for s in all_scales
            ]
            lines.append(f"| {backend} | {label} | {' | '.join(cells)} |")
    lines += [
        "",
        "## Demo data",
        "",
        f"| backend | {head} |",
        f"|---|{rule}|",
    ]
    for backend, scales in runs.items():
        cells = []
        for s in all_scales:
            built = scales.get(str(s), {}).get("built_s")
            cells.append("-" if built is None else f"{built:.0f} s")
        lines.append(f"| {backend} | {' | '.join(cells)} |")
    lines += [
        "",
        f"Time to generate and write the demo data when the benchmark built it (budget: scale "
        f"1000 in under {GENERATOR_BUDGET_S // 60} minutes).",
    ]
    extras = results.get("demo_scale", {})
    if extras:
        lines += [
            "",
            f"## Maps, routes and the brief (demo scale, measured {extras['measured']})",
        ]
        routes = ", ".join(
            f"{stops} stops {took:.0f} ms (budget {ROUTE_BUDGET_MS[int(stops)]} ms)"
            for stops, took in extras.get("routes", {}).items()
        )
        lines += [
            "",
            f"Outreach map with {MAP_SITES} sites drawn in Chromium: {_ms(extras['map_500_ms'])} "
            "(budget 2000 ms). Route planning: "
            f"{routes}. Committee brief (PDF) at demo scale: {_ms(extras['brief_ms'])} "
            "(budget 5000 ms).",
        ]
        if extras.get("imports"):
            lines += ["", "## Imports", "", *extras["imports"]["lines"]]
    over = [
        o
        for backend, scales in runs.items()
        for s, r in scales.items()
        for o in over_budget(backend, int(s), r)
    ] + extras_over_budget(extras)
    lines += ["", "## Over budget", ""]
    lines += [f"- {o}" for o in over] or ["Nothing: every budget above is met."]
    return "\n".join(lines) + "\n"


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
