"""Data in and out: log a contact on the go, import, export, undo; each part for the roles that
may use it (data_access/access.py)."""

import streamlit as st

from data_access import cached
from ui import auth, contact_form_view
from ui import data_view as view
from ui.filters import current_filters
from ui.i18n import current_language, t

org = cached.organisation()
lang = current_language()
user = auth.current_user()
filters = current_filters()
auth.audit_view("data", filters=filters)  # the pseudonym register is on this page

st.title(t("nav.data"))
parts = [
    (action, label, render)
    for action, label, render in (
        ("log_contact", "data.tab.log", lambda: contact_form_view.contact_form(org, lang, user)),
        ("import", "data.tab.import", lambda: view.import_section(org, lang, user)),
        ("export_person_rows", "data.tab.export", lambda: view.export_section(filters, lang, user)),
        ("view_import_history", "data.tab.history", lambda: view.history_section(user, lang)),
    )
    if auth.may(action)
]
for tab, (_, _, render) in zip(st.tabs([t(label) for _, label, _ in parts]), parts, strict=True):
    with tab:
        render()
