"""No page logs an error to the browser console from the project's own code (issue 16): no
404 for a file the app serves (the map's marker images), no script error. Streamlit's own
probe of a deep link's base path (`/<page>/_stcore/health`, then `/_stcore/health`) is the
framework's, not ours, and is left out."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import guarded_page, settled_texts, wait_for_app

PAGES = [
    f"{path}?role=admin"
    for path in ("", "outreach", "caseload", "routes", "national", "data", "audit")
]
STREAMLIT_PROBE = re.compile(r"/[^/]+/_stcore/(health|host-config)$")


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("width", [390, 1440])
def test_no_console_errors_from_our_code(browser, app_url, path, width):
    with guarded_page(browser, app_url, {"width": width, "height": 900}) as page:
        failed: list[str] = []
        errors: list[str] = []
        page.on(
            "response",
            lambda r: (
                failed.append(f"{r.status} {r.url}")
                if r.status >= 400 and not STREAMLIT_PROBE.search(r.url.split("?")[0])
                else None
            ),
        )
        page.on(
            "console",
            lambda m: (
                errors.append(m.text)
                if m.type == "error" and "Failed to load resource" not in m.text
                else None
            ),
        )
        page.goto(f"{app_url}/{path}")
        wait_for_app(page)
        settled_texts(page, "h1")  # the page's title is drawn: its run is over
        if "routes" in path or "outreach" in path:
            frame = page.frame_locator('iframe[title="streamlit_folium.st_folium"]').first
            frame.locator(".leaflet-container").first.wait_for(timeout=60_000)
            wait_for_app(page)
        assert failed == [], failed
        assert errors == [], errors
        assert page.js_errors == []
