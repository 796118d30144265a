"""The contact form in AppTest: the time offered and saved is Copenhagen's and the moment of
saving, a save resets the form, and undo says what it removed, then goes (issue 16)."""

from __future__ import annotations

import datetime as dt
import time

from bench.app_test import app_test
from data_access import clock
from tests.app.test_data_app import _count
from ui import contact_form_view

LAST_CONTACT = "SELECT contact_at FROM outreach_contacts ORDER BY id DESC LIMIT 1"


def _last_contact_at(url: str) -> dt.datetime:
    from sqlalchemy import text

    from data_access.db import create_engine_for

    engine = create_engine_for(url)
    with engine.connect() as conn:
        value = conn.execute(text(LAST_CONTACT)).scalar()
    engine.dispose()
    return value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(value)


def test_the_form_offers_copenhagen_time_on_a_server_in_another_zone(
    monkeypatch,
    writable_url,
):
    monkeypatch.setenv("TZ", "America/New_York")  # the server's own clock says 6 hours less
    time.tzset()
    try:
        monkeypatch.setenv("BROBYGGER_DATABASE_URL", writable_url)
        at = app_test(default_timeout=60)
        at.query_params["role"] = "medarbejder"
        at.run()
        at.switch_page("pages/data.py").run()
        now = clock.local_now("Europe/Copenhagen")
        shown = dt.datetime.combine(
            at.date_input(key="log_date").value, at.time_input(key="log_time").value
        )
        assert abs(shown - now) < dt.timedelta(minutes=2)
        at.form_submit_button[0].click().run()
        assert not at.exception
        saved = _last_contact_at(writable_url)
        assert abs(saved - clock.local_now("Europe/Copenhagen")) < dt.timedelta(minutes=2)
    finally:
        monkeypatch.undo()
        time.tzset()


def test_an_unchanged_time_is_the_moment_of_saving_not_of_showing(data_page, writable_url):
    at = data_page
    # The form as drawn seven minutes ago, untouched since.
    earlier = clock.local_now() - dt.timedelta(minutes=7)
    offered = (earlier.date(), earlier.time().replace(second=0))
    at.session_state[contact_form_view.SHOWN_TIME] = offered
    at.date_input(key="log_date").set_value(offered[0])
    at.time_input(key="log_time").set_value(offered[1])
    at.form_submit_button[0].click().run()
    assert not at.exception
    saved = _last_contact_at(writable_url)
    assert abs(saved - clock.local_now()) < dt.timedelta(minutes=1), saved


def test_a_time_the_worker_changed_is_kept(data_page, writable_url):
    at = data_page
    chosen = (clock.local_now() - dt.timedelta(hours=3)).replace(second=0, microsecond=0)
    at.date_input(key="log_date").set_value(chosen.date())
    at.time_input(key="log_time").set_value(chosen.time())
    at.form_submit_button[0].click().run()
    assert not at.exception
    assert _last_contact_at(writable_url) == chosen


def test_a_save_resets_the_form_and_undo_says_what_it_removed_then_goes(
    data_page,
    writable_url,
):
    at = data_page
    before = _count(writable_url, "SELECT count(*) FROM outreach_contacts")
    at.selectbox(key="log_person").select("__new__")
    at.radio(key="log_outcome").set_value("plan")
    at.form_submit_button[0].click().run()
    assert not at.exception
    assert "Kontakten er gemt" in at.toast[0].value  # seen without scrolling on a phone
    assert at.selectbox(key="log_person").value == contact_form_view.ANONYMOUS  # the form is fresh
    assert at.radio(key="log_outcome").value == "none"
    assert _count(writable_url, "SELECT count(*) FROM outreach_contacts") == before + 1
    at.button(key="log_undo").click().run()
    assert not at.exception
    removed = at.success[0].value
    assert removed.startswith("Fjernet: kontakten ved") and ":" in removed
    assert not [b for b in at.button if b.key == "log_undo"]  # nothing left to undo
    assert _count(writable_url, "SELECT count(*) FROM outreach_contacts") == before
    at.run()
    assert not [b for b in at.button if b.key == "log_undo"]
