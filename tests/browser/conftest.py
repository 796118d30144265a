"""Browser tests: the real app under `streamlit run`, driven by Playwright in Debian's Chromium.

A missing Chromium skips these tests, unless BROBYGGER_REQUIRE_BROWSER=1 (set by .ci/run),
which turns it into a failure.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from bench.browser import CHROMIUM, CHROMIUM_ARGS, app_against, is_local, serve_app
from data_access.settings import PROJECT_ROOT
from tests.conftest import NO_CHROMIUM

ARTIFACTS = PROJECT_ROOT / "artifacts"
READY = (
    '[data-testid="stApp"][data-test-script-state="notRunning"]'
    '[data-test-connection-state="CONNECTED"]'
)


def running_app(log_path: Path, **env: str):
    """`serve_app` with the environment as keywords."""
    return serve_app(env, log_path)


@pytest.fixture(scope="session")
def app_url(demo_db_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Start the app on a free port against the demo database; stop it afterwards."""
    log_path = tmp_path_factory.mktemp("server") / "streamlit.log"
    with app_against(demo_db_url, log_path) as url:
        yield url


@pytest.fixture(scope="session")
def playwright() -> Iterator[object]:
    """One Playwright for the session (a second one cannot start beside it); a skip, or a
    failure under BROBYGGER_REQUIRE_BROWSER=1, when Chromium is not installed."""
    if not Path(CHROMIUM).exists():
        message = f"{NO_CHROMIUM} at {CHROMIUM} (install: apt-get install chromium)"
        if os.environ.get("BROBYGGER_REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as running:
        yield running


@contextmanager
def chromium(playwright, *extra_args: str) -> Iterator[object]:
    """Debian's Chromium (with `extra_args`), closed afterwards."""
    browser = playwright.chromium.launch(
        executable_path=CHROMIUM, args=[*CHROMIUM_ARGS, *extra_args]
    )
    try:
        yield browser
    finally:
        browser.close()


@pytest.fixture(scope="session")
def browser(playwright) -> Iterator[object]:
    with chromium(playwright) as launched:
        yield launched


@contextmanager
def guarded_page(
    browser, app_url: str, viewport: dict[str, int] | None = None, locale: str = "da-DK"
) -> Iterator:
    """A page in a fresh browser context (in `locale`) that may reach this machine only;
    afterwards it asserts that nothing tried to reach the internet."""
    context = browser.new_context(
        viewport=viewport or {"width": 1400, "height": 1000}, locale=locale
    )
    external: list[str] = []

    def only_this_machine(route) -> None:
        # No test reaches the internet: anything not served by the app is refused and recorded.
        if is_local(route.request.url):
            route.continue_()
        else:
            external.append(route.request.url)
            route.abort()

    context.route("**/*", only_this_machine)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.app_url = app_url  # type: ignore[attr-defined]
    page.js_errors = errors  # type: ignore[attr-defined]
    try:
        yield page
    finally:
        context.close()
    assert external == [], f"the page tried to reach the internet: {external}"


@pytest.fixture
def page(browser, app_url: str):
    with guarded_page(browser, app_url) as page:
        yield page


# The app has finished its run: connected, the script not running, and nothing left over from
# an earlier run (stale elements) or still loading (skeletons).
_SETTLED = """() => {
    const app = document.querySelector('[data-testid="stApp"]');
    if (!app || app.getAttribute('data-test-script-state') !== 'notRunning'
        || app.getAttribute('data-test-connection-state') !== 'CONNECTED') return false;
    return document.querySelectorAll(
        '[data-testid="stSkeleton"], [data-stale="true"]').length === 0;
}"""


def wait_for_app(page, timeout: float = 90_000) -> None:
    """Wait until the app is connected, its script has finished and its output has settled.
    Never a fixed pause: on a busy machine a run takes as long as it takes."""
    page.wait_for_selector(READY, timeout=timeout)
    page.wait_for_function(_SETTLED, timeout=timeout)
    # A rerun can start right after the first (query parameters written back to the URL):
    # settled twice in a row, a frame apart, is settled.
    page.wait_for_timeout(100)
    page.wait_for_function(_SETTLED, timeout=timeout)


_TEXTS_WHEN_SETTLED = (
    "([selector, settled]) => {"
    "  if (!(eval(settled))()) return false;"
    "  const texts = [...document.querySelectorAll(selector)].map(e => e.innerText.trim());"
    "  return texts.length > 0 && texts.every(t => t) ? texts : false;"
    "}"
)


def settled_texts(page, selector: str, timeout: float = 90_000) -> list[str]:
    """The texts of every element matching `selector`, read in one moment when the app has
    settled and they are all there and filled: never a read between two runs, when a busy
    machine has drawn none or only some of them yet."""
    wait_for_app(page, timeout)
    handle = page.wait_for_function(_TEXTS_WHEN_SETTLED, arg=[selector, _SETTLED], timeout=timeout)
    return handle.json_value()


# A table on a page: the grid (st.dataframe) or, up to ui/tables.HTML_TABLE_ROWS rows, an HTML
# table (st.table).
TABLE = '[data-testid="stDataFrame"], [data-testid="stTable"]'
_TABS = '[data-testid="stMain"] [data-testid="stTabs"] [role="tab"]'


def each_tab(page) -> Iterator[str | None]:
    """The page with each of its tabs chosen in turn (the caseload page draws only the open
    one), by a click as a user would; a page without tabs once, as it is (None)."""
    count = page.locator(_TABS).count()
    if not count:
        yield None
        return
    for index in range(count):
        tab = page.locator(_TABS).nth(index)
        label = tab.inner_text().strip()
        if tab.get_attribute("aria-selected") != "true":
            tab.click()
            page.wait_for_function(
                "([sel, i]) => document.querySelectorAll(sel)[i]"
                ".getAttribute('aria-selected') === 'true'",
                arg=[_TABS, index],
            )
            page.wait_for_timeout(200)  # the rerun a dynamic tab starts
            wait_for_app(page)
        yield label


def screenshot(page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
