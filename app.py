"""Brobygger entry point: page config, navigation, language and the shared filters; no more."""

import datetime as dt

import streamlit as st

from data_access import cached
from data_access.organisation import OrganisationFileError
from ui.filters import (
    committee_mode,
    committee_switch,
    language_switch,
    load_url_state,
    sidebar_filters,
)
from ui.frame import page_in_frame
from ui.i18n import t

# An emoji icon: Material favicons are fetched from a CDN.
st.set_page_config(page_title="Brobygger", page_icon="🌉", layout="wide")

# Printing a page (for a committee on paper): no sidebar or toolbar, charts and cards kept whole.
st.html(
    """<style>
    @media print {
      [data-testid="stSidebar"], [data-testid="stHeader"], [data-testid="stToolbar"],
      [data-testid="stSidebarCollapsedControl"], .stDownloadButton { display: none !important; }
      [data-testid="stMain"] { margin-left: 0 !important; }
      [data-testid="stVegaLiteChart"], [data-testid="stMetric"], [data-testid="stVerticalBlock"]
        > div { break-inside: avoid; }
    }
    </style>"""
)

try:
    org = cached.organisation()
except OrganisationFileError as exc:
    st.error(t("error.organisation"))
    st.code(str(exc), language=None)
    st.stop()

load_url_state(org)
committee = committee_mode()

pages = [
    st.Page(
        "pages/overview.py",
        title=t("nav.overview"),
        icon=":material/dashboard:",
        url_path="",
        default=True,
        help=t("nav.overview.help"),
    ),
    st.Page(
        "pages/outreach.py",
        title=t("nav.outreach"),
        icon=":material/map:",
        url_path="outreach",
        help=t("nav.outreach.help"),
    ),
    st.Page(
        "pages/caseload.py",
        title=t("nav.caseload"),
        icon=":material/groups:",
        url_path="caseload",
        help=t("nav.caseload.help"),
    ),
    st.Page(
        "pages/routes.py",
        title=t("nav.routes"),
        icon=":material/route:",
        url_path="routes",
        help=t("nav.routes.help"),
    ),
    st.Page(
        "pages/national.py",
        title=t("nav.national"),
        icon=":material/public:",
        url_path="national",
        help=t("nav.national.help"),
    ),
]
if not committee:  # the data page shows pseudonyms: never in committee mode
    pages.append(
        st.Page(
            "pages/data.py",
            title=t("nav.data"),
            icon=":material/database:",
            url_path="data",
            help=t("nav.data.help"),
        )
    )
page = st.navigation(pages, position="sidebar")

language_switch()
committee_switch()
if committee_mode():
    st.sidebar.caption(t("committee.banner"))
extent = cached.data_extent()
# Relative period presets count back from the last day with data (never beyond today).
as_of = min(extent[1], dt.date.today()) if extent else org.outreach.end
sidebar_filters(org, as_of, extent[0] if extent else None)

with page_in_frame():
    page.run()
