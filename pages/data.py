"""Data in and out: log a contact on the go, import, export, undo."""

import streamlit as st

from data_access import cached
from ui import data_view as view
from ui.filters import current_filters
from ui.frame import ensure_frame
from ui.i18n import current_language, t

ensure_frame()  # first of all: see ui/frame.py

org = cached.organisation()
lang = current_language()

st.title(t("nav.data"))
log, load, export, history = st.tabs(
    [t("data.tab.log"), t("data.tab.import"), t("data.tab.export"), t("data.tab.history")]
)
with log:
    view.contact_form(org, lang)
with load:
    view.import_section(org, lang)
with export:
    view.export_section(current_filters(), lang)
with history:
    view.history_section()
