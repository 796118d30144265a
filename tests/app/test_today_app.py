"""The app on data that reaches today (issue 15), with "today" pinned to LATER_TODAY: presets
count back from it, the worklists and the alerts page work for leder and admin in Danish and
English, every look is audited, and the badge counts the open alerts."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from streamlit.testing.v1 import AppTest

from bench.app_test import app_test
from data_access import clock, schema
from data_access.alerts import store
from data_access.backup import backup_sqlite
from data_access.db import create_engine_for
from tests.app.conftest import page_tables

WORKLISTS = "pages/worklists.py"
ALERTS = "pages/alerts.py"


@pytest.fixture
def db_url(tmp_path, today_db_url, later_today, monkeypatch) -> str:
    """A private copy of the demo made on LATER_TODAY, with today pinned to that day."""
    target = tmp_path / "today.db"
    backup_sqlite(today_db_url, target)
    url = f"sqlite:///{target}"
    monkeypatch.setenv("BROBYGGER_DATABASE_URL", url)
    return url


def run_as(role: str, page: str | None = None, **params: str) -> AppTest:
    """The demo as `role` (?role=) on `page`."""
    at = app_test(default_timeout=90)
    at.query_params["role"] = role
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception
    if page:
        at.switch_page(page).run()
        assert not at.exception
    return at


def views(url: str, page: str) -> list[dict]:
    engine = create_engine_for(url)
    a = schema.audit_log.c
    with engine.connect() as conn:
        rows = conn.execute(
            select(a.pseudonym, a.detail, a.role).where(a.action == "view", a.page == page)
        ).all()
    engine.dispose()
    return [dict(r._mapping) for r in rows]


def test_presets_count_back_from_today(db_url):
    at = run_as("leder")
    assert any("1. dec. 2026" in c.value for c in at.sidebar.caption)
    # The project is over: the page opens on the last 12 months, not on 2024-2025.
    period = at.sidebar.selectbox[0]
    assert period.value == "last12"
    assert any("2\\. dec. 2025 – 1. dec. 2026" in c.value for c in at.sidebar.caption)
    assert "period" not in at.query_params  # the default stays out of the URL
    assert "2026" in period.format_func("year")
    assert "nov. 2026" in period.format_func("month").lower()
    period.set_value("year").run()
    assert not at.exception
    assert any("jan. 2026" in c.value for c in at.sidebar.caption)


def test_the_waiting_list_for_a_manager_is_audited_with_its_persons(db_url):
    at = run_as("leder", WORKLISTS)
    assert [t.value for t in at.title] == ["Arbejdslister"]
    table = at.dataframe[0].value
    columns = list(table.columns)
    assert columns[:3] == ["Pseudonym", "Afdeling", "Anmodet"]
    assert {"Frist", "Dage tilbage", "Status"} <= set(columns)
    assert list(table["Dage tilbage"]) == sorted(table["Dage tilbage"])  # breaches first
    shown = set(table["Pseudonym"])
    audited = {r["pseudonym"] for r in views(db_url, "worklists")}
    assert shown <= audited
    assert any("worklist=waiting" in (r["detail"] or "") for r in views(db_url, "worklists"))


def test_each_list_can_be_chosen_and_the_choice_is_in_the_url(db_url):
    at = run_as("admin", WORKLISTS, period="project")  # every list has rows in 2024-2025
    picker = at.get("button_group")[0]
    for name, column in (
        ("late", "Dage over fristen"),
        ("quiet", "Dage siden"),
        ("referrals", "Status"),
    ):
        picker = at.get("button_group")[0]
        picker.set_value(name).run()
        assert not at.exception
        assert at.query_params["list"] in (name, [name])
        assert column in at.dataframe[0].value.columns
    quiet = run_as("admin", WORKLISTS, list="quiet", period="project")
    assert "Dage siden" in quiet.dataframe[0].value.columns
    days = quiet.dataframe[0].value["Dage siden"]
    # Quiet for more than 90 days, and not yet exited (90 more): the alerts' window too.
    assert ((days > 90) & (days <= 180)).all()


def test_the_quiet_list_and_the_quiet_alerts_are_the_same_persons(db_url, later_today, helsingor):
    """The list said persons exit after 90 days yet listed persons quiet for up to a year,
    and the alerts counted 1 where the list showed 9 (issue 29)."""
    from data_access import worklists
    from data_access.alerts import rules
    from data_access.filters import Filters

    engine = create_engine_for(db_url)
    org = helsingor
    findings = rules.quiet_findings(engine, org, later_today)
    listed = worklists.worklist(
        engine,
        "quiet",
        Filters(start=org.outreach.start, end=later_today),
        later_today,
        quiet_days=org.alerts.quiet_days,
        quiet_window_days=org.alerts.quiet_window_days,
    )
    assert findings, "the demo has persons gone quiet"
    assert {int(p) for p in listed["person_id"]} == {f.person_id for f in findings}


def test_the_lists_in_english(db_url):
    at = run_as("admin", WORKLISTS, lang="en")
    assert [t.value for t in at.title] == ["Worklists"]
    assert {"Pseudonym", "Deadline", "Days left"} <= set(at.dataframe[0].value.columns)


def test_never_in_committee_mode_and_never_for_other_roles(db_url):
    committee = run_as("leder", WORKLISTS, committee="1")
    assert not committee.dataframe
    assert committee.warning  # the page is refused in committee mode
    for role in ("udvalg", "medarbejder"):
        at = run_as(role, WORKLISTS)
        assert not at.dataframe
        assert not views(db_url, "worklists")


def nav_title(at: AppTest, path: str) -> str:
    """A page's label in the navigation, as AppTest registered it from st.navigation."""
    return next(
        p["page_name"] for p in at._registered_pages.values() if p["script_path"].endswith(path)
    )


def test_the_badge_counts_the_open_alerts_and_the_page_lists_them(db_url):
    at = run_as("leder")
    engine = create_engine_for(db_url)
    count = store.open_count(engine)
    assert count > 0
    # A red badge (Streamlit's label Markdown, rendered in the navigation) with the count.
    assert nav_title(at, ALERTS) == f"Varsler :red-badge[{count}]"
    assert nav_title(run_as("admin", lang="en"), ALERTS) == f"Alerts :red-badge[{count}]"
    at.switch_page(ALERTS).run()
    assert not at.exception
    assert [t.value for t in at.title] == ["Varsler"]
    markdown = " ".join(m.value for m in at.markdown)
    assert "Sted uden besøg" in markdown and "Vor Frue Kloster" in markdown
    with engine.connect() as conn:
        rows = conn.scalar(select(func.count()).select_from(schema.alerts))
    assert rows == count  # the history holds every alert, all open so far
    assert views(db_url, "alerts")
    medarbejder = run_as("medarbejder", ALERTS)
    assert not medarbejder.markdown or "Sted uden besøg" not in " ".join(
        m.value for m in medarbejder.markdown
    )


def test_no_badge_for_roles_that_may_not_see_alerts_nor_in_committee_mode(db_url):
    for at in (
        run_as("medarbejder"),
        run_as("udvalg"),
        run_as("leder", committee="1"),
        run_as("admin", committee="1"),
    ):
        assert "badge" not in nav_title(at, ALERTS)
        assert nav_title(at, ALERTS) == "Varsler"
    # Switching committee mode on takes the badge away on the next run.
    at = run_as("leder")
    assert "badge" in nav_title(at, ALERTS)
    at.sidebar.toggle(key="committee_switch").set_value(True).run()
    assert not at.exception
    assert nav_title(at, ALERTS) == "Varsler"


def test_the_caseload_page_says_the_site_filter_does_not_apply_and_names_the_law(db_url):
    at = run_as("leder", "pages/caseload.py", site="kronborg")
    assert any("gælder ikke denne side" in i.value for i in at.info)
    captions = " ".join(c.value for c in at.caption)
    assert "Serviceloven § 101" in captions and "Sundhedsloven § 141" in captions
    assert "Barnets Lov § 33" in captions


def test_the_overview_guarantee_card_names_the_law(db_url):
    at = run_as("admin", lang="en")
    captions = " ".join(c.value for c in at.caption)
    assert "Sundhedsloven § 142" in captions and "under 18" in captions


def test_a_quarter_is_compared_with_the_same_quarter_last_year_or_the_one_before(db_url):
    at = run_as("admin", period="quarter")
    assert "sammenlignet med samme periode sidste år" in at.caption[1].value
    which = at.sidebar.selectbox(key="which.quarter")
    assert which.value == "2026-Q3"  # the latest complete quarter on 1 December
    which.set_value("2025-Q2").run()
    assert not at.exception
    assert at.query_params["which"] in ("2025-Q2", ["2025-Q2"])
    assert "apr. 2024" in at.caption[1].value  # compared with Q2 2024
    at.sidebar.radio(key="compare_widget").set_value("previous").run()
    assert at.query_params["compare"] in ("previous", ["previous"])
    assert "foregående 91 dage" in at.caption[1].value
    # The link holds both: a new session opens on the same view.
    again = run_as("admin", period="quarter", which="2025-Q2", compare="previous")
    assert "foregående 91 dage" in again.caption[1].value
    assert "apr. 2025" in again.caption[1].value


def test_the_route_planner_says_plausible_days_since_the_last_visit(db_url):
    import re

    at = run_as("medarbejder", "pages/routes.py")
    text = " ".join(
        str(v)
        for frame in (d.value for d in at.dataframe)
        for column in frame.columns
        for v in frame[column].tolist()
    )
    days = [int(n) for n in re.findall(r"(\d+) dage? siden besøg", text)]
    assert days, text[:500]
    assert min(days) <= 7  # the team was out last week, not 340 days ago
    assert sorted(days)[len(days) // 2] <= 60


def test_the_alert_history_reads_in_local_time_without_none(db_url):
    """The history showed "None" for an alert still open and its times in UTC (issue 29):
    times are the organisation's (Copenhagen), an open alert's "closed" is "–"."""
    at = run_as("leder", ALERTS)
    (history,) = [d for d in page_tables(at) if "Årsag" in d.columns]  # wraps the reason
    cells = {str(v) for column in history.columns for v in history[column]}
    assert not cells & {"None", "nan", "NaT"}
    assert set(history["Lukket"]) == {"–"}  # all still open in the demo
    engine = create_engine_for(db_url)
    with engine.connect() as conn:
        first = conn.scalar(select(schema.alerts.c.raised_at).order_by(schema.alerts.c.id))
    local = clock.from_utc(first, "Europe/Copenhagen")
    shown = {
        v.strftime("%d-%m-%Y %H:%M") if hasattr(v, "strftime") else v for v in history["Rejst"]
    }
    assert local.strftime("%d-%m-%Y %H:%M") in shown
