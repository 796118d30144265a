"""Brobygger entry point: page config, navigation, language and the shared filters; no more.

This file is both the Streamlit script and the place its server is found. `streamlit run
app.py` imports it as a module to find `app` (below): st.App with the HTTP side of the app
(gateway/: file and upload gates, the start-up migration, /api/ready). Every browser session
then runs this file as its script (`__main__`), which draws the page (`main`).
"""

import streamlit as st

# Printing a page (for a committee on paper): no sidebar or toolbar, charts and cards kept whole.
PAGE_STYLE = """<style>
@media print {
  [data-testid="stSidebar"], [data-testid="stHeader"], [data-testid="stToolbar"],
  [data-testid="stSidebarCollapsedControl"], .stDownloadButton { display: none !important; }
  [data-testid="stMain"] { margin-left: 0 !important; }
  [data-testid="stVegaLiteChart"], [data-testid="stMetric"], [data-testid="stVerticalBlock"]
    > div { break-inside: avoid; }
  /* Columns side by side on screen become full-width blocks on paper: charts at half
     width were too small to read. */
  [data-testid="stHorizontalBlock"] { flex-wrap: wrap !important; }
  [data-testid="stColumn"] { width: 100% !important; flex: 1 1 100% !important; }
}
/* A KPI's comparison ("mod forrige periode") wraps instead of being cut off. */
[data-testid="stMetricDelta"], [data-testid="stMetricDelta"] *,
[data-testid="stMetricDeltaDescription"], [data-testid="stMetricDeltaDescription"] * {
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important;
}
/* A chart never draws past its card: a wide one scrolls inside it. */
[data-testid="stVegaLiteChart"] { max-width: 100%; overflow-x: auto; }
/* The element holding ui/browser_locale.py's script takes no room. */
[data-testid="stElementContainer"]:has(.brobygger-locale) { display: none; }
</style>"""

# No stack trace to a browser (ui/errors.py), no table toolbar download (ui/downloads.py).
SAFE_CLIENT_OPTIONS = {"client.showErrorDetails": "none", "client.disableDataExport": True}


def main() -> None:
    from data_access import access, cached, clock
    from data_access.organisation import OrganisationFileError
    from ui import alerts_view, auth, navigation
    from ui.browser_locale import follow_page_language
    from ui.filters import (
        committee_mode,
        committee_switch,
        language_switch,
        load_url_state,
        sidebar_filters,
    )
    from ui.i18n import current_language, t
    from ui.startup import PAGE_ICON, freeze_startup_objects

    freeze_startup_objects()  # once per process: see ui/startup.py
    # As in .streamlit/config.toml, and kept so if the server was started without it.
    for option, value in SAFE_CLIENT_OPTIONS.items():
        if st.get_option(option) != value:
            st.set_option(option, value)

    # An emoji icon: Material favicons are fetched from a CDN.
    st.set_page_config(page_title="Brobygger", page_icon=PAGE_ICON, layout="wide")

    st.html(PAGE_STYLE)

    try:
        org = cached.organisation()
    except OrganisationFileError as exc:
        st.error(t("error.organisation"))
        st.code(str(exc), language=None)
        st.stop()

    cached.note_data_version()  # one read per rerun: keys every cached figure (data_version.py)
    load_url_state(org)
    follow_page_language(current_language())  # the date pickers' calendar: ui/browser_locale.py
    user = auth.gate()  # no login, no role, no data: the gate stops the script before anything else

    # Every page is registered, so its URL resolves; a page the role may not open is hidden from the
    # navigation and refused (and audited) below instead of running.
    home = access.landing_page(user.role)
    extent = cached.data_extent()
    as_of = clock.as_of(extent, org.outreach.end)
    titles = {page_id: t(f"nav.{page_id}") for page_id in navigation.PAGES}
    if auth.may_open("alerts") and extent is not None:  # never in committee mode (person-level)
        # The badge: open alerts in the navigation (checked at most every five minutes).
        titles["alerts"] = alerts_view.navigation_title(cached.open_alerts(as_of))
    pages = {
        page_id: navigation.app_page(
            page_id,
            title=titles[page_id],
            visibility="visible" if auth.may_open(page_id) else "hidden",
            help=t(f"nav.{page_id}.help"),
        )
        for page_id in navigation.PAGES
    }
    root = navigation.home_page()
    page = st.navigation([root, *pages.values()], position="sidebar")
    if page is root:  # "/": on to the role's first page, with the URL's parameters
        st.switch_page(
            pages[home] if home else pages["overview"], query_params=st.query_params.to_dict()
        )
    page_id = next(i for i, p in pages.items() if p is page)

    auth.account_sidebar(user)
    language_switch()
    committee_switch()
    if committee_mode():
        st.sidebar.caption(t("committee.banner"))
    # Relative period presets count back from today while the data is current, else from the last
    # day with data (data_access/clock.py).
    sidebar_filters(org, as_of, extent[0] if extent else None)

    if auth.open_page(page_id, t(f"nav.{page_id}")):  # the title without a badge
        page.run()


if __name__ == "__main__":
    from ui.errors import boundary

    with boundary():  # a failure shows a message with a reference number, never a trace
        main()
else:
    from gateway import server_options
    from ui.errors import on_script_error

    # A failure outside `boundary` (a widget's callback) gets the same message and reference.
    app = st.App(__file__, on_script_error=on_script_error, **server_options())
