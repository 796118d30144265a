"""The CPR screen: every cell, header and name, in every spelling; ordinary values pass."""

from __future__ import annotations

import pytest

from data_access.imports.cpr import contains_cpr
from tests.unit.import_files import (
    CONTACT_ROWS,
    COURSE_HEADER,
    csv_file,
    run,
    snapshot,
    workbook,
)

CPR_SHAPES = [
    "010190-1234",
    "010190 1234",
    "01.01.90-1234",
    "010190_1234",
    "010190/1234",
    "0101901234",
    "101901234",  # Excel dropped the leading zero
    "０１０１９０－１２３４",  # full-width
    "010190\u20111234",  # a non-breaking hyphen
    "010190\u200b1234",  # a zero-width space inside
    "01 01 90 12 34",
    "ingen 1501851234",
    "1.01901234E+09",  # a number column shown in scientific notation
    "101901234.0",
]
ORDINARY = [
    "01-03-2025 14:30",
    "01-03-2025 14.30",
    "2025-03-01T14:30:00+01:00",
    "2010-03-01 14.30",
    "1.1.2015 9.30",
    "1234567890",  # no such date
    "3102901234",  # 31 February
    "0112345678",  # a birth date in the future
    "BB-ABC123",
    "1990",
    "45292.604166",
    "12 34 56 78",
    "01-03-2025 - 01-04-2025",
]


@pytest.mark.parametrize("text", CPR_SHAPES)
def test_every_spelling_of_a_cpr_number_is_seen(text):
    assert contains_cpr(text)


@pytest.mark.parametrize("text", ORDINARY)
def test_ordinary_values_pass(text):
    assert not contains_cpr(text)


@pytest.mark.parametrize(
    ("where", "data"),
    [
        ("main substance", "BB-C1;stof;01-03-2025;;;;individuel;selv;1990;010190 1234"),
        ("pseudonym with underscore", "010190_1234;stof;01-03-2025;;;;individuel;selv;1990;"),
        ("pseudonym without zero", "101901234;stof;01-03-2025;;;;individuel;selv;1990;"),
        ("extra column", "BB-C1;stof;01-03-2025;;;;individuel;selv;1990;;01.01.90-1234"),
        ("full width", "BB-C1;stof;01-03-2025;;;;individuel;selv;1990;;０１０１９０１２３４"),
    ],
)
def test_a_file_with_a_cpr_number_anywhere_is_refused_whole(empty_engine, helsingor, where, data):
    before = snapshot(empty_engine)
    header = COURSE_HEADER + ";hovedstof;noter"
    result = run(empty_engine, helsingor, csv_file(data, header=header), "f.csv", "courses")
    assert [p.code for p in result.problems] == ["cpr"], where
    problem = result.problems[0]
    assert problem.row == 2 and problem.column and problem.value is None
    assert snapshot(empty_engine) == before


def test_the_number_is_never_repeated_in_the_report(empty_engine, helsingor):
    data = csv_file(
        "010190 1234;kronborg;01-03-2025 14:30;samtale;ingen",
        "BB-A1;kronborg;01-03-2025 14:30;samtale;01.01.90-1234",
    )
    result = run(empty_engine, helsingor, data)
    shown = repr(result.problems) + repr(result.notices) + repr(result.ignored_columns)
    assert "1234" not in shown and [p.row for p in result.problems] == [2, 3]


def test_a_cpr_number_in_a_header_a_sheet_name_or_the_file_name(empty_engine, helsingor):
    header = run(empty_engine, helsingor, csv_file(header=CONTACT_ROWS[0][0] + ";0101901234"))
    assert [(p.code, p.row, p.column) for p in header.problems] == [("cpr", 1, "B")]
    named = run(
        empty_engine,
        helsingor,
        csv_file("BB-1;kronborg;01-03-2025 14:30;samtale;ingen"),
        "udtræk 010190-1234.csv",
    )
    assert [p.code for p in named.problems] == ["cpr_in_name"]
    book = workbook(("010190-1234", CONTACT_ROWS, "visible"))
    sheet = run(empty_engine, helsingor, book, "k.xlsx")
    assert [p.code for p in sheet.problems] == ["cpr_in_sheet_name"]


def test_a_number_cell_and_a_hidden_sheet_in_a_workbook_are_screened(empty_engine, helsingor):
    rows = [r[:] for r in CONTACT_ROWS]
    rows[1][0] = 101901234  # a number cell: Excel drops the zero
    assert [
        p.code
        for p in run(
            empty_engine, helsingor, workbook(("Data", rows, "visible")), "k.xlsx"
        ).problems
    ] == ["cpr"]
    hidden = [["noter"], ["0101901234"]]
    book = workbook(("Data", CONTACT_ROWS, "visible"), ("Gammelt", hidden, "hidden"))
    result = run(empty_engine, helsingor, book, "k.xlsx")
    assert [(p.code, p.sheet) for p in result.problems] == [("cpr", "Gammelt")]
