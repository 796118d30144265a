"""Every user-facing string, in Danish (the default) and English.

The catalogue is split by area (ui/texts/<area>.py, one dict each) and merged here; a key may
live in one area only. A test fails when a key lacks a language or a placeholder differs
between languages.
"""

from __future__ import annotations

import streamlit as st

from ui.texts import (
    access,
    brief,
    caseload,
    committee,
    data,
    filters,
    frame,
    imports,
    national,
    opening_hours,
    outreach,
    overview,
    performance,
    product,
    routes,
    today,
)

LANGUAGES = ("da", "en")
DEFAULT_LANGUAGE = "da"
LANGUAGE_KEY = "lang"

AREAS = (
    frame,
    filters,
    overview,
    outreach,
    caseload,
    routes,
    data,
    brief,
    committee,
    national,
    access,
    imports,
    performance,
    product,
    today,
    opening_hours,
)


def _merge(areas: tuple) -> dict[str, dict[str, str]]:
    merged: dict[str, dict[str, str]] = {}
    for area in areas:
        twice = merged.keys() & area.TEXTS.keys()
        if twice:
            raise ValueError(f"text keys defined twice ({area.__name__}): {sorted(twice)}")
        merged.update(area.TEXTS)
    return merged


TEXTS: dict[str, dict[str, str]] = _merge(AREAS)


def current_language() -> str:
    lang = st.session_state.get(LANGUAGE_KEY, DEFAULT_LANGUAGE)
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


def translate(key: str, lang: str, **values: object) -> str:
    text = TEXTS[key][lang]
    return text.format(**values) if values else text


def t(key: str, **values: object) -> str:
    """The text for `key` in the user's language, with `values` filled in."""
    return translate(key, current_language(), **values)
