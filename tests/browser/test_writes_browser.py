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
    page.goto(f"{page.app_url}/data?role=admin")
    wait_for_app(page)
    page.get_by_role("button", name="Gem kontakt").click()
    page.get_by_test_id("stAlertContentSuccess").get_by_text("Kontakten er gemt").wait_for(
        timeout=15_000
    )
    saved = (
        page.get_by_test_id("stAlertContentSuccess").get_by_text("Kontakten er gemt").inner_text()
    )
    screenshot(page, "data-logged")
    site_name = saved.split("(")[1].split(",")[0]
    site_id = {s.name: s.id for s in helsingor.sites}[site_name]
    page.goto(f"{page.app_url}/outreach?role=admin&period=custom&from={today}&to={today}")
    wait_for_app(page)
    text = _popup_text(page, site_id)
    assert site_name in text
    assert re.search(r"Kontakter i perioden\s*1(?!\d)", text), text


def test_a_pseudonym_not_in_the_list_is_typed(page, demo_db_url):
    """The form lists the persons met most recently; a treatment-only person is typed."""
    from sqlalchemy import text

    from data_access.db import create_engine_for

    engine = create_engine_for(demo_db_url)
    count = (
        "SELECT count(*) FROM outreach_contacts c JOIN persons p ON p.id = c.person_id "
        "WHERE p.pseudonym = :p"
    )
    with engine.connect() as conn:
        pseudonym = conn.execute(
            text(
                "SELECT pseudonym FROM persons WHERE id NOT IN "
                "(SELECT person_id FROM outreach_contacts WHERE person_id IS NOT NULL) "
                "ORDER BY id LIMIT 1"
            )
        ).scalar()
        before = conn.execute(text(count), {"p": pseudonym}).scalar()
    page.goto(f"{page.app_url}/data?role=admin")
    wait_for_app(page)
    person = page.locator('[data-testid="stSelectbox"]').filter(has_text="Person")
    person.locator("input").click()
    person.locator("input").fill(pseudonym)
    page.keyboard.press("Enter")
    page.get_by_role("button", name="Gem kontakt").click()
    page.get_by_test_id("stAlertContentSuccess").get_by_text("Kontakten er gemt").wait_for(
        timeout=15_000
    )
    with engine.connect() as conn:
        assert conn.execute(text(count), {"p": pseudonym}).scalar() == before + 1
    engine.dispose()
    assert page.js_errors == []
