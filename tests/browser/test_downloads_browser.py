"""Every download button, clicked several times in Chromium, gives its file every time.

Streamlit's deferred downloads got a new id on every run, so a click holding the id of the run
before failed ("MediaFileStorageError: Deferred file ... not found") and nothing came. Clicks
here alternate between buttons (PDF then GPX, CSV then Excel), and a download that reruns the
page (an audited export) comes between them. No fixed pauses: each click waits for the app to
settle and for its own download.
"""

from __future__ import annotations

import pytest

from bench.browser import app_on_a_copy
from tests.browser.conftest import guarded_page, wait_for_app

CLICKS = 3

# (path, tab to open first or None): every page with download buttons, for a role that sees
# them all.
PAGES = [
    ("outreach?role=leder", None),
    ("caseload?role=leder", None),
    ("routes?role=leder", None),
    ("data?role=admin", "Importér"),
    ("data?role=admin", "Eksportér"),
    ("audit?role=admin", None),
    ("worklists?role=leder&list=waiting", None),
    ("alerts?role=leder", "Historik"),
    ("?role=udvalg", None),
]


@pytest.fixture(scope="module")
def download_app(demo_db_url, tmp_path_factory):
    """The app on its own copy of the demo database (exports write audit rows) with its log."""
    with app_on_a_copy(demo_db_url, tmp_path_factory.mktemp("downloads")) as (url, _, log):
        yield url, log


def _buttons(page):
    return page.locator('[data-testid="stDownloadButton"] button:visible')


def _download(page, button) -> int:
    wait_for_app(page)
    with page.expect_download(timeout=90_000) as info:
        button.click()
    download = info.value
    assert download.failure() is None, download.failure()
    data = download.path().read_bytes()
    # The file itself, not the file gate's refusal (gateway/file_gate.py).
    assert not data.startswith(b"Filen kan ikke hentes"), data[:200]
    wait_for_app(page)
    return len(data)


@pytest.mark.parametrize(("path", "tab"), PAGES, ids=[f"{p}-{t}" for p, t in PAGES])
def test_every_download_button_gives_its_file_every_time(browser, download_app, path, tab):
    url, log = download_app
    with guarded_page(browser, url) as page:
        page.goto(f"{url}/{path}")
        wait_for_app(page)
        if tab:
            page.get_by_role("tab", name=tab).click()
            wait_for_app(page)
        summaries = page.locator('[data-testid="stExpander"] summary:visible')
        for i in range(summaries.count()):  # buttons inside a closed expander are hidden
            summaries.nth(i).click()
            wait_for_app(page)
        make = page.get_by_role("button", name="Lav udvalgsbrief (PDF)")
        if make.count():
            make.click()  # the brief is made on request, then downloaded
            wait_for_app(page)
            page.get_by_role("button", name="Hent udvalgsbrief (PDF)").wait_for(timeout=90_000)
        _buttons(page).first.wait_for(timeout=180_000)
        count = _buttons(page).count()
        assert count >= 1, f"no download button on {path}"
        for _ in range(CLICKS):
            for i in range(count):  # alternate: each button's click comes after another's
                assert _download(page, _buttons(page).nth(i)) > 0
        assert page.js_errors == []
    text = log.read_text()
    assert "MediaFileStorageError" not in text and "Deferred file" not in text, text[-3000:]
