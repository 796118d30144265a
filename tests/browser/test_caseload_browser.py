"""The caseload page in Chromium: the guarantee figure a person sees matches the database."""

from __future__ import annotations

from sqlalchemy import text

from data_access.db import create_engine_for
from tests.browser.conftest import each_tab, screenshot, wait_for_app


def test_the_guarantee_figure_is_the_databases(page, demo_db_url):
    page.goto(f"{page.app_url}/caseload?role=admin&period=year")
    wait_for_app(page)
    card = page.locator('[data-testid="stMetric"]').filter(has_text="Garanti overholdt")
    shown = card.locator('[data-testid="stMetricValue"]').inner_text().strip()
    with create_engine_for(demo_db_url).connect() as conn:
        last_day = conn.execute(
            text(
                "SELECT max(d) FROM (SELECT max(date(contact_at)) AS d FROM outreach_contacts "
                "UNION ALL SELECT max(coalesce(ended_on, started_on, requested_on)) "
                "FROM treatment_courses)"
            )
        ).scalar()
        starts, within = conn.execute(
            text(
                "SELECT count(*), sum(julianday(started_on) - julianday(requested_on) <= 14) "
                "FROM treatment_courses WHERE started_on BETWEEN :start AND :end"
            ),
            {"start": f"{last_day[:4]}-01-01", "end": last_day},
        ).one()
    assert shown == f"{round(100 * within / starts)} %"
    charts = page.locator('[data-testid="stVegaLiteChart"]')
    drawn = 0
    for _ in each_tab(page):  # only the open tab's charts are drawn
        charts.first.locator("svg").first.wait_for()  # chart code loads lazily
        drawn += charts.count()
    assert drawn >= 8
    screenshot(page, "caseload-da")
    assert page.js_errors == []
