"""`make bench`: each page's server-side run time, at demo scale and at --scale 100.

For every page and scale it measures, in one process (so timings compare as ratios):
- first: the first run of a new session (imports, cold caches);
- warm: a rerun with nothing changed (median of several);
- filter change: a rerun right after choosing a period never seen before, so every cached
  query misses (median of several).
Runs go through Streamlit's AppTest, which executes the real script in-process; its own
overhead is included, so the figures are an upper bound on the script's time.

Budgets (foundation issue): demo scale warm <= 150 ms and filter change <= 400 ms; scale 100
filter change <= 1.5 s; the outreach map with 500 sites drawn in Chromium in < 2 s. The table
marks any figure over budget.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from streamlit.testing.v1 import AppTest

from bench import imports as bench_imports
from bench.map_draw import draw_ms
from bench.route_solver import BUDGET_MS as ROUTE_BUDGET_MS
from bench.route_solver import plan_ms
from data_access.db import create_engine_for, has_activity
from data_access.demo import write_demo
from data_access.filters import Filters
from data_access.organisation import load_organisation
from data_access.settings import ORG_FILE, PROJECT_ROOT

APP = str(PROJECT_ROOT / "app.py")
DATA = PROJECT_ROOT / "data"
# (title, page file) for every page in the app; extend as pages are added.
PAGES = [
    ("overview", "pages/overview.py"),
    ("outreach", "pages/outreach.py"),
    ("caseload", "pages/caseload.py"),
    ("routes", "pages/routes.py"),
]
MAP_SITES = 500
BUDGET_MS = {1: {"warm": 150, "change": 400}, 100: {"warm": None, "change": 1500}}


@dataclass
class Row:
    page: str
    scale: int
    first_ms: float
    warm_ms: float
    change_ms: float

    def over(self) -> list[str]:
        budget = BUDGET_MS.get(self.scale, {})
        out = []
        if budget.get("warm") is not None and self.warm_ms > budget["warm"]:
            out.append("warm")
        if budget.get("change") is not None and self.change_ms > budget["change"]:
            out.append("filter change")
        return out


def ensure_database(scale: int, fresh: bool) -> str:
    path = DATA / f"bench-scale{scale}.db"
    url = f"sqlite:///{path}"
    if fresh:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    engine = create_engine_for(url)
    if not path.exists() or not has_activity(engine):
        started = time.perf_counter()
        write_demo(engine, load_organisation(ORG_FILE.value()), scale=scale)
        print(f"  built scale {scale} database in {time.perf_counter() - started:.1f} s")
    engine.dispose()
    return url


def _timed(at: AppTest) -> float:
    started = time.perf_counter()
    at.run()
    elapsed = (time.perf_counter() - started) * 1000
    if at.exception:
        raise RuntimeError(at.exception[0].message)
    return elapsed


def measure(page_file: str, url: str, repeats: int) -> tuple[float, float, float]:
    os.environ["BROBYGGER_DATABASE_URL"] = url
    at = AppTest.from_file(APP, default_timeout=120)
    first = _timed(at)
    if page_file != PAGES[0][1]:
        at.switch_page(page_file)
        first = _timed(at)
    warm = [_timed(at) for _ in range(repeats)]
    at.selectbox(key="period.da").select("custom")
    _timed(at)
    changes = []
    for i in range(repeats):
        # A period never asked for before: every cached query misses.
        start = dt.date(2024, 1, 1) + dt.timedelta(days=7 * i + 3)
        at.date_input(key="dates.da").set_value((start, start + dt.timedelta(days=200 + i)))
        changes.append(_timed(at))
    return first, statistics.median(warm), statistics.median(changes)


BRIEF_BUDGET_MS = 5000


def brief_timing(scale: int) -> str:
    """The committee brief for the whole project period, made in this process (warm imports)."""
    from ui.brief import make_brief

    org = load_organisation(ORG_FILE.value())
    engine = create_engine_for(f"sqlite:///{DATA / f'bench-scale{scale}.db'}")
    f = Filters(org.outreach.start, org.outreach.end)
    make_brief(engine, org, ORG_FILE.value(), f, "da")  # first: loads vl-convert's engine
    started = time.perf_counter()
    make_brief(engine, org, ORG_FILE.value(), f, "da")
    took = (time.perf_counter() - started) * 1000
    over = " - OVER BUDGET" if took > BRIEF_BUDGET_MS else ""
    return f"Committee brief (PDF) at scale {scale}: {took:.0f} ms (budget 5000 ms){over}."


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


def table(rows: list[Row]) -> str:
    lines = [
        "| page | scale | first run | warm rerun | filter change | over budget |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for r in rows:
        lines.append(
            f"| {r.page} | {r.scale} | {r.first_ms:.0f} ms | {r.warm_ms:.0f} ms | "
            f"{r.change_ms:.0f} ms | {', '.join(r.over()) or '-'} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 100])
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--fresh", action="store_true", help="rebuild the benchmark databases")
    args = parser.parse_args(argv)

    print(f"Machine: {machine()}")
    rows = []
    for scale in args.scales:
        url = ensure_database(scale, args.fresh)
        for title, page_file in PAGES:
            first, warm, change = measure(page_file, url, args.repeats)
            rows.append(Row(title, scale, first, warm, change))
            print(f"  {title} at scale {scale}: warm {warm:.0f} ms, filter change {change:.0f} ms")
    map_ms = draw_ms(MAP_SITES)
    solver_over: list[bool] = []
    map_line = (
        f"Outreach map with {MAP_SITES} sites drawn in Chromium: {map_ms:.0f} ms "
        f"(budget 2000 ms){' - OVER BUDGET' if map_ms > 2000 else ''}."
        if map_ms is not None
        else "Outreach map draw time: not measured (no Chromium at /usr/bin/chromium)."
    )
    solver_lines = []
    for stops, budget in ROUTE_BUDGET_MS.items():
        took = plan_ms(stops)
        over_budget = took > budget
        solver_lines.append(
            f"Route planning with {stops} stops: {took:.0f} ms (budget {budget} ms)"
            f"{' - OVER BUDGET' if over_budget else ''}."
        )
        solver_over.append(over_budget)
    brief_line = brief_timing(args.scales[0])
    import_lines, imports_over = bench_imports.report()  # each case in its own process
    report = (
        f"Measured {dt.datetime.now():%Y-%m-%d %H:%M} on {machine()}.\n\n{table(rows)}\n\n"
        "Budgets: demo scale (1) warm <= 150 ms, filter change <= 400 ms; "
        "scale 100 filter change <= 1.5 s. Median of "
        f"{args.repeats} runs each, via AppTest (in-process, server side).\n\n{map_line}\n\n"
        + "\n".join(solver_lines)
        + "\n\n"
        + brief_line
        + "\n\n"
        + "\n".join(import_lines)
        + "\n"
    )
    print()
    print(report)
    artifacts = PROJECT_ROOT / "artifacts"
    artifacts.mkdir(exist_ok=True)
    (artifacts / "benchmark.md").write_text(report, encoding="utf-8")
    over = any(r.over() for r in rows) or (map_ms is not None and map_ms > 2000)
    over = over or any(solver_over) or imports_over
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
