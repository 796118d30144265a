"""Imports: Danish files as they come, a corpus of bad files, duplicates, undo, nothing lost."""

from __future__ import annotations

import datetime as dt
import io

import pandas as pd
import pytest
from sqlalchemy import text

from data_access.imports import Limits, import_file, template, undo_batch
from tests.unit.import_files import CONTACT_HEADER, COURSE_HEADER, NOW, csv_file, snapshot

contacts_csv = csv_file


GOOD_CONTACTS = contacts_csv(
    "BB-AAA111;Helsingør Station;01-03-2025 14:30;samtale;plan",
    ";kronborg;02-03-2025 10:00;kort kontakt;ingen",
    ";kronborg;02-03-2025 10:00;kort kontakt;ingen",  # a second, identical anonymous contact
    "BB-AAA111;Herberg Porten;03.03.2025 09:15;ledsagelse;henvist",
)


def _import(engine, org, data, name="kontakter.csv", kind="contacts", **kw):
    return import_file(engine, org, kind, data, name, now=NOW, **kw)


def test_a_danish_csv_is_imported(empty_engine, helsingor):
    result = _import(empty_engine, helsingor, GOOD_CONTACTS)
    assert result.ok and result.added == 4 and result.new_persons == 1
    with empty_engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT site_id, contact_at, contact_type, outcome FROM outreach_contacts "
                "ORDER BY contact_at"
            )
        ).all()
        batch = conn.execute(
            text("SELECT file_name, file_hash, row_count FROM import_batches")
        ).one()
    assert rows[0] == ("helsingor-station", "2025-03-01 14:30:00.000000", "conversation", "plan")
    assert rows[-1][0] == "porten" and rows[-1][3] == "referred"
    assert batch.file_name == "kontakter.csv" and len(batch.file_hash) == 64
    assert batch.row_count == 4


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "utf-16"])
@pytest.mark.parametrize("separator", [";", ",", "\t"])
def test_encodings_and_separators(empty_engine, helsingor, encoding, separator):
    data = (
        contacts_csv("BB-ÆØÅ12;Helsingør Station;01-03-2025 14:30;samtale;ingen", encoding=encoding)
        .decode(encoding)
        .replace(";", separator)
        .encode(encoding)
    )
    result = _import(empty_engine, helsingor, data)
    assert result.ok, result.problems
    with empty_engine.connect() as conn:
        assert conn.execute(text("SELECT pseudonym FROM persons")).scalar() == "BB-ÆØÅ12"


def test_english_headers_and_excel(empty_engine, helsingor):
    frame = pd.DataFrame(
        {
            "Pseudonym": ["BB-XYZ789"],
            "Site": ["kronborg"],
            "Time": [dt.datetime(2025, 4, 1, 15, 0)],
            "Contact type": ["phone"],
            "Outcome": ["none"],
        }
    )
    buffer = io.BytesIO()
    frame.to_excel(buffer, index=False)
    result = _import(empty_engine, helsingor, buffer.getvalue(), "contacts.xlsx")
    assert result.ok and result.added == 1


def test_courses_with_danish_dates_and_words(empty_engine, helsingor):
    data = contacts_csv(
        "BB-C1;stof;01-03-2025;15-03-2025;;;individuel;opsøgende;1990",
        "BB-C2;Alkohol;01-02-2025;10-02-2025;30-04-2025;gennemført;gruppe;egen læge;1970",
        header=COURSE_HEADER,
    )
    result = _import(empty_engine, helsingor, data, "forløb.csv", kind="courses")
    assert result.ok, result.problems
    with empty_engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT department_id, address_site_id, modality, referral_source, end_reason "
                "FROM treatment_courses ORDER BY requested_on"
            )
        ).all()
    assert rows == [
        ("alkohol", "rusmiddelcenter", "group", "gp", "completed"),
        ("stof", "rusmiddelcenter", "individual", "outreach", None),
    ]


def test_the_same_file_twice_is_refused_and_overlaps_are_skipped(empty_engine, helsingor):
    first = _import(empty_engine, helsingor, GOOD_CONTACTS)
    before = snapshot(empty_engine)
    again = _import(empty_engine, helsingor, GOOD_CONTACTS, "kopi.csv")
    assert [(p.code, p.detail) for p in again.problems] == [
        ("already_imported", str(first.batch_id))
    ]
    assert snapshot(empty_engine) == before
    overlap = contacts_csv(
        "BB-AAA111;Helsingør Station;01-03-2025 14:30;samtale;plan",
        "BB-NEW999;Vor Frue Kloster;05-03-2025 12:00;samtale;ingen",
    )
    third = _import(empty_engine, helsingor, overlap, "uge10.csv")
    assert third.added == 1 and third.skipped_duplicates == 1
    after = snapshot(empty_engine)
    assert len(after["outreach_contacts"]) == len(before["outreach_contacts"]) + 1


def test_an_import_can_be_undone_as_a_whole(empty_engine, helsingor):
    before = snapshot(empty_engine)
    result = _import(empty_engine, helsingor, GOOD_CONTACTS)
    assert undo_batch(empty_engine, result.batch_id) == 5  # 4 contacts + 1 new person
    assert snapshot(empty_engine) == before


BAD_FILES = {
    "empty": (b"", "x.csv", "empty_file"),
    "only a byte order mark and blank lines": (
        b"\xef\xbb\xbf \r\n\r\n  \r\n",
        "x.csv",
        "empty_file",
    ),
    "header only": (contacts_csv(), "x.csv", "no_rows"),
    "wrong type": (b"%PDF-1.4 not a table", "x.pdf", "wrong_file_type"),
    "broken excel": (b"PK\x03\x04 not really a workbook", "x.xlsx", "unreadable_excel"),
    "wrong encoding": ("pseudonym;sted".encode("utf-32"), "x.csv", "bad_encoding"),
    "wrong separator": (
        CONTACT_HEADER.replace(";", "|").encode() + b"\r\na|b|c|d|e\r\n",
        "x.csv",
        "missing_column",
    ),
    "missing column": (
        contacts_csv(
            "BB-A1;kronborg;01-03-2025 14:30;samtale", header="pseudonym;sted;tidspunkt;kontakttype"
        ),
        "x.csv",
        "missing_column",
    ),
    "unknown site": (
        contacts_csv("BB-A1;Månen;01-03-2025 14:30;samtale;ingen"),
        "x.csv",
        "unknown_site",
    ),
    "impossible date": (
        contacts_csv("BB-A1;kronborg;31-02-2025 14:30;samtale;ingen"),
        "x.csv",
        "bad_datetime",
    ),
    "future": (contacts_csv("BB-A1;kronborg;01-03-2027 14:30;samtale;ingen"), "x.csv", "in_future"),
    "unknown value": (
        contacts_csv("BB-A1;kronborg;01-03-2025 14:30;kaffe;ingen"),
        "x.csv",
        "unknown_value",
    ),
    "cpr": (
        contacts_csv(
            "BB-A1;kronborg;01-03-2025 14:30;samtale;ingen",
            "010190-1234;kronborg;01-03-2025 15:30;samtale;ingen",
        ),
        "x.csv",
        "cpr",
    ),
    "cpr without dash": (
        contacts_csv("BB-A1;kronborg;01-03-2025 14:30;samtale;ingen 1501851234"),
        "x.csv",
        "cpr",
    ),
    "html in a name": (
        contacts_csv("<script>alert(1)</script>;kronborg;01-03-2025 14:30;samtale;ingen"),
        "x.csv",
        "bad_pseudonym",
    ),
    "start before request": (
        contacts_csv("BB-C1;stof;10-03-2025;01-03-2025;;;individuel;selv;", header=COURSE_HEADER),
        "courses",
        "start_before_request",
    ),
    "end without reason": (
        contacts_csv(
            "BB-C1;stof;01-03-2025;02-03-2025;09-03-2025;;gruppe;selv;", header=COURSE_HEADER
        ),
        "courses",
        "end_needs_reason",
    ),
    "unknown department": (
        contacts_csv("BB-C1;tandpleje;01-03-2025;;;;gruppe;selv;", header=COURSE_HEADER),
        "courses",
        "unknown_department",
    ),
}


@pytest.mark.parametrize("case", list(BAD_FILES))
def test_bad_files_get_their_message_and_change_nothing(empty_engine, helsingor, case):
    _import(empty_engine, helsingor, GOOD_CONTACTS)  # something already in the database
    before = snapshot(empty_engine)
    data, name, expected = BAD_FILES[case]
    kind = "courses" if name == "courses" else "contacts"
    result = _import(
        empty_engine, helsingor, data, "forløb.csv" if kind == "courses" else name, kind=kind
    )
    assert not result.ok
    assert expected in {p.code for p in result.problems}, result.problems
    assert snapshot(empty_engine) == before


def test_problems_name_the_row_and_the_column_as_in_the_file(empty_engine, helsingor):
    data = contacts_csv(
        "BB-A1;kronborg;01-03-2025 14:30;samtale;ingen",
        "BB-A2;Månen;01-03-2025 14:30;samtale;ingen",
    )
    problem = _import(empty_engine, helsingor, data).problems[0]
    assert (problem.code, problem.row, problem.column, problem.value) == (
        "unknown_site",
        3,
        "sted",
        "Månen",
    )


def test_cpr_rows_are_named_and_the_number_is_not_repeated(empty_engine, helsingor):
    data = contacts_csv(
        "BB-A1;kronborg;01-03-2025 14:30;samtale;ingen",
        "BB-A2;kronborg;01-03-2025 14:30;samtale;ingen",
        "010190-1234;x;y;z;w",
    )
    problems = _import(empty_engine, helsingor, data).problems
    assert [(p.code, p.row, p.value) for p in problems] == [("cpr", 4, None)]


def test_a_huge_file_is_refused(empty_engine, helsingor):
    rows = [f"BB-A{i};kronborg;01-03-2025 14:{i:02d};samtale;ingen" for i in range(5)]
    few_rows = Limits(max_rows=3)
    result = _import(empty_engine, helsingor, contacts_csv(*rows), limits=few_rows)
    assert result.problems[0].code == "too_many_rows"
    small = Limits(max_bytes=100)
    assert _import(empty_engine, helsingor, contacts_csv(*rows), limits=small).problems[0].code == (
        "too_big"
    )


def test_a_fault_midway_leaves_the_database_as_before(empty_engine, helsingor):
    before = snapshot(empty_engine)

    def fail() -> None:
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError, match="disk full"):
        _import(empty_engine, helsingor, GOOD_CONTACTS, before_commit=fail)
    assert snapshot(empty_engine) == before


@pytest.mark.parametrize("kind", ["contacts", "courses"])
def test_templates_import_as_they_are(empty_engine, helsingor, kind):
    result = _import(empty_engine, helsingor, template(kind), f"{kind}.csv", kind=kind)
    assert result.ok and result.added == 1


def test_a_pseudonym_is_one_person_whatever_its_case(empty_engine, helsingor):
    """ "bb-abc12" and "BB-ABC12" are one person (issue 29): distinct-person counts were
    doubled. Stored in capitals, as the contact form and the audit search read it."""
    data = contacts_csv(
        "bb-abc12;Helsingør Station;01-03-2025 14:30;samtale;plan",
        "BB-ABC12;kronborg;02-03-2025 10:00;kort kontakt;ingen",
        "Bb-Abc12;kronborg;03-03-2025 10:00;kort kontakt;ingen",
    )
    result = _import(empty_engine, helsingor, data)
    assert result.ok and result.added == 3 and result.new_persons == 1
    later = contacts_csv("bb-abc12;kronborg;04-03-2025 10:00;kort kontakt;ingen")
    assert _import(empty_engine, helsingor, later, name="later.csv").new_persons == 0
    with empty_engine.connect() as conn:
        assert conn.execute(text("SELECT pseudonym FROM persons")).scalars().all() == ["BB-ABC12"]


def test_the_contact_form_finds_a_person_typed_in_small_letters(empty_engine, helsingor):
    """A worker types "bb-abc12" for BB-ABC12: the contact is that person's, not refused as
    unknown (the form's box accepts typed pseudonyms; ui/contact_form_view.py)."""
    from data_access.contact_log import ContactEntry, log_contact

    data = contacts_csv("BB-ABC12;Helsingør Station;01-03-2025 14:30;samtale;plan")
    assert _import(empty_engine, helsingor, data).ok
    entry = ContactEntry(
        site_id="kronborg",
        at=dt.datetime(2025, 3, 2, 10),
        person="existing",
        contact_type="conversation",
        outcome="none",
        pseudonym=" bb-abc12 ",
    )
    logged = log_contact(empty_engine, helsingor, entry, now=NOW)
    assert logged.pseudonym == "BB-ABC12"
    with empty_engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM persons")).scalar() == 1
