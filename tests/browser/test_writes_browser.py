"""Logging a contact in Chromium, then finding it on the outreach map.

The file's name sorts it after the other browser tests: it writes to the shared demo database.
"""

from __future__ import annotations

import re

from data_access import clock
from tests.browser.conftest import screenshot, wait_for_app


def _popup_text(page, site_id: str) -> str:
    page.locator('iframe[title="streamlit_folium.st_folium"]').wait_for()
    frame_locator = page.frame_locator('iframe[title="streamlit_folium.st_folium"]')
    frame_locator.locator("path.leaflet-interactive").first.wait_for(timeout=20_000)
    frame = next(f for f in page.frames if "st_folium" in f.url)
    return frame.evaluate(
        """(site) => {
            let text = "";
            window.map.eachLayer(layer => {
                const popup = layer.getPopup && layer.getPopup();
                const content = popup ? popup.getContent() : null;
                const html = content ? String(content.outerHTML || content) : "";
                if (html.includes(`data-site='${site}'`) || html.includes(`data-site="${site}"`)) {
                    const box = document.createElement("div");
                    box.innerHTML = html;
                    text = box.innerText || box.textContent;
                }
            });
            return text;
        }""",
        site_id,
    )


def test_a_logged_contact_shows_on_the_outreach_map(page, helsingor):
    today = clock.local_today().isoformat()  # the app logs Copenhagen time
    page.goto(f"{page.app_url}/data")
    wait_for_app(page)
    page.get_by_role("button", name="Gem kontakt").click()
    page.get_by_text("Kontakten er gemt").wait_for(timeout=15_000)
    saved = page.get_by_text("Kontakten er gemt").inner_text()
    screenshot(page, "data-logged")
    site_name = saved.split("(")[1].split(",")[0]
    site_id = {s.name: s.id for s in helsingor.sites}[site_name]
    page.goto(f"{page.app_url}/outreach?period=custom&from={today}&to={today}")
    wait_for_app(page)
    text = _popup_text(page, site_id)
    assert site_name in text
    assert re.search(r"Kontakter i perioden\s*1(?!\d)", text), text
