"""The outreach map in real Chromium: markers drawn without a CDN, a click focuses the charts."""

from __future__ import annotations

from tests.browser.conftest import screenshot, wait_for_app

SITE_COUNT = 14  # every site in organisations/helsingor.toml


def _map_frame(page):
    page.locator('iframe[title="streamlit_folium.st_folium"]').wait_for()
    frame = page.frame_locator('iframe[title="streamlit_folium.st_folium"]')
    frame.locator("path.leaflet-interactive").first.wait_for(timeout=20_000)
    return next(f for f in page.frames if "st_folium" in f.url)


def test_the_map_draws_every_site(page):
    page.goto(f"{page.app_url}/outreach?role=admin")
    wait_for_app(page)
    frame = _map_frame(page)
    assert frame.locator("path.leaflet-interactive").count() == SITE_COUNT
    assert frame.locator(".brobygger-legend").inner_text().startswith("Stedtyper")
    assert "DAGI" in frame.locator(".leaflet-control-attribution").inner_text()
    layer_names = frame.locator(".leaflet-control-layers-overlays label").all_inner_texts()
    assert any("Offentligt sted" in name for name in layer_names)
    screenshot(page, "outreach-da")
    assert page.js_errors == []


def test_clicking_a_site_focuses_the_charts(page):
    page.goto(f"{page.app_url}/outreach?role=admin")
    wait_for_app(page)
    frame = _map_frame(page)
    # Where Pensionatet's marker is drawn (found through Leaflet), then a real mouse click there.
    point = frame.evaluate(
        """() => {
            let found = null;
            window.map.eachLayer(layer => {
                const popup = layer.getPopup && layer.getPopup();
                const content = popup ? popup.getContent() : null;
                const html = content ? String(content.outerHTML || content) : "";
                if (/data-site=.pensionatet./.test(html)) {
                    found = window.map.latLngToContainerPoint(layer.getLatLng());
                }
            });
            return found && {x: found.x, y: found.y};
        }"""
    )
    assert point, "Pensionatet's marker was not found on the map"
    box = page.locator('iframe[title="streamlit_folium.st_folium"]').bounding_box()
    page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
    frame.locator(".brobygger-popup").wait_for()
    assert "Pensionatet" in frame.locator(".brobygger-popup").inner_text()
    page.get_by_text("Graferne viser kun").wait_for(timeout=15_000)
    wait_for_app(page)
    assert "Pensionatet" in page.locator('[data-testid="stAlert"]').first.inner_text()
    screenshot(page, "outreach-focused")
    page.get_by_role("button", name="Vis alle steder").click()
    page.get_by_text("Graferne viser kun").wait_for(state="detached", timeout=15_000)


def test_panning_and_zooming_do_not_rerun_the_app(page):
    page.goto(f"{page.app_url}/outreach?role=admin")
    wait_for_app(page)
    _map_frame(page)
    wait_for_app(page)
    # Record every script state the app passes through from now on.
    page.evaluate(
        """() => {
            window.__states = [];
            const app = document.querySelector('[data-testid="stApp"]');
            new MutationObserver(() => window.__states.push(app.dataset.testScriptState))
                .observe(app, {attributes: true, attributeFilter: ["data-test-script-state"]});
        }"""
    )
    box = page.locator('iframe[title="streamlit_folium.st_folium"]').bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x - 150, y - 80, steps=8)
    page.mouse.up()
    page.mouse.wheel(0, -300)
    page.wait_for_timeout(1500)  # longer than st_folium's 250 ms debounce
    assert page.evaluate("window.__states") == []
