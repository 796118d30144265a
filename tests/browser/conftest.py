"""Browser tests: the real app under `streamlit run`, driven by Playwright in Debian's Chromium.

A missing Chromium skips these tests, unless BROBYGGER_REQUIRE_BROWSER=1 (set by .ci/run),
which turns it into a failure.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from bench.browser import CHROMIUM, CHROMIUM_ARGS, is_local, running_app
from data_access.settings import PROJECT_ROOT

ARTIFACTS = PROJECT_ROOT / "artifacts"
READY = (
    '[data-testid="stApp"][data-test-script-state="notRunning"]'
    '[data-test-connection-state="CONNECTED"]'
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser/" in str(item.path).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def app_url(demo_db_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Start the app on a free port against the demo database; stop it afterwards."""
    log_path = tmp_path_factory.mktemp("server") / "streamlit.log"
    with running_app(demo_db_url, log_path) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        message = f"Chromium not found at {CHROMIUM} (apt-get install chromium)"
        if os.environ.get("BROBYGGER_REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, app_url: str):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="da-DK")
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
    yield page
    context.close()
    assert external == [], f"the page tried to reach the internet: {external}"


def wait_for_app(page, timeout: float = 30_000) -> None:
    """Wait until the app is connected and its script has finished."""
    page.wait_for_selector(READY, timeout=timeout)
    # The script state flips before the last elements paint; wait for the frame to settle.
    page.wait_for_timeout(300)
    page.wait_for_selector(READY, timeout=timeout)


def screenshot(page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
