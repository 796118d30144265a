"""The data page's exports at national scale: a table above ui.downloads.AT_ONCE_ROWS is not
made on every rerun (a logged contact would wait for it) but when asked for, with progress,
and then downloads and is audited as a small one is; a table longer than an Excel sheet is
CSV only.

The demo database holds hundreds of rows, so the threshold is lowered here: the code path is
the one a year of a national database takes (350,000 contacts at benchmark scale 1000)."""

from __future__ import annotations

import io

import pandas as pd
import pytest
from openpyxl import load_workbook

from tests.app.exports import click_and_fetch
from tests.app.test_access_app import audit_rows
from ui import downloads

THRESHOLD = 50


@pytest.fixture
def files(monkeypatch, recorded_files) -> dict[str, bytes]:
    """The threshold lowered, and every file a person-row download button would give, by its
    key (made as its click makes it)."""
    monkeypatch.setattr(downloads, "AT_ONCE_ROWS", THRESHOLD)

    class Files(dict):
        def __contains__(self, key):
            return key in recorded_files.person

        def __iter__(self):
            return iter(recorded_files.person)

        def __getitem__(self, key):
            return recorded_files.person[key][0]()[0]

    return Files()


@pytest.fixture
def made(monkeypatch) -> list[int]:
    """The row count of every table made into a CSV file."""
    calls: list[int] = []
    original = downloads.csv_bytes

    def counting(frame, lang, declared=None):
        calls.append(len(frame))
        return original(frame, lang, declared)

    monkeypatch.setattr(downloads, "csv_bytes", counting)
    return calls


def _export_buttons(at) -> list[str]:
    return [b.proto.id.split("-", 1)[-1] for b in at.get("download_button") if "export-" in b.id]


def _rows(at, label: str) -> int:
    text = next(m.value for m in at.markdown if f"{label} (" in m.value)
    return int(text.split("(")[1].split()[0].replace(".", ""))


def test_a_big_export_is_made_only_when_asked_for(files, made, data_page):
    at = data_page
    at.run()
    assert not at.exception
    contacts, courses = _rows(at, "Opsøgende kontakter"), _rows(at, "Behandlingsforløb")
    assert contacts > THRESHOLD and courses > THRESHOLD  # else this test tests nothing
    # A rerun makes neither file; the page says how many rows and offers to make them.
    assert made == []
    assert _export_buttons(at) == []
    assert sum("rækker: filerne laves, når du beder om dem" in c.value for c in at.caption) == 2
    at.button(key="export-contacts-make").click().run()
    assert not at.exception
    assert made == [contacts]
    assert {"export-contacts-csv", "export-contacts-xlsx"} <= set(files)
    # The offer to make them is gone in the same run; the other table's offer stays.
    assert [b.key for b in at.button if b.key and b.key.endswith("-make")] == [
        "export-courses-make"
    ]
    # Reruns (a logged contact's among them) keep the files; nothing is made again.
    at.run()
    at.run()
    assert made == [contacts]
    assert not at.exception


def test_the_made_files_hold_every_row_typed(files, data_page):
    at = data_page
    at.button(key="export-courses-make").click().run()
    rows = _rows(at, "Behandlingsforløb")
    frame = pd.read_csv(io.BytesIO(files["export-courses-csv"]), sep=";", encoding="utf-8-sig")
    assert len(frame) == rows
    assert frame["pseudonym"].str.startswith("BB-").all()
    sheet = load_workbook(io.BytesIO(files["export-courses-xlsx"])).active
    assert sheet.max_row == rows + 1
    assert sheet["D2"].number_format == "dd-mm-yyyy"  # the request date, a date cell
    assert sheet.freeze_panes == "A2"


def test_a_download_of_a_made_file_is_audited_when_fetched(
    files, recorded_files, writable_url, data_page
):
    at = data_page
    at.button(key="export-contacts-make").click().run()
    before = audit_rows(writable_url, action="export")
    assert not at.exception
    status, data = click_and_fetch(recorded_files, "export-contacts-xlsx")
    assert status == 200 and data
    new = audit_rows(writable_url, action="export")[len(before) :]
    assert new  # a row per pseudonym exported (data_access/audit.py)
    rows = _rows(at, "Opsøgende kontakter")
    assert {r["detail"] for r in new} == {f"contacts: {rows} rows, xlsx"}
    exported = set(pd.read_excel(io.BytesIO(data))["pseudonym"].dropna())
    assert {r["pseudonym"] for r in new} == exported


def test_the_files_are_made_anew_when_the_data_changes(files, made, data_page):
    at = data_page
    at.button(key="export-contacts-make").click().run()
    first = _rows(at, "Opsøgende kontakter")
    at.selectbox(key="log_person").select("__anonymous__")
    at.form_submit_button[0].click().run()  # a logged contact: a new data version
    assert not at.exception
    # The old files show the old rows: they are gone, and the page offers to make them again.
    assert "export-contacts-csv" not in _export_buttons(at)
    assert at.button(key="export-contacts-make") is not None
    assert made == [first]


def test_a_table_longer_than_a_sheet_is_csv_only(files, monkeypatch, data_page):
    monkeypatch.setattr(downloads, "EXCEL_MAX_ROWS", THRESHOLD + 10)
    at = data_page
    at.button(key="export-contacts-make").click().run()
    assert not at.exception
    assert "export-contacts-csv" in files and "export-contacts-xlsx" not in files
    assert any("For mange rækker til Excel" in c.value for c in at.caption)
