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
    env = {**os.environ, "BROBYGGER_DATABASE_URL": f"sqlite:///{tmp_path / 'start.db'}"}
    done = subprocess.run(
        [sys.executable, "-c", CHECK],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    before, frozen, loaded, component = done.stdout.split()[-4:]
    assert (before, frozen, loaded) == ("False", "True", "True")
    # A component declared outside a session is never registered: its files would 404 and the
    # map stay an empty frame. streamlit_folium is imported by the first session that draws it.
    assert component == "False"
