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
_JINJA_MARKUP = ("{{", "{%", "{#")


class PlainText:
    """What a Jinja template without any markup renders to, without compiling it.

    folium wraps text it has already rendered (each popup's, each included element's) in a
    new Element, whose text is then compiled as a template of its own: a distinct text per
    site on every rerun, so no cache helps (a fifth of the outreach page's rerun). Such text
    has no Jinja markup, and Jinja renders it as it is, line endings made "\n" and one
    trailing newline dropped (its defaults); so does this."""

    def __init__(self, source: str) -> None:
        text = source.replace("\r\n", "\n").replace("\r", "\n")
        self.text = text[:-1] if text.endswith("\n") else text

    def render(self, *args: object, **kwargs: object) -> str:
        return self.text


def compiled(source: str) -> jinja2.Template | PlainText:
    """The template for `source`, compiled on first use (text without markup: not at all)."""
    if not any(markup in source for markup in _JINJA_MARKUP):
        return PlainText(source)
    return _compile(source)


def install() -> None:
    """Route branca's and folium's runtime `Template(...)` calls through the shared cache
    (the class-level templates are compiled once at import anyway)."""
    for module in (branca.element, folium.features, folium.map):
        if getattr(module, "Template", None) is jinja2.Template:
            module.Template = compiled  # type: ignore[attr-defined]
