"""The page Landstal in Chromium, on a phone (390 px) and a desktop (1440 px): without figures it
explains how to get them; the fetch button asks the synthetic stand-in API on this machine; then
the cards, the chart, the tables and the source line are there, and nothing is wider than the
screen."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from data_access.backup import backup_sqlite
from tests.browser.conftest import TABLE, guarded_page, running_app, screenshot, wait_for_app
from tests.synthetic_statbank import Statbank, data_file, serve

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1440, "height": 1000}
CARDS = [
    "Vores opgørelse",
    "DST: Helsingør",
    "Region Hovedstaden",
    "Andre provinsbykommuner",
    "Hele landet",
]


@pytest.fixture(scope="module")
def national_app(tmp_path_factory, demo_db_url) -> Iterator[str]:
    """The app on a copy of the demo database without DST's figures, its API the stand-in."""
    folder = tmp_path_factory.mktemp("national")
    backup_sqlite(demo_db_url, folder / "demo.db")
    with (
        serve() as (api, _),
        running_app(
            folder / "streamlit.log",
            BROBYGGER_DATABASE_URL=f"sqlite:///{folder / 'demo.db'}",
            BROBYGGER_MAP_TILES="none",
            BROBYGGER_DST_API_URL=api,
            BROBYGGER_DST_DIR=str(folder / "dst"),
        ) as url,
    ):
        yield url


def _open(page) -> None:
    page.goto(f"{page.app_url}/national?role=admin")
    wait_for_app(page)


def _fits(page, width: int) -> None:
    """Nothing on the page is wider than the screen (tables scroll inside their frame)."""
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    main_width = page.evaluate("document.querySelector('[data-testid=\"stMain\"]').scrollWidth")
    assert main_width <= width


def _card_labels(page) -> list[str]:
    cards = page.locator('[data-testid="stMetric"]')
    cards.first.wait_for(timeout=30_000)
    return [c.locator('[data-testid="stMetricLabel"]').inner_text().strip() for c in cards.all()]


def test_without_figures_then_fetched(browser, national_app, tmp_path):
    for viewport in (PHONE, DESKTOP):
        with guarded_page(browser, national_app, viewport) as page:
            _open(page)
            info = page.locator('[data-testid="stAlert"]').filter(has_text="Der er endnu ingen tal")
            info.wait_for()
            assert "data_access.dst fetch" in info.inner_text()
            assert page.get_by_text("Alkoholbehandling findes ikke").count() == 1
            _fits(page, viewport["width"])
            screenshot(page, f"national-empty-{viewport['width']}")
            assert page.js_errors == []

    with guarded_page(browser, national_app, DESKTOP) as page:
        _open(page)
        saved = tmp_path / "SMDBV002.csv"  # as if saved by hand from statistikbanken.dk
        saved.write_bytes(data_file(Statbank(), "SMDBV002", "CSV"))
        page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(saved))
        page.get_by_text("SMDBV002.csv: 3.150 tal fra SMDBV002 er indlæst.").wait_for(
            timeout=60_000
        )
        wait_for_app(page)
        page.get_by_role("button", name="Hent fra Danmarks Statistik").click()
        page.get_by_text("Hentet: SMDBV002").wait_for(timeout=60_000)
        wait_for_app(page)
        assert _card_labels(page) == CARDS
        page.locator(
            '[data-testid="stVegaLiteChart"] canvas, [data-testid="stVegaLiteChart"] svg'
        ).first.wait_for()
        assert page.get_by_text("SYNTETISKE TESTDATA", exact=False).count() >= 1
        _fits(page, DESKTOP["width"])
        screenshot(page, "national-1440")
        assert page.js_errors == []

    with guarded_page(browser, national_app, PHONE) as page:
        _open(page)
        assert _card_labels(page) == CARDS
        values = page.locator('[data-testid="stMetricValue"]').all_inner_texts()
        assert all("," in v for v in values), values  # per 1,000 with a Danish decimal comma
        page.locator(TABLE).first.wait_for()
        _fits(page, PHONE["width"])
        screenshot(page, "national-390")
        assert page.js_errors == []
