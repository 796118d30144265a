"""Folium's runtime templates are compiled once per distinct source (maps/templates.py)."""

from __future__ import annotations

import branca.element
import folium
import jinja2

import maps  # noqa: F401  (installs the shared compilation)
from maps.templates import compiled


def test_elements_made_with_the_same_text_share_one_compiled_template():
    first = branca.element.Element("<b>{{ this.get_name() }}</b>")
    second = branca.element.Element("<b>{{ this.get_name() }}</b>")
    assert first._template is second._template
    assert isinstance(first._template, jinja2.Template)


def test_a_shared_template_renders_each_element_with_its_own_values():
    popups = [folium.Popup(f"Sted {n}") for n in range(3)]
    rendered = [p.html.render() for p in popups]
    assert all(f"Sted {n}" in html for n, html in enumerate(rendered))


def test_a_map_with_shared_templates_still_renders_every_marker():
    def build() -> str:
        m = folium.Map(location=[56.03, 12.6], zoom_start=12, tiles=None)
        for n in range(5):
            folium.CircleMarker(
                [56.03 + n / 100, 12.6], radius=5, popup=f"Sted {n}", tooltip=f"T {n}"
            ).add_to(m)
        html = m.get_root().render()
        return html

    assert compiled("{{ x }}") is compiled("{{ x }}")
    html = build()
    assert html.count("circle_marker_") >= 5 and all(f"Sted {n}" in html for n in range(5))


TEXTS = [
    "<b>Vor Frue Kloster</b>",
    "linje 1\nlinje 2\n",
    "ends with two\n\n",
    "windows\r\nline endings\r\n",
    "old mac\rline\r",
    "",
    "\n",
    "  spaces and tabs\t\n",
    "Æblehaven & <i>ø</i> \u00a0",
]


def test_text_without_markup_renders_exactly_as_jinja_renders_it():
    for text in TEXTS:
        assert compiled(text).render(this=None, kwargs={}) == jinja2.Template(text).render()


def test_text_with_markup_is_still_compiled():
    for text in ("{{ x }}", "a {% if x %}b{% endif %}", "{# note #} c"):
        template = compiled(text)
        assert isinstance(template, jinja2.Template)
        assert template.render(x=1) == jinja2.Template(text).render(x=1)


def test_the_outreach_map_renders_the_same_with_plain_text_uncompiled(monkeypatch):
    """The whole outreach map's HTML, with folium's rendered popups kept as plain text and
    with every one compiled as Jinja (element ids, random per element, aside)."""
    import re

    from maps import templates
    from tests.unit.test_outreach_map import _build

    def render() -> str:
        html = _build(selected="station").get_root().render()
        return re.sub(r"[0-9a-f]{32}", "ID", html)

    plain = render()
    for module in (branca.element, folium.features, folium.map):
        if getattr(module, "Template", None) is not None:
            monkeypatch.setattr(module, "Template", templates._compile)
    assert render() == plain
