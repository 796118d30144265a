"""The app's pages: one registry (script, URL, icon) that app.py's navigation, the gate's
stand-in pages and every link between pages are built from.

A link names a page by its id, never by a file path: Streamlit resolves a path against the
script that started the run, and a Page built here is the very page app.py registered (a page
is known by its URL path).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import streamlit as st

from data_access.access import Page
from data_access.settings import PROJECT_ROOT


@dataclass(frozen=True)
class PageFile:
    script: str  # from the project's root
    url_path: str
    icon: str


PAGES: Mapping[Page, PageFile] = {
    "overview": PageFile("pages/overview.py", "overview", ":material/dashboard:"),
    "outreach": PageFile("pages/outreach.py", "outreach", ":material/map:"),
    "caseload": PageFile("pages/caseload.py", "caseload", ":material/groups:"),
    "worklists": PageFile("pages/worklists.py", "worklists", ":material/checklist:"),
    "alerts": PageFile("pages/alerts.py", "alerts", ":material/notifications:"),
    "routes": PageFile("pages/routes.py", "routes", ":material/route:"),
    "national": PageFile("pages/national.py", "national", ":material/public:"),
    "data": PageFile("pages/data.py", "data", ":material/database:"),
    "audit": PageFile("pages/audit.py", "audit", ":material/policy:"),
}
PAGE_PATHS: Mapping[Page, str] = {page_id: page.url_path for page_id, page in PAGES.items()}
# The app's root ("/") is a page of its own that sends each role on to its first page: a page
# registered as Streamlit's default is served only at "/", and its own URL (/overview, or
# /outreach for a worker) then opened a "Page not found" dialog (issue 29).
HOME_PATH = "start"


def app_page(page_id: Page, **options: Any) -> st.Page:
    """The page as app.py registers it (options: title, default, visibility, help)."""
    page = PAGES[page_id]
    return st.Page(PROJECT_ROOT / page.script, icon=page.icon, url_path=page.url_path, **options)


def home_page() -> st.Page:
    """The root, registered as the default page and hidden: app.py sends it on to the role's
    first page (st.switch_page) before anything is drawn."""
    return st.Page(
        _nothing, title="Brobygger", url_path=HOME_PATH, default=True, visibility="hidden"
    )


def _nothing() -> None:
    """The root page's body: never run (app.py switches to the role's page first)."""


def page_link(page_id: Page, label: str, icon: str, query_params: Mapping[str, str]) -> None:
    st.page_link(app_page(page_id), label=label, icon=icon, query_params=dict(query_params))
