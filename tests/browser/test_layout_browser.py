"""Every chart fits its card at phone, tablet and desktop width, on every page (issue 16,
items 7 and 13), read from what Chromium drew:

- each Vega chart's drawing is no wider than its element and its card, nothing scrolls
  sideways (the page, the chart's element);
- no text in a chart is cut short (Vega ends a cut label with "…"), and every legend label
  lies inside the chart's drawing;
- KPI deltas ("mod forrige periode") are shown whole.

The charts are SVG (ui/charts/vega.finished asks for it), so their texts are in the page.
A screenshot of each page at each width goes to artifacts/ (layout-<page>-<width>.png).
"""

from __future__ import annotations

import pytest

from tests.browser.conftest import ARTIFACTS, each_tab, guarded_page, settled_texts, wait_for_app

PAGES = ["", "outreach", "caseload", "national", "routes", "worklists", "alerts"]
WIDTHS = [390, 768, 1440]

# Every chart drawn: an SVG with a size (Vega draws after Streamlit's run has settled).
_CHARTS_DRAWN = """() => [...document.querySelectorAll('[data-testid="stVegaLiteChart"]')]
    .every(el => { const svg = el.querySelector('svg.marks');
                   return svg && svg.getBoundingClientRect().width > 0; })"""

_MEASURE = """() => {
    const main = document.querySelector('[data-testid="stMain"]') || document.documentElement;
    const out = {
        page: [document.documentElement.scrollWidth, window.innerWidth,
               main.scrollWidth, main.clientWidth],
        charts: [], deltas: [],
    };
    for (const el of document.querySelectorAll('[data-testid="stVegaLiteChart"]')) {
        const svg = el.querySelector('svg.marks');
        const canvas = el.querySelector('canvas');
        const card = el.closest('[data-testid="stVerticalBlock"]') || el.parentElement;
        const box = el.getBoundingClientRect();
        const drawn = (svg || canvas).getBoundingClientRect();
        const cardBox = card.getBoundingClientRect();
        const texts = svg ? [...svg.querySelectorAll('text')].map(t => t.textContent) : [];
        const outside = svg ? [...svg.querySelectorAll('.role-legend-label text')]
            .map(t => [t.textContent, t.getBoundingClientRect()])
            .filter(([_, r]) => r.right > drawn.right + 1 || r.left < drawn.left - 1)
            .map(([text]) => text) : [];
        out.charts.push({
            svg: !!svg, element: [box.left, box.right], drawn: [drawn.left, drawn.right],
            card: [cardBox.left, cardBox.right], scroll: [el.scrollWidth, el.clientWidth],
            cut: texts.filter(t => t.endsWith('…')), outside: outside,
            legend: [...(svg ? svg.querySelectorAll('.role-legend-label text') : [])]
                .map(t => t.textContent),
        });
    }
    // The delta and its description ("mod forrige periode"), each with everything inside it:
    // Streamlit cuts the description in a caption box of its own.
    const kpiTexts = '[data-testid="stMetricDelta"], [data-testid="stMetricDeltaDescription"]';
    for (const el of document.querySelectorAll(kpiTexts)) {
        for (const part of [el, ...el.querySelectorAll('*')]) {
            const style = getComputedStyle(part);
            out.deltas.push([el.innerText, part.scrollWidth, part.clientWidth,
                             style.whiteSpace, style.textOverflow]);
        }
    }
    return out;
}"""


def _full_screenshot(page, name: str) -> None:
    """The whole page: Streamlit scrolls inside its main block, so the window grows to it."""
    height = page.evaluate(
        "() => (document.querySelector('[data-testid=\"stMain\"]') || document.body).scrollHeight"
    )
    width = page.viewport_size["width"]
    page.set_viewport_size({"width": width, "height": min(max(height, 900), 12_000)})
    wait_for_app(page)
    page.wait_for_function(_CHARTS_DRAWN, timeout=60_000)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", PAGES)
def test_every_chart_fits_its_card(browser, app_url, path, width):
    with guarded_page(browser, app_url, {"width": width, "height": 900}) as page:
        page.goto(f"{app_url}/{path}?role=admin")
        settled_texts(page, "h1")
        for tab in each_tab(page):
            _fits_and_cuts_nothing(page, f"/{path} {tab or ''} at {width} px")
        _full_screenshot(page, f"layout-{path or 'overview'}-{width}")
        assert page.js_errors == []


def _fits_and_cuts_nothing(page, where_: str) -> None:
    """Every chart drawn inside its card, nothing cut, no sideways scroll, no KPI delta cut."""
    page.wait_for_function(_CHARTS_DRAWN, timeout=60_000)
    found = page.evaluate(_MEASURE)
    document_width, window_width, main_scroll, main_width = found["page"]
    assert document_width <= window_width, f"the page scrolls sideways: {found['page']}"
    assert main_scroll <= main_width + 1, f"the page scrolls sideways: {found['page']}"
    for index, chart in enumerate(found["charts"]):
        where = f"chart {index} on {where_}: {chart}"
        assert chart["svg"], where
        assert chart["drawn"][1] <= chart["element"][1] + 1, where
        assert chart["drawn"][0] >= chart["element"][0] - 1, where
        assert chart["drawn"][1] <= chart["card"][1] + 1, where
        assert chart["scroll"][0] <= chart["scroll"][1] + 1, where
        assert chart["cut"] == [], where
        assert chart["outside"] == [], where
    for text, scroll_width, client_width, white_space, overflow in found["deltas"]:
        assert scroll_width <= client_width + 1, f"a KPI delta is cut: {text!r}"
        # Whether this period's figures happen to fit or not, a longer one must wrap.
        assert (white_space, overflow) != ("nowrap", "ellipsis"), f"{text!r} would be cut"


def test_long_legend_labels_are_shown_whole_on_a_phone(browser, app_url):
    """The labels the issue saw cut ("Reduceret/stabiliser…") are in the page in full."""
    with guarded_page(browser, app_url, {"width": 390, "height": 900}) as page:
        page.goto(f"{app_url}/caseload?role=admin")
        settled_texts(page, "h1")
        labels = set()
        for _ in each_tab(page):
            page.wait_for_function(_CHARTS_DRAWN, timeout=60_000)
            labels |= {
                label for chart in page.evaluate(_MEASURE)["charts"] for label in chart["legend"]
            }
        assert "Reduceret/stabiliseret" in labels
        assert {"Anmodninger", "Starter", "Afslutninger"} <= labels
