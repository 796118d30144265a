"""The caseload charts' picks work in a real browser (their specs are written by hand in
ui/charts/: a selection Vega-Lite or Streamlit did not accept would draw a chart nobody can
click): a click on a department's point focuses the page on it, and a click on a month's bar
narrows it to that month too."""

from __future__ import annotations

import re

from tests.browser.conftest import wait_for_app


def _focus_text(page) -> str:
    text = page.locator('[data-testid="stMain"]').inner_text()
    match = re.search(r"Fokus: [^\n]+", text)
    return match.group(0) if match else ""


def _click_centre(page, locator) -> None:
    box = locator.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)


def test_clicking_a_department_and_a_month_focuses_the_page(page, app_url):
    page.goto(f"{app_url}/caseload?role=leder")
    wait_for_app(page)
    charts = page.locator('[data-testid="stVegaLiteChart"]')
    active = charts.nth(0)
    active.scroll_into_view_if_needed()
    assert _focus_text(page) == ""
    _click_centre(page, active.locator("path.mark-symbol, g.mark-symbol path").nth(5))
    page.wait_for_function(
        "() => document.querySelector('[data-testid=\"stMain\"]').innerText.includes('Fokus:')",
        timeout=60_000,
    )
    wait_for_app(page)
    department = _focus_text(page)
    assert department in {"Fokus: Stof", "Fokus: Alkohol", "Fokus: Unge"}, department
    flow = page.locator('[data-testid="stVegaLiteChart"]').nth(1)
    flow.scroll_into_view_if_needed()
    bars = flow.locator("g.mark-rect path")
    bar = bars.nth(bars.count() - 3).bounding_box()
    page.mouse.click(bar["x"] + bar["width"] / 2, bar["y"] + bar["height"] - 2)
    page.wait_for_function(
        "() => /Fokus: [^\\n]+ · /.test("
        "document.querySelector('[data-testid=\"stMain\"]').innerText)",
        timeout=60_000,
    )
    wait_for_app(page)
    assert re.fullmatch(
        rf"{department} · \d+\. \w+\.? \d{{4}} – \d+\. \w+\.? \d{{4}}", _focus_text(page)
    )
