"""No page shows a missing value as "None", "nan", "NaT" or "<NA>" (issue 29 found "None" in
the alert history's "Lukket"; Streamlit's grid prints a missing value that way): every table,
card and text on every page, for every role, in both languages."""

from __future__ import annotations

import pytest

from data_access import access
from tests.app.conftest import open_page
from tests.app.payloads import collect, open_chart_tables
from tests.app.test_export_seam_app import PAGE_FILES, WORKLISTS

MISSING = {"None", "nan", "NaN", "NaT", "<NA>"}


@pytest.fixture(scope="module")
def pages_db(today_db_url, tmp_path_factory) -> str:
    """A copy of the demo made on LATER_TODAY (every worklist and alert has rows): the pages
    write audit rows as they are looked at."""
    from data_access.backup import backup_sqlite

    target = tmp_path_factory.mktemp("no-none") / "data.db"
    backup_sqlite(today_db_url, target)
    return f"sqlite:///{target}"


def _views() -> list[tuple[str, str, dict[str, str]]]:
    views = []
    for role in access.ROLES:
        for page in access.PAGES:
            if not access.may_open(role, page):
                continue
            lists = WORKLISTS if page == "worklists" else (None,)
            for name in lists:
                views.append((role, page, {"list": name} if name else {}))
    return views


@pytest.mark.parametrize("lang", ["da", "en"])
@pytest.mark.parametrize(("role", "page", "params"), _views(), ids=str)
def test_no_missing_value_reads_as_none(
    role, page, params, lang, today_db_url, later_today, monkeypatch
):
    monkeypatch.setenv("BROBYGGER_DATABASE_URL", today_db_url)
    at = open_chart_tables(
        open_page(PAGE_FILES[page], role=role, lang=lang, period="project", **params)
    )
    assert not at.exception
    payload = collect(at)
    for table in payload.tables:
        for column in table.columns:
            shown = {str(v) for v in table[column].tolist() if isinstance(v, str)}
            # A text column with a gap is written as "–" (ui/tables.py); a typed column's gap
            # is drawn empty by the grid.
            assert not shown & MISSING, (page, column, shown & MISSING)
            values = table[column].tolist()
            # A text column (or one of nothing but gaps): the grid writes a gap as "None".
            if any(isinstance(v, str) for v in values) or (values and table[column].isna().all()):
                assert not any(v is None for v in values), (page, column)
    for label, value, delta in payload.metrics:
        assert value not in MISSING and delta not in MISSING, (page, label, value, delta)
    for text in payload.texts:
        assert not any(
            f" {word}" in f" {text} " and f" {word} " in f" {text} " for word in MISSING
        ), (page, text)
