"""The server loads the pages' libraries before it takes a user, not in the first visitor's run.

Measured in Chromium: importing them inside the first session's script run was 1.1 s of a
first open of 5.4 s at demo scale, pandas' Styler and Streamlit's own first-use checks another
0.7 s on the caseload page (bench/browser_pages.py). Checked in a process of its own,
where nothing else has imported them.
"""

from __future__ import annotations

import os
import subprocess
import sys

from data_access.settings import PROJECT_ROOT

CHECK = """
import sys
import anyio
from gateway.startup import lifespan
from ui import startup

async def main():
    before = "ui.outreach_view" in sys.modules
    async with lifespan(None):
        modules = startup.PAGE_MODULES + startup.LAZY_LIBRARIES
        print(before, startup._frozen, all(m in sys.modules for m in modules),
              "streamlit_folium" in sys.modules)

anyio.run(main)
"""


def test_the_pages_modules_are_loaded_at_start(tmp_path):
    done = _in_a_process(CHECK, f"sqlite:///{tmp_path / 'start.db'}")
    before, frozen, loaded, component = done.stdout.split()[-4:]
    assert (before, frozen, loaded) == ("False", "True", "True")
    # A component declared outside a session is never registered: its files would 404 and the
    # map stay an empty frame. streamlit_folium is imported by the first session that draws it.
    assert component == "False"


ALERTS = """
import time
import anyio
from gateway.startup import lifespan
from data_access import cached

async def main():
    async with lifespan(None):
        schedule = cached._alert_schedule()
        deadline = time.monotonic() + 120
        while not (schedule._running or schedule._evaluated) and time.monotonic() < deadline:
            await anyio.sleep(0.2)
        print(len(schedule._running) + len(schedule._evaluated))
        schedule.wait()

anyio.run(main)
"""


def test_the_alert_rules_are_first_evaluated_at_start(tmp_path, demo_db_url):
    """Not in the first visitor's script run, where at scale 1000 they took most of a first
    open (data_access/alerts/schedule.AlertSchedule.start)."""
    from data_access.backup import backup_sqlite

    copy = backup_sqlite(demo_db_url, tmp_path / "copy.db")  # the evaluation writes alerts
    done = _in_a_process(ALERTS, f"sqlite:///{copy}")
    assert done.stdout.split()[-1] == "1"


def _in_a_process(code: str, database_url: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "BROBYGGER_DATABASE_URL": database_url}
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done
