"""Logging a contact from the field, undo, concurrent writers, and the online backup."""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path

import pytest
from sqlalchemy import text

from data_access.backup import backup_sqlite
from data_access.contact_log import ContactEntry, EntryError, last_site, log_contact
from data_access.db import create_engine_for
from data_access.imports import undo_batch

NOW = dt.datetime(2025, 6, 3, 14, 0)  # a Tuesday afternoon


def _entry(**overrides) -> ContactEntry:
    values = dict(
        site_id="stubben", at=NOW, person="new", contact_type="conversation", outcome="plan"
    )
    return ContactEntry(**{**values, **overrides})


def _count(engine, table: str) -> int:
    with engine.connect() as conn:
        return int(conn.execute(text(f"SELECT count(*) FROM {table}")).scalar())


def test_a_new_person_gets_a_pseudonym_and_a_referral_makes_a_request(empty_engine, helsingor):
    logged = log_contact(empty_engine, helsingor, _entry(referral_department="stof"), now=NOW)
    assert logged.pseudonym.startswith("BB-") and len(logged.pseudonym) == 9
    assert logged.request_id is not None and not logged.site_was_closed
    with empty_engine.connect() as conn:
        outcome = conn.execute(text("SELECT outcome FROM outreach_contacts")).scalar()
        course = conn.execute(
            text(
                "SELECT department_id, referral_source, requested_on, started_on "
                "FROM treatment_courses"
            )
        ).one()
    assert outcome == "referred"
    assert course == ("stof", "outreach", "2025-06-03", None)
    assert last_site(empty_engine) == "stubben"


def test_an_existing_person_and_an_anonymous_contact(empty_engine, helsingor):
    first = log_contact(empty_engine, helsingor, _entry(), now=NOW)
    log_contact(
        empty_engine, helsingor, _entry(person="existing", pseudonym=first.pseudonym), now=NOW
    )
    log_contact(empty_engine, helsingor, _entry(person="anonymous"), now=NOW)
    assert (_count(empty_engine, "persons"), _count(empty_engine, "outreach_contacts")) == (1, 3)


def test_a_closed_site_is_allowed_but_noted(empty_engine, helsingor):
    evening = dt.datetime(2025, 6, 3, 21, 0)  # Stubben's varmestue closes at 15:00
    logged = log_contact(empty_engine, helsingor, _entry(at=evening), now=evening)
    assert logged.site_was_closed


@pytest.mark.parametrize(
    ("overrides", "code"),
    [
        ({"at": NOW + dt.timedelta(hours=2)}, "in_future"),
        ({"site_id": "the-moon"}, "unknown_site"),
        ({"person": "existing", "pseudonym": "BB-NOBODY"}, "unknown_person"),
        ({"person": "anonymous", "referral_department": "stof"}, "referral_needs_person"),
        ({"outcome": ""}, "missing_field"),
    ],
)
def test_bad_entries_are_refused_and_change_nothing(empty_engine, helsingor, overrides, code):
    with pytest.raises(EntryError) as refused:
        log_contact(empty_engine, helsingor, _entry(**overrides), now=NOW)
    assert refused.value.code == code
    assert _count(empty_engine, "outreach_contacts") == 0
    assert _count(empty_engine, "import_batches") == 0


def test_the_last_entry_can_be_undone(empty_engine, helsingor):
    log_contact(empty_engine, helsingor, _entry(person="anonymous"), now=NOW)
    logged = log_contact(empty_engine, helsingor, _entry(referral_department="alkohol"), now=NOW)
    undo_batch(empty_engine, logged.batch_id)
    assert _count(empty_engine, "outreach_contacts") == 1
    assert (_count(empty_engine, "persons"), _count(empty_engine, "treatment_courses")) == (0, 0)


def test_two_sessions_logging_at_once_lose_nothing(empty_engine, helsingor):
    url = empty_engine.url.render_as_string(hide_password=False)
    errors: list[BaseException] = []

    def worker(site: str) -> None:
        engine = create_engine_for(url)  # each session has its own connections
        try:
            for minute in range(40):
                log_contact(
                    engine,
                    helsingor,
                    _entry(site_id=site, person="anonymous", at=NOW - dt.timedelta(minutes=minute)),
                    now=NOW,
                )
        except BaseException as exc:
            errors.append(exc)
        finally:
            engine.dispose()

    threads = [threading.Thread(target=worker, args=(s,)) for s in ("stubben", "kronborg")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert _count(empty_engine, "outreach_contacts") == 80
    assert _count(empty_engine, "import_batches") == 80


def test_a_backup_is_a_consistent_copy_while_writes_go_on(empty_engine, helsingor, tmp_path):
    for minute in range(10):
        log_contact(
            empty_engine,
            helsingor,
            _entry(person="anonymous", at=NOW - dt.timedelta(minutes=minute)),
            now=NOW,
        )
    url = empty_engine.url.render_as_string(hide_password=False)
    stop = threading.Event()

    def keep_writing() -> None:
        engine = create_engine_for(url)
        minute = 100
        while not stop.is_set():
            log_contact(
                engine,
                helsingor,
                _entry(person="anonymous", at=NOW - dt.timedelta(minutes=minute)),
                now=NOW,
            )
            minute += 1
        engine.dispose()

    writer = threading.Thread(target=keep_writing)
    writer.start()
    try:
        copy = backup_sqlite(url, tmp_path / "copy.db")
    finally:
        stop.set()
        writer.join()
    backup = create_engine_for(f"sqlite:///{copy}")
    with backup.connect() as conn:
        assert conn.execute(text("PRAGMA integrity_check")).scalar() == "ok"
        contacts = conn.execute(text("SELECT count(*) FROM outreach_contacts")).scalar()
        batches = conn.execute(text("SELECT count(*) FROM import_batches")).scalar()
    assert contacts >= 10 and contacts == batches  # no half-written entry in the copy
    backup.dispose()


def test_backup_refuses_postgresql():
    with pytest.raises(ValueError, match="pg_dump"):
        backup_sqlite("postgresql+psycopg://u:p@localhost/db", Path("x"))
