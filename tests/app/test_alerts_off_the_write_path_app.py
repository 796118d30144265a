"""A contact logged on the go does not wait for the alert rules (data_access/alerts/
schedule.py): the save's rerun starts their evaluation in the background and returns; the
alerts page then waits for an evaluation of the new data. The evaluation is held on an event
here, so a save that waited for it would time out instead of passing."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from sqlalchemy import text

from data_access.alerts import store
from data_access.db import create_engine_for

ALERTS = "pages/alerts.py"


@pytest.fixture
def held(monkeypatch):
    """store.refresh blocked until the test releases it; records each call's thread."""
    gate, started, threads = threading.Event(), threading.Event(), []
    real = store.refresh

    def refresh(*args, **kwargs):
        threads.append(threading.current_thread().name)
        started.set()
        assert gate.wait(60), "never released"
        return real(*args, **kwargs)

    monkeypatch.setattr(store, "refresh", refresh)
    yield gate, started, threads
    gate.set()


def test_a_logged_contact_does_not_wait_for_the_alert_rules(data_page, held):
    gate, started, threads = held
    at = data_page  # its first run evaluated the rules (the badge is right from the start)
    at.selectbox(key="log_person").select("__anonymous__")
    at.form_submit_button[0].click().run(timeout=30)
    assert not at.exception
    assert at.success and "Kontakten er gemt" in at.success[0].value
    assert started.wait(30)  # the new data's evaluation did start ...
    assert threads == ["alert-rules"]  # ... in the background
    gate.set()


def test_the_alerts_page_shows_alerts_of_the_data_as_it_is_now(data_page, writable_url):
    at = data_page
    saved = store.now_utc()
    at.selectbox(key="log_person").select("__anonymous__")
    at.form_submit_button[0].click().run()
    at.switch_page(ALERTS).run()
    assert not at.exception
    # Every open alert was seen by an evaluation after the contact was logged.
    engine = create_engine_for(writable_url)
    with engine.connect() as conn:
        seen = conn.execute(
            text("SELECT min(last_seen_at) FROM alerts WHERE resolved_at IS NULL")
        ).scalar()
    engine.dispose()
    assert seen is not None
    assert dt.datetime.fromisoformat(str(seen)) >= saved
