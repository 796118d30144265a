"""Bounded work: sizes from the archive's own directory, dimensions before rows, rows,
columns and cells counted while streaming, a deadline; each with its own message."""

from __future__ import annotations

import io
import zipfile

import pytest

from data_access.imports import Limits
from tests.unit.import_files import (
    CONTACT_HEADER,
    bomb_rows,
    contact_header_xml,
    csv_file,
    inline,
    raw_xlsx,
    run,
    snapshot,
)


def codes(result) -> list[str]:
    return [p.code for p in result.problems]


def test_a_zip_bomb_is_refused_from_its_directory(empty_engine, helsingor):
    bomb = raw_xlsx(bomb_rows(100_000))  # 15 MB of XML in a file of some 30 KB
    unpacked = sum(i.file_size for i in zipfile.ZipFile(io.BytesIO(bomb)).infolist())
    assert len(bomb) * 100 < unpacked
    limits = Limits(max_unpacked_bytes=unpacked - 1)  # the bench refuses a full-size one
    before = snapshot(empty_engine)
    result = run(empty_engine, helsingor, bomb, "bombe.xlsx", limits=limits)
    assert codes(result) == ["too_big_unpacked"]
    assert snapshot(empty_engine) == before


def test_a_sheet_that_declares_too_many_rows_is_refused_before_reading(empty_engine, helsingor):
    book = raw_xlsx(bomb_rows(60), dimension="A1:E1200000")
    assert codes(run(empty_engine, helsingor, book, "d.xlsx")) == ["too_many_rows"]


def test_rows_are_counted_while_streaming_when_no_dimension_is_declared(empty_engine, helsingor):
    book = raw_xlsx(bomb_rows(60))
    result = run(empty_engine, helsingor, book, "d.xlsx", limits=Limits(max_rows=50))
    assert codes(result) == ["too_many_rows"]


def test_a_stray_cell_at_the_last_cell_of_excel_is_refused_at_once(empty_engine, helsingor):
    stray = [contact_header_xml(), f'<row r="1048576">{inline("XFD1048576", "x")}</row>']
    declared = raw_xlsx(stray, dimension="A1:XFD1048576")
    result = run(empty_engine, helsingor, declared, "s.xlsx")
    assert codes(result) == ["too_many_columns"]
    assert result.problems[0].column == "XFD1048576"
    undeclared = run(empty_engine, helsingor, raw_xlsx(stray), "s.xlsx")
    assert codes(undeclared) == ["too_many_columns"]
    assert (undeclared.problems[0].row, undeclared.problems[0].column) == (1048576, "XFD")


def test_a_csv_with_too_many_columns_or_cells_or_a_long_cell(empty_engine, helsingor):
    wide = csv_file("BB-1;kronborg;01-03-2025 14:30;samtale;ingen" + ";x" * 200)
    assert codes(run(empty_engine, helsingor, wide)) == ["too_many_columns"]
    rows = [f"BB-{i};kronborg;01-03-2025 14:30;samtale;ingen" for i in range(30)]
    few = Limits(max_cells=100)
    assert codes(run(empty_engine, helsingor, csv_file(*rows), limits=few)) == ["too_many_cells"]
    long = csv_file("BB-1;kronborg;01-03-2025 14:30;samtale;" + "x" * 5000)
    result = run(empty_engine, helsingor, long)
    assert codes(result) == ["cell_too_long"] and result.problems[0].row == 2
    endless = (CONTACT_HEADER + '\r\nBB-1;"kronborg' + "x" * 200_000).encode()
    assert codes(run(empty_engine, helsingor, endless)) in (["cell_too_long"], ["unreadable_csv"])


def test_the_time_limit_stops_an_import_and_keeps_nothing(empty_engine, helsingor):
    rows = [f"BB-{i};kronborg;01-03-2025 14:30;samtale;ingen" for i in range(2000)]
    before = snapshot(empty_engine)
    result = run(empty_engine, helsingor, csv_file(*rows), limits=Limits(seconds=0))
    assert codes(result) == ["too_slow"]
    assert snapshot(empty_engine) == before


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "old_or_protected_excel"),
        (b"PK\x03\x04 not really a workbook", "unreadable_excel"),
        (b"pseudonym;sted\r\n", "unreadable_excel"),  # text named .xlsx
    ],
)
def test_files_that_are_no_workbooks(empty_engine, helsingor, data, expected):
    assert codes(run(empty_engine, helsingor, data, "x.xlsx")) == [expected]


def test_a_bomb_under_the_size_limit_is_refused_by_its_packing(empty_engine, helsingor):
    bomb = raw_xlsx(bomb_rows(20_000))  # 3 MB of identical rows in a few KB
    assert codes(run(empty_engine, helsingor, bomb, "b.xlsx")) == ["packed_too_tightly"]
    unlimited = Limits(max_ratio=10**9, max_rows=1000)  # then counting the rows stops it
    assert codes(run(empty_engine, helsingor, bomb, "b.xlsx", limits=unlimited)) == [
        "too_many_rows"
    ]
