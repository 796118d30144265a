"""A chart's text alternative as the browser has it (ui/charts/render.py): every chart carries
an accessible name and description (Vega puts the spec's description on the chart as its
aria-label, with role graphics-document), and "Vis som tabel" opens by keyboard into an HTML
table with a header cell per column, as a screen reader walks it."""

from __future__ import annotations

from tests.browser.conftest import each_tab, settled_texts, wait_for_app


def test_every_chart_is_labelled_and_its_table_opens_by_keyboard(page, app_url):
    page.goto(f"{app_url}/caseload?role=leder")
    wait_for_app(page)
    every = 0
    for _ in each_tab(page):  # the caseload page draws only its open tab
        page.wait_for_selector('[data-testid="stVegaLiteChart"] svg', timeout=90_000)
        labels = page.eval_on_selector_all(
            '[data-testid="stVegaLiteChart"]',
            "els => els.map(e => [e.getAttribute('role'), e.getAttribute('aria-label')])",
        )
        every += len(labels)
        for role, label in labels:
            assert role == "graphics-document" and label, (role, label)
            assert "Vis som tabel" in label and ": diagram med " in label, label
        titles = settled_texts(page, '[data-testid="stExpander"] summary')
        # The summary's icon is aria-hidden text ("table"); its label is the last line.
        assert [t.split("\n")[-1] for t in titles].count("Vis som tabel") == len(labels)
    assert every >= 8
    page.get_by_role("tab").first.click()
    wait_for_app(page)
    summary = page.locator('[data-testid="stExpander"] summary').first
    summary.focus()
    page.keyboard.press("Enter")
    table = page.locator('[data-testid="stExpander"] [data-testid="stTable"] table').first
    table.wait_for(timeout=90_000)
    headers = table.locator("th").all_inner_texts()
    assert [h.strip() for h in headers][:3] == ["Periode", "Serie", "Aktive forløb"]
    assert table.locator("tbody tr").count() > 10
