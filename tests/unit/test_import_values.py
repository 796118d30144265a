"""Values a person can type: offsets, junk numbers, implausible dates, the separator guess,
column names in the file's language, messages for every code."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from sqlalchemy import text

from data_access.imports import Limits
from data_access.settings import PROJECT_ROOT
from tests.unit.import_files import COURSE_HEADER, csv_file, run, snapshot
from ui.i18n import TEXTS

IMPORTS = PROJECT_ROOT / "data_access" / "imports"


def problems(result) -> list[tuple]:
    return [(p.code, p.row, p.column) for p in result.problems]


def test_a_time_with_an_offset_is_taken_to_copenhagen_time(empty_engine, helsingor):
    data = csv_file(
        "BB-T1;kronborg;2025-03-01T14:30:00+01:00;samtale;ingen",
        "BB-T2;kronborg;2025-07-01T12:30:00Z;samtale;ingen",
    )
    assert run(empty_engine, helsingor, data).ok
    with empty_engine.connect() as conn:
        times = conn.execute(text("SELECT contact_at FROM outreach_contacts ORDER BY id")).all()
    assert [t[0][:16] for t in times] == ["2025-03-01 14:30", "2025-07-01 14:30"]  # CEST


@pytest.mark.parametrize("year", ["inf", "1e400", "nan", "-inf", "1990.5", "19 90", "99999999"])
def test_a_birth_year_that_is_no_year(empty_engine, helsingor, year):
    data = csv_file(f"BB-Y1;stof;01-03-2025;;;;individuel;selv;{year}", header=COURSE_HEADER)
    result = run(empty_engine, helsingor, data, "f.csv", "courses")
    assert problems(result) == [("bad_birth_year", 2, "fødselsår")]


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        ("BB-Y1;stof;01-03-1850;;;;individuel;selv;1980", ("too_early", 2, "anmodningsdato")),
        ("BB-Y1;stof;0001-01-01;;;;individuel;selv;1980", ("too_early", 2, "anmodningsdato")),
        (
            "BB-Y1;stof;01-03-2025;;;;individuel;selv;1850",
            ("implausible_birth_year", 2, "fødselsår"),
        ),
        (
            "BB-Y1;stof;01-03-2025;;;;individuel;selv;2030",
            ("implausible_birth_year", 2, "fødselsår"),
        ),
        ("BB-Y1;stof;01-03-2025;01-03-2026;;;individuel;selv;1980", ("in_future", 2, "startdato")),
    ],
)
def test_implausible_dates_and_years_are_refused(empty_engine, helsingor, row, expected):
    result = run(empty_engine, helsingor, csv_file(row, header=COURSE_HEADER), "f.csv", "courses")
    assert problems(result) == [expected]
    assert result.problems[0].detail in (None, "01-01-1990")


def test_the_earliest_date_is_a_setting(empty_engine, helsingor):
    data = csv_file("BB-E1;kronborg;01-03-2001 10:00;samtale;ingen")
    late_start = Limits(earliest=dt.date(2010, 1, 1))
    assert problems(run(empty_engine, helsingor, data, limits=late_start)) == [
        ("too_early", 2, "tidspunkt")
    ]
    assert run(empty_engine, helsingor, data).ok


def test_a_quoted_first_cell_full_of_commas_does_not_fool_the_separator(empty_engine, helsingor):
    data = csv_file(
        '"BB-Q1, BB-Q2, BB-Q3, BB-Q4";kronborg;01-03-2025 14:30;samtale;ingen',
        'BB-Q5;"Kronborg, ved slottet, nord";01-03-2025 14:30;samtale;ingen',
    )
    result = run(empty_engine, helsingor, data)
    assert problems(result) == [("bad_pseudonym", 2, "pseudonym"), ("unknown_site", 3, "sted")]


def test_a_missing_column_is_named_in_the_files_language(empty_engine, helsingor):
    danish = run(
        empty_engine,
        helsingor,
        csv_file(
            "BB-1;01-03-2025 14:30;samtale;ingen", header="pseudonym;tidspunkt;kontakttype;udfald"
        ),
    )
    assert problems(danish) == [("missing_column", 1, "sted")]
    english = run(
        empty_engine,
        helsingor,
        csv_file("BB-1;01-03-2025 14:30;phone;none", header="pseudonym;time;contact type;outcome"),
    )
    assert problems(english) == [("missing_column", 1, "site")]


def test_a_refusal_changes_nothing(empty_engine, helsingor):
    assert run(
        empty_engine, helsingor, csv_file("BB-1;kronborg;01-03-2025 14:30;samtale;ingen"), "a.csv"
    ).ok
    before = snapshot(empty_engine)
    bad = csv_file(
        "BB-2;kronborg;01-03-2025 14:30;samtale;ingen",
        "BB-3;kronborg;31-02-2025 14:30;samtale;ingen",
    )
    assert not run(empty_engine, helsingor, bad, "b.csv").ok
    assert snapshot(empty_engine) == before


def test_every_code_the_import_can_give_has_danish_and_english_words():
    source = "\n".join(p.read_text() for p in IMPORTS.glob("*.py"))
    problem_codes = set(re.findall(r'(?:Problem|ValueError)\(\s*"([a-z_]+)"', source))
    problem_codes |= set(re.findall(r'"([a-z_]+)" if moment\.year', source))
    problem_codes |= {"formula", "cell_error", "bad_serial", "in_future"}
    notice_codes = set(re.findall(r'Notice\(\s*"([a-z_]+)"', source))
    undo_codes = set(re.findall(r'UndoRefused\(\s*"([a-z_]+)"', source))
    assert len(problem_codes) > 40 and notice_codes and undo_codes
    missing = sorted(
        [f"import.{c}" for c in problem_codes if f"import.{c}" not in TEXTS]
        + [f"import.notice.{c}" for c in notice_codes if f"import.notice.{c}" not in TEXTS]
        + [f"undo.{c}" for c in undo_codes if f"undo.{c}" not in TEXTS]
    )
    assert missing == []
