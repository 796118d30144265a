"""Junk in, row problems out: hypothesis feeds the row parsers and whole CSV and .xlsx files
things people and systems really put in cells, and fails on any exception that is not a row
problem, or any problem without Danish and English words."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from data_access.db import create_engine_for, create_schema, sync_organisation
from data_access.imports import Limits, import_file
from data_access.imports.rows import MODELS, RowContext, parse_row
from data_access.imports.templates import template_headers
from tests.unit.import_files import NOW
from ui.i18n import TEXTS

NASTY = [
    "",
    " ",
    "inf",
    "-inf",
    "nan",
    "1e400",
    "-1",
    "0",
    "99999999999999999999999",
    "1990,0",
    "1990.5",
    "0001-01-01T00:00:00+01:00",
    "9999-12-31T23:59:59-23:59",
    "2025-03-01T14:30:00+01:00",
    "2025-03-01T14:30:00Z",
    "31-02-2025",
    "29-02-2024 24:00",
    "01-03-2025 14:30",
    "01.03.2025",
    "2025-03-01",
    '=HYPERLINK("http://x")',
    "+45 12 34 56 78",
    "@SUM(A1)",
    "![x](http://127.0.0.1/p.png)",
    "[klik](javascript:alert(1))",
    "<script>alert(1)</script>",
    "**fed**",
    "kronborg",
    "stof",
    "samtale",
    "ingen",
    "individuel",
    "selv",
    "gennemført",
    "BB-ABC123",
    "M",
    "٠١-٠٣-٢٠٢٥",
    "ｓｔｏｆ",
    "x" * 300,
    "\u200b",
    "\ufeff",
]
cell = st.one_of(st.sampled_from(NASTY), st.text(max_size=40))
printable = st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Co")), max_size=40)
settings.register_profile(
    "imports",
    deadline=None,
    database=None,  # no example files written into the project
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def _words_exist(problems) -> bool:
    return all(f"import.{p.code}" in TEXTS for p in problems)


@pytest.mark.parametrize("kind", ["contacts", "courses"])
@settings(settings.get_profile("imports"), max_examples=300)
@given(data=st.data())
def test_row_parsers_raise_nothing_but_row_problems(helsingor, kind, data):
    fields = list(MODELS[kind].model_fields)
    record = {f: data.draw(cell, label=f) for f in fields}
    ctx = RowContext(org=helsingor, now=NOW, earliest=dt.date(1990, 1, 1))
    row, problems = parse_row(kind, record, ctx)
    assert (row is None) == bool(problems)
    assert all(f"import.{p.code}" in TEXTS for p in problems), problems


@pytest.fixture(scope="module")
def fuzz_engine(tmp_path_factory, helsingor):
    engine = create_engine_for(f"sqlite:///{tmp_path_factory.mktemp('fuzz') / 'fuzz.db'}")
    create_schema(engine)
    sync_organisation(engine, helsingor)
    yield engine
    engine.dispose()


HEADERS = {kind: template_headers(kind) for kind in ("contacts", "courses")}
LIMITS = Limits(max_rows=50, seconds=60)


@pytest.mark.parametrize("kind", ["contacts", "courses"])
@settings(settings.get_profile("imports"), max_examples=40)
@given(
    rows=st.lists(st.lists(cell, min_size=0, max_size=14), min_size=1, max_size=8),
    separator=st.sampled_from([";", ",", "\t"]),
    junk_header=st.booleans(),
)
def test_whole_csv_files_of_junk_end_as_problems(
    fuzz_engine, helsingor, kind, rows, separator, junk_header
):
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=separator)
    header = HEADERS[kind] + (["![x](http://127.0.0.1/p.png)", "sted"] if junk_header else [])
    writer.writerow(header)
    writer.writerows(rows)
    data = buffer.getvalue().encode("utf-8")
    result = import_file(fuzz_engine, helsingor, kind, data, "fuzz.csv", now=NOW, limits=LIMITS)
    assert "unexpected" not in {p.code for p in result.problems}
    assert _words_exist(result.problems)


xlsx_cell = st.one_of(
    st.sampled_from([c for c in NASTY if c.isprintable() or not c]),
    printable,
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=False, allow_infinity=False),
    st.datetimes(min_value=dt.datetime(1900, 3, 1), max_value=dt.datetime(2100, 1, 1)),
    st.dates(min_value=dt.date(1900, 3, 1), max_value=dt.date(2100, 1, 1)),
    st.booleans(),
    st.none(),
)


@pytest.mark.parametrize("kind", ["contacts", "courses"])
@settings(settings.get_profile("imports"), max_examples=25)
@given(
    rows=st.lists(st.lists(xlsx_cell, min_size=0, max_size=14), min_size=1, max_size=6),
    hidden=st.booleans(),
)
def test_whole_workbooks_of_junk_end_as_problems(fuzz_engine, helsingor, kind, rows, hidden):
    book = Workbook()
    sheet = book.active
    sheet.title = "Data"
    sheet.append(HEADERS[kind])
    for row in rows:
        sheet.append(row)
    if hidden:
        book.create_sheet("Skjult").append(HEADERS[kind])
        book["Skjult"].sheet_state = "hidden"
    buffer = io.BytesIO()
    book.save(buffer)
    result = import_file(
        fuzz_engine, helsingor, kind, buffer.getvalue(), "fuzz.xlsx", now=NOW, limits=LIMITS
    )
    assert "unexpected" not in {p.code for p in result.problems}
    assert _words_exist(result.problems)
