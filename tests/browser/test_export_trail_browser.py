"""Nothing leaves without a trace, checked where it leaves: in Chromium, for every role and
every page it may open, every download button is clicked and its file

- arrives whole (not the file gate's refusal);
- cannot be fetched again at its address without the browser that asked (no cookie: 404);
- when it holds person rows (any pseudonym in it): cannot be fetched a second time even by that
  browser, and its fetch wrote an export row in the audit log for exactly the pseudonyms in it
  (so the extract for each of them lists the export).
And no table on any of those pages offers Streamlit's own "Download as CSV".
"""

from __future__ import annotations

import io
import sqlite3
import urllib.error
import urllib.request
import zipfile
from contextlib import closing

import pytest

from bench.browser import app_on_a_copy
from data_access.access import PAGE_ROLES, PAGES, ROLES
from tests.browser.conftest import guarded_page, screenshot, wait_for_app
from ui.navigation import PAGE_PATHS

WORKLISTS = ("waiting", "late", "referrals", "quiet")


@pytest.fixture(scope="module")
def trail_app(demo_db_url, tmp_path_factory):
    with app_on_a_copy(demo_db_url, tmp_path_factory.mktemp("trail")) as (url, db, _):
        yield url, db


def _query(db, sql: str, *args) -> list[tuple]:
    with closing(sqlite3.connect(db)) as conn:
        return conn.execute(sql, args).fetchall()


def _text(data: bytes) -> str:
    if data[:2] == b"PK":  # an .xlsx: every XML part, where its strings are
        with zipfile.ZipFile(io.BytesIO(data)) as book:
            return " ".join(book.read(n).decode("utf-8", "replace") for n in book.namelist())
    return data.decode("utf-8", "replace")


def _cookieless(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def _views(role: str) -> list[tuple[str, str | None]]:
    """(path with query, tab to click or None) for every page the role may open."""
    views: list[tuple[str, str | None]] = []
    for page in PAGES:
        if role not in PAGE_ROLES[page]:
            continue
        path = f"{PAGE_PATHS[page]}?role={role}"
        if page == "worklists":
            views += [(f"worklists?role={role}&list={name}", None) for name in WORKLISTS]
        elif page == "data":
            views += [(path, tab) for tab in ("Importér", "Eksportér", "Importhistorik")]
        elif page == "audit":
            views += [(path, "Revisionslog"), (path, "Indsigt")]
        elif page == "alerts":
            views += [(path, "Åbne varsler"), (path, "Historik")]
        else:
            views.append((path, None))
    return views


def _open(page, url: str, path: str, tab: str | None, pseudonym: str) -> None:
    page.goto(f"{url}/{path}")
    wait_for_app(page)
    # Streamlit's "Page not found" dialog on a deep link for some roles is issue 29's (a
    # known defect, not this test's subject): closed so the page behind it can be used.
    if page.locator('[data-testid="stDialog"]').count():
        page.keyboard.press("Escape")
        wait_for_app(page)
    if tab:
        found = page.get_by_role("tab", name=tab)
        if not found.count():
            return
        found.click()
        wait_for_app(page)
    if tab == "Indsigt":  # the extract: ask for one person's
        page.get_by_label("Pseudonym").fill(pseudonym)
        page.keyboard.press("Enter")
        wait_for_app(page)
    summaries = page.locator('[data-testid="stExpander"] summary:visible')
    for i in range(summaries.count()):
        summaries.nth(i).click()
        wait_for_app(page)
    make = page.get_by_role("button", name="Lav udvalgsbrief (PDF)")
    if make.count():
        make.click()
        page.get_by_role("button", name="Hent udvalgsbrief (PDF)").wait_for(timeout=120_000)
        wait_for_app(page)


def _no_toolbar_download(page) -> None:
    tables = page.locator('[data-testid="stDataFrame"]:visible')
    for i in range(tables.count()):
        tables.nth(i).hover()
        labels = page.locator('[data-testid="stElementToolbar"] button').evaluate_all(
            "bs => bs.map(b => (b.getAttribute('aria-label') || '') + ' ' + b.innerText)"
        )
        # Charts keep "Download as PNG" (a picture of aggregates); no table offers CSV.
        assert not [x for x in labels if "csv" in x.lower()], labels


@pytest.mark.parametrize("role", ROLES)
def test_every_download_is_bound_to_its_browser_and_person_rows_are_audited(
    browser, trail_app, role
):
    url, db = trail_app
    known = {p for (p,) in _query(db, "SELECT pseudonym FROM persons")}
    checked = person_files = 0
    with guarded_page(browser, url) as page:
        for path, tab in _views(role):
            # The extract of someone whose rows were exported earlier in this run.
            looked_up = next(
                iter(_query(db, "SELECT pseudonym FROM audit_log WHERE pseudonym IS NOT NULL")),
                (sorted(known)[0],),
            )[0]
            _open(page, url, path, tab, looked_up)
            _no_toolbar_download(page)
            buttons = page.locator('[data-testid="stDownloadButton"] button:visible')
            for i in range(buttons.count()):
                before = _query(db, "SELECT max(id) FROM audit_log")[0][0] or 0
                with page.expect_download(timeout=120_000) as info:
                    buttons.nth(i).click()
                download = info.value
                assert download.failure() is None, (path, download.failure())
                data = download.path().read_bytes()
                assert data and not data.startswith(b"Filen kan ikke"), (path, data[:80])
                assert _cookieless(download.url) == 404, (path, download.url)
                text = _text(data)
                people = {p for p in known if p in text}
                if tab == "Indsigt":
                    people.add(looked_up)  # the extract is about one person: named in its file name
                rows = _query(
                    db,
                    "SELECT pseudonym, detail FROM audit_log WHERE id > ? AND action = 'export'",
                    before,
                )
                if people:
                    again = page.request.get(download.url)
                    assert again.status == 404, (path, "a person file fetched twice")
                    assert rows, (path, "no export row")
                    assert {p for p, _ in rows if p} == people, path
                    person_files += 1
                else:
                    assert not rows, (path, rows[:3])
                checked += 1
                wait_for_app(page)
        screenshot(page, f"export-trail-{role}")
        assert page.js_errors == []
    assert checked > 0, f"no download for {role}"
    # Managers export person rows (data page, worklists, alerts, the audit log and extract).
    assert (person_files > 0) == (role in ("leder", "admin")), (role, person_files)
