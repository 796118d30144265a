"""Committee mode in Chromium: on every page, no count of 1-4 is visible in the figures."""

from __future__ import annotations

import pytest

from tests.browser.conftest import settled_texts, wait_for_app
from ui.i18n import TEXTS

SMALL = {"1", "2", "3", "4"}
BANNER = TEXTS["committee.banner"]["da"]
METRIC = '[data-testid="stMetricValue"]'


@pytest.mark.parametrize("path", ["", "outreach", "caseload"])
def test_no_count_of_one_to_four_is_visible(page, path):
    page.goto(f"{page.app_url}/{path}?role=admin&committee=1&period=month")
    wait_for_app(page)
    page.get_by_text(BANNER).wait_for()
    values = settled_texts(page, METRIC)  # the final run's metrics, all drawn
    deltas = page.locator('[data-testid="stMetricDelta"]').all_inner_texts()
    assert values
    shown = {v.strip() for v in values} | {d.strip().lstrip("+-−") for d in deltas}
    assert not shown & SMALL, shown
    # The data page, with its pseudonyms, is not offered.
    assert page.locator('[data-testid="stSidebarNav"]').get_by_text("Data").count() == 0


def test_switching_committee_mode_on_in_the_sidebar(page):
    page.goto(f"{page.app_url}/caseload?role=admin&period=month")
    before = settled_texts(page, METRIC)
    page.locator('[data-testid="stSidebar"]').get_by_text("Udvalgsvisning", exact=True).click()
    page.get_by_text(BANNER).wait_for()
    page.wait_for_url("**committee=1**")
    after = settled_texts(page, METRIC)
    assert not {v.strip() for v in after} & SMALL
    assert before != after or not {v.strip() for v in before} & SMALL
