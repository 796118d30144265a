"""The monthly re-export: courses updated, not doubled; duplicates and conflicting facts;
undo that restores and works after later imports used its persons. SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from data_access.imports import UndoRefused, changed_pseudonyms, changes, undo_batch
from tests.unit.import_files import COURSE_HEADER, csv_file, run, snapshot

HEADER = "forløbs-id;" + COURSE_HEADER
JANUARY = csv_file(
    "BB-U1;stof;06-01-2025;;;;individuel;selv;1980",
    "BB-U2;alkohol;08-01-2025;13-01-2025;;;gruppe;egen læge;1975",
    header=COURSE_HEADER,
)
FEBRUARY = csv_file(  # the same courses a month on: one started, one ended
    "BB-U1;stof;06-01-2025;15-01-2025;;;individuel;selv;1980",
    "BB-U2;alkohol;08-01-2025;13-01-2025;20-02-2025;gennemført;gruppe;egen læge;1975",
    "BB-U3;unge;03-02-2025;;;;individuel;kommune;2008",
    header=COURSE_HEADER,
)


def courses(engine) -> list[tuple]:
    with engine.connect() as conn:
        return [
            tuple(str(v) if v is not None else None for v in row)
            for row in conn.execute(
                text(
                    "SELECT p.pseudonym, c.department_id, c.requested_on, c.started_on, "
                    "c.ended_on, c.end_reason FROM treatment_courses c "
                    "JOIN persons p ON p.id = c.person_id ORDER BY p.pseudonym"
                )
            )
        ]


def import_courses(engine, org, data, name):
    return run(engine, org, data, name, "courses")


def test_next_months_export_updates_the_courses(any_engine, helsingor):
    first = import_courses(any_engine, helsingor, JANUARY, "januar.csv")
    assert first.ok and first.added == 2
    second = import_courses(any_engine, helsingor, FEBRUARY, "februar.csv")
    assert second.ok, second.problems
    assert (second.added, second.updated, second.skipped_duplicates) == (1, 2, 0)
    assert courses(any_engine) == [
        ("BB-U1", "stof", "2025-01-06", "2025-01-15", None, None),
        ("BB-U2", "alkohol", "2025-01-08", "2025-01-13", "2025-02-20", "completed"),
        ("BB-U3", "unge", "2025-02-03", None, None, None),
    ]
    recorded = changes(any_engine, second.batch_id)
    assert sorted(
        zip(recorded["column_name"], recorded["old_value"], recorded["new_value"], strict=True),
        key=repr,
    ) == sorted(
        [
            ("started_on", None, "2025-01-15"),
            ("ended_on", None, "2025-02-20"),
            ("end_reason", None, "completed"),
        ],
        key=repr,
    )


def test_the_persons_behind_a_batchs_changes_are_named(any_engine, helsingor):
    """The list of changes shows rows by id; its look is audited with these persons."""
    first = import_courses(any_engine, helsingor, JANUARY, "januar.csv")
    assert changed_pseudonyms(any_engine, first.batch_id) == []  # it only added
    second = import_courses(any_engine, helsingor, FEBRUARY, "februar.csv")
    assert changed_pseudonyms(any_engine, second.batch_id) == ["BB-U1", "BB-U2"]  # not BB-U3
    # A birth year filled in later: a change to the person's own row.
    unknown = csv_file("BB-U4;unge;03-03-2025;;;;individuel;kommune;", header=COURSE_HEADER)
    known = csv_file("BB-U4;unge;03-03-2025;;;;individuel;kommune;2007", header=COURSE_HEADER)
    assert import_courses(any_engine, helsingor, unknown, "marts.csv").ok
    third = import_courses(any_engine, helsingor, known, "april.csv")
    assert third.ok, third.problems
    assert set(changes(any_engine, third.batch_id)["table_name"]) == {"persons"}
    assert changed_pseudonyms(any_engine, third.batch_id) == ["BB-U4"]


def test_undo_of_an_update_puts_the_previous_state_back(any_engine, helsingor):
    import_courses(any_engine, helsingor, JANUARY, "januar.csv")
    before = snapshot(any_engine)
    second = import_courses(any_engine, helsingor, FEBRUARY, "februar.csv")
    undo_batch(any_engine, second.batch_id)
    assert snapshot(any_engine) == before


def test_an_older_export_after_a_newer_one_is_refused(any_engine, helsingor):
    import_courses(any_engine, helsingor, FEBRUARY, "februar.csv")
    before = snapshot(any_engine)
    result = import_courses(any_engine, helsingor, JANUARY, "januar.csv")
    assert {(p.code, p.row, p.column) for p in result.problems} == {
        ("older_state", 2, "startdato"),
        ("older_state", 3, "slutdato"),
    }
    assert snapshot(any_engine) == before


def test_the_case_systems_key_follows_a_course_whose_request_date_was_corrected(
    empty_engine, helsingor
):
    first = csv_file("F-7;BB-K1;stof;06-01-2025;;;;individuel;selv;1980", header=HEADER)
    assert import_courses(empty_engine, helsingor, first, "a.csv").ok
    corrected = csv_file(
        "F-7;BB-K1;stof;07-01-2025;09-01-2025;;;individuel;selv;1980", header=HEADER
    )
    result = import_courses(empty_engine, helsingor, corrected, "b.csv")
    assert result.ok and (result.added, result.updated) == (0, 1)
    assert courses(empty_engine) == [("BB-K1", "stof", "2025-01-07", "2025-01-09", None, None)]


def test_a_course_without_key_is_adopted_by_a_later_export_with_keys(empty_engine, helsingor):
    import_courses(empty_engine, helsingor, JANUARY, "januar.csv")
    keyed = csv_file("F-1;BB-U1;stof;06-01-2025;15-01-2025;;;individuel;selv;1980", header=HEADER)
    result = import_courses(empty_engine, helsingor, keyed, "nøgler.csv")
    assert result.ok and (result.added, result.updated) == (0, 1)
    with empty_engine.connect() as conn:
        assert (
            conn.execute(
                text("SELECT count(*) FROM treatment_courses WHERE external_id = 'F-1'")
            ).scalar()
            == 1
        )


def test_the_same_course_twice_in_one_file(empty_engine, helsingor):
    row = "BB-T1;stof;06-01-2025;;;;individuel;selv;1980"
    result = import_courses(
        empty_engine, helsingor, csv_file(row, row, header=COURSE_HEADER), "t.csv"
    )
    assert result.ok and result.added == 1
    assert [(n.code, n.rows) for n in result.notices] == [("identical_courses", (3,))]
    other = "BB-T2;stof;06-01-2025;;;;gruppe;selv;1980"
    twice = csv_file("BB-T2;stof;06-01-2025;;;;individuel;selv;1980", other, header=COURSE_HEADER)
    refused = import_courses(empty_engine, helsingor, twice, "u.csv")
    assert [(p.code, p.row, p.column, p.detail) for p in refused.problems] == [
        ("conflicting_rows", 3, "behandlingsform", "2")
    ]


def test_a_person_described_two_ways_is_refused(empty_engine, helsingor):
    data = csv_file(
        "BB-P1;stof;06-01-2025;;;;individuel;selv;1980",
        "BB-P1;alkohol;07-01-2025;;;;individuel;selv;1981",
        header=COURSE_HEADER,
    )
    result = import_courses(empty_engine, helsingor, data, "p.csv")
    assert [(p.code, p.row, p.column, p.detail) for p in result.problems] == [
        ("person_conflict", 3, "fødselsår", "2")
    ]
    assert import_courses(empty_engine, helsingor, JANUARY, "januar.csv").ok
    before = snapshot(empty_engine)
    clash = csv_file("BB-U1;unge;10-01-2025;;;;individuel;selv;1990", header=COURSE_HEADER)
    result = import_courses(empty_engine, helsingor, clash, "q.csv")
    assert [(p.code, p.detail) for p in result.problems] == [("person_conflict_db", "1980")]
    assert snapshot(empty_engine) == before


def test_undo_works_after_a_later_import_used_its_persons(any_engine, helsingor):
    contacts = csv_file("BB-N1;kronborg;01-03-2025 14:30;samtale;plan")
    first = run(any_engine, helsingor, contacts, "kontakter.csv")
    later = import_courses(
        any_engine,
        helsingor,
        csv_file("BB-N1;stof;03-03-2025;;;;individuel;opsøgende;1990", header=COURSE_HEADER),
        "forløb.csv",
    )
    assert later.ok and later.new_persons == 0
    assert undo_batch(any_engine, first.batch_id) == 1  # its contact; the person stays
    with any_engine.connect() as conn:
        owner = conn.execute(text("SELECT batch_id FROM persons WHERE pseudonym = 'BB-N1'"))
        assert owner.scalar() == later.batch_id
    undo_batch(any_engine, later.batch_id)
    with any_engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM persons")).scalar() == 0


def test_undo_says_which_later_batch_stands_in_the_way_and_changes_nothing(any_engine, helsingor):
    first = import_courses(any_engine, helsingor, JANUARY, "januar.csv")
    second = import_courses(any_engine, helsingor, FEBRUARY, "februar.csv")
    before = snapshot(any_engine)
    with pytest.raises(UndoRefused) as refused:
        undo_batch(any_engine, first.batch_id)
    assert (refused.value.code, refused.value.batches) == ("later_changes", [second.batch_id])
    assert snapshot(any_engine) == before
    undo_batch(any_engine, second.batch_id)
    undo_batch(any_engine, first.batch_id)
    assert courses(any_engine) == []
