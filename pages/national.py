"""Landstal: our municipality beside the region, similar municipalities and the country, from
Statistics Denmark's drug-treatment tables (data_access/dst.py, data_access/national.py)."""

import streamlit as st

from data_access import cached
from data_access.dst_metadata import DstProblem
from data_access.dst_problems import problem_text
from ui import auth
from ui import national_view as view
from ui.filters import committee_mode
from ui.i18n import current_language, t


def may_fetch() -> bool:
    """Whether this user may fetch or load Statistics Denmark's figures (a write to the
    database): admins, and never in committee mode (the role seam, ui/auth.py)."""
    return auth.may("fetch_national") and not committee_mode()


org = cached.organisation()
lang = current_language()
committee = committee_mode()

st.title(t("nav.national"))
st.caption(t("national.intro", municipality=org.municipality))

view.folder_status(cached.sync_dst_folder(), lang)
try:
    data = cached.national(committee)
except DstProblem as problem:  # e.g. a municipality code DST does not know
    st.error(problem_text(problem, lang), icon=":material/error:")
    st.stop()
if not data.own_configured:
    st.info(t("national.not_configured"), icon=":material/info:")
if not data.has_figures:
    view.how_to_get()
else:
    if not data.has_population:
        st.info(t("national.no_population"), icon=":material/info:")
    view.headline(data, lang)
    view.trend(data, lang)
    view.year_table(data, lang)
    view.guarantee(data, lang)
    view.checks(data, lang)
    view.source_line(data, lang)
st.caption(t("national.alcohol"))
if may_fetch():
    view.admin(lang)
