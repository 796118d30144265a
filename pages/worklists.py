"""Worklists (leder, admin): the persons behind the counts, to act on; audited, never in
committee mode (data_access/worklists.py has the definitions)."""

import streamlit as st

from data_access import cached
from ui import auth
from ui import worklists_view as view
from ui.filters import current_as_of, current_filters
from ui.i18n import current_language, t

org = cached.organisation()
lang = current_language()
filters = current_filters()
today = current_as_of()

st.title(t("nav.worklists"))
if auth.require("view_persons"):
    if filters.sites or filters.site_kinds or filters.departments:
        st.caption(t("worklists.sites_note"))  # which list follows which filter
    lists = view.counts(filters, today)
    name = view.list_picker({n: len(frame) for n, frame in lists.items()}, lang)
    view.show(org, name, lists[name], filters, today, lang)
