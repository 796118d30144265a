"""The map builder without Streamlit: markers, styles, popups, escaping, assets."""

import datetime as dt

import folium
import pytest

from data_access.settings import PROJECT_ROOT
from maps.assets import LOCAL_FILES, MapAssets, assets_from_settings
from maps.outreach_map import (
    KIND_STYLES,
    SELECTED_COLOR,
    SiteOnMap,
    build_outreach_map,
    marker_radius,
    popup_html,
)

TEXTS = {
    "kind": "Type",
    "address": "Adresse",
    "opening_hours": "Åbningstider",
    "contacts": "Kontakter",
    "persons": "Personer",
    "last_visit": "Seneste besøg",
    "days_since": "Dage siden",
    "days": "{n} dage",
    "never": "aldrig",
    "approximate": "Omtrentlig placering",
    "legend_title": "Stedtyper",
    "legend_size": "Størrelse = kontakter",
    "legend_dashed": "Stiplet = omtrentlig",
    "heat": "Varmekort",
    "outline": "Kommunegrænse",
    "base_map": "Baggrundskort",
}
KINDS = {
    "public": "Offentligt sted",
    "partner": "Partner",
    "municipal": "Kommunalt",
    "treatment": "Behandling",
}
EVIL = "<script>alert(1)</script>"


def _site(site_id, kind="public", contacts=5, precision="approximate", name=None, **extra):
    return SiteOnMap(
        id=site_id,
        name=name or site_id.title(),
        kind=kind,
        address="Gade 1 & 2",
        lat=56.0 + sum(map(ord, site_id)) / 100_000,
        lon=12.6,
        precision=precision,
        opening_hours="24/7",
        contacts=contacts,
        persons=min(contacts, 3),
        last_visit=dt.datetime(2025, 12, 1, 14, 30) if contacts else None,
        days_since=30 if contacts else None,
        **extra,
    )


SITES = [
    _site("station", contacts=40, precision="exact"),
    _site("stubben", kind="partner", contacts=10),
    _site("porten", kind="municipal", contacts=0),
    _site("center", kind="treatment", contacts=0),
    _site("evil", name=EVIL, contacts=3),
]


def _build(**kwargs) -> folium.Map:
    defaults = dict(texts=TEXTS, kind_labels=KINDS, assets=MapAssets(tiles_url=None))
    return build_outreach_map(SITES, **{**defaults, **kwargs})


def _markers(fmap: folium.Map) -> list[folium.CircleMarker]:
    found = []

    def walk(element):
        for child in element._children.values():
            if isinstance(child, folium.CircleMarker):
                found.append(child)
            walk(child)

    walk(fmap)
    return found


def test_one_marker_per_site_in_a_layer_per_kind():
    fmap = _build()
    assert len(_markers(fmap)) == len(SITES)
    groups = [c for c in fmap._children.values() if isinstance(c, folium.FeatureGroup)]
    assert sorted(g.layer_name for g in groups) == sorted(KINDS.values())
    assert any(isinstance(c, folium.LayerControl) for c in fmap._children.values())


def test_styles_by_kind_size_by_contacts_and_dashed_when_approximate():
    markers = {m.location[0]: m for m in _markers(_build())}
    by_id = {s.id: markers[s.lat] for s in SITES}
    assert by_id["stubben"].options["fillColor"] == KIND_STYLES["partner"]["fill"]
    assert by_id["center"].options["fillColor"] == KIND_STYLES["treatment"]["fill"]
    assert by_id["station"].options["radius"] > by_id["stubben"].options["radius"]
    assert by_id["stubben"].options["radius"] > by_id["porten"].options["radius"]
    assert by_id["station"].options.get("dashArray") is None  # exact position
    assert by_id["stubben"].options["dashArray"] == "4 3"


def test_marker_radius_grows_with_contacts():
    assert marker_radius(0, 40) == marker_radius(5, 0) == 6.0
    assert marker_radius(10, 40) < marker_radius(40, 40) == 22.0


def test_popup_has_the_facts_and_the_approximate_notice():
    html = popup_html(SITES[1], TEXTS, "Partner")
    for expected in (
        "Stubben",
        "Partner",
        "Gade 1 &amp; 2",
        "24/7",
        "10",
        "01-12-2025 14:30",
        "30 dage",
        "Omtrentlig placering",
    ):
        assert expected in html
    assert "Omtrentlig placering" not in popup_html(SITES[0], TEXTS, "Offentligt sted")
    assert "aldrig" in popup_html(SITES[2], TEXTS, "Kommunalt")


def test_names_are_escaped_everywhere():
    rendered = _build().get_root().render()
    assert EVIL not in rendered
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in rendered


def test_selected_site_stands_out():
    markers = {m.location[0]: m for m in _markers(_build(selected="stubben"))}
    assert markers[SITES[1].lat].options["color"] == SELECTED_COLOR
    assert markers[SITES[0].lat].options["color"] != SELECTED_COLOR


def test_heat_layer_and_outline_are_optional():
    outline = {"type": "FeatureCollection", "features": []}
    with_all = _build(outline=outline, outline_attribution="DAGI").get_root().render()
    assert "heatLayer" in with_all and "DAGI" in with_all
    without = _build(heat=False).get_root().render()
    assert "heatLayer" not in without


def test_local_assets_reach_no_cdn_and_exist():
    rendered = (
        _build(assets=MapAssets(local_base="/app/static/", tiles_url=None)).get_root().render()
    )
    assert "/app/static/vendor/leaflet/leaflet.js" in rendered
    for host in ("cdn.jsdelivr.net", "cdnjs.cloudflare.com", "code.jquery.com", "netdna"):
        assert host not in rendered
    for path in LOCAL_FILES.values():
        assert (PROJECT_ROOT / "static" / path).is_file(), path


def test_cdn_mode_keeps_folium_defaults():
    rendered = _build(assets=MapAssets(local_base=None, tiles_url=None)).get_root().render()
    assert "cdn.jsdelivr.net/npm/leaflet" in rendered


@pytest.mark.parametrize(
    ("tiles", "expected_url"),
    [
        ("osm", "https://tile.openstreetmap.org/{z}/{x}/{y}.png"),
        ("none", None),
        ("https://kort.example.dk/{z}/{x}/{y}.png", "https://kort.example.dk/{z}/{x}/{y}.png"),
    ],
)
def test_assets_from_settings(tiles, expected_url):
    assets = assets_from_settings("local", tiles)
    assert assets.tiles_url == expected_url
    assert assets.local_base == "/app/static/"
    assert assets_from_settings("cdn", tiles).local_base is None


def test_an_empty_map_still_builds():
    fmap = build_outreach_map([], texts=TEXTS, kind_labels=KINDS, assets=MapAssets(tiles_url=None))
    assert _markers(fmap) == []


def test_a_click_is_matched_to_its_site_by_name_then_distance():
    from ui.outreach_view import site_for_click

    twins = [_site("a", name="Twin"), _site("bb", name="Twin"), _site("c", name="Other")]
    assert site_for_click(twins, "Other", None, None) == "c"
    assert site_for_click(twins, " Other ", 0.0, 0.0) == "c"
    assert site_for_click(twins, "Twin", twins[1].lat + 0.0001, 12.6) == "bb"
    assert site_for_click(twins, "Nobody", twins[0].lat, 12.6) is None
    assert site_for_click(twins, None, twins[0].lat, 12.6) is None
