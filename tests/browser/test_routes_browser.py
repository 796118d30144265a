"""The route planner in Chromium: a planned round shows its numbered stops on the map."""

from __future__ import annotations

from tests.browser.conftest import screenshot, wait_for_app


def test_a_planned_route_shows_numbered_stops(page):
    page.goto(f"{page.app_url}/routes?role=admin")
    wait_for_app(page)
    card = page.locator('[data-testid="stMetric"]').filter(has_text="Stop").first
    stops = int(card.locator('[data-testid="stMetricValue"]').inner_text())
    assert stops >= 1
    page.locator('iframe[title="streamlit_folium.st_folium"]').wait_for()
    frame = page.frame_locator('iframe[title="streamlit_folium.st_folium"]')
    frame.locator(".route-stop").first.wait_for(timeout=20_000)
    numbers = frame.locator(".route-stop").all_inner_texts()
    assert sorted(int(n) for n in numbers) == list(range(1, stops + 1))
    assert frame.locator(".route-end").count() == 1  # round trip from the base
    assert frame.locator("path.leaflet-interactive").count() >= 1  # the route line
    screenshot(page, "routes-da")
    assert page.js_errors == []
