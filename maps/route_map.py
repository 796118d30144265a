"""The route on a map: numbered stops, the route line, start and end. Same look as the outreach
map (kind colours, the municipality outline, scripts served by the app)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from html import escape

import folium

from maps.assets import MapAssets
from maps.outreach_map import KIND_STYLES, Attribution, kind_styles
from maps.site_labels import LabelDeclutter, bounds_of, fit, label_marker

ROUTE_COLOR = "#1f6f78"


@dataclass(frozen=True)
class MapPoint:
    name: str
    lat: float
    lon: float
    kind: str = "treatment"
    label: str = ""  # the text in the marker: a stop number, or S / E
    detail: str = ""  # popup line: arrival and departure


def _badge(point: MapPoint, css_class: str, background: str, border: str) -> folium.DivIcon:
    html = (
        f"<div class='{css_class}' style='width:26px;height:26px;border-radius:13px;"
        f"background:{background};border:2px solid {border};color:white;font:bold 13px/22px "
        f"sans-serif;text-align:center;box-shadow:0 1px 3px rgba(0,0,0,.4)'>"
        f"{escape(point.label)}</div>"
    )
    return folium.DivIcon(html=html, icon_size=(30, 30), icon_anchor=(15, 15))


def build_route_map(
    start: MapPoint,
    end: MapPoint,
    stops: Sequence[MapPoint],
    *,
    assets: MapAssets,
    outline: dict | None = None,
    outline_attribution: str | None = None,
    kind_colors: Mapping[str, str] | None = None,
) -> folium.Map:
    styles = kind_styles(kind_colors) if kind_colors else KIND_STYLES
    points = [start, *stops, end]
    lats = [p.lat for p in points]
    lons = [p.lon for p in points]
    fmap = folium.Map(
        location=[sum(lats) / len(lats), sum(lons) / len(lons)], zoom_start=13, tiles=None
    )
    if assets.tiles_url:
        folium.TileLayer(
            tiles=assets.tiles_url, attr=assets.tiles_attribution, control=False
        ).add_to(fmap)
    if outline:
        folium.GeoJson(
            outline,
            style_function=lambda _f: {
                "color": "#3d405b",
                "weight": 2,
                "fillOpacity": 0.03,
                "dashArray": "6 4",
            },
            interactive=False,
        ).add_to(fmap)
        if outline_attribution:
            fmap.add_child(Attribution(outline_attribution))
    folium.PolyLine(
        [[p.lat, p.lon] for p in points], color=ROUTE_COLOR, weight=4, opacity=0.8
    ).add_to(fmap)
    for rank, stop in enumerate(stops):
        style = styles.get(stop.kind, styles["public"])
        popup = f"<b>{escape(stop.label)}. {escape(stop.name)}</b><br>{escape(stop.detail)}"
        folium.Marker(
            [stop.lat, stop.lon],
            icon=_badge(
                stop,
                "route-stop",
                style["fill"] if stop.kind != "treatment" else style["color"],
                "white",
            ),
            tooltip=folium.Tooltip(escape(f"{stop.label}. {stop.name}")),
            popup=folium.Popup(popup, max_width=280),
        ).add_to(fmap)
        # The stop's name beside its number (in route order where labels would overlap).
        label_marker(stop.lat, stop.lon, stop.name, rank + 1, 19).add_to(fmap)
    same_place = (start.lat, start.lon) == (end.lat, end.lon)
    ends = [start] if same_place else [start, end]
    for point in ends:
        folium.Marker(
            [point.lat, point.lon],
            icon=_badge(point, "route-end", styles["treatment"]["color"], "white"),
            tooltip=folium.Tooltip(escape(f"{point.label}: {point.name}")),
        ).add_to(fmap)
        label_marker(point.lat, point.lon, point.name, 0, 19).add_to(fmap)
    fmap.add_child(LabelDeclutter(badges=".route-stop, .route-end"))
    fit(fmap, bounds_of(list(zip(lats, lons, strict=True))))
    assets.apply(fmap)
    return fmap
