"""The pre-aggregated daily counts always equal the raw aggregate, after every write path:
demo data, the contact form (with a referral), imports of contacts and courses, undo, a failed
import, and an older database upgraded by the migration."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from alembic import command
from sqlalchemy import select, text

from data_access import aggregates
from data_access.contact_log import ContactEntry, log_contact
from data_access.db import _alembic_config, create_engine_for, create_schema, new_batch
from data_access.demo import write_demo
from data_access.imports import import_file, undo_batch
from data_access.records import insert_activity
from data_access.schema import (
    contact_hour_counts,
    course_day_counts,
    course_end_counts,
    course_request_counts,
    course_start_waits,
    person_contact_days,
)
from data_access.sql import as_date

NOW = dt.datetime(2025, 12, 31, 12)


def _normalised(rows) -> list[tuple]:
    """Rows as comparable tuples: dates as dates, counts as ints, zero rows dropped."""
    out = []
    for row in rows:
        first, *rest = row
        values = tuple(int(v) if isinstance(v, int | Decimal) else v for v in rest)
        out.append((as_date(first), *values))
    return sorted(out, key=repr)


def _raw(conn) -> dict[str, list[tuple]]:
    dialect = conn.dialect.name
    queries = {
        course_day_counts: aggregates.day_counts_query(),
        course_start_waits: aggregates.start_waits_query(dialect),
        course_request_counts: aggregates.request_counts_query(dialect),
        course_end_counts: aggregates.end_counts_query(),
        contact_hour_counts: aggregates.contact_hours_query(dialect),
        person_contact_days: aggregates.person_days_query(dialect),
    }
    return {table.name: _normalised(conn.execute(q).all()) for table, q in queries.items()}


def _stored(conn) -> dict[str, list[tuple]]:
    tables = (*aggregates.COURSE_TABLES, *aggregates.CONTACT_TABLES)
    return {t.name: _normalised(conn.execute(select(t)).all()) for t in tables}


def assert_current(engine) -> None:
    with engine.connect() as conn:
        stored, raw = _stored(conn), _raw(conn)
    assert stored == raw
    assert any(stored.values()) or not any(raw.values())


def _entry(**overrides) -> ContactEntry:
    values = {
        "site_id": "helsingor-station",
        "at": dt.datetime(2025, 6, 3, 14, 30),
        "person": "new",
        "contact_type": "conversation",
        "outcome": "none",
    }
    return ContactEntry(**{**values, **overrides})


CONTACTS = (
    "pseudonym;sted;tidspunkt;kontakttype;udfald\r\n"
    "BB-AGG111;Helsingør Station;01-03-2025 14:30;samtale;plan\r\n"
    ";kronborg;02-03-2025 10:00;kort kontakt;ingen\r\n"
    "BB-AGG111;Herberg Porten;03-06-2025 09:15;ledsagelse;henvist\r\n"
).encode()
COURSES = (
    "pseudonym;afdeling;anmodningsdato;startdato;slutdato;afslutningsårsag;"
    "behandlingsform;henviser;fødselsår\r\n"
    "BB-AGG111;stof;01-03-2025;10-03-2025;03-06-2025;gennemført;individuel;opsøgende;1990\r\n"
    "BB-AGG222;unge;02-06-2025;;;;gruppe;egen henvendelse;2009\r\n"
    "BB-AGG333;alkohol;03-06-2025;20-06-2025;;;individuel;læge;\r\n"
).encode()


def test_every_write_path_keeps_the_counts_equal_to_the_raw_rows(any_engine, helsingor):
    write_demo(any_engine, helsingor)
    assert_current(any_engine)
    with any_engine.connect() as conn:
        demo_rows = conn.scalar(select(text("count(*)")).select_from(course_day_counts))
    assert demo_rows > 100  # the demo's counts are there, not an empty table equal to nothing

    referral = log_contact(any_engine, helsingor, _entry(referral_department="stof"), now=NOW)
    assert_current(any_engine)
    log_contact(any_engine, helsingor, _entry(person="anonymous"), now=NOW)
    assert_current(any_engine)

    contacts = import_file(any_engine, helsingor, "contacts", CONTACTS, "k.csv", now=NOW)
    courses = import_file(any_engine, helsingor, "courses", COURSES, "f.csv", now=NOW)
    assert contacts.ok and courses.ok and courses.added == 3
    assert_current(any_engine)

    undo_batch(any_engine, referral.batch_id)
    assert_current(any_engine)
    undo_batch(any_engine, courses.batch_id)
    assert_current(any_engine)
    undo_batch(any_engine, contacts.batch_id)
    assert_current(any_engine)


UPDATES = (
    "pseudonym;afdeling;anmodningsdato;startdato;slutdato;afslutningsårsag;"
    "behandlingsform;henviser;fødselsår\r\n"
    "BB-AGG222;unge;02-06-2025;10-06-2025;;;gruppe;egen henvendelse;2009\r\n"
    "BB-AGG333;alkohol;03-06-2025;20-06-2025;30-06-2025;gennemført;individuel;læge;1980\r\n"
).encode()


def test_course_updates_and_their_undo_keep_the_counts_current(any_engine, helsingor):
    """A later export updates courses another batch added (a start, an end) and fills in a
    birth year (the age group at the request): the days of those rows move in the same
    transaction, and undoing the update puts them back."""
    write_demo(any_engine, helsingor)
    courses = import_file(any_engine, helsingor, "courses", COURSES, "f.csv", now=NOW)
    with any_engine.connect() as conn:
        before = _stored(conn)
    updates = import_file(any_engine, helsingor, "courses", UPDATES, "g.csv", now=NOW)
    assert courses.ok and updates.ok and updates.updated == 2 and updates.added == 0
    assert_current(any_engine)
    with any_engine.connect() as conn:
        after = _stored(conn)
    assert after["course_request_counts"] != before["course_request_counts"]  # 1980: 25+
    assert after["course_day_counts"] != before["course_day_counts"]
    undo_batch(any_engine, updates.batch_id)
    assert_current(any_engine)
    with any_engine.connect() as conn:
        assert _stored(conn) == before


def test_a_failed_import_leaves_the_counts_as_before(any_engine, helsingor):
    write_demo(any_engine, helsingor)
    with any_engine.connect() as conn:
        before = _stored(conn)

    def fail() -> None:
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        import_file(any_engine, helsingor, "courses", COURSES, "f.csv", now=NOW, before_commit=fail)
    with any_engine.connect() as conn:
        assert _stored(conn) == before
    assert_current(any_engine)


def test_counts_follow_the_days_a_write_touched(any_engine):
    """A course whose request, start and end fall on three different days, far apart: each
    day's counts move, and an undo takes every one of them back."""
    course = {
        "person_id": 1,
        "department_id": "stof",
        "address_site_id": "rusmiddelcenter",
        "requested_on": dt.date(2024, 1, 2),
        "started_on": dt.date(2024, 1, 20),
        "ended_on": dt.date(2024, 9, 30),
        "end_reason": "completed",
        "modality": "group",
        "referral_source": "gp",
    }
    with any_engine.begin() as conn:
        batch = new_batch(conn, "test")
        insert_activity(
            conn,
            batch,
            persons=[{"id": 1, "pseudonym": "BB-DAYS01", "birth_year": 2000}],
            courses=[course],
        )
    with any_engine.connect() as conn:
        stored = _stored(conn)
    key = ("stof", "rusmiddelcenter", "group")
    assert stored["course_day_counts"] == [
        (dt.date(2024, 1, 2), *key, 1, 0, 0, 0),
        (dt.date(2024, 1, 20), *key, 0, 1, 0, 0),
        (dt.date(2024, 9, 30), *key, 0, 0, 1, 1),
    ]
    assert stored["course_start_waits"] == [(dt.date(2024, 1, 20), "stof", 18, 1)]
    assert stored["course_request_counts"] == [(dt.date(2024, 1, 2), "stof", "gp", "18-24", 1, 1)]
    assert stored["course_end_counts"] == [(dt.date(2024, 9, 30), "stof", "completed", 1)]
    undo_batch(any_engine, batch)
    with any_engine.connect() as conn:
        assert not any(_stored(conn).values())


def test_the_migration_fills_the_counts_of_an_older_database(tmp_path, helsingor):
    url = f"sqlite:///{tmp_path / 'old.db'}"
    write_demo(create_engine_for(url), helsingor)
    engine = create_engine_for(url)
    with engine.begin() as conn:  # back to the schema before the daily counts existed
        command.downgrade(_alembic_config(conn), "0006")
    with engine.connect() as conn:
        assert "course_day_counts" not in {
            r[0] for r in conn.execute(text("SELECT name FROM sqlite_master"))
        }
    create_schema(engine)
    assert_current(engine)


def test_runs_merge_consecutive_days():
    d = dt.date
    days = [d(2024, 1, 3), d(2024, 1, 1), d(2024, 1, 2), d(2024, 1, 9), d(2024, 1, 2)]
    assert aggregates.runs_of(days) == [(d(2024, 1, 1), d(2024, 1, 3)), (d(2024, 1, 9),) * 2]


def test_a_rebuild_repairs_counts_changed_outside_the_app(tmp_path, helsingor, capsys):
    url = f"sqlite:///{tmp_path / 'outside.db'}"
    engine = create_engine_for(url)
    write_demo(engine, helsingor)
    with engine.begin() as conn:  # rows changed behind the app's back
        conn.execute(text("DELETE FROM course_day_counts WHERE day < '2024-06-01'"))
        conn.execute(text("UPDATE contact_hour_counts SET contacts = contacts + 1"))
    with pytest.raises(AssertionError):
        assert_current(engine)
    assert aggregates.main(["--url", url]) == 0
    assert_current(engine)
    assert "rebuilt" in capsys.readouterr().out
