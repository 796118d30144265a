"""No table on any page shows "None", "nan" or "NaT", nor raw database names (issue 16)."""

from __future__ import annotations

import pandas as pd
import pytest

from tests.app.conftest import open_page, page_tables

# Each page with tables, with parameters that leave gaps: a period with no previous period
# to compare with, a site never visited.
CASES = [
    ("pages/caseload.py", {"period": "custom", "from": "2024-01-01", "to": "2024-03-31"}),
    ("pages/caseload.py", {}),
    ("pages/outreach.py", {}),
    ("pages/routes.py", {}),
    ("pages/data.py", {"role": "admin"}),
    ("pages/audit.py", {"role": "admin"}),
    ("pages/national.py", {}),
]
RAW = {"id", "source", "file_name", "row_count", "created_at", "note", "form", "made_by"}


def _cells(frame: pd.DataFrame) -> list[str]:
    return [str(v) for v in frame.astype(object).to_numpy().ravel()]


@pytest.mark.parametrize("lang", ["da", "en"])
@pytest.mark.parametrize(("page", "params"), CASES)
def test_no_table_shows_none(app, page, params, lang):
    at = open_page(page, lang=lang, **{"role": "admin", **params})
    frames = page_tables(at) + [tb.value for tb in at.table]
    for frame in frames:
        frame = frame.data if hasattr(frame, "data") else frame  # a Styler
        assert not frame.isna().to_numpy().any(), frame
        cells = _cells(frame)
        assert not {"None", "nan", "NaN", "NaT", "<NA>"} & set(cells), frame


@pytest.mark.parametrize("lang", ["da", "en"])
def test_the_import_history_speaks_the_pages_language(app, lang):
    at = open_page("pages/data.py", lang=lang, role="admin")
    history = next(d for d in page_tables(at) if "#1" in _cells(d))
    assert not RAW & set(history.columns), history.columns
    assert not RAW & set(_cells(history))
    if lang == "da":
        assert {"Kilde", "Tidspunkt", "Rækker"} <= set(history.columns)
        assert "Demodata" in _cells(history)


def test_the_import_column_help_is_in_english_in_english(app):
    at = open_page("pages/data.py", lang="en", role="admin")
    help_table = next(tb for tb in page_tables(at) if "pseudonym" in _cells(tb))
    text = " ".join(_cells(help_table))
    assert "empty = anonymous" in text and "tom = anonym" not in text
