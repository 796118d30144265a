"""The outreach map: every site styled by kind, sized by contacts, with popups, a legend, a layer
switch per kind, an optional heat layer and the municipality outline.

A pure function: plain data in, `folium.Map` out. Every text that reaches the map is escaped,
so a site called `<script>alert(1)</script>` shows as text.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from html import escape

import folium
from branca.element import MacroElement
from folium.plugins import HeatMap
from jinja2 import Template

from data_access.organisation import DEFAULT_KIND_COLOURS
from maps.assets import MapAssets
from maps.site_labels import (
    DENMARK,
    Bounds,
    LabelDeclutter,
    bounds_of,
    fit,
    label_marker,
    outline_bounds,
)


def darker(colour: str, factor: float = 0.75) -> str:
    """The same hue, darker: a marker's border."""
    rgb = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(c * factor):02x}" for c in rgb)


def kind_styles(colours: Mapping[str, str]) -> dict[str, dict[str, str]]:
    """Marker styles from the organisation's one colour per site kind: filled in the colour
    with a darker rim; a treatment address is a ring in its colour (white inside)."""
    return {
        kind: {"color": colour, "fill": "#ffffff"}
        if kind == "treatment"
        else {"color": darker(colour), "fill": colour}
        for kind, colour in colours.items()
    }


KIND_STYLES: dict[str, dict[str, str]] = kind_styles(DEFAULT_KIND_COLOURS)
SELECTED_COLOR = "#f2a541"
MIN_RADIUS = 6.0
MAX_RADIUS = 22.0


@dataclass(frozen=True)
class SiteOnMap:
    id: str
    name: str
    kind: str
    address: str
    lat: float
    lon: float
    precision: str  # "exact" or "approximate"
    opening_hours: str
    contacts: int | None  # None: not a number (committee mode: "<5" or "–")
    persons: int | None
    last_visit: dt.datetime | None
    days_since: int | None
    # The counts as shown; committee figures come protected (data_access/publication).
    contacts_text: str = ""
    persons_text: str = ""

    @property
    def has_activity(self) -> bool:
        """Contacts in the filter's period, as far as the shown figures say: a number above 0,
        or "<5". A withheld figure ("–") does not count: fitting the map to it would tell."""
        if self.contacts is not None:
            return self.contacts > 0
        return self.contacts_text.startswith("<")


def opening_bounds(sites: Sequence[SiteOnMap], outline: dict | None) -> Bounds | None:
    """Where the map opens: the sites with activity in the filter; without any, every site;
    without sites, the municipality's outline."""
    active = [(s.lat, s.lon) for s in sites if s.has_activity]
    return (
        bounds_of(active) or bounds_of([(s.lat, s.lon) for s in sites]) or outline_bounds(outline)
    )


def marker_radius(contacts: int | None, most: int) -> float:
    """Area grows with contacts (square root), so a busy site does not swamp the map. Only
    shown counts size a marker: a hidden one ("<5") is drawn at the smallest size, so no radius
    says more than its popup."""
    if most <= 0 or not contacts or contacts <= 0:
        return MIN_RADIUS
    return MIN_RADIUS + (MAX_RADIUS - MIN_RADIUS) * math.sqrt(contacts / most)


def popup_html(
    site: SiteOnMap, texts: Mapping[str, str], kind_label: str, committee: bool = False
) -> str:
    """The popup's HTML; every value from data is escaped. Counts are shown as they come (in
    committee mode protected already); committee popups have no last visit (a dated contact)."""
    rows = [
        (texts["kind"], kind_label),
        (texts["address"], site.address),
        (texts["opening_hours"], site.opening_hours),
        (texts["contacts"], site.contacts_text or str(site.contacts)),
        (texts["persons"], site.persons_text or str(site.persons)),
    ]
    if not committee:
        last = site.last_visit.strftime("%d-%m-%Y %H:%M") if site.last_visit else texts["never"]
        since = texts["days"].format(n=site.days_since) if site.days_since is not None else "–"
        rows += [(texts["last_visit"], last), (texts["days_since"], since)]
    body = "".join(
        f"<tr><th style='text-align:left;padding-right:8px'>{escape(k)}</th>"
        f"<td>{escape(v)}</td></tr>"
        for k, v in rows
    )
    notice = ""
    if site.precision != "exact":
        notice = f"<p style='margin:6px 0 0;color:#8a5a00'>⚠ {escape(texts['approximate'])}</p>"
    return (
        f"<div class='brobygger-popup' data-site='{escape(site.id)}'>"
        f"<b>{escape(site.name)}</b><table style='margin-top:4px'>{body}</table>{notice}</div>"
    )


class _Legend(MacroElement):
    """A legend control and the outline's attribution, as plain Leaflet JS (no extra scripts)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function() {
            var legend = L.control({position: "bottomleft"});
            legend.onAdd = function() {
                var div = L.DomUtil.create("div", "brobygger-legend");
                div.style.cssText = "background:white;padding:6px 10px;border-radius:6px;"
                    + "margin-bottom:22px;box-shadow:0 1px 4px rgba(0,0,0,.3);"
                    + "font:12px/1.5 sans-serif";
                div.innerHTML = {{ this.html_json }};
                return div;
            };
            legend.addTo({{ this._parent.get_name() }});
            L.control.scale({imperial: false}).addTo({{ this._parent.get_name() }});
            // Without Bootstrap's CSS the layer switch inherits a large font; match the legend.
            var style = document.createElement("style");
            style.textContent = ".leaflet-control-layers{font:13px/1.5 sans-serif}";
            document.head.appendChild(style);
            {% if this.attribution_json %}
            {{ this._parent.get_name() }}.attributionControl.addAttribution(
                {{ this.attribution_json }});
            {% endif %}
        })();
        {% endmacro %}
        """
    )

    def __init__(self, html: str, attribution: str | None) -> None:
        super().__init__()
        self._name = "BrobyggerLegend"
        # json.dumps makes a safe JS string; the HTML inside was escaped when it was built.
        self.html_json = json.dumps(html).replace("</", "<\\/")
        self.attribution_json = json.dumps(attribution).replace("</", "<\\/") if attribution else ""


class Attribution(MacroElement):
    """Adds a source line to the map's attribution control (escaped by json.dumps)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        {{ this._parent.get_name() }}.attributionControl.addAttribution({{ this.text_json }});
        {% endmacro %}
        """
    )

    def __init__(self, text: str) -> None:
        super().__init__()
        self._name = "Attribution"
        self.text_json = json.dumps(text).replace("</", "<\\/")


def legend_html(
    kinds: Sequence[str],
    texts: Mapping[str, str],
    kind_labels: Mapping[str, str],
    styles: Mapping[str, Mapping[str, str]] = KIND_STYLES,
) -> str:
    rows = []
    for kind in kinds:
        style = styles[kind]
        rows.append(
            "<div><span style='display:inline-block;width:12px;height:12px;border-radius:50%;"
            f"background:{style['fill']};border:2px solid {style['color']};"
            f"vertical-align:middle;margin-right:6px'></span>{escape(kind_labels[kind])}</div>"
        )
    rows.append(f"<div style='margin-top:4px;color:#555'>{escape(texts['legend_size'])}</div>")
    rows.append(f"<div style='color:#555'>{escape(texts['legend_dashed'])}</div>")
    return f"<b>{escape(texts['legend_title'])}</b>" + "".join(rows)


def build_outreach_map(
    sites: Sequence[SiteOnMap],
    *,
    texts: Mapping[str, str],
    kind_labels: Mapping[str, str],
    assets: MapAssets,
    outline: dict | None = None,
    outline_attribution: str | None = None,
    heat: bool = True,
    selected: str | None = None,
    committee: bool = False,
    kind_colors: Mapping[str, str] | None = None,
) -> folium.Map:
    """Build the outreach map. `texts` holds the translated labels the map shows;
    `kind_colors` the organisation's colour per site kind."""
    styles = kind_styles(kind_colors) if kind_colors else KIND_STYLES
    bounds = opening_bounds(sites, outline)
    if bounds is None:
        center = list(DENMARK)
    else:
        (south, west), (north, east) = bounds
        center = [(south + north) / 2, (west + east) / 2]
    fmap = folium.Map(location=center, zoom_start=11, tiles=None)
    if assets.tiles_url:
        folium.TileLayer(
            tiles=assets.tiles_url,
            attr=assets.tiles_attribution,
            name=texts["base_map"],
            control=False,
        ).add_to(fmap)
    if outline:
        folium.GeoJson(
            outline,
            name=texts["outline"],
            style_function=lambda _feature: {
                "color": "#3d405b",
                "weight": 2,
                "fillOpacity": 0.03,
                "dashArray": "6 4",
            },
            interactive=False,
        ).add_to(fmap)

    most = max((s.contacts or 0 for s in sites), default=0)
    kinds = [k for k in styles if any(s.kind == k for s in sites)]
    groups = {
        kind: folium.FeatureGroup(name=escape(kind_labels[kind]), show=True).add_to(fmap)
        for kind in kinds
    }
    # The busiest sites get their names shown first where labels would overlap.
    ranks = {
        s.id: rank
        for rank, s in enumerate(sorted(sites, key=lambda s: (-(s.contacts or 0), s.name)))
    }
    for site in sites:
        style = styles[site.kind]
        is_selected = site.id == selected
        radius = marker_radius(site.contacts, most)
        folium.CircleMarker(
            location=[site.lat, site.lon],
            radius=radius,
            color=SELECTED_COLOR if is_selected else style["color"],
            weight=5 if is_selected else (3 if site.kind == "treatment" else 2),
            fill=True,
            fill_color=style["fill"],
            fill_opacity=0.75,
            dash_array="4 3" if site.precision != "exact" else None,
            popup=folium.Popup(
                popup_html(site, texts, kind_labels[site.kind], committee), max_width=320
            ),
            tooltip=folium.Tooltip(escape(site.name)),
        ).add_to(groups[site.kind])
        # The name only, in every mode: a label never carries a count.
        label_marker(site.lat, site.lon, site.name, ranks[site.id], radius + 4).add_to(
            groups[site.kind]
        )

    if heat:
        # Shown counts only (a hidden site adds no heat: its weight would be its count).
        points = [[s.lat, s.lon, s.contacts] for s in sites if s.contacts and s.contacts > 0]
        if points:
            HeatMap(
                points,
                name=texts["heat"],
                show=False,
                radius=30,
                blur=20,
                max_zoom=13,
            ).add_to(fmap)

    folium.LayerControl(collapsed=False).add_to(fmap)
    fmap.add_child(_Legend(legend_html(kinds, texts, kind_labels, styles), outline_attribution))
    fmap.add_child(LabelDeclutter())
    fit(fmap, bounds)
    assets.apply(fmap)
    return fmap
