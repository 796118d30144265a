"""Folium's templates compiled once per process.

branca compiles a Jinja template for every map element created with template text (every
popup, tooltip and marker body), and folium's features do the same inside their constructors:
on a page rerun that is most of the map's cost (about a hundred compilations of the same few
strings). A compiled `jinja2.Template` is immutable and safe to render from several threads, so
one compilation per distinct source is shared. Imported by every map builder (maps/__init__.py)
before any element is made.
"""

from __future__ import annotations

from functools import lru_cache

import branca.element
import folium.features
import folium.map
import jinja2

_compile = lru_cache(maxsize=512)(jinja2.Template)


def compiled(source: str) -> jinja2.Template:
    """The template for `source`, compiled on first use."""
    return _compile(source)


def install() -> None:
    """Route branca's and folium's runtime `Template(...)` calls through the shared cache
    (the class-level templates are compiled once at import anyway)."""
    for module in (branca.element, folium.features, folium.map):
        if getattr(module, "Template", None) is jinja2.Template:
            module.Template = compiled  # type: ignore[attr-defined]
