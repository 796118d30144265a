"""Data up to today in Chromium (issue 15): from "venter nu" on the caseload page one click
leads to the waiting list, from the overview's guarantee card too; the worklists and the alerts
page at phone and desktop widths."""

from __future__ import annotations

import pytest

from tests.browser.conftest import guarded_page, screenshot, serve_app, wait_for_app
from tests.conftest import LATER_TODAY


@pytest.fixture(scope="module")
def today_app(today_db_url, tmp_path_factory):
    log_path = tmp_path_factory.mktemp("today-server") / "streamlit.log"
    env = {
        "BROBYGGER_DATABASE_URL": today_db_url,
        "BROBYGGER_MAP_TILES": "none",
        "BROBYGGER_TODAY": LATER_TODAY.isoformat(),
    }
    with serve_app(env, log_path) as url:
        yield url


def _table_text(page) -> str:
    grid = page.locator('[data-testid="stDataFrame"]').first
    grid.wait_for()
    return grid.inner_text()


def test_from_waiting_now_one_click_to_the_list(browser, today_app):
    with guarded_page(browser, today_app, {"width": 1440, "height": 1000}) as page:
        page.goto(f"{today_app}/caseload?role=leder")
        wait_for_app(page)
        page.get_by_role("tab", name="Ventetid og garanti").click()
        wait_for_app(page)
        link = page.get_by_role("link", name="Se hvem der venter")
        link.scroll_into_view_if_needed()
        link.click()
        page.wait_for_url("**/worklists**")
        wait_for_app(page)
        assert "list=waiting" in page.url
        page.get_by_role("heading", name="Arbejdslister").wait_for()
        page.locator('[data-testid="stDataFrame"]').first.wait_for()
        assert page.get_by_text("Venter:").count() >= 1
        screenshot(page, "worklists-1440")
        assert page.js_errors == []


def test_from_the_guarantee_card_to_the_list(browser, today_app):
    with guarded_page(browser, today_app, {"width": 1440, "height": 1000}) as page:
        page.goto(f"{today_app}/?role=leder")
        wait_for_app(page)
        page.get_by_role("link", name="Arbejdsliste: venter og sene starter").click()
        page.wait_for_url("**/worklists**")
        wait_for_app(page)
        page.get_by_role("heading", name="Arbejdslister").wait_for()
        screenshot(page, "overview-today-1440")
        assert page.js_errors == []


@pytest.mark.parametrize("width", [390, 1440])
def test_worklists_and_alerts_at_phone_and_desktop_width(browser, today_app, width):
    with guarded_page(browser, today_app, {"width": width, "height": 900}) as page:
        page.goto(f"{today_app}/worklists?role=leder&list=quiet")
        wait_for_app(page)
        page.get_by_role("heading", name="Arbejdslister").wait_for()
        page.locator('[data-testid="stDataFrame"]').first.wait_for()
        screenshot(page, f"worklists-quiet-{width}")
        page.goto(f"{today_app}/alerts?role=leder")
        wait_for_app(page)
        page.get_by_role("heading", name="Varsler").wait_for()
        assert page.get_by_text("Sted uden besøg").count() >= 1
        screenshot(page, f"alerts-{width}")
        page.goto(f"{today_app}/?role=leder")
        wait_for_app(page)
        screenshot(page, f"overview-today-{width}")
        assert page.js_errors == []


def test_the_navigation_shows_the_open_alerts_as_a_badge(browser, today_app):
    """The alerts link in the sidebar carries a red badge with the count (Streamlit renders
    the page title's :red-badge[n] as a badge), and none in committee mode."""
    with guarded_page(browser, today_app, {"width": 1440, "height": 1000}) as page:
        page.goto(f"{today_app}/?role=leder")
        wait_for_app(page)
        link = page.locator('[data-testid="stSidebarNavLink"]').filter(has_text="Varsler")
        badge = link.locator(".stMarkdownBadge")
        badge.wait_for()
        count = badge.inner_text().strip()
        assert count.isdigit() and int(count) > 0
        assert ":red-badge" not in link.inner_text()  # rendered, not shown as text
        assert page.title() == "Brobygger"  # the tab keeps the app's name
        screenshot(page, "navigation-badge-1440")
        page.goto(f"{today_app}/?role=leder&committee=1")
        wait_for_app(page)
        page.locator('[data-testid="stSidebarNavLink"]').first.wait_for()
        assert page.locator('[data-testid="stSidebarNav"] .stMarkdownBadge').count() == 0
        assert page.js_errors == []
