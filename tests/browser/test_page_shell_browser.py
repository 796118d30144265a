"""Every page as the browser first gets it (gateway/page_shell.py; issues 28 and 29):

- `<html lang>` is the page's language from the first byte (a screen reader reads a Danish
  page with Danish pronunciation), and follows a switch of language in the sidebar;
- a deep link opens its page, whatever the role's first page is: the page Streamlit served as
  its default was "not found" at its own URL (/overview, and /outreach for a worker), with an
  English dialog;
- nothing the page asks for fails: Streamlit's frontend probed each page's URL for the server
  (/outreach/_stcore/health, 404).
"""

from __future__ import annotations

import pytest

from tests.browser.conftest import wait_for_app

DEEP_LINKS = [
    ("overview?role=leder", "da", "Overblik"),
    ("outreach?role=medarbejder", "da", "Opsøgende indsats"),
    ("outreach?role=medarbejder&lang=en", "en", "Outreach"),
    ("caseload?role=admin&lang=en", "en", "Caseload"),
    ("?role=medarbejder", "da", "Opsøgende indsats"),
]


@pytest.mark.parametrize(("path", "lang", "title"), DEEP_LINKS)
def test_a_deep_link_opens_its_page_in_its_language_and_nothing_fails(
    page, app_url, path, lang, title
):
    failed = []
    page.on("response", lambda r: failed.append((r.status, r.url)) if r.status >= 400 else None)
    first = page.goto(f"{app_url}/{path}")
    assert f'<html lang="{lang}">' in first.text()  # before any script has run
    wait_for_app(page)
    assert page.locator("h1").first.inner_text() == title
    assert page.locator('[role="dialog"]').count() == 0, page.locator(
        '[role="dialog"]'
    ).all_inner_texts()
    assert page.evaluate("document.documentElement.lang") == lang
    assert failed == [], failed


def test_the_page_language_follows_a_switch(page, app_url):
    page.goto(f"{app_url}/caseload?role=leder")
    wait_for_app(page)
    assert page.evaluate("document.documentElement.lang") == "da"
    page.locator('[data-testid="stSidebar"]').get_by_text("English", exact=True).click()
    page.wait_for_function("document.documentElement.lang === 'en'", timeout=60_000)
    wait_for_app(page)
    assert page.locator("h1").first.inner_text() == "Caseload"
