"""Committee comparisons in the app (issue 15): a cell is compared with the same cell a year
earlier by default, "previous period" is a choice kept in the URL (?compare=previous), the
deltas are differences of the published figures, and the subtitle and the deltas say which
comparison (or why there is none)."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from data_access import cached
from data_access.db import create_engine_for
from data_access.overview import data_extent
from data_access.publication import publish, store
from data_access.publication.cells import ALL, Cell, SiteScope, find_period
from tests.app.conftest import page_tables
from tests.app.test_committee_app import _demo, _open  # noqa: F401 (the demo fixture)

OVERVIEW, CASELOAD = "pages/overview.py", "pages/caseload.py"


def _subtitle(at: AppTest) -> str:
    return at.caption[1].value


def _changes(at: AppTest) -> str:
    """What the cards' changes are against: said once under their row, never under each
    card's delta (issue 29: a narrow card broke it into one word per line)."""
    assert not any(m.proto.delta_description for m in at.metric)
    return " ".join(c.value for c in at.caption)


def _param(at: AppTest, key: str):
    value = at.query_params.get(key)
    return value[0] if isinstance(value, list) else value


def test_a_quarter_is_compared_with_the_same_quarter_a_year_earlier(demo_db_url, helsingor):
    at = _open(OVERVIEW, period="2025-Q1")
    assert "sammenlignet med samme periode sidste år" in _subtitle(at)
    assert "1. jan. 2024 – 31. mar. 2024" in _subtitle(at)
    assert "mod samme periode sidste år" in _changes(at)
    assert _param(at, "compare") is None  # the default stays out of the URL
    # The deltas are the published figures' differences: 2025-Q1 against 2024-Q1's own.
    engine = create_engine_for(demo_db_url)
    first, last = data_extent(engine)
    pub = store.build(engine, helsingor, first, last)
    now, before = (
        publish.overview(
            pub, engine, helsingor, Cell(find_period(list(pub.periods), p), SiteScope("all"), ALL)
        )
        for p in ("2025-Q1", "2024-Q1")
    )
    engine.dispose()
    contacts = next(m for m in at.metric if m.label == "Kontakter")
    expected = now.outreach.contacts - before.outreach.contacts
    assert int(contacts.delta.replace("−", "-").replace(".", "")) == expected
    assert expected % 5 == 0


def test_the_previous_period_is_a_choice_kept_in_the_url():
    at = _open(OVERVIEW, period="2025-Q1")
    at.sidebar.radio(key="compare_widget").set_value("previous").run()
    assert not at.exception
    assert _param(at, "compare") == "previous"
    assert _param(at, "period") == "2025-Q1"
    assert "sammenlignet med forrige periode" in _subtitle(at)
    assert "1. okt. 2024 – 31. dec. 2024" in _subtitle(at)
    assert "mod forrige periode" in _changes(at)
    # A new session from the link opens on the same comparison.
    again = _open(OVERVIEW, period="2025-Q1", compare="previous")
    assert "1. okt. 2024 – 31. dec. 2024" in _subtitle(again)
    assert again.sidebar.radio(key="compare_widget").value == "previous"


def test_months_and_years():
    month = _open(OVERVIEW, period="2025-03")
    assert "1. mar. 2024 – 31. mar. 2024" in _subtitle(month)
    year = _open(OVERVIEW, period="2025")
    assert "1. jan. 2024 – 31. dec. 2024" in _subtitle(year)
    assert any(m.delta for m in year.metric)


def test_without_a_year_earlier_cell_no_delta_and_a_reason():
    engine = create_engine_for(cached.database_url())
    first_year = data_extent(engine)[0].year
    engine.dispose()
    at = _open(OVERVIEW, period=f"{first_year}-Q4")
    assert "ingen sammenligning" in _subtitle(at)
    assert "uden for data" in _subtitle(at)
    assert all(not m.delta for m in at.metric)
    assert "ingen data for samme periode sidste år" in _changes(at)


def test_the_project_period_offers_no_comparison():
    at = _open(OVERVIEW, period="project")
    assert not [r for r in at.sidebar.radio if r.key == "compare_widget"]
    assert "sammenlignet" not in _subtitle(at)
    assert "ingen sammenligning" in _changes(at)


def test_the_caseload_comparison_table_says_last_year():
    at = _open(CASELOAD, period="2025-Q2")
    columns = {c for df in page_tables(at) for c in df.columns}
    assert "Starter (sidste år)" in columns
    captions = " ".join(c.value for c in at.caption)
    assert "1. apr. 2024 – 30. jun. 2024" in captions
