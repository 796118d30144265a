"""Workbooks: every visible sheet with the expected headers, or a question which; hidden
sheets never silently; formulas, error cells and duplicate headers refused by row and column."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import text

from tests.unit.import_files import CONTACT_ROWS, run, snapshot, workbook


def _count(engine) -> int:
    with engine.connect() as conn:
        return int(conn.execute(text("SELECT count(*) FROM outreach_contacts")).scalar())


def test_a_hidden_first_sheet_does_not_hide_the_visible_data(empty_engine, helsingor):
    old = [CONTACT_ROWS[0], ["BB-OLD", "kronborg", dt.datetime(2024, 1, 1, 9), "samtale", "plan"]]
    book = workbook(("Gammelt", old, "hidden"), ("Data", CONTACT_ROWS, "visible"))
    result = run(empty_engine, helsingor, book, "k.xlsx")
    assert result.ok and result.added == 2 and result.sheets == ["Data"]
    assert [(n.code, n.detail) for n in result.notices] == [("hidden_sheets_not_read", "Gammelt")]


def test_data_only_on_a_hidden_sheet_is_not_taken_silently(empty_engine, helsingor):
    book = workbook(
        ("Forside", [["Udtræk fra fagsystemet"]], "visible"), ("Data", CONTACT_ROWS, "veryHidden")
    )
    result = run(empty_engine, helsingor, book, "k.xlsx")
    assert [p.code for p in result.problems] == ["only_hidden_sheet"]
    assert result.sheet_choices == ["Data"] and _count(empty_engine) == 0
    chosen = run(empty_engine, helsingor, book, "k.xlsx", sheets=["Data"])
    assert chosen.ok and chosen.added == 2


def test_several_candidate_sheets_are_asked_about_then_read_as_chosen(empty_engine, helsingor):
    march = [CONTACT_ROWS[0], ["BB-M", "stubben", dt.datetime(2025, 3, 5, 9), "samtale", "plan"]]
    book = workbook(
        ("Februar", CONTACT_ROWS, "visible"),
        ("Marts", march, "visible"),
        ("Noter", [["fri tekst"]], "visible"),
    )
    before = snapshot(empty_engine)
    asked = run(empty_engine, helsingor, book, "k.xlsx")
    assert [p.code for p in asked.problems] == ["several_sheets"]
    assert asked.sheet_choices == ["Februar", "Marts"] and snapshot(empty_engine) == before
    both = run(empty_engine, helsingor, book, "k.xlsx", sheets=["Februar", "Marts"])
    assert both.ok and both.added == 3 and both.sheets == ["Februar", "Marts"]
    assert [n.code for n in both.notices] == ["sheets_not_read"]


def test_a_formula_is_refused_with_its_row_and_column(empty_engine, helsingor):
    rows = [r[:] for r in CONTACT_ROWS]
    rows[2][0] = '=IF(1,"BB-NAMED","")'  # shows a pseudonym, holds none
    result = run(empty_engine, helsingor, workbook(("Data", rows, "visible")), "k.xlsx")
    assert [(p.code, p.row, p.column) for p in result.problems] == [("formula", 3, "pseudonym")]
    assert _count(empty_engine) == 0


def test_duplicate_headers_are_refused(empty_engine, helsingor):
    rows = [[*CONTACT_ROWS[0], "sted"], [*CONTACT_ROWS[1], "stubben"]]
    result = run(empty_engine, helsingor, workbook(("Data", rows, "visible")), "k.xlsx")
    assert [(p.code, p.detail) for p in result.problems] == [("duplicate_column", "B, F")]
    both = [[*CONTACT_ROWS[0], "site"], [*CONTACT_ROWS[1], "stubben"]]
    result = run(empty_engine, helsingor, workbook(("Data", both, "visible")), "k.xlsx")
    assert [p.code for p in result.problems] == ["duplicate_field"]


def test_excel_dates_numbers_and_error_cells(empty_engine, helsingor):
    header = [
        "pseudonym",
        "afdeling",
        "anmodningsdato",
        "startdato",
        "behandlingsform",
        "henviser",
        "fødselsår",
    ]
    good = ["BB-D1", "stof", dt.date(2025, 3, 1), dt.date(2025, 3, 10), "gruppe", "selv", 1984]
    result = run(
        empty_engine, helsingor, workbook(("Data", [header, good], "visible")), "f.xlsx", "courses"
    )
    assert result.ok, result.problems
    with empty_engine.connect() as conn:
        course = conn.execute(
            text(
                "SELECT requested_on, started_on, birth_year FROM treatment_courses "
                "JOIN persons ON persons.id = person_id"
            )
        ).one()
    assert course == ("2025-03-01", "2025-03-10", 1984)
    broken = ["BB-D2", "stof", dt.date(2025, 3, 1), "#N/A", "gruppe", "selv", 1984.0]
    result = run(
        empty_engine,
        helsingor,
        workbook(("Data", [header, broken], "visible")),
        "g.xlsx",
        "courses",
    )
    assert [(p.code, p.row, p.column, p.value) for p in result.problems] == [
        ("cell_error", 2, "startdato", "#N/A")
    ]
