"""The audit log (admin): who looked at or changed what, and the extract for one person."""

import streamlit as st

from data_access import audit
from ui import audit_view as view
from ui import auth
from ui.i18n import current_language, t

lang = current_language()
user = auth.current_user()

st.title(t("nav.audit"))
view.chain_line(lang)
try:
    st.caption(t("audit.caption", days=audit.retention_days()))
except ValueError as problem:  # a retention below the minimum, or no number: say so, go on
    st.error(t("audit.retention.refused", problem=str(problem)), icon=":material/error:")
log, extract = st.tabs([t("audit.tab.log"), t("audit.tab.extract")])
with log:
    if auth.require("read_audit"):
        view.log_section(user, lang)  # a look at person data: audited with those it shows
with extract:
    view.extract_section(user, lang)
