"""The user's language in the UI: the catalogues and `translate` live in language/ (gettext
PO files, no Streamlit); here is only which language this session speaks, and `t`."""

from __future__ import annotations

import streamlit as st

from language import DEFAULT_LANGUAGE, LANGUAGES, TEXTS, translate

__all__ = ["DEFAULT_LANGUAGE", "LANGUAGES", "LANGUAGE_KEY", "TEXTS", "current_language", "t"]
__all__ += ["translate"]

LANGUAGE_KEY = "lang"


def current_language() -> str:
    lang = st.session_state.get(LANGUAGE_KEY, DEFAULT_LANGUAGE)
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


def t(key: str, **values: object) -> str:
    """The text for `key` in the user's language, with `values` filled in."""
    return translate(key, current_language(), **values)
