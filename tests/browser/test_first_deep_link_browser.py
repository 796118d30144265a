"""The very first visit to a freshly started server may be a deep link, and it still runs
app.py's frame (login gate, navigation, filters, language) around the page it names. Beside a
`pages/` folder Streamlit would otherwise run pages/caseload.py on its own until some session
had called st.navigation (gateway/startup.pages_only_through_navigation); pages call nothing
for it."""

from __future__ import annotations

from bench.browser import app_against
from tests.browser.conftest import guarded_page, wait_for_app


def test_first_visit_by_deep_link_runs_the_frame(browser, demo_db_url, tmp_path):
    with (
        app_against(demo_db_url, tmp_path / "streamlit.log") as url,
        guarded_page(browser, url) as page,
    ):
        page.goto(f"{url}/caseload?role=leder")
        wait_for_app(page)
        assert page.locator("h1").first.inner_text() == "Behandling"
        # The frame: app.py's navigation and filters are in the sidebar.
        nav = page.locator('[data-testid="stSidebarNav"]')
        assert nav.get_by_text("Overblik").count() == 1
        assert nav.get_by_text("Arbejdslister").count() == 1
        sidebar = page.locator('[data-testid="stSidebar"]')
        assert sidebar.get_by_text("Periode").count() >= 1
        assert "/caseload" in page.url
