"""Outreach: activity on a map of the hotspots, when people are met, and the funnel to treatment."""

import streamlit as st

from data_access import cached
from language import format as fmt
from ui import figures
from ui import outreach_view as view
from ui.filters import current_filters
from ui.i18n import current_language, t
from ui.plain import plain

org = cached.organisation()
filters = current_filters()
lang = current_language()

st.title(t("nav.outreach"))
st.caption(fmt.markdown_text(fmt.period(filters.start, filters.end, lang)))

if cached.data_extent() is None:
    st.info(t("empty.database"), icon=":material/database:")
    st.stop()

data = figures.outreach(filters, org)
sites = view.visible_sites(org, data, lang)
focus = view.focus_control(org, sites)

with st.container(border=True):
    st.markdown(f"**{t('outreach.map.title')}**")
    st.caption(t("outreach.map.caption"))
    view.site_map(sites, cached.outline(org), focus, lang)

if view.is_empty(data):
    st.info(t("outreach.empty"), icon=":material/filter_alt_off:")
    st.stop()

if focus is not None:
    names = {s.id: s.name for s in org.sites}
    st.info(t("outreach.focused", site=plain(names[focus])), icon=":material/filter_center_focus:")
    data = figures.outreach(filters.focus_on(focus), org)

kind_data = figures.series("outreach", data)  # by quarter when the months are too sparse

left, right = st.columns(2)
with left, st.container(border=True, height="stretch"):
    view.contacts_by_kind_chart(kind_data, lang)
with right, st.container(border=True, height="stretch"):
    view.weekday_hour_chart(data, lang)

left, right = st.columns(2)
with left, st.container(border=True, height="stretch"):
    view.funnel_chart(data, lang)
with right, st.container(border=True, height="stretch"):
    view.progress_chart(data.reach, data.filters, lang)
    view.grant_metric(data.reach, data.filters, lang)

with st.container(border=True):
    view.site_table_section(org, data, lang)
