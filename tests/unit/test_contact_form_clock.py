"""The contact form's clock and one save per submission (issue 16, items 1-2)."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from sqlalchemy import func, select

from data_access import clock, schema
from data_access.contact_log import ContactEntry, log_contact
from data_access.organisation import Organisation, OrganisationFileError, load_organisation
from tests.conftest import HELSINGOR_FILE


def _entry(at: dt.datetime) -> ContactEntry:
    return ContactEntry(
        site_id="kronborg", at=at, person="new", contact_type="conversation", outcome="none"
    )


def _contacts(engine) -> int:
    with engine.connect() as conn:
        return conn.scalar(select(func.count()).select_from(schema.outreach_contacts))


def test_local_now_is_the_organisations_zone_not_the_servers(monkeypatch):
    import time

    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    try:
        here = dt.datetime.now(dt.UTC).astimezone(clock.zone("Europe/Copenhagen"))
        shown = clock.local_now("Europe/Copenhagen")
        assert abs(shown - here.replace(tzinfo=None)) < dt.timedelta(seconds=5)
        assert abs(shown - dt.datetime.now()) > dt.timedelta(hours=4)  # not the server's
    finally:
        monkeypatch.undo()
        time.tzset()


def test_from_utc_follows_summer_time():
    assert clock.from_utc(dt.datetime(2025, 7, 1, 16, 6)) == dt.datetime(2025, 7, 1, 18, 6)
    assert clock.from_utc(dt.datetime(2025, 12, 1, 17, 6)) == dt.datetime(2025, 12, 1, 18, 6)


def test_the_zone_is_set_in_the_organisation_file(tmp_path, helsingor: Organisation):
    assert helsingor.timezone == "Europe/Copenhagen"
    text = HELSINGOR_FILE.read_text(encoding="utf-8").replace(
        'timezone = "Europe/Copenhagen"', 'timezone = "Europe/Kopenhagen"'
    )
    broken = tmp_path / "org.toml"
    broken.write_text(text, encoding="utf-8")
    with pytest.raises(OrganisationFileError, match="timezone: 'Europe/Kopenhagen' is not"):
        load_organisation(broken)


def test_the_same_submission_twice_saves_one_contact(any_engine, helsingor):
    before = _contacts(any_engine)
    at = clock.local_now(helsingor.timezone)
    first = log_contact(any_engine, helsingor, _entry(at), submission="tap-1")
    again = log_contact(any_engine, helsingor, _entry(at), submission="tap-1")
    assert _contacts(any_engine) == before + 1
    assert not first.repeated and again.repeated
    assert (again.batch_id, again.contact_id, again.pseudonym) == (
        first.batch_id,
        first.contact_id,
        first.pseudonym,
    )
    other = log_contact(any_engine, helsingor, _entry(at), submission="tap-2")
    assert other.contact_id != first.contact_id
    assert _contacts(any_engine) == before + 2


def test_overlapping_saves_of_one_submission_save_once(any_engine, helsingor):
    """Two runs of the same tap at the same moment (the second tap interrupting the first):
    the unique key lets one through, the other returns it."""
    before = _contacts(any_engine)
    at = clock.local_now(helsingor.timezone)
    results, barrier = [], threading.Barrier(4)

    def save() -> None:
        barrier.wait()
        results.append(log_contact(any_engine, helsingor, _entry(at), submission="double-tap"))

    threads = [threading.Thread(target=save) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert _contacts(any_engine) == before + 1
    assert len({r.contact_id for r in results}) == 1
    assert sum(not r.repeated for r in results) == 1


def test_the_batch_time_is_local(any_engine, helsingor):
    logged = log_contact(
        any_engine, helsingor, _entry(clock.local_now(helsingor.timezone)), submission="x"
    )
    with any_engine.connect() as conn:
        created = conn.scalar(
            select(schema.import_batches.c.created_at).where(
                schema.import_batches.c.id == logged.batch_id
            )
        )
    assert abs(created - clock.local_now()) < dt.timedelta(minutes=1)
