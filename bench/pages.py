"""Each page's server-side run time through Streamlit's AppTest (the real script, in-process;
its own overhead is included, so the figures are an upper bound on the script's time).

- first: the first run of a new session on the page (cold caches);
- warm: a rerun with nothing changed (median);
- filter change: a rerun right after choosing a period never seen before, so every cached
  query misses (median);
- the data page's contact form: saving a contact (the form's rerun: the write, the refresh of
  the daily counts, the cache cleared) and undoing it again, so the database stays as it was.
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import time
from dataclasses import dataclass

from streamlit.testing.v1 import AppTest

from bench.app_test import app_test

# (title, page file) for every page in the app; extend as pages are added.
PAGES = [
    ("overview", "pages/overview.py"),
    ("outreach", "pages/outreach.py"),
    ("caseload", "pages/caseload.py"),
    ("routes", "pages/routes.py"),
]
DATA_PAGE = "pages/data.py"


@dataclass(frozen=True)
class PageTiming:
    page: str
    first_ms: float
    warm_ms: float
    change_ms: float
    # This process's CPU time for the same runs (AppTest runs the script in-process, SQLite
    # too): far less moved by other work on a shared machine than the wall clock.
    warm_cpu_ms: float = float("nan")
    change_cpu_ms: float = float("nan")


@dataclass(frozen=True)
class SaveTiming:
    save_ms: float
    undo_ms: float


def _timed(at: AppTest, cpu: list[float] | None = None) -> float:
    started, started_cpu = time.perf_counter(), time.process_time()
    at.run()
    elapsed = (time.perf_counter() - started) * 1000
    if cpu is not None:
        cpu.append((time.process_time() - started_cpu) * 1000)
    if at.exception:
        raise RuntimeError(at.exception[0].message)
    return elapsed


def _session(url: str) -> AppTest:
    os.environ["BROBYGGER_DATABASE_URL"] = url
    at = app_test(default_timeout=600)
    at.query_params["role"] = "admin"  # the manager's view (the demo opens as udvalg without it)
    return at


def _change_period(at: AppTest, page_file: str, i: int) -> None:
    """A filter the page has never seen: a new custom period (the route planner: a new day)."""
    start = dt.date(2024, 1, 1) + dt.timedelta(days=7 * i + 3)
    if page_file == "pages/routes.py":
        at.date_input(key="route_date").set_value(start + dt.timedelta(days=300))
    else:
        at.date_input(key="dates.da").set_value((start, start + dt.timedelta(days=200 + i)))


def measure(page_file: str, url: str, repeats: int) -> PageTiming:
    at = _session(url)
    first = _timed(at)
    if page_file != PAGES[0][1]:
        at.switch_page(page_file)
        first = _timed(at)
    warm_cpu: list[float] = []
    warm = [_timed(at, warm_cpu) for _ in range(repeats)]
    if page_file != "pages/routes.py":
        at.selectbox(key="period.da").select("custom")
        _timed(at)
    changes, change_cpu = [], []
    for i in range(repeats):
        _change_period(at, page_file, i)
        changes.append(_timed(at, change_cpu))
    title = next(t for t, p in PAGES if p == page_file)
    median = statistics.median
    return PageTiming(
        title, first, median(warm), median(changes), median(warm_cpu), median(change_cpu)
    )


def contact_form(url: str, repeats: int) -> SaveTiming:
    """Save an anonymous contact with the form and undo it, `repeats` times."""
    at = _session(url)
    _timed(at)
    at.switch_page(DATA_PAGE)
    _timed(at)
    saves, undos = [], []
    for _ in range(repeats):
        at.selectbox(key="log_person").select("__anonymous__")
        at.form_submit_button[0].click()
        saves.append(_timed(at))
        at.button(key="log_undo").click()
        undos.append(_timed(at))
    from data_access import cached

    cached.wait_for_alert_checks()  # none left running into the next step, or past the server
    return SaveTiming(statistics.median(saves), statistics.median(undos))
