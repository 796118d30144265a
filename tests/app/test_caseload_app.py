"""The caseload page in AppTest: filter combinations, empty selection, focus from chart clicks."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from bench.app_test import app_test
from tests.app.conftest import TABS_KEY, every_tab, metrics, page_tables

PAGE = "pages/caseload.py"
TABS = ["Forløb", "Ventetid og garanti", "Afslutninger og kapacitet", "Henvisninger og alder"]


def _open(**params) -> AppTest:
    at = app_test(default_timeout=60)
    at.query_params["role"] = "admin"
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    at.switch_page(PAGE).run()
    assert not at.exception
    return at


@pytest.fixture(autouse=True)
def _demo(monkeypatch, demo_db_url):
    monkeypatch.setenv("BROBYGGER_DATABASE_URL", demo_db_url)


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"period": "quarter"},
        {"period": "month"},
        {"dept": "unge"},
        {"dept": ["stof", "alkohol"], "period": "year"},
    ],
)
def test_the_page_runs_for_filter_combinations(params):
    at = _open(**params)
    assert at.title[0].value == "Behandling"
    shown = metrics(at)
    assert {"Aktive forløb", "Garanti overholdt", "Median ventetid"} <= set(shown)
    assert [tab.label for tab in at.tabs] == TABS
    assert len(at.get("vega_lite_chart")) == 2  # only the open tab is drawn
    charts = tables = 0
    for each in every_tab(at, PAGE):
        assert not each.exception
        charts += len(each.get("vega_lite_chart"))
        tables = max(tables, len(page_tables(each)))
    assert charts >= 8
    assert tables >= 1  # department comparison (and waiting now, if anyone waits)


def test_departments_filter_the_comparison(demo_db_url):
    everything = page_tables(_open())[-1]
    unge = page_tables(_open(dept="unge"))[-1]
    assert list(everything["Afdeling"]) == ["Stof", "Alkohol", "Unge", "Alle"]
    assert list(unge["Afdeling"]) == ["Unge", "Alle"]
    assert unge.iloc[0]["Aktive ved slut"] == unge.iloc[1]["Aktive ved slut"]


def test_the_guarantee_figure_matches_the_database(demo_db_url):
    from sqlalchemy import text

    from data_access.db import create_engine_for

    with create_engine_for(demo_db_url).connect() as conn:
        starts, within = conn.execute(
            text(
                "SELECT count(*), sum(julianday(started_on) - julianday(requested_on) <= 14) "
                "FROM treatment_courses WHERE started_on BETWEEN '2024-01-01' AND '2025-12-31'"
            )
        ).one()
    assert metrics(_open())["Garanti overholdt"] == f"{round(100 * within / starts)} %"


def test_an_empty_selection_explains_itself():
    at = _open(period="custom", **{"from": "2030-01-01", "to": "2030-01-31"})
    assert "Ingen forløb" in at.info[0].value
    assert not at.get("vega_lite_chart")


def test_clicking_a_department_focuses_the_other_charts():
    at = _open()
    at.session_state[TABS_KEY[PAGE]] = TABS[1]  # the waiting list's tab
    at.run()
    waiting_before = page_tables(at)[0]
    at.session_state["caseload_active_chart-0"] = {
        "selection": {"dept_pick": [{"department_label": "Stof"}]}
    }
    at.run()
    assert not at.exception
    assert "Fokus: Stof" in at.info[0].value
    assert set(page_tables(at)[0]["Afdeling"]) <= {"Stof"}
    assert len(waiting_before) > len(page_tables(at)[0])
    assert list(page_tables(at)[-1]["Afdeling"])[:3] == ["Stof", "Alkohol", "Unge"]
    at.button(key="caseload_clear_focus").click().run()
    assert not at.exception
    assert not [i for i in at.info if "Fokus" in i.value]


def test_clicking_a_month_focuses_the_distributions():
    at = _open(period="year")
    at.session_state["caseload_flow_chart-0"] = {
        "selection": {"period_pick": [{"period": "mar. 25"}]}
    }
    at.run()
    assert not at.exception
    assert "1\\. mar. 2025 – 31. mar. 2025" in at.info[0].value or "mar. 2025" in at.info[0].value


def test_english():
    at = _open(lang="en")
    assert at.title[0].value == "Caseload"
    assert "Guarantee kept" in metrics(at)
    assert "Department" in page_tables(at)[-1].columns


def test_every_card_writes_its_change_one_way_and_says_once_what_it_is_against(
    monkeypatch, demo_db_url
):
    """Deltas were "↑ 5", "-125" and "+2" on one page, and the text under each delta broke
    into one word per line in a narrow card (issue 29): every card's delta is a signed text,
    and what the changes are against is said once under the row."""
    import re

    monkeypatch.setenv("BROBYGGER_DATABASE_URL", demo_db_url)
    app = app_test(default_timeout=60)
    app.query_params["role"] = "leder"
    app.query_params["period"] = "2025-Q2"
    app.run()
    app.switch_page("pages/caseload.py").run()
    assert not app.exception
    deltas = [m.proto.delta for m in app.metric if m.proto.delta]
    assert deltas and all(re.match(r"^([+-]\d|0\b)", d) for d in deltas), deltas
    assert not any(m.proto.delta_description for m in app.metric)
    captions = " ".join(c.value for c in app.caption)
    assert "samme periode sidste år" in captions or "forrige periode" in captions
    # The departments table's title names the comparison its columns make.
    title = next(m.value for m in app.markdown if m.value.startswith("**Afdelingerne"))
    table = next(d for d in page_tables(app) if "Aktive ved slut" in d.columns)
    last_year = any("(sidste år)" in str(c) for c in table.columns)
    assert ("sidste år" in title) == last_year and ("forrige" in title) == (not last_year)
