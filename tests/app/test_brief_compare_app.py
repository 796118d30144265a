"""The overview page's brief button passes the page's comparison: the same quarter a year
earlier by default, the previous quarter with ?compare=previous (or the sidebar's choice)."""

from __future__ import annotations

import io

from pypdf import PdfReader
from streamlit.testing.v1 import AppTest

from tests.app.test_committee_app import _demo, _open  # noqa: F401 (the demo fixture)

OVERVIEW = "pages/overview.py"


def _brief_text(at: AppTest) -> str:
    at.button(key="brief-make").click().run()
    assert not at.exception, [e.value for e in at.exception]
    _, pdf = at.session_state["_made-brief"]
    reader = PdfReader(io.BytesIO(pdf))
    return " ".join(page.extract_text() for page in reader.pages).replace("\n", " ")


def test_the_brief_follows_the_pages_comparison():
    at = _open(OVERVIEW, period="2025-Q3")
    text = _brief_text(at)
    assert "samme kvartal sidste år (K3 2024)" in text
    assert "forrige kvartal" not in text
    # The sidebar's choice: the previous period; the brief made before is for the other one.
    at.radio(key="compare_widget").set_value("previous").run()
    text = _brief_text(at)
    assert "forrige kvartal (K2 2025)" in text
    assert "sidste år" not in text


def test_the_brief_takes_the_comparison_from_the_url_in_english():
    at = _open(OVERVIEW, period="2025-Q3", compare="previous", lang="en")
    text = _brief_text(at)
    assert "the previous quarter (Q2 2025)" in text
