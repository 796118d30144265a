"""Where the map's scripts, styles and tiles come from.

folium points at public CDNs. Municipal networks often block CDNs and the test machines have no
internet, so by default the app serves Leaflet and the heat-map plugin itself (from static/,
via Streamlit's static file serving) and drops the CDN extras the map does not use
(Bootstrap, Font Awesome, awesome-markers, and jQuery, for which the popups get a one-line
stand-in). Tiles come from a configurable URL template, or none.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import folium
from branca.element import Element, MacroElement
from jinja2 import Template

# Files under static/, served by Streamlit at /app/static/.
LOCAL_FILES = {
    "leaflet": "vendor/leaflet/leaflet.js",
    "leaflet_css": "vendor/leaflet/leaflet.css",
    "leaflet-heat.js": "vendor/folium/leaflet_heat.min.js",
}
# folium's popups are the one thing it builds with jQuery: `$(\`<div ...>...</div>\`)[0]`, the
# popup's HTML parsed into its element. jQuery (87 KB) was one more script the map's frame
# fetched and ran, one after the other, before it could draw; this stands in for that call.
JQUERY_FOR_POPUPS = (
    "window.$ = window.$ || function (html) {"
    " var holder = document.createElement('template');"
    " holder.innerHTML = String(html).trim();"
    " return [holder.content.firstElementChild]; };"
)
OSM_TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
OSM_ATTRIBUTION = "&copy; OpenStreetMap contributors"


@dataclass(frozen=True)
class MapAssets:
    """`local_base` like "/app/static/" serves scripts from the app; None keeps folium's CDNs."""

    local_base: str | None = "/app/static/"
    tiles_url: str | None = OSM_TILES
    tiles_attribution: str = OSM_ATTRIBUTION

    def apply(self, fmap: folium.Map) -> None:
        if self.local_base is None:
            return
        # First in the map's script, before any marker or popup is made: where Leaflet's marker
        # images are (it looks beside its stylesheet, which fails inside the component's frame:
        # "/app/static/vendor/leafletmarker-icon.png", a 404), and the popups' stand-in for
        # jQuery (JQUERY_FOR_POPUPS; jQuery itself is not loaded).
        fmap.add_child(_FrameSetup(self.local_base + "vendor/leaflet/images/"), index=0)
        for element in _walk(fmap):
            for attribute in ("default_js", "default_css"):
                links = getattr(element, attribute, None)
                if not links:
                    continue
                # Instance attributes shadow folium's class-level CDN lists for this map only.
                setattr(
                    element,
                    attribute,
                    [
                        (name, self.local_base + LOCAL_FILES[name])
                        for name, _url in links
                        if name in LOCAL_FILES
                    ],
                )


class _FrameSetup(MacroElement):
    _template = Template(
        "{% macro script(this, kwargs) %}L.Icon.Default.imagePath = {{ this.path_json }};"
        + JQUERY_FOR_POPUPS
        + "{% endmacro %}"
    )

    def __init__(self, path: str) -> None:
        super().__init__()
        self._name = "FrameSetup"
        self.path_json = json.dumps(path)


def _walk(element: Element):
    yield element
    for child in getattr(element, "_children", {}).values():
        yield from _walk(child)


def assets_from_settings(mode: str, tiles: str) -> MapAssets:
    """MapAssets from the BROBYGGER_MAP_ASSETS ("local"/"cdn") and BROBYGGER_MAP_TILES settings
    ("osm", "none" or a URL template with {z}/{x}/{y})."""
    if tiles == "none":
        tiles_url, attribution = None, ""
    elif tiles in ("", "osm"):
        tiles_url, attribution = OSM_TILES, OSM_ATTRIBUTION
    else:
        tiles_url, attribution = tiles, "Tiles: " + tiles.split("/")[2] if "//" in tiles else tiles
    return MapAssets(
        local_base=None if mode == "cdn" else "/app/static/",
        tiles_url=tiles_url,
        tiles_attribution=attribution,
    )
