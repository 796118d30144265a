"""Committee mode as the browser receives it: every page over a spread of publication cells,
every value sent (metrics, texts, tables, every chart dataset field, the map's script and
HTML) holds no count of 1-4; and pairs of views that differ by one period, site, split or
funnel stage never subtract to one.

The exhaustive check of every cell is at the data level (tests/unit/test_publication_sweep.py);
this one proves the pages send nothing but the publication."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from bench.app_test import app_test
from tests.app.payloads import (
    Payload,
    collect,
    collect_every_tab,
    map_counts,
    open_chart_tables,
    small_count,
    text_counts,
)

PERIODS = ["2024-01", "2025-03", "2024-Q2", "2025-H1", "2024", "project"]
SCOPES = [{}, {"kind": "partner"}, {"site": "vor-frue-kloster"}]
NOT_COUNT_COLUMNS = ("Median", "P90", "median", "#")  # waiting days; a route's stop numbers


@pytest.fixture(autouse=True)
def _demo(monkeypatch, demo_db_url):
    monkeypatch.setenv("BROBYGGER_DATABASE_URL", demo_db_url)


def open_committee(page: str, **params: str) -> AppTest:
    at = app_test(default_timeout=120)
    at.query_params["role"] = "admin"  # committee mode switched on by staff
    at.query_params["committee"] = "1"
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    at.switch_page(page).run()
    open_chart_tables(at)  # what a screen reader's table of each chart sends, too
    assert not at.exception, [e.value for e in at.exception]
    return at


def assert_no_small_count(payload: Payload, where: str) -> None:
    for label, value, delta in payload.metrics:
        assert not small_count(value), (where, label, value)
        assert not small_count(delta.lstrip("+-")), (where, label, delta)
    for table in payload.tables:
        for column in table.columns:
            if any(word in str(column) for word in NOT_COUNT_COLUMNS):
                continue
            for value in table[column].tolist():
                assert not small_count(value), (where, column, value)
    for name, value in payload.chart_counts():
        assert not small_count(value), (where, "chart field", name, value)
    for args in payload.maps:
        for name, value in map_counts(args):
            assert not small_count(value), (where, "map", name, value)
    for text in payload.texts:
        assert not set(text_counts(text)) & {1, 2, 3, 4}, (where, text)


def _cases() -> list[tuple[str, dict[str, str]]]:
    cases = []
    for period in PERIODS:
        for scope in SCOPES:
            cases.append(("pages/outreach.py", {"period": period, **scope}))
            cases.append(("pages/overview.py", {"period": period, **scope}))
        for dept in ({}, {"dept": "unge"}):
            cases.append(("pages/caseload.py", {"period": period, **dept}))
    cases.append(("pages/overview.py", {"period": "2025-Q1", "kind": "public", "dept": "alkohol"}))
    cases.append(("pages/routes.py", {}))
    cases.append(("pages/national.py", {}))
    return cases


@pytest.mark.parametrize(("page", "params"), _cases(), ids=lambda v: str(v))
def test_nothing_sent_holds_a_count_of_one_to_four(page, params):
    at = open_committee(page, **params)
    payload = collect_every_tab(at, page)
    assert payload.metrics or payload.tables or payload.datasets or payload.texts, "nothing sent"
    assert_no_small_count(payload, f"{page} {params}")


def test_the_map_sends_protected_popups_radii_and_heat():
    at = open_committee("pages/outreach.py", period="2024-01")
    (args,) = collect(at).maps
    popups = map_counts(args)
    assert popups and any(value == "<5" for _, value in popups)
    # A hidden site's circle is drawn at the smallest size: no radius says more than its popup.
    assert '"radius": 6.0' in args["script"]
    assert "Seneste besøg" not in args["script"]  # a last visit dates a contact


def _shown_numbers(payload: Payload) -> set[int]:
    numbers = set()
    for _, value, _ in payload.metrics:
        text = value.replace(".", "").strip()
        if text.isdigit():
            numbers.add(int(text))
    for _, value in payload.chart_counts():
        if isinstance(value, int | float) and value == value and float(value).is_integer():
            numbers.add(int(value))
    return numbers


@pytest.mark.parametrize(
    ("page", "first", "second"),
    [
        ("pages/overview.py", {"period": "2025-Q1"}, {"period": "2025-03"}),  # a period
        ("pages/overview.py", {"period": "2025", "kind": "public"}, {"period": "2025"}),  # a site
        ("pages/outreach.py", {"kind": "partner"}, {"site": "stubben"}),  # a kind and one site
        ("pages/caseload.py", {"period": "2025-H1"}, {"period": "2025-H1", "dept": "unge"}),
        ("pages/caseload.py", {"period": "2024-Q3"}, {"period": "2024-Q4"}),
    ],
)
def test_two_views_never_subtract_to_a_count_of_one_to_four(page, first, second):
    """Every difference between what two neighbouring views show (and between the funnel's
    stages, the split categories and their totals within one view) is 0 or at least 5."""
    a = _shown_numbers(collect_every_tab(open_committee(page, **first), page))
    b = _shown_numbers(collect_every_tab(open_committee(page, **second), page))
    assert a and b
    differences = {abs(x - y) for x in a | b for y in a | b}
    assert not differences & {1, 2, 3, 4}, sorted(differences)[:20]


def test_the_check_finds_small_counts_where_they_are_shown():
    """The same check on a manager's view of a sparse month fails: it can see a leak."""
    at = app_test(default_timeout=120)
    at.query_params["role"] = "leder"
    at.query_params["period"] = "custom"
    at.query_params["from"] = "2024-01-01"
    at.query_params["to"] = "2024-01-31"
    at.run()
    at.switch_page("pages/outreach.py").run()
    with pytest.raises(AssertionError):
        assert_no_small_count(collect(at), "manager")
