"""Once per process: the libraries every page uses, imported and then frozen out of the garbage
collector's sight.

Streamlit runs a full garbage collection after every script run (`runner.postScriptGC`), and
a full collection walks every object in the process: after the pages' imports (Altair's
Vega-Lite schema, pandas, folium) about 200,000 of them, 114 ms on the benchmark machine, on
every rerun of every session, holding the interpreter lock while the server should be sending
the page and its scripts. `gc.freeze()` moves the objects that exist at start-up, which live
as long as the process, to a generation the collector never walks; what a rerun makes is
collected as before.
"""

from __future__ import annotations

import gc
import importlib
import threading

# The modules the pages import (ui/*_view.py and what they draw with), so they are loaded
# before the freeze instead of on the first visit to each page.
PAGE_MODULES = (
    "ui.alerts_view",
    "ui.audit_view",
    "ui.caseload_focus",
    "ui.caseload_summary",
    "ui.caseload_view",
    "ui.charts.render",
    "ui.contact_form_view",
    "ui.data_view",
    "ui.undo_view",
    "ui.kpis",
    "ui.national_view",
    "ui.outreach_view",
    "ui.overview_view",
    "ui.routes_view",
    "ui.worklists_view",
)

# Libraries a page loads lazily on its first use (pandas' Styler and its templates for the
# tables with coloured cells, Streamlit's emoji table for the page icon): loaded at start too.
LAZY_LIBRARIES = ("pandas.io.formats.style", "streamlit.emojis")
PAGE_ICON = "🌉"

_lock = threading.Lock()
_frozen = False


def warm_up() -> None:
    """At the server's start, before it takes a user (gateway/startup.py): the work each
    process does once, done there instead of in the first visitor's script run. Measured in
    Chromium on the caseload page (bench/browser_pages.py): the pages' imports 1.1 s, the
    Styler 0.3 s, Streamlit's check whether it runs in a REPL (inspect.stack() over every
    source file of the stack, on the first element a process draws) 0.3 s, the emoji table
    0.1 s."""
    import pandas as pd
    from streamlit import delta_generator, string_util

    for name in LAZY_LIBRARIES:
        importlib.import_module(name)
    pd.DataFrame({"a": [1]}).style.to_html()  # the Styler's Jinja templates, compiled
    string_util.is_emoji(PAGE_ICON)
    check = getattr(delta_generator, "_maybe_print_use_warning", None)
    if check is not None:  # Streamlit's once-per-process check; under a server it prints nothing
        check()
    freeze_startup_objects()


def freeze_startup_objects() -> bool:
    """Import the pages' modules and freeze what exists, the first time in this process.
    True when it did so now."""
    global _frozen
    if _frozen:  # every later run: no lock to take
        return False
    with _lock:
        if _frozen:
            return False
        for name in PAGE_MODULES:
            importlib.import_module(name)
        gc.collect()  # what is garbage already is freed, not frozen
        gc.freeze()
        _frozen = True
        return True
