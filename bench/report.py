"""The benchmark's budgets and its report (docs/benchmark.md), from the results bench/run.py
keeps in docs/benchmark.json: what is over budget is named at the end of the report and makes
`make bench` exit 1."""

from __future__ import annotations

import os
import platform
from pathlib import Path

from bench import browser_pages, pages, peer
from bench.route_solver import BUDGET_MS as ROUTE_BUDGET_MS

MAP_SITES = 500
BRIEF_BUDGET_MS = 5000
GENERATOR_BUDGET_S = 180  # scale 1000
TIME_RATIO, MEMORY_RATIO, RATIO_SCALES = 5.0, 10.0, (100, 1000)
BROWSER_SCALES = {1: "demo", 1000: "large"}  # where the browser figures are measured


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
def _each_run(runs: dict):
    """(backend, scale, result) for every measured run, each backend's scales in order."""
    for backend, scales in runs.items():
        for scale, r in sorted(scales.items(), key=lambda kv: int(kv[0])):
            yield backend, scale, r


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
    for backend, scale, r in _each_run(runs):
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
    for backend, scale, r in _each_run(runs):
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
    for backend, scale, r in _each_run(runs):
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
