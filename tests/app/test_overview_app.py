"""The app in AppTest: every page runs, filters and language change what is shown."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import text
from streamlit.testing.v1 import AppTest

from bench.app_test import app_test
from data_access.db import create_engine_for
from tests.app.conftest import metrics
from tests.conftest import OTHER_ORG_FILE
from ui.plain import plain


def _as_admin() -> AppTest:
    at = app_test(default_timeout=60)
    at.query_params["role"] = "admin"
    return at


def _sql(url: str, query: str, **params) -> int:
    with create_engine_for(url).connect() as conn:
        return int(conn.execute(text(query), params).scalar())


def test_overview_runs_and_shows_database_figures(app, demo_db_url):
    at = app.run()
    assert not at.exception
    shown = metrics(at)
    persons = _sql(
        demo_db_url,
        "SELECT count(DISTINCT person_id) FROM outreach_contacts "
        "WHERE contact_at >= '2024-01-01' AND contact_at < '2026-01-01'",
    )
    contacts = _sql(demo_db_url, "SELECT count(*) FROM outreach_contacts")
    active_stof = _sql(
        demo_db_url,
        "SELECT count(*) FROM treatment_courses WHERE department_id = 'stof' AND "
        "started_on <= '2025-12-31' AND (ended_on IS NULL OR ended_on >= '2025-12-31')",
    )
    assert shown["Personer nået"] == str(persons)
    assert shown["Kontakter"] == f"{contacts:,}".replace(",", ".")
    assert shown["Aktive forløb: Stof"] == str(active_stof)
    assert shown["Garanti overholdt"].endswith(" %")
    assert len(at.get("vega_lite_chart")) == 2


def test_changing_the_period_changes_the_numbers(app):
    at = app.run()
    whole = metrics(at)
    at.selectbox(key="period.da").select("quarter").run()
    assert not at.exception
    quarter = metrics(at)
    assert int(quarter["Kontakter"].replace(".", "")) < int(whole["Kontakter"].replace(".", ""))
    assert quarter != whole
    # A whole-project view has nothing before it to compare with; a quarter does.
    assert all(m.proto.delta == "" for m in at.metric) is False


def test_department_and_site_filters_change_the_numbers(app):
    at = app.run()
    whole = metrics(at)
    at.multiselect(key="dept.da").select("unge").run()
    assert not at.exception
    assert "Aktive forløb: Stof" not in metrics(at)
    assert "Aktive forløb: Unge" in metrics(at)
    at.multiselect(key="kind.da").select("partner").run()
    assert not at.exception
    assert int(metrics(at)["Kontakter"].replace(".", "")) < int(whole["Kontakter"].replace(".", ""))


def test_filters_come_from_the_url(monkeypatch, demo_db_url):
    monkeypatch.setenv("BROBYGGER_DATABASE_URL", demo_db_url)
    at = app_test(default_timeout=60)
    at.query_params["role"] = "admin"
    at.query_params["period"] = "year"
    at.query_params["dept"] = ["alkohol"]
    at.run()
    assert not at.exception
    assert at.selectbox(key="period.da").value == "year"
    assert list(metrics(at)) == [
        "Personer nået",
        "Kontakter",
        "Henvist til behandling",
        "Garanti overholdt",
        "Aktive forløb: Alkohol",
    ]


def test_choices_are_written_to_the_url_as_stable_ids(app):
    at = app.run()
    assert dict(at.query_params) == {"role": "admin"}  # defaults keep the link short
    at.selectbox(key="period.da").select("custom").run()
    at.date_input(key="dates.da").set_value((dt.date(2024, 5, 1), dt.date(2024, 8, 31))).run()
    at.multiselect(key="dept.da").select("stof").run()
    at.get("button_group")[0].set_value("en").run()
    assert not at.exception
    url = {key: at.query_params[key] for key in at.query_params}
    assert url == {
        "period": "custom",
        "from": "2024-05-01",
        "to": "2024-08-31",
        "dept": "stof",
        "lang": "en",
        "role": "admin",
    }


def test_unknown_values_in_a_link_are_skipped_with_a_message(monkeypatch, demo_db_url):
    monkeypatch.setenv("BROBYGGER_DATABASE_URL", demo_db_url)
    at = app_test(default_timeout=60)
    at.query_params["role"] = "admin"
    at.query_params["dept"] = ["stof", "<script>"]
    at.query_params["period"] = "forever"
    at.run()
    assert not at.exception
    assert at.multiselect(key="dept.da").value == ["stof"]
    assert at.selectbox(key="period.da").value == "project"
    warnings = " ".join(w.value for w in at.warning)
    assert plain("dept=<script>") in warnings and plain("period=forever") in warnings


def test_english_is_a_choice_and_keeps_the_filters(app):
    at = app.run()
    at.selectbox(key="period.da").select("quarter").run()
    at.multiselect(key="dept.da").select("alkohol").run()
    danish = [v.replace(" %", "%") for v in metrics(at).values()]
    at.get("button_group")[0].set_value("en").run()
    assert not at.exception
    assert "Persons reached" in metrics(at)
    assert at.title[0].value == "Overview"
    assert at.selectbox(key="period.en").value == "quarter"
    assert at.multiselect(key="dept.en").value == ["alkohol"]
    assert list(metrics(at).values()) == danish


def test_an_empty_period_shows_a_helpful_message(app):
    at = app.run()
    at.selectbox(key="period.da").select("custom").run()
    at.date_input(key="dates.da").set_value((dt.date(2030, 1, 1), dt.date(2030, 1, 31))).run()
    assert not at.exception
    assert not at.metric
    assert "Ingen aktivitet" in at.info[0].value


def test_an_empty_database_says_so(monkeypatch, tmp_path):
    monkeypatch.setenv("BROBYGGER_DATABASE_URL", f"sqlite:///{tmp_path / 'empty.db'}")
    at = _as_admin().run()
    assert not at.exception
    assert "ingen data" in at.info[0].value


def test_a_broken_organisation_file_is_explained(monkeypatch, tmp_path, demo_db_url):
    broken = tmp_path / "broken.toml"
    broken.write_text('name = "x"\n', encoding="utf-8")
    monkeypatch.setenv("BROBYGGER_ORG_FILE", str(broken))
    monkeypatch.setenv("BROBYGGER_DATABASE_URL", demo_db_url)
    at = _as_admin().run()
    assert not at.exception
    assert "Organisationsfilen" in at.error[0].value
    assert "outreach: Field required" in at.code[0].value


def test_another_organisation_shows_its_own_departments(monkeypatch, tmp_path):
    from data_access.demo import write_demo
    from data_access.organisation import load_organisation

    url = f"sqlite:///{tmp_path / 'other.db'}"
    write_demo(create_engine_for(url), load_organisation(OTHER_ORG_FILE))
    monkeypatch.setenv("BROBYGGER_ORG_FILE", str(OTHER_ORG_FILE))
    monkeypatch.setenv("BROBYGGER_DATABASE_URL", url)
    at = _as_admin().run()
    assert not at.exception
    shown = metrics(at)
    assert "Aktive forløb: Voksne – stoffer" in shown
    assert "Aktive forløb: Ungeenheden" in shown
    assert not any(label.split(": ")[-1] == "Stof" for label in shown)
    assert "af målet på 25" in " ".join(c.value for c in at.caption)
