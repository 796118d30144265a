"""Excel exports with typed cells and Danish formats, CSV dates as on screen (issue 16)."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pandas as pd

from ui.downloads import csv_bytes, xlsx_bytes
from ui.excel import sheet_title

FRAME = pd.DataFrame(
    {
        "Afdeling": ["Stof", "Alkohol"],
        "Garanti overholdt": ["92 %", "87,7 %"],
        "Aktive forløb": ["1.234", "<5"],
        "Kontakter": [12, 3],
        "Seneste besøg": pd.to_datetime(["2025-03-01 14:30", None]),
        "Dato": ["2025-03-01", "02-04-2025"],
    }
)


def _sheet():
    return openpyxl.load_workbook(
        io.BytesIO(xlsx_bytes(FRAME, "brobygger-afdelinger-20250101-20251231"))
    ).active


def test_numbers_percentages_and_dates_are_typed_cells():
    sheet = _sheet()
    assert sheet["B2"].value == 0.92 and sheet["B2"].number_format == "0 %"
    assert abs(sheet["B3"].value - 0.877) < 1e-9 and sheet["B3"].number_format == "0.0 %"
    assert sheet["C2"].value == 1234 and sheet["C3"].value == "<5"  # "<5" stays text
    assert sheet["D2"].value == 12
    assert sheet["E2"].value == dt.datetime(2025, 3, 1, 14, 30)
    assert sheet["E2"].number_format == "dd-mm-yyyy hh:mm"
    assert sheet["E3"].value is None
    assert sheet["F2"].value == dt.datetime(2025, 3, 1) and sheet["F3"].value == dt.datetime(
        2025, 4, 2
    )


def test_the_header_is_bold_filtered_and_frozen_and_the_sheet_named():
    sheet = _sheet()
    assert all(cell.font.bold for cell in sheet[1])
    assert sheet.auto_filter.ref == "A1:F3"
    assert sheet.freeze_panes == "A2"
    assert sheet.title == "afdelinger"
    assert len(sheet_title("x" * 80)) <= 31


def test_csv_dates_as_the_screen_shows_them():
    danish = csv_bytes(FRAME, "da").decode("utf-8-sig")
    assert "01-03-2025 14:30" in danish and "2025-03-01 14:30" not in danish
    english = csv_bytes(FRAME, "en").decode("utf-8-sig")
    assert "2025-03-01 14:30" in english


def test_numbers_written_as_text_are_read_in_the_pages_language():
    """English writes 1,235 for Danish 1.235: each is 1235, never 1.235 (issue 26)."""
    frame = pd.DataFrame(
        {
            "count": ["1,235", "12,345,678", "1.5"],
            "share": ["87.7%", "92%", "1,234.5%"],
        }
    )
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(frame, "x", "en"))).active
    assert [sheet[f"A{r}"].value for r in (2, 3, 4)] == [1235, 12345678, 1.5]
    assert abs(sheet["B2"].value - 0.877) < 1e-9 and sheet["B3"].value == 0.92
    assert abs(sheet["B4"].value - 12.345) < 1e-9
    danish = pd.DataFrame({"count": ["1.235", "1,5", "1,235"], "share": ["87,7 %", "5 %", "x"]})
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(danish, "x", "da"))).active
    assert [sheet[f"A{r}"].value for r in (2, 3, 4)] == [1235, 1.5, 1.235]
    assert abs(sheet["B2"].value - 0.877) < 1e-9 and sheet["B4"].value == "x"
