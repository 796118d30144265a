"""The one way pages get their figures: raw for managers, the publication in committee mode.

Every page and view asks here, never data_access's query modules or cached wrappers directly
(tests/unit/test_architecture.py checks it). In committee mode the answer is the protected
publication of the chosen cell (data_access/publication): the same data classes, with every
count already rounded, hidden or withheld, so a new chart drawn from them cannot leak.
"""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from data_access import cached
from data_access.caseload import CaseloadData
from data_access.filters import Filters
from data_access.outreach import OutreachData
from data_access.overview import OverviewData
from data_access.publication import store
from data_access.publication.cells import Cell
from data_access.routes import ContactProfile
from ui import comparison
from ui.filters import committee_mode, current_as_of
from ui.i18n import t


def _cell(f: Filters) -> Cell:
    """The publication cell of the filters (the sidebar offers nothing else in committee mode;
    a focus from a chart click narrows to a smaller cell)."""
    pub = cached.publication(current_as_of())
    cell = pub.cell(replace(f, coarse=False, committee=False, previous_range=None))
    if cell is None:  # pragma: no cover - the committee sidebar and focus only make cells
        st.error("Internal error: not a publication cell")
        st.stop()
    return cell


def _committee(page: str, f: Filters):
    with st.spinner(t("committee.computing"), show_time=True):
        return cached.committee(
            page, current_as_of(), _cell(f), f.coarse, comparison.compare_mode()
        )


def series(page: str, data):
    """The figures a page's time series is drawn from: in committee mode, by quarter when its
    months are too sparse (decided in data_access/publication/store.needs_quarters)."""
    if not committee_mode() or not store.needs_quarters(page, data):
        return data
    return _committee(page, replace(data.filters, coarse=True))


def overview(f: Filters, project_start, project_end=None) -> OverviewData:
    """The overview; the persons towards the target count within the project period."""
    if committee_mode():
        return _committee("overview", f)
    return cached.overview(f, project_start, project_end)


def outreach(f: Filters, org) -> OutreachData:
    if committee_mode():
        return _committee("outreach", f)
    return cached.outreach(f, org)


def contact_profile(until) -> ContactProfile:
    """The route planner's contact history; none in committee mode (a site's history is a
    list of single visits and contacts)."""
    if committee_mode():
        return ContactProfile.none()
    return cached.contact_profile(until)


def caseload(f: Filters) -> CaseloadData:
    if committee_mode():
        return _committee("caseload", f)
    return cached.caseload(f)


def worklist(name: str, f: Filters, today):
    """A worklist (pseudonyms): never in committee mode, whoever asks; the page checks the
    role (auth.require) and audits what it shows."""
    from data_access import worklists  # person-level queries, only here

    if committee_mode():
        st.error(t("worklists.committee"), icon=":material/visibility_off:")
        st.stop()
    org = cached.organisation()
    rules = org.alerts
    return worklists.worklist(
        cached.engine(),
        name,  # type: ignore[arg-type]
        f,
        today,
        quiet_days=rules.quiet_days,
        quiet_window_days=rules.quiet_window_days,
        start_days=rules.referral_start_days,
    )


def alerts(today, f: Filters, *, open_only: bool):
    """The alerts about the departments and sites chosen, brought up to date (person-level:
    never in committee mode)."""
    from data_access.alerts import store

    if committee_mode():
        st.error(t("worklists.committee"), icon=":material/visibility_off:")
        st.stop()
    cached.alerts_up_to_date(today)
    return store.in_scope(
        store.read(cached.engine(), open_only=open_only), f, cached.organisation()
    )
