"""Site names on a map, readable without hovering, and where a map opens.

A label is a small non-interactive marker beside its site (clicks still reach the site's own
marker). Labels never pile up into one blob: after every zoom or pan a script shows them in
priority order (the busiest site first) and hides any that would overlap one already shown, and
below LABEL_MIN_ZOOM (a whole-municipality view) it shows none. Zooming in shows more of them.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from html import escape

import folium
from branca.element import MacroElement
from jinja2 import Template

LABEL_CLASS = "brobygger-site-label"
LABEL_MIN_ZOOM = 11
# Close enough to read street names around a single site, not so close that it loses context.
OPENING_MAX_ZOOM = 15
DENMARK = (56.0, 10.5)

Bounds = tuple[tuple[float, float], tuple[float, float]]


def bounds_of(points: Sequence[tuple[float, float]]) -> Bounds | None:
    """((south, west), (north, east)) of (lat, lon) points; None for none."""
    if not points:
        return None
    lats = [p[0] for p in points]
    lons = [p[1] for p in points]
    return (min(lats), min(lons)), (max(lats), max(lons))


def outline_bounds(outline: dict | None) -> Bounds | None:
    """The bounds of a GeoJSON outline (any geometry), or None."""
    points: list[tuple[float, float]] = []

    def collect(coordinates: object) -> None:
        if (
            isinstance(coordinates, list | tuple)
            and len(coordinates) >= 2
            and all(isinstance(c, int | float) for c in coordinates[:2])
        ):
            points.append((float(coordinates[1]), float(coordinates[0])))  # GeoJSON: lon, lat
        elif isinstance(coordinates, list | tuple):
            for item in coordinates:
                collect(item)

    features = (outline or {}).get("features") or [outline or {}]
    for feature in features:
        geometry = feature.get("geometry") if isinstance(feature, dict) else None
        if isinstance(geometry, dict):
            collect(geometry.get("coordinates"))
    return bounds_of(points)


def fit(fmap: folium.Map, bounds: Bounds | None, max_zoom: int = OPENING_MAX_ZOOM) -> None:
    """Open the map on `bounds`, never closer than `max_zoom` (one site alone is a point)."""
    if bounds is None:
        return
    (south, west), (north, east) = bounds
    fmap.fit_bounds([[south, west], [north, east]], padding=(30, 30), max_zoom=max_zoom)


def label_marker(lat: float, lon: float, text: str, rank: int, offset: float) -> folium.Marker:
    """A site's name beside it (`offset` pixels right of its centre); `rank` orders who gets
    the room when labels would overlap (0 first). The text is escaped."""
    html = (
        f"<span class='{LABEL_CLASS}' data-rank='{int(rank)}' data-offset='{round(offset)}'"
        " style='position:absolute;"
        "left:0;top:0;white-space:nowrap;font:600 11px/16px sans-serif;color:#1d2127;"
        "background:rgba(255,255,255,.85);padding:0 4px;border-radius:3px;"
        f"box-shadow:0 0 2px rgba(0,0,0,.25);pointer-events:none'>{escape(text)}</span>"
    )
    icon = folium.DivIcon(
        html=html, icon_size=(1, 1), icon_anchor=(-round(offset), 8), class_name="empty"
    )
    return folium.Marker([lat, lon], icon=icon, interactive=False, keyboard=False)


class LabelDeclutter(MacroElement):
    """The script that shows the labels that fit (see the module's docstring)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function() {
            var map = {{ this._parent.get_name() }};
            var minZoom = {{ this.min_zoom_json }};
            function place() {
                // Not laid out yet (a frame still sizing): the size observer calls again.
                var container = map.getContainer();
                if (!container.clientWidth || !container.clientHeight) return;
                var labels = Array.prototype.slice.call(
                    map.getContainer().querySelectorAll("." + {{ this.class_json }}));
                labels.sort(function(a, b) { return a.dataset.rank - b.dataset.rank; });
                var box = map.getContainer().getBoundingClientRect();
                // The map's own boxes (zoom, layers, legend, scale) and markers drawn as
                // badges (a route's numbered stops) are taken already.
                var taken = Array.prototype.slice.call(
                    container.querySelectorAll({{ this.obstacles_json }})
                ).map(function(c) { return c.getBoundingClientRect(); });
                var show = map.getZoom() >= minZoom;
                labels.forEach(function(el) {
                    el.style.visibility = "hidden";
                    el.style.display = show ? "" : "none";
                    el.style.left = "0px";
                });
                if (!show) return;
                labels.forEach(function(el) {
                    var r = el.getBoundingClientRect();
                    if (r.right > box.right) {
                        // No room on the right: the name goes left of its site.
                        el.style.left = -(r.width + 2 * Number(el.dataset.offset)) + "px";
                        r = el.getBoundingClientRect();
                    }
                    if (r.left < box.left || r.top < box.top || r.bottom > box.bottom) {
                        el.style.display = "none";
                        return;
                    }
                    var clash = taken.some(function(t) {
                        return r.left < t.right + 2 && r.right + 2 > t.left
                            && r.top < t.bottom + 1 && r.bottom + 1 > t.top;
                    });
                    if (clash) { el.style.display = "none"; return; }
                    taken.push(r);
                    el.style.visibility = "visible";
                });
            }
            map.on("zoomend moveend overlayadd overlayremove resize", place);
            map.whenReady(function() { setTimeout(place, 0); });
            // The component's frame is sized after the map is made (and again on a rerun):
            // place the labels whenever the map's box changes.
            if (window.ResizeObserver) {
                new ResizeObserver(function() { place(); }).observe(map.getContainer());
            }
        })();
        {% endmacro %}
        """
    )

    def __init__(self, min_zoom: int = LABEL_MIN_ZOOM, badges: str = "") -> None:
        super().__init__()
        self._name = "LabelDeclutter"
        self.min_zoom_json = json.dumps(min_zoom)
        self.obstacles_json = json.dumps(", ".join(filter(None, [".leaflet-control", badges])))
        self.class_json = json.dumps(LABEL_CLASS)
