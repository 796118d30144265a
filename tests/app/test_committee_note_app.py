"""Under a committee chart, the note says what its marks mean: "<5" always, and "–" (withheld)
whenever one of its figures is withheld, in the page's language."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest


def _note(marks: list[str], lang: str) -> list[str]:
    def script(marks: list[str], lang: str) -> None:
        import pandas as pd
        import streamlit as st

        from ui.charts.render import committee_note

        st.session_state["lang"] = lang
        frame = pd.DataFrame({"contacts": [5, None, None], "contacts_shown": marks})
        committee_note([(frame, "contacts")])

    at = AppTest.from_function(script, kwargs={"marks": marks, "lang": lang})
    at.run()
    assert not at.exception
    return [c.value for c in at.caption]


def test_a_withheld_figure_is_explained():
    captions = _note(["", "<5", "–"], "da")
    assert any("<5" in c for c in captions)
    assert any(c.startswith("– betyder") for c in captions), captions


def test_without_a_withheld_figure_only_the_rounding_is_explained():
    captions = _note(["", "<5", "<5"], "da")
    assert len(captions) == 1 and "–" not in captions[0]


def test_in_english():
    captions = _note(["", "–", ""], "en")
    assert any(c.startswith("– means the figure is withheld") for c in captions), captions
