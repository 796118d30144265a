"""The route planner in AppTest: a default plan, an impossible one, and bad times."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from streamlit.testing.v1 import AppTest

from bench.app_test import app_test
from tests.app.conftest import metrics, page_tables

PAGE = "pages/routes.py"


@pytest.fixture
def routes(monkeypatch, demo_db_url) -> AppTest:
    monkeypatch.setenv("BROBYGGER_DATABASE_URL", demo_db_url)
    at = app_test(default_timeout=60)
    at.query_params["role"] = "admin"
    at.run()
    at.switch_page(PAGE).run()
    assert not at.exception
    return at


def _plan_for(at: AppTest, date: dt.date, start: dt.time, end: dt.time) -> AppTest:
    at.date_input(key="route_date").set_value(date)
    at.time_input(key="route_start").set_value(start)
    at.time_input(key="route_end").set_value(end).run()
    assert not at.exception
    return at


def test_a_default_plan(routes):
    at = _plan_for(routes, dt.date(2025, 6, 3), dt.time(13), dt.time(17))
    shown = metrics(at)
    stops = int(shown["Stop"])
    assert stops >= 3
    itinerary = page_tables(at)[-1]
    assert len(itinerary) == stops
    assert list(itinerary["#"]) == [str(i) for i in range(1, stops + 1)]
    arrivals = list(itinerary["Ankomst"])
    assert arrivals == sorted(arrivals) and arrivals[0] >= "13:00"
    assert shown["Tilbage kl."] <= "17:00"
    # Opening hours in Danish words, never OpenStreetMap syntax (24/7, Mo-Fr 10:00-14:00).
    for hours in itinerary["Åbningstider"]:
        assert not re.search(r"\b(Mo|Tu|We|Th|Fr|Sa|Su|PH)\b|\d:\d|24/7", hours), hours
    assert [b.proto.label for b in at.get("download_button")] == [
        "Hent ruteark (PDF)",
        "Hent GPX til telefonen",
    ]
    assert "Rejsetider er anslået" in " ".join(c.value for c in at.caption)


def test_suggestions_explain_themselves(routes):
    at = _plan_for(routes, dt.date(2025, 6, 3), dt.time(13), dt.time(17))
    editor = page_tables(at)[0]  # the editable suggestion table
    assert {"Sted", "Prioritet", "Hvorfor", "Åbent i runden"} <= set(editor.columns)
    assert editor["Hvorfor"].str.contains("dage? siden besøg|aldrig besøgt").all()


def test_an_impossible_plan_says_why(routes):
    at = _plan_for(routes, dt.date(2025, 6, 3), dt.time(13), dt.time(13, 15))
    text = " ".join(e.value for e in at.info) + " ".join(e.value for e in at.error)
    assert "Ingen steder passer" in text or "Ingen rute passer" in text
    assert int(metrics(at).get("Stop", "0")) == 0
    reasons = " ".join(m.value for m in at.markdown)
    assert "lukket i tidsrummet" in reasons or "for langt væk" in reasons


def test_end_before_start_is_refused(routes):
    at = _plan_for(routes, dt.date(2025, 6, 3), dt.time(15), dt.time(14))
    assert "Sluttidspunktet skal ligge efter starttidspunktet" in at.error[0].value
    assert not at.metric or "Stop" not in metrics(at)


def test_closed_on_a_danish_holiday_when_the_hours_say_so(routes):
    # Christmas Day: the drop-ins' hours in the demo file have no "PH off", so they stay open;
    # the night shelter is closed in the afternoon whatever the day.
    at = _plan_for(routes, dt.date(2025, 12, 25), dt.time(13), dt.time(17))
    reasons = " ".join(m.value for m in at.markdown)
    assert "Vinternatherberget: lukket i tidsrummet" in reasons
