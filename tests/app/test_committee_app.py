"""Committee mode in AppTest: on every page, no count of 1-4 is shown and no pseudonym."""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from bench.app_test import app_test
from tests.app.conftest import page_tables

SMALL = {"1", "2", "3", "4"}
COUNT_COLUMNS = {
    "pages/overview.py": set(),
    "pages/outreach.py": {"Kontakter", "Personer", "Anonyme kontakter"},
    "pages/caseload.py": {
        "0–7 dage",
        "8–14 dage",
        "over 14 dage",
        "Aktive ved slut",
        "Anmodninger",
        "Starter",
        "Afslutninger",
        "Aktive ved slut (forrige)",
        "Anmodninger (forrige)",
        "Starter (forrige)",
        "Afslutninger (forrige)",
        # Compared with the same period last year (the default for a month or quarter).
        "Aktive ved slut (sidste år)",
        "Anmodninger (sidste år)",
        "Starter (sidste år)",
        "Afslutninger (sidste år)",
    },
}


def _open(page: str, **params) -> AppTest:
    at = app_test(default_timeout=60)
    at.query_params["role"] = "admin"  # committee mode switched on by staff
    at.query_params["committee"] = "1"
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    at.switch_page(page).run()
    assert not at.exception
    return at


@pytest.fixture(autouse=True)
def _demo(monkeypatch, demo_db_url):
    monkeypatch.setenv("BROBYGGER_DATABASE_URL", demo_db_url)


def _numbers(text: str) -> set[str]:
    return set(re.findall(r"(?<![\d.,:–-])\d+(?![\d.,:%])", text))


@pytest.mark.parametrize("page", list(COUNT_COLUMNS))
@pytest.mark.parametrize("period", ["month", "quarter", "project"])
def test_no_count_of_one_to_four_is_shown(page, period):
    at = _open(page, period=period)
    for metric in at.metric:
        assert metric.value not in SMALL, (metric.label, metric.value)
        assert metric.proto.delta.lstrip("+-") not in SMALL, (metric.label, metric.proto.delta)
    for table in page_tables(at):
        for column in COUNT_COLUMNS[page] & set(table.columns):
            shown = {str(v) for v in table[column]}
            assert not shown & SMALL, (column, shown)
    # Captions that carry counts: "heraf 3 anonyme", "Nået: 3 → ...".
    for caption in at.caption:
        text = caption.value
        if any(word in text for word in ("heraf", "Nået:", "starter inden")):
            assert not _numbers(text.split("(")[0]) & SMALL, text


def test_the_data_page_with_its_pseudonyms_is_gone():
    at = _open("pages/overview.py")
    at.switch_page("pages/data.py").run()  # the URL still resolves, to a refusal
    assert not at.exception
    assert any("udvalgsvisning" in w.value for w in at.warning)
    assert not at.tabs
    assert not [s for s in at.selectbox if s.key == "log_person"]


def test_small_counts_show_as_less_than_five():
    at = _open("pages/caseload.py", period="month")
    assert "<5" in " ".join(str(v) for f in page_tables(at) for v in f.to_numpy().ravel())


def test_a_link_with_several_sites_says_what_committee_mode_shows_instead():
    at = app_test(default_timeout=60)
    at.query_params["role"] = "admin"  # committee mode switched on by staff
    at.query_params["committee"] = "1"
    at.query_params["site"] = ["helsingor-station", "kronborg"]
    at.run()
    assert not at.exception
    warnings = " ".join(w.value for w in at.sidebar.warning)
    assert "erstattet af Alle steder" in warnings, warnings
    # A link naming one site is not a union: no warning.
    at = app_test(default_timeout=60)
    at.query_params["role"] = "admin"  # committee mode switched on by staff
    at.query_params["committee"] = "1"
    at.query_params["site"] = "kronborg"
    at.run()
    assert not [w for w in at.sidebar.warning if "erstattet" in w.value]


def test_the_period_picker_starts_with_the_project_and_names_a_running_period():
    """The year picker offered 2023, before any outreach, and the running year as if whole
    (issue 29); the banner pointed to a file a committee member cannot open, and "–" was
    not explained on the page."""
    from data_access import cached
    from language import format as fmt

    at = _open("pages/overview.py", period="2025")
    box = next(s for s in at.sidebar.selectbox if s.label == "Periode")
    labels = list(box.options)  # as shown
    start = cached.organisation().outreach.start
    assert str(start.year - 1) not in " ".join(labels), labels
    extent = cached.data_extent()
    if extent and (extent[1].month, extent[1].day) != (12, 31):  # the data ends in a year
        running = [label for label in labels if label.startswith(str(extent[1].year))]
        assert running and "(til " in running[0] and fmt.date(extent[1], "da") in running[0]
    banner = " ".join(c.value for c in at.sidebar.caption)
    assert "docs/" not in banner and "– betyder" in banner
