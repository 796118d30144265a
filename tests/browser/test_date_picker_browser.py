"""The date picker's calendar speaks the page's language, not the browser's: a Chromium set to
English (`--lang=en-US`, Sunday first) shows a Danish calendar starting on Monday on a Danish
page, and an English one in English (ui/browser_locale.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.browser.conftest import chromium, guarded_page, screenshot, wait_for_app
from tests.conftest import PINNED_TODAY

CALENDAR = '[data-testid="stDateInputCalendar"] table[role="grid"]'


@pytest.fixture(scope="module")
def english_browser(playwright) -> Iterator[object]:
    with chromium(playwright, "--lang=en-US") as launched:
        yield launched


def _open_calendar(page, name: str) -> dict:
    """Open the route date's calendar: its weekday header and its first day's full name."""
    page.locator('[data-testid="stMain"] [data-testid="stDateInput"]').first.click()
    grid = page.locator(CALENDAR)
    grid.wait_for(timeout=30_000)
    shown = {
        "weekdays": grid.locator("thead th").all_inner_texts(),
        "first_day": grid.locator("tbody tr")
        .first.locator('[role="button"]')
        .first.get_attribute("aria-label"),
    }
    screenshot(page, name)
    page.keyboard.press("Escape")
    grid.wait_for(state="detached", timeout=30_000)
    return shown


def test_the_calendar_follows_the_page_not_the_browser(english_browser, app_url):
    with guarded_page(english_browser, app_url, locale="en-US") as page:
        page.goto(f"{app_url}/routes?role=admin")
        wait_for_app(page)
        # The browser really is English: its own list of languages is untouched.
        assert page.evaluate("navigator.languages[0]") == "en-US"
        danish = _open_calendar(page, "date-picker-da")
        # December 2025 (the pinned today): Monday the 1st opens the first week.
        assert PINNED_TODAY.startswith("2025-12")
        assert danish["weekdays"] == ["M", "T", "O", "T", "F", "L", "S"], danish
        assert danish["first_day"].lower().startswith("mandag"), danish
        assert "december 2025" in danish["first_day"], danish

        page.get_by_role("radio", name="English").or_(
            page.locator('[data-testid="stSidebar"] button', has_text="English")
        ).first.click()
        wait_for_app(page)
        page.wait_for_function("navigator.language === 'en-GB'", timeout=30_000)
        english = _open_calendar(page, "date-picker-en")
        assert english["weekdays"] == ["M", "T", "W", "T", "F", "S", "S"], english
        assert english["first_day"].startswith("Monday"), english
        assert "December 2025" in english["first_day"], english
        assert page.js_errors == []
