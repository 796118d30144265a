"""Alerts (leder, admin): what needs acting on before the guarantee breaks, with a history;
the same rules the e-mail digest sends (python -m data_access.alerts --send)."""

import streamlit as st

from data_access import cached
from ui import alerts_view as view
from ui import auth, figures
from ui.filters import current_as_of, current_filters
from ui.i18n import current_language, t

org = cached.organisation()
lang = current_language()
today = current_as_of()
filters = current_filters()

st.title(t("nav.alerts"))
if auth.require("view_persons"):
    rules = org.alerts
    st.caption(
        t(
            "alerts.caption",
            warn=rules.deadline_warning_days,
            quiet=rules.quiet_days,
            referral=rules.referral_start_days,
        )
    )
    if st.button(t("alerts.check_now"), icon=":material/refresh:"):
        cached.alerts_changed()
    current, history = st.tabs([t("alerts.tab.open"), t("alerts.tab.history")])
    if filters.departments or filters.sites or filters.site_kinds:
        st.caption(t("alerts.filters_note"))
    open_alerts = figures.alerts(today, filters, open_only=True)
    auth.audit_view(
        "alerts",
        pseudonyms=open_alerts["pseudonym"].dropna().tolist(),
        detail=f"alerts; today={today.isoformat()}",
    )
    every_alert = figures.alerts(today, filters, open_only=False)
    auth.audit_view(
        "alerts",
        pseudonyms=every_alert["pseudonym"].dropna().tolist(),
        detail=f"alert history; today={today.isoformat()}",
    )
    with current:
        view.open_section(org, open_alerts, lang)
    with history:
        view.history_section(org, every_alert, lang)
