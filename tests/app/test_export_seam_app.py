"""The export seam holds for every role, page and download (ui/downloads.py), in AppTest:

- a file handed out with its bytes in the page (an aggregate: the site table, the waiting
  table, templates, route sheets) holds no pseudonym: a table of person rows that went out
  that way would have skipped the role check, the one-fetch grant and the audit row;
- every file of person rows is offered only to a role that may export it, and its fetch writes
  an export row naming exactly the pseudonyms in it;
- no cell of any CSV or Excel file runs as a formula;
- app.py keeps table toolbars without "Download as CSV" even on a server started without the
  project's configuration.
"""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from openpyxl import load_workbook
from sqlalchemy import select
from streamlit import config

from bench.app_test import app_test
from data_access import access, schema
from data_access.db import create_engine_for
from tests.app.conftest import every_tab
from tests.app.exports import click_and_fetch
from tests.app.test_access_app import audit_rows

PAGE_FILES = {
    "overview": "pages/overview.py",
    "outreach": "pages/outreach.py",
    "caseload": "pages/caseload.py",
    "routes": "pages/routes.py",
    "national": "pages/national.py",
    "data": "pages/data.py",
    "audit": "pages/audit.py",
    "worklists": "pages/worklists.py",
    "alerts": "pages/alerts.py",
}
WORKLISTS = ("waiting", "late", "referrals", "quiet")
FORMULA = re.compile(r"^[=+@\t\r]|^-(?![\d.,])")


def _pseudonyms(url: str) -> set[str]:
    engine = create_engine_for(url)
    with engine.connect() as conn:
        found = set(conn.scalars(select(schema.persons.c.pseudonym)))
    engine.dispose()
    return found


def _cells(data: bytes) -> list[str]:
    """Every text cell of a CSV or .xlsx file (other files: none)."""
    if data[:2] == b"PK":
        try:
            book = load_workbook(io.BytesIO(data))
        except (zipfile.BadZipFile, KeyError, OSError):
            return []
        return [
            c.value
            for ws in book
            for row in ws.iter_rows()
            for c in row
            if isinstance(c.value, str)
        ]
    if data[:3] == b"\xef\xbb\xbf":  # the app's CSV files start with a BOM
        text = data.decode("utf-8-sig")
        return [cell.strip('"') for line in text.splitlines() for cell in re.split("[;,]", line)]
    return []


def _text(data: bytes) -> str:
    if data[:2] == b"PK":
        with zipfile.ZipFile(io.BytesIO(data)) as book:
            return " ".join(book.read(n).decode("utf-8", "replace") for n in book.namelist())
    return data.decode("utf-8", "replace")


def _views(role: str) -> list[tuple[str, dict[str, str]]]:
    views = []
    for page in access.PAGES:
        if not access.may_open(role, page):
            continue
        if page == "worklists":
            views += [(page, {"list": name}) for name in WORKLISTS]
        else:
            views.append((page, {}))
    return views


@pytest.mark.parametrize("role", access.ROLES)
def test_every_file_of_every_page_goes_through_the_seam(
    role, writable_url, monkeypatch, recorded_files
):
    monkeypatch.setenv("BROBYGGER_DATABASE_URL", writable_url)
    known = _pseudonyms(writable_url)
    person_files = 0
    for page, params in _views(role):
        recorded_files.aggregate.clear()
        recorded_files.person.clear()
        at = app_test(default_timeout=120)
        at.query_params["role"] = role
        for key, value in params.items():
            at.query_params[key] = value
        at.run()
        at.switch_page(PAGE_FILES[page]).run()
        for _ in every_tab(at, PAGE_FILES[page]):  # each tab's files recorded
            pass
        if page == "audit":  # the extract of one person exported above
            exported = [r["pseudonym"] for r in audit_rows(writable_url, action="export")]
            who = next((p for p in exported if p), "BB-000000")
            at.text_input(key="audit_extract_pseudonym").input(who)
            next(b for b in at.button if b.label == "Lav udtræk").click().run()
            assert "audit-extract-csv" in recorded_files.person, "the extract offers its file"
        assert not at.exception, (role, page, at.exception)
        for key, data in recorded_files.aggregate.items():
            text = _text(data)
            leaked = sorted(p for p in known if p in text)
            assert not leaked, (role, page, key, leaked[:3])
            bad = [c for c in _cells(data) if FORMULA.match(c)]
            assert not bad, (role, page, key, bad[:3])
        for key, (_, spec, _, _) in recorded_files.person.items():
            assert access.may(role, spec.action), (role, page, key)
            before = len(audit_rows(writable_url, action="export"))
            status, data = click_and_fetch(recorded_files, key)
            assert status == 200
            rows = audit_rows(writable_url, action="export")[before:]
            in_file = {p for p in known if p in _text(data)} | set(spec.pseudonyms or [])
            assert {r["pseudonym"] for r in rows if r["pseudonym"]} == in_file, (page, key)
            assert rows and {r["page"] for r in rows} == {spec.page}
            bad = [c for c in _cells(data) if FORMULA.match(c)]
            assert not bad, (role, page, key, bad[:3])
            person_files += 1
    assert (person_files > 0) == (role in ("leder", "admin")), (role, person_files)


def test_app_keeps_table_downloads_off_without_the_configuration(app):
    config.set_option("client.disableDataExport", False)
    config.set_option("client.showErrorDetails", "full")
    try:
        app.query_params["role"] = "admin"
        app.run()
        assert config.get_option("client.disableDataExport") is True
        assert config.get_option("client.showErrorDetails") == "none"
    finally:
        config.set_option("client.disableDataExport", True)
        config.set_option("client.showErrorDetails", "none")
