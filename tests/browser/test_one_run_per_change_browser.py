"""A filter change runs the page's script once, on every page a manager opens.

A second run doubles what the user waits for (0.3-0.5 s on the outreach page). A widget that
answers its own first draw causes one: a map whose content changes is a new st_folium widget,
and its first move (fitting the bounds) sends its value if that differs from the Python
default. The outreach map returned a click count the frontend starts at 0 and the default
says None; the first browser measurements showed two runs per period change there. The pages
with widgets of their own are checked.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import wait_for_app

# The pages with a map, a chart focus or widgets of their own beside the shared filters.
PAGES = ("overview", "outreach", "caseload", "routes")
RECORD_RUNS = """() => {
    window.__runs = 0;
    if (window.__runsObserved) return;
    window.__runsObserved = true;
    const app = document.querySelector('[data-testid="stApp"]');
    new MutationObserver(() => {
        if (app.dataset.testScriptState === 'running') window.__runs += 1;
    }).observe(app, {attributes: true, attributeFilter: ['data-test-script-state']});
}"""


def _choose_period(page, label: str) -> None:
    """Pick `label`; on a busy machine a click can land while the list still moves and pick
    its neighbour (or the period already chosen: no run at all), so the choice is read back
    and made again until the box shows it."""
    box = (
        page.locator('[data-testid="stSelectbox"]')
        .filter(has=page.get_by_text("Periode", exact=True))
        .first
    )
    for _ in range(3):
        box.click()
        page.get_by_role("option").filter(has_text=label).first.click()
        try:
            # The chosen period is the value of the box's input (its text is the label).
            expect(box.locator("input")).to_have_value(re.compile(re.escape(label)), timeout=5_000)
            return
        except AssertionError:  # chosen wrongly: choose again
            page.keyboard.press("Escape")
    raise AssertionError(f"the period {label!r} could not be chosen")


@pytest.mark.parametrize("page_id", PAGES)
def test_a_period_change_runs_the_page_once(page, page_id):
    page.goto(f"{page.app_url}/{page_id}?role=leder")
    wait_for_app(page)
    page.wait_for_timeout(1500)  # a map's own first answer (debounced 250 ms) has come
    wait_for_app(page)
    for label in ("Seneste kvartal", "Hele projektperioden"):
        page.evaluate(RECORD_RUNS)
        _choose_period(page, label)
        page.wait_for_function("() => window.__runs > 0")
        wait_for_app(page)
        page.wait_for_timeout(1500)  # long enough for a second run to have started
        wait_for_app(page)
        assert page.evaluate("window.__runs") == 1, f"{page_id}, {label}"
    assert page.js_errors == []
