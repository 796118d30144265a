"""A failure in the app reaches the user as a message with a reference number, never as a
stack trace; the trace is in the server's log under the same reference (ui/errors.py)."""

from __future__ import annotations

import logging
import re

from data_access import cached


class Kept(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def test_a_failing_page_shows_a_reference_and_logs_the_trace(app, monkeypatch):
    def broken(*_args, **_kwargs):
        raise RuntimeError("secret detail /work/main/data_access/overview.py")

    monkeypatch.setattr(cached, "data_extent", broken)
    log = logging.getLogger("brobygger.errors")  # Streamlit's logger: it does not propagate
    kept = Kept()
    log.addHandler(kept)
    try:
        app.query_params["role"] = "admin"
        app.run()
    finally:
        log.removeHandler(kept)
    assert not app.exception  # Streamlit's own exception element: the trace would be in it
    shown = " ".join(e.value for e in app.error)
    match = re.search(r"\*\*([0-9A-F]{8})\*\*", shown)
    assert match, shown
    assert "secret detail" not in shown and "Traceback" not in shown
    logged = [r for r in kept.records if match.group(1) in r.getMessage()]
    assert logged and logged[0].exc_info and "secret detail" in str(logged[0].exc_info[1])


def test_the_message_is_in_english_for_an_english_page(app, monkeypatch):
    monkeypatch.setattr(cached, "data_extent", lambda *a, **k: 1 / 0)
    at = app  # against the demo database (a fresh clone has no data/ folder)
    at.query_params["lang"] = "en"
    at.query_params["role"] = "admin"
    at.run()
    assert not at.exception
    assert any("error number" in e.value for e in at.error)


def test_the_server_hook_reports_and_hides_the_default_display():
    from ui.errors import on_script_error

    assert on_script_error(ValueError("x")) is True
