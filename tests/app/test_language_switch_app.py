"""Switching the language, then the page, in committee and manager mode: no exception on
any page, and every choice widget shows its options in the language now chosen.

The reported bug: opened with ?lang=en, the committee's period-kind box formatted its value
with the session's language read at call time (t()), which AppTest (and anything else calling
a format_func outside the script run) cannot see, so the box's value read "Kalenderår" among
English options and the next run failed with "'Kalenderår' is not in list". Every format_func
now binds the language of the run that drew it (tests/unit/test_widget_labels.py checks the
code for the class)."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from bench.app_test import app_test
from data_access.settings import PROJECT_ROOT
from ui.filters import LANGUAGE_WIDGET

PAGES = sorted(f"pages/{p.name}" for p in (PROJECT_ROOT / "pages").glob("*.py"))
MODES = {"committee": {"committee": "1", "role": "admin"}, "manager": {"role": "leder"}}
# One label per language that the sidebar shows in every mode (the period box's label).
PERIOD_LABEL = {"da": "Periode", "en": "Period"}
OTHER = {"da": "en", "en": "da"}


@pytest.fixture(autouse=True)
def _demo(monkeypatch, demo_db_url):
    monkeypatch.setenv("BROBYGGER_DATABASE_URL", demo_db_url)


def _choices_in(at: AppTest, lang: str, where: str) -> None:
    """Every selectbox and radio: its value is one of its (translated) options, as the next
    run's widget state needs (AppTest computes it exactly so: the failure reported)."""
    assert not at.exception, (where, [e.value for e in at.exception])
    for widget in [*at.selectbox, *at.radio]:
        if widget.value is not None and widget.options:
            assert widget.index is not None, (where, widget.label)
    labels = [w.label for w in at.sidebar.selectbox]
    assert PERIOD_LABEL[lang] in labels, (where, lang, labels)


def _language_switch(at: AppTest):
    return next(w for w in at.get("button_group") if w.key == LANGUAGE_WIDGET)


def _visit_every_page(at: AppTest, lang: str, where: str) -> None:
    for page in PAGES:
        at.switch_page(page).run()
        _choices_in(at, lang, f"{where} {page}")


@pytest.mark.parametrize("mode", list(MODES))
@pytest.mark.parametrize("lang", ["da", "en"])
def test_switch_language_then_page_on_every_page(mode: str, lang: str):
    at = app_test(default_timeout=120)
    for key, value in {**MODES[mode], "lang": lang}.items():
        at.query_params[key] = value
    at.run()
    _choices_in(at, lang, f"{mode} opened in {lang}")
    _visit_every_page(at, lang, f"{mode}/{lang}")
    # The language switch in the sidebar, then every page again.
    other = OTHER[lang]
    _language_switch(at).set_value(other).run()
    _choices_in(at, other, f"{mode} switched to {other}")
    _visit_every_page(at, other, f"{mode}/{lang}->{other}")
    # And back, on a page with its own widgets (the outreach page's focus box, the filters).
    _language_switch(at).set_value(lang).run()
    _visit_every_page(at, lang, f"{mode}/{lang}->{other}->{lang}")


@pytest.mark.parametrize("lang", ["da", "en"])
def test_the_committee_period_kind_box_reads_in_the_chosen_language(lang: str):
    at = app_test(default_timeout=120)
    at.query_params["role"] = "admin"
    at.query_params["committee"] = "1"
    at.query_params["lang"] = lang
    at.query_params["period"] = "2025"
    at.run()
    at.switch_page("pages/outreach.py").run()
    assert not at.exception
    kind = at.selectbox(key=f"c_kind.{lang}")
    assert kind.value == "year"
    assert kind.options[kind.index] == {"da": "Kalenderår", "en": "Calendar year"}[lang]


def test_every_page_is_visited():
    assert len(PAGES) >= 9 and all(Path(PROJECT_ROOT / p).exists() for p in PAGES)
