"""Every aggregate Excel file a page hands out holds its figures as typed cells (issue 26):
numbers and shares as numeric cells, the same in Danish and English, and committee marks
("<5", "–") as text. Files were made from the tables' display text and parsed back, so a
number's reading depended on the page's language and a share's on its text.
"""

from __future__ import annotations

import io
import re

import pytest
from openpyxl import load_workbook

from tests.app.conftest import every_tab, open_page

PAGES = ("pages/caseload.py", "pages/outreach.py")
# A text cell that a reader would take for a number or a share ("1.234", "87,7 %", "12").
NUMBER_LIKE = re.compile(r"^-?\d[\d.,\u00a0 ]*( ?%)?$")
MARKS = {"<5", "–"}


def _excel_files(recorded_files) -> dict[str, list[list[object]]]:
    """key -> the rows of each Excel file the page drew (header first)."""
    files = {}
    for key, data in recorded_files.aggregate.items():
        if data[:2] != b"PK" or not key.endswith("-xlsx"):
            continue
        sheet = load_workbook(io.BytesIO(data)).active
        files[key] = [[cell.value for cell in row] for row in sheet.iter_rows()]
    return files


def _opened(recorded_files, page: str, role: str, lang: str, **params: str):
    recorded_files.aggregate.clear()
    for _ in every_tab(open_page(page, role=role, lang=lang, **params), page):
        pass  # each tab's files recorded
    files = _excel_files(recorded_files)
    assert files, (page, role, lang, "the page offers no Excel file")
    return files


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize(("role", "params"), [("leder", {}), ("leder", {"committee": "1"})])
def test_figures_are_numbers_the_same_in_both_languages(
    page, role, params, demo_db_url, monkeypatch, recorded_files
):
    monkeypatch.setenv("BROBYGGER_DATABASE_URL", demo_db_url)
    danish = _opened(recorded_files, page, role, "da", **params)
    english = _opened(recorded_files, page, role, "en", **params)
    assert danish.keys() == english.keys()
    for key, rows in danish.items():
        numbers = 0
        for row_da, row_en in zip(rows[1:], english[key][1:], strict=True):
            for da, en in zip(row_da, row_en, strict=True):
                if isinstance(da, str):
                    assert not NUMBER_LIKE.match(da), (page, key, da, "a number written as text")
                    assert isinstance(en, str), (page, key, da, en)
                    if da in MARKS:
                        assert en == da
                elif isinstance(da, int | float):
                    numbers += 1
                    assert en == da, (page, key, da, en)  # one figure, whatever the language
                else:
                    assert da == en, (page, key, da, en)
        assert numbers, (page, key, "no figure in the file")


def test_the_departments_share_is_a_fraction_with_a_percent_format(
    demo_db_url, monkeypatch, recorded_files
):
    monkeypatch.setenv("BROBYGGER_DATABASE_URL", demo_db_url)
    recorded_files.aggregate.clear()
    open_page("pages/caseload.py", role="leder", lang="en")
    sheet = load_workbook(io.BytesIO(recorded_files.aggregate["departments-xlsx"])).active
    header = [c.value for c in sheet[1]]
    column = header.index("Within guarantee") + 1
    cells = [row[column - 1] for row in sheet.iter_rows(min_row=2)]
    shares = [c for c in cells if c.value is not None]
    assert shares and all(0 <= c.value <= 1 and "%" in c.number_format for c in shares)
    # The exact share, not the screen's whole percentage read back ("87 %" was 0.87).
    assert any(abs(c.value * 100 - round(c.value * 100)) > 1e-6 for c in shares)
