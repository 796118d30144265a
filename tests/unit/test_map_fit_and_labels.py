"""Where the maps open and their site names (issue 16, item 8): the outreach map is fitted to
the sites with activity in the filter (then every site, then the municipality's outline) with a
maximum zoom; both maps label their sites by name, and a label never carries a count."""

from __future__ import annotations

import json
import re
from dataclasses import replace

import folium
from folium.map import FitBounds

from maps.assets import MapAssets
from maps.outreach_map import build_outreach_map, opening_bounds
from maps.route_map import MapPoint, build_route_map
from maps.site_labels import LABEL_CLASS, LABEL_MIN_ZOOM, OPENING_MAX_ZOOM, outline_bounds
from tests.unit.test_outreach_map import KINDS, SITES, TEXTS, _site

NO_TILES = MapAssets(tiles_url=None)


def _build(sites, **kwargs) -> folium.Map:
    return build_outreach_map(sites, texts=TEXTS, kind_labels=KINDS, assets=NO_TILES, **kwargs)


def _fit(fmap: folium.Map) -> FitBounds:
    fits = [c for c in fmap._children.values() if isinstance(c, FitBounds)]
    assert len(fits) == 1
    return fits[0]


def _bounds(sites) -> list[list[float]]:
    return [
        [min(s.lat for s in sites), min(s.lon for s in sites)],
        [max(s.lat for s in sites), max(s.lon for s in sites)],
    ]


def _labels(fmap: folium.Map) -> dict[str, int]:
    """Label text -> rank, from the map's rendered HTML."""
    icons = re.findall(r'"html": ("(?:[^"\\]|\\.)*")', fmap.get_root().render())
    html = "".join(json.loads(icon) for icon in icons)  # the icons' HTML, as Leaflet gets it
    found = re.findall(rf"<span class='{LABEL_CLASS}' data-rank='(\d+)'[^>]*>([^<]*)</span>", html)
    return {text: int(rank) for rank, text in found}


SPREAD = [
    replace(_site("station", contacts=40), lat=56.03, lon=12.61),
    replace(_site("stubben", kind="partner", contacts=10), lat=56.04, lon=12.58),
    replace(_site("camping", contacts=0), lat=56.10, lon=12.40),  # no contacts in the period
    replace(_site("center", kind="treatment", contacts=0), lat=55.98, lon=12.70),
]


def test_the_map_opens_on_the_sites_with_activity():
    fit = _fit(_build(SPREAD))
    assert fit.bounds == _bounds(SPREAD[:2])
    assert fit.options["maxZoom"] == OPENING_MAX_ZOOM


def test_without_activity_it_opens_on_every_site_then_on_the_outline():
    quiet = [replace(s, contacts=0) for s in SPREAD]
    assert _fit(_build(quiet)).bounds == _bounds(quiet)
    outline = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "geometry": {
                    "type": "MultiPolygon",
                    "coordinates": [[[[12.3, 55.9], [12.7, 55.9], [12.5, 56.2], [12.3, 55.9]]]],
                },
            }
        ],
    }
    assert outline_bounds(outline) == ((55.9, 12.3), (56.2, 12.7))
    assert _fit(_build([], outline=outline)).bounds == [[55.9, 12.3], [56.2, 12.7]]
    assert opening_bounds([], None) is None  # nothing to fit: the map opens on Denmark


def test_committee_figures_hidden_as_less_than_five_count_as_activity_withheld_do_not():
    hidden = replace(SPREAD[2], contacts=None, contacts_text="<5")
    withheld = replace(SPREAD[3], contacts=None, contacts_text="–")
    assert hidden.has_activity and not withheld.has_activity
    fit = _fit(_build([*SPREAD[:2], hidden, withheld], committee=True))
    assert fit.bounds == _bounds([*SPREAD[:2], hidden])


def test_every_site_is_labelled_by_name_busiest_first():
    fmap = _build(SITES)
    labels = _labels(fmap)
    names = {s.name for s in SITES if "<" not in s.name}
    assert names <= set(labels)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in labels  # escaped like every name
    assert labels["Station"] == 0  # 40 contacts: its name wins where labels would overlap
    assert labels["Station"] < labels["Stubben"] < labels["Porten"]
    html = fmap.get_root().render()
    assert f"var minZoom = {LABEL_MIN_ZOOM};" in html  # hidden below a whole-municipality view
    assert '"interactive": false' in html  # a label never takes a click from its site


def test_committee_labels_are_names_only():
    committee = [
        replace(s, contacts=None, contacts_text="<5", persons=None, persons_text="<5")
        for s in SPREAD
    ]
    labels = _labels(_build(committee, committee=True))
    assert set(labels) == {s.name for s in committee}


def test_the_route_map_labels_its_stops_and_opens_on_the_route():
    start = MapPoint("Rusmiddelcenter", 56.03, 12.60, label="S")
    stops = [
        MapPoint("Station", 56.04, 12.61, kind="public", label="1"),
        MapPoint("Stubben", 56.05, 12.58, kind="partner", label="2"),
    ]
    fmap = build_route_map(start, start, stops, assets=NO_TILES)
    labels = _labels(fmap)
    assert {"Rusmiddelcenter", "Station", "Stubben"} <= set(labels)
    assert labels["Station"] < labels["Stubben"]  # route order
    fit = _fit(fmap)
    assert fit.bounds == [[56.03, 12.58], [56.05, 12.61]]
    assert fit.options["maxZoom"] == OPENING_MAX_ZOOM
