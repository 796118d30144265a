"""The overview in real Chromium: what a person sees, language, and filters kept in the URL."""

from __future__ import annotations

from sqlalchemy import text

from data_access.db import create_engine_for
from tests.browser.conftest import screenshot, wait_for_app


def _metrics(page) -> dict[str, str]:
    cards = page.locator('[data-testid="stMetric"]')
    cards.first.wait_for()
    shown = {}
    for i in range(cards.count()):
        card = cards.nth(i)
        label = card.locator('[data-testid="stMetricLabel"]').inner_text().strip()
        shown[label] = card.locator('[data-testid="stMetricValue"]').inner_text().strip()
    return shown


def _scalar(url: str, query: str) -> int:
    with create_engine_for(url).connect() as conn:
        return int(conn.execute(text(query)).scalar())


def test_overview_shows_the_figures_in_the_database(page, demo_db_url):
    page.goto(f"{page.app_url}/?role=admin")
    wait_for_app(page)
    shown = _metrics(page)
    persons = _scalar(demo_db_url, "SELECT count(DISTINCT person_id) FROM outreach_contacts")
    referrals = _scalar(
        demo_db_url,
        "SELECT count(*) FROM treatment_courses WHERE referral_source = 'outreach' "
        "AND requested_on BETWEEN '2024-01-01' AND '2025-12-31'",
    )
    active_unge = _scalar(
        demo_db_url,
        "SELECT count(*) FROM treatment_courses WHERE department_id = 'unge' AND "
        "started_on <= '2025-12-31' AND (ended_on IS NULL OR ended_on >= '2025-12-31')",
    )
    assert shown["Personer nået"] == str(persons)
    assert shown["Henvist til behandling"] == str(referrals)
    assert shown["Aktive forløb: Unge"] == str(active_unge)
    assert page.get_by_text("af målet på 60 siden projektstart").is_visible()
    charts = page.locator('[data-testid="stVegaLiteChart"]')
    charts.nth(1).wait_for()  # chart code loads lazily, after the script has finished
    assert charts.count() == 2
    screenshot(page, "overview-da")
    assert page.js_errors == []


def test_switching_to_english(page):
    page.goto(f"{page.app_url}/?role=admin")
    wait_for_app(page)
    page.locator('[data-testid="stSidebar"]').get_by_text("English", exact=True).click()
    page.get_by_role("heading", name="Overview").wait_for()
    wait_for_app(page)
    assert "Persons reached" in _metrics(page)
    assert "lang=en" in page.url
    period_box = page.locator('[data-testid="stSelectbox"]').first
    assert "Whole project period" in period_box.inner_text() + " ".join(
        period_box.locator("input").evaluate_all("els => els.map(e => e.value)")
    )
    screenshot(page, "overview-en")


def test_the_url_keeps_the_filters_across_a_reload(page):
    page.goto(f"{page.app_url}/?role=admin")
    wait_for_app(page)
    whole = _metrics(page)
    page.locator('[data-testid="stSelectbox"]').first.click()
    page.get_by_role("option", name="Seneste kvartal").click()
    page.wait_for_url("**period=quarter**")
    wait_for_app(page)
    quarter = _metrics(page)
    assert quarter != whole
    page.reload()
    wait_for_app(page)
    assert "period=quarter" in page.url
    assert _metrics(page) == quarter
    period_box = page.locator('[data-testid="stSelectbox"]').first
    shown_value = period_box.inner_text() + " ".join(
        period_box.locator("input").evaluate_all("els => els.map(e => e.value)")
    )
    assert "Seneste kvartal" in shown_value


def test_a_shared_link_opens_the_same_view(page):
    page.goto(f"{page.app_url}/?role=admin&dept=unge&lang=en")
    wait_for_app(page)
    page.get_by_role("heading", name="Overview").wait_for()
    shown = _metrics(page)
    assert "Active courses: Youth" in shown
    assert "Active courses: Drugs" not in shown
    assert "dept=unge" in page.url


def test_printing_hides_the_sidebar(page):
    page.goto(f"{page.app_url}/?role=admin")
    wait_for_app(page)
    assert page.locator('[data-testid="stSidebar"]').is_visible()
    page.emulate_media(media="print")
    page.locator('[data-testid="stSidebar"]').wait_for(state="hidden", timeout=10_000)
    assert page.locator('[data-testid="stMetric"]').first.is_visible()
