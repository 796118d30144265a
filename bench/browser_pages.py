"""What the user waits for, measured where they wait: Chromium against `streamlit run`.

For one database (a backend at a scale), a manager's (leder) view of every page they may open:
- first open: the server started afresh for each visit, the page opened in a fresh browser
  context (no HTTP cache): the first visitor after a start (median of FIRST_REPEATS);
- filter change, cold: the period changed in the sidebar, the data version bumped just
  before (data_access/data_version.py), so every cached figure misses; median over the
  PERIODS, each one run;
- filter change, warm: the same changes again, each to a period the session has asked for
  at the current data version (every figure from the cache);
- the server's CPU time per change: the app's process and, on PostgreSQL, every process of
  the database server (the backends do the queries), read from /proc before and after;
- memory held afterwards: the app's process and the database server's, as proportional
  set size (PostgreSQL's shared buffers counted once).

Every time is from the click (or the navigation's start) to the page's last change on
screen once it has settled (bench/settled.py), the browser's own clock. The machine's load
over the last minute is recorded before each page.
"""

from __future__ import annotations

import os
import statistics
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import text

from bench.browser import CHROMIUM, LOCAL_ONLY_ARGS, serve_app_process
from bench.processes import Meter, postgres_root
from bench.settled import INIT_SCRIPT, wait_settled
from data_access.db import create_engine_for
from data_access.settings import PROJECT_ROOT

ROLE = "leder"
# Every page a manager may open (data_access/access.PAGE_ROLES), in the navigation's order.
PAGES = ("overview", "outreach", "caseload", "routes", "national", "worklists", "alerts", "data")
# The period presets, by the start of their Danish label (the labels carry their dates).
PERIODS = ("Seneste kvartal", "I år", "Seneste måned", "Hele projektperioden", "Seneste 12")
FIRST_REPEATS = 3
VIEWPORT = {"width": 1440, "height": 1000}

# Budgets (issue 27), in the browser, cold.
CHANGE_BUDGET_MS = {"demo": 500, "large": 1000}
FIRST_OPEN_BUDGET_MS = {"demo": 3000, "large": 4000}


@dataclass
class PageFigures:
    page: str
    first_open_ms: float
    cold_ms: float
    warm_ms: float
    cold_cpu_ms: float  # the app's server and the database server together
    warm_cpu_ms: float
    load: float  # the machine's load over the last minute, before this page
    cold_runs: list[float] = field(default_factory=list)
    warm_runs: list[float] = field(default_factory=list)


@dataclass
class DatabaseFigures:
    pages: list[PageFigures]
    app_mb: float  # the app's process after every page was visited and changed
    database_mb: float | None  # the PostgreSQL server's processes (None: SQLite, or not ours)


def _load() -> float:
    return os.getloadavg()[0]


@contextmanager
def _server(database_url: str, log: Path) -> Iterator[tuple[str, int]]:
    env = {"BROBYGGER_DATABASE_URL": database_url, "BROBYGGER_MAP_TILES": "none"}
    with serve_app_process(env, log, timeout=180) as served:
        yield served


def _context(browser):
    context = browser.new_context(viewport=VIEWPORT, locale="da-DK")
    context.add_init_script(INIT_SCRIPT)
    return context


SETTLE_LIMIT_S = 180  # a page that has not settled by then counts as this long (over budget)


def _settled(page, since: str) -> float:
    try:
        return wait_settled(page, since, timeout_s=SETTLE_LIMIT_S)
    except TimeoutError as exc:
        print(f"    {exc}", flush=True)
        return SETTLE_LIMIT_S * 1000.0


def _open(browser, address: str) -> tuple[object, float]:
    context = _context(browser)
    page = context.new_page()
    page.goto(address)
    return page, _settled(page, "navigation")


def choose_period(page, label: str) -> float:
    """Pick a period preset in the sidebar; ms from the click to the page settled."""
    page.locator('[data-testid="stSelectbox"]').filter(
        has=page.get_by_text("Periode", exact=True)
    ).first.click()
    page.get_by_role("option").filter(has_text=label).first.click()
    return _settled(page, "click")


def bump_data_version(engine) -> None:
    """What a write does to every cached figure (data_access/data_version.py), without one."""
    with engine.begin() as conn:
        conn.execute(text("UPDATE data_version SET version = version + 1 WHERE id = 1"))


def first_opens(browser, database_url: str, page_id: str, repeats: int) -> list[float]:
    """The page opened by the first visitor after a fresh start, `repeats` times."""
    out = []
    log = PROJECT_ROOT / "artifacts" / "bench-first-open.log"
    for _ in range(repeats):
        with _server(database_url, log) as (base, _pid):
            page, took = _open(browser, f"{base}/{page_id}?role={ROLE}")
            page.context.close()
            out.append(took)
    return out


def changes(page, engine, meter: Meter, *, cold: bool) -> tuple[list[float], list[float]]:
    """Each period of PERIODS chosen once: (ms until settled, server CPU ms) per change."""
    times, cpu = [], []
    for label in PERIODS:
        if cold:
            bump_data_version(engine)
        before = meter.cpu_ms()
        times.append(choose_period(page, label))
        cpu.append(meter.cpu_ms() - before)
    return times, cpu


def measure(database_url: str, postgres_data: Path | None = None) -> DatabaseFigures | None:
    """Every page's figures against one database; None when Chromium is not installed."""
    if not Path(CHROMIUM).exists():
        return None
    from playwright.sync_api import sync_playwright

    (PROJECT_ROOT / "artifacts").mkdir(exist_ok=True)
    engine = create_engine_for(database_url)
    database_root = postgres_root(postgres_data) if postgres_data else None
    figures = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LOCAL_ONLY_ARGS)
        first: dict[str, list[float]] = {}
        for page_id in PAGES:
            first[page_id] = first_opens(browser, database_url, page_id, FIRST_REPEATS)
        # Changes: one server for every page, as a day's use.
        log = PROJECT_ROOT / "artifacts" / "bench-changes.log"
        with _server(database_url, log) as (base, pid):
            meter = Meter([pid] + ([database_root] if database_root else []))
            app_meter = Meter([pid])
            for page_id in PAGES:
                load = _load()
                page, _ = _open(browser, f"{base}/{page_id}?role={ROLE}")
                cold, cold_cpu = changes(page, engine, meter, cold=True)
                changes(page, engine, meter, cold=False)  # each period at this version
                warm, warm_cpu = changes(page, engine, meter, cold=False)
                page.context.close()
                print(
                    f"    {page_id}: first open {statistics.median(first[page_id]):.0f} ms, "
                    f"change cold {statistics.median(cold):.0f} ms, "
                    f"warm {statistics.median(warm):.0f} ms (load {load:.1f})",
                    flush=True,
                )
                figures.append(
                    PageFigures(
                        page=page_id,
                        first_open_ms=statistics.median(first[page_id]),
                        cold_ms=statistics.median(cold),
                        warm_ms=statistics.median(warm),
                        cold_cpu_ms=statistics.median(cold_cpu),
                        warm_cpu_ms=statistics.median(warm_cpu),
                        load=load,
                        cold_runs=[round(x) for x in cold],
                        warm_runs=[round(x) for x in warm],
                    )
                )
            app_mb = app_meter.memory_mb()
            database_mb = Meter([database_root]).memory_mb() if database_root else None
        browser.close()
    engine.dispose()
    return DatabaseFigures(figures, app_mb, database_mb)
