"""Caseload: the departments, the 14-day guarantee and the bridge from outreach."""

import streamlit as st

from data_access import cached
from language import format as fmt
from ui import caseload_focus as focus
from ui import caseload_summary as summary
from ui import caseload_view as view
from ui import figures
from ui.filters import current_filters
from ui.i18n import current_language, t
from ui.law import law_caption

org = cached.organisation()
filters = current_filters()
lang = current_language()

st.title(t("nav.caseload"))
st.caption(fmt.markdown_text(fmt.period(filters.start, filters.end, lang)))
if filters.sites or filters.site_kinds:
    st.info(t("today.caseload.sites_ignored"), icon=":material/filter_alt_off:")

extent = cached.data_extent()
if extent is None:
    st.info(t("empty.database"), icon=":material/database:")
    st.stop()

dept, bucket = focus.current_focus(org, filters, lang)
data = figures.caseload(filters)
# Outside the recorded data, open courses would look "active" and requests "waiting" forever.
if not filters.overlaps(*extent) or view.is_empty(data):
    st.info(t("caseload.empty"), icon=":material/filter_alt_off:")
    st.stop()

# Comparisons only when the previous period lies inside the recorded data.
comparable = filters.comparable_since(extent[0])
summary.headline(org, data, lang, comparable)
law_caption(
    [d for d in org.departments if not filters.departments or d.id in filters.departments], lang
)
focus.focus_bar(org, filters, dept, bucket, lang)
# Charts that choose the focus show every department and month; the rest follow the focus.
# Without a focus both are the page's own filters, and its figures are read once (each read of
# a cached figure unpickles it).
focus_filters = focus.focused_filters(filters, dept, bucket)
department_filters = focus.focused_filters(filters, dept, None)
focused = data if focus_filters == filters else figures.caseload(focus_filters)
by_department = data if department_filters == filters else figures.caseload(department_filters)

flow_data = figures.series("caseload", by_department)  # by quarter when months are too sparse

# The charts in four tabs, and only the open tab is drawn (a dynamic tab reruns the page when
# another is chosen): a filter change draws two or three charts instead of nine, which is most
# of what the browser spends on it.
panels = {
    "courses": (
        lambda: view.active_chart(org, data, lang),
        lambda: view.flow_chart(org, flow_data, lang),
    ),
    "waiting": (
        lambda: view.waiting_chart(org, focused, lang),
        lambda: view.share_chart(org, by_department, lang),
        lambda: view.waiting_now_section(org, focused, lang),
    ),
    "endings": (
        lambda: view.reasons_chart(org, focused, lang),
        lambda: view.fte_chart(org, by_department, lang),
    ),
    "referrals": (
        lambda: view.sources_chart(org, focused, lang),
        lambda: view.ages_chart(org, focused, lang),
    ),
}
tabs = st.tabs(
    [t(f"caseload.tab.{name}") for name in panels], key="caseload_tab", on_change="rerun"
)
for tab, shown in zip(tabs, panels.values(), strict=True):
    if tab.open:
        with tab:
            view.tab_panels(*shown)

with st.container(border=True):
    summary.comparison_section(org, data, lang, comparable)
