"""Every page runs inside app.py's frame (navigation, language, filters).

Streamlit still has a legacy auto-discovery of a `pages/` folder: on a fresh server (and in
every AppTest run), until app.py has called st.navigation once, a URL such as /outreach runs
pages/outreach.py on its own. Pages call `ensure_frame` first; in such a run it executes app.py
in place (which renders the frame and, through st.navigation, the page that was asked for) and
then stops, so nothing runs twice and no widget change or query parameter is lost.
"""

from __future__ import annotations

import runpy
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import streamlit as st

from data_access.settings import PROJECT_ROOT

# Per script run, not per session: each session's script runs in its own thread.
_run = threading.local()


@contextmanager
def page_in_frame() -> Iterator[None]:
    """app.py runs the page inside this block."""
    _run.in_frame = True
    try:
        yield
    finally:
        _run.in_frame = False


def ensure_frame() -> None:
    if getattr(_run, "in_frame", False):
        return
    runpy.run_path(str(PROJECT_ROOT / "app.py"), run_name="__main__")
    st.stop()
