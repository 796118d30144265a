"""Excel exports from typed frames with a format per column, CSV as on screen (issues 16, 26).

A file is written from what each column holds (ui/tables.py kinds), never from how its text
looks: a number is a number in any language, a share is a fraction formatted as a percentage,
a committee count is its number or its mark, and text stays text.
"""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from data_access.publication.count import HIDDEN, WITHHELD_COUNT, Count
from ui import tables
from ui.downloads import csv_bytes, xlsx_bytes
from ui.excel import sheet_title

FRAME = pd.DataFrame(
    {
        "Afdeling": ["Stof", "Alkohol"],
        "Garanti overholdt": [0.92, 0.877],
        "Aktive forløb": [Count(1234), HIDDEN],
        "Kontakter": [12, 3],
        "Seneste besøg": pd.to_datetime(["2025-03-01 14:30", None]),
        "Dag": [dt.date(2025, 3, 1), dt.date(2025, 4, 2)],
        "Median": [12.5, None],
    }
)
DECLARED: tables.Declared = {"Garanti overholdt": "share"}


def _sheet(frame=FRAME, declared=DECLARED):
    data = xlsx_bytes(frame, "brobygger-afdelinger-20250101-20251231", declared)
    return openpyxl.load_workbook(io.BytesIO(data)).active


def test_each_column_is_written_by_its_kind():
    sheet = _sheet()
    assert sheet["B2"].value == 0.92 and sheet["B2"].number_format == "0.0 %"
    assert abs(sheet["B3"].value - 0.877) < 1e-9
    assert sheet["C2"].value == 1234 and sheet["C2"].number_format == "#,##0"
    assert sheet["C3"].value == "<5" and sheet["C3"].data_type == "s"
    assert sheet["D2"].value == 12 and sheet["D2"].number_format == "#,##0"
    assert sheet["E2"].value == dt.datetime(2025, 3, 1, 14, 30)
    assert sheet["E2"].number_format == "dd-mm-yyyy hh:mm"
    assert sheet["E3"].value is None
    assert (
        sheet["F2"].value == dt.datetime(2025, 3, 1) and sheet["F2"].number_format == "dd-mm-yyyy"
    )
    assert sheet["G2"].value == 12.5 and sheet["G2"].number_format == "#,##0.0"
    assert sheet["G3"].value is None


def test_whole_percentages_get_a_whole_format():
    frame = pd.DataFrame({"share": [0.92, 0.5, None]})
    sheet = _sheet(frame, {"share": "share"})
    assert sheet["A2"].value == 0.92 and sheet["A2"].number_format == "0 %"


def test_the_header_is_bold_filtered_and_frozen_and_the_sheet_named():
    sheet = _sheet()
    assert all(cell.font.bold for cell in sheet[1])
    assert sheet.auto_filter.ref == "A1:G3"
    assert sheet.freeze_panes == "A2"
    assert sheet.title == "afdelinger"
    assert len(sheet_title("x" * 80)) <= 31


def test_csv_writes_what_the_screen_shows():
    danish = csv_bytes(FRAME, "da", DECLARED).decode("utf-8-sig")
    assert "01-03-2025 14:30" in danish and "2025-03-01 14:30" not in danish
    assert "92 %" in danish and "87,7 %" not in danish  # shares as the page rounds them
    assert "1.234" in danish and "<5" in danish and "12,5" in danish
    english = csv_bytes(FRAME, "en", DECLARED).decode("utf-8-sig")
    assert "2025-03-01 14:30" in english and "92%" in english and "1,234" in english


def test_a_withheld_count_is_its_mark_and_a_missing_one_is_blank():
    frame = pd.DataFrame({"count": [Count(5), WITHHELD_COUNT, None]})
    sheet = _sheet(frame, None)
    assert [sheet[f"A{r}"].value for r in (2, 3, 4)] == [5, "–", None]


@pytest.mark.parametrize("lang", ["da", "en"])
def test_text_that_looks_like_a_number_stays_text_in_both_languages(lang):
    """The file is the same whatever the page's language: English "1,235" was read back as
    1.235 when files were made from display text (issue 26); now text is never parsed."""
    frame = pd.DataFrame({"typed": ["1,235", "1.235", "87,7 %", "2025-03-01"]})
    data = xlsx_bytes(frame, "x")
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    assert [sheet[f"A{r}"].value for r in (2, 3, 4, 5)] == frame["typed"].tolist()
    assert all(sheet[f"A{r}"].data_type == "s" for r in (2, 3, 4, 5))


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.none(),
            st.integers(-(10**12), 10**12),
            st.builds(Count, st.integers(0, 10**6)),
            st.just(HIDDEN),
            st.just(WITHHELD_COUNT),
        ),
        min_size=1,
        max_size=20,
    )
)
def test_counts_round_trip_through_the_file(values):
    """Whatever mix of numbers, shown counts and marks a column holds, the file holds the
    same figures: numbers as numbers, marks as their text, nothing as a blank."""
    sheet = _sheet(pd.DataFrame({"c": pd.Series(values, dtype=object)}), None)
    read = [sheet[f"A{r}"].value for r in range(2, len(values) + 2)]
    expected = [
        None if v is None else (v.number if v.shown else v.mark) if isinstance(v, Count) else v
        for v in values
    ]
    assert read == expected
