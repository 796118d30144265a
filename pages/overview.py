"""Overview: the few numbers a committee member reads before a meeting."""

import streamlit as st

from data_access import cached
from language import format as fmt
from ui import auth, committee_filters, comparison, figures, kpis, overview_view
from ui.charts.render import render
from ui.downloads import made_on_request
from ui.filters import committee_mode, current_as_of, current_cell, current_filters
from ui.i18n import current_language, t
from ui.plain import plain

org = cached.organisation()
filters = current_filters()
lang = current_language()
committee = committee_mode()

st.title(t("nav.overview"))
st.caption(t("app.tagline", org=plain(org.name)))

extent = cached.data_extent()
as_of = current_as_of()
if extent is None:
    st.info(t("empty.database"), icon=":material/database:")
    st.stop()

data = figures.overview(filters, org.outreach.start, org.outreach.end)
st.caption(fmt.markdown_text(kpis.period_subtitle(data.filters, lang)))

if kpis.is_empty(data, extent):
    st.info(t("empty.period"), icon=":material/filter_alt_off:")
    st.stop()

st.subheader(t("overview.section.outreach"))
kpis.outreach_cards(data, org, lang, committee)
st.subheader(t("overview.section.treatment"))
kpis.treatment_cards(data, org, lang, since=extent[0], committee=committee)

trend = figures.series("overview", data)  # by quarter when the months are too sparse

for column, panel in zip(st.columns(2), overview_view.trend_panels(trend, org, lang), strict=True):
    with column, st.container(border=True):
        render(panel, lang)

# The brief is always the committee publication of one cell (ui/brief.py): the committee's
# chosen cell, or the one a manager's filters name.
brief_cell = (
    current_cell() if committee else committee_filters.cell_for(org, filters, extent[0], as_of)
)
if auth.may("brief") and brief_cell is not None:
    # Made on request (vl-convert takes seconds; ui.brief is imported only then) and audited
    # when made; the download then holds the file's bytes (see ui/downloads.py).
    made_on_request(
        t("brief.button"),
        t("brief.get"),
        auth.audited_download(
            "brief",
            lambda: (
                __import__("ui.brief", fromlist=["make_brief"])
                .make_brief(
                    cached.publication(as_of),
                    cached.engine(),
                    org,
                    cached.org_file(),
                    brief_cell,
                    lang,
                    compare=comparison.compare_mode(),  # the page's choice (?compare=)
                )
                .pdf
            ),
            page="overview",
            filters=filters,
        ),
        f"udvalgsbrief-{filters.start:%Y%m%d}-{filters.end:%Y%m%d}.pdf",
        "application/pdf",
        key="brief",
        identity=(brief_cell, lang, as_of, comparison.compare_mode()),
        icon=":material/picture_as_pdf:",
    )
elif auth.may("brief"):
    st.caption(t("brief.needs_cell"))
