"""The worklists page's parts: the choice of list, the table, its exports and the links to it.

The list in view lives in the URL (?list=waiting), so "venter nu" on the caseload page and the
guarantee card on the overview link straight to it.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from data_access.filters import Filters
from data_access.organisation import Organisation
from data_access.worklists import (
    LATE_COLUMNS,
    QUIET_COLUMNS,
    REFERRAL_COLUMNS,
    WAITING_COLUMNS,
    WORKLISTS,
)
from language import format as fmt
from ui import auth, figures, navigation
from ui.downloads import PersonRows, download_buttons
from ui.i18n import t, translate
from ui.plain import plain

LIST_KEY = "list"  # also the URL parameter

# Shown columns per list, in order (the ids stay internal).
COLUMNS = {
    "waiting": [*[c for c in WAITING_COLUMNS[1:] if c != "breach"], "status"],
    "late": LATE_COLUMNS[1:],
    "referrals": REFERRAL_COLUMNS[1:],
    "quiet": [*QUIET_COLUMNS[1:-1], "last_site"],
}
DATE_COLUMNS = {
    "requested_on",
    "deadline",
    "started_on",
    "ended_on",
    "first_contact",
    "last_contact",
}


def link(label: str, list_name: str = "waiting", *, key: str | None = None) -> None:
    """A link to a worklist, for the roles that may open it (nothing for the others)."""
    if not auth.may_open("worklists"):
        return
    navigation.page_link(
        "worklists",
        label=label,
        icon=":material/checklist:",
        query_params={LIST_KEY: list_name, **auth.url_state()},
    )


def chosen_list() -> str:
    """The list in view: the URL's, else the one chosen before, else who is waiting."""
    wanted = st.query_params.get(LIST_KEY)
    if wanted in WORKLISTS:
        st.session_state[LIST_KEY] = wanted
    current = st.session_state.get(LIST_KEY)
    return current if current in WORKLISTS else WORKLISTS[0]


def _list_changed() -> None:
    choice = st.session_state.get("worklist_choice")
    if choice in WORKLISTS:
        st.session_state[LIST_KEY] = choice
        st.query_params[LIST_KEY] = choice


def list_picker(counts: dict[str, int], lang: str) -> str:
    current = chosen_list()
    st.session_state["worklist_choice"] = current
    st.segmented_control(
        t("worklists.choose"),
        list(WORKLISTS),
        format_func=lambda n: translate(f"worklists.{n}", lang, n=fmt.number(counts[n], lang)),
        key="worklist_choice",
        required=True,
        on_change=_list_changed,
        label_visibility="collapsed",
    )
    st.query_params[LIST_KEY] = current
    return current


def status_text(row: pd.Series, name: str, lang: str) -> str:
    if name == "waiting":
        left = int(row["days_left"])
        if left < 0:
            return translate("worklists.status.breach", lang, n=-left)
        if left == 0:
            return translate("worklists.status.due_today", lang)
        return translate("worklists.status.left", lang, n=left)
    return translate(f"worklists.status.{row['status']}", lang)


def table(org: Organisation, name: str, frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The list as shown and exported: translated values, the list's columns, Danish headers."""
    shown = frame.copy()
    if "department" in shown:
        labels = {d.id: d.label(lang) for d in org.departments}
        shown["department"] = shown["department"].map(lambda d: labels.get(d, d))
    if "last_site" in shown:
        names = {s.id: s.name for s in org.sites}
        shown["last_site"] = shown["last_site"].map(lambda s: names.get(s, s))
    if name in ("waiting", "referrals"):
        shown["status"] = [status_text(row, name, lang) for _, row in shown.iterrows()]
    shown = shown[COLUMNS[name]]
    return shown.rename(columns={c: translate(f"worklists.col.{c}", lang) for c in shown.columns})


def _styled(shown: pd.DataFrame, frame: pd.DataFrame, name: str, lang: str):
    """Breaches (and due today) marked, so the top of the list reads at a glance."""
    if name != "waiting" or frame.empty:
        return shown
    left = frame["days_left"].tolist()

    def colour(row: pd.Series) -> list[str]:
        value = left[row.name]
        if value < 0:
            return ["background-color: #f8d7d3"] * len(row)
        if value == 0:
            return ["background-color: #fbe9c6"] * len(row)
        return [""] * len(row)

    return shown.style.apply(colour, axis=1)


def show(
    org: Organisation, name: str, frame: pd.DataFrame, f: Filters, today: dt.date, lang: str
) -> None:
    """The list with its caption, table and exports; the look is audited with its persons."""
    st.caption(
        fmt.markdown_text(
            t(
                f"worklists.{name}.caption",
                today=fmt.date(today, lang),
                period=fmt.period(f.start, f.end, lang),
                quiet=org.alerts.quiet_days,
                exit=org.alerts.quiet_days + org.alerts.quiet_window_days,
                days=org.alerts.referral_start_days,
            )
        )
    )
    auth.audit_view(
        "worklists",
        pseudonyms=frame["pseudonym"].tolist(),
        filters=f,
        detail=f"worklist={name}; today={today.isoformat()}",
    )
    if frame.empty:
        st.success(t(f"worklists.{name}.none"), icon=":material/check_circle:")
        return
    if name == "waiting":
        by_dept = frame.groupby("department").size()
        parts = [
            f"{plain(org.department(d).label(lang))} {fmt.number(int(n), lang)}"
            for d, n in by_dept.items()
        ]
        breaches = int(frame["breach"].sum())
        st.markdown(t("worklists.waiting.summary", parts=" · ".join(parts), breaches=breaches))
    shown = table(org, name, frame, lang)
    st.dataframe(
        _styled(shown, frame, name, lang),
        hide_index=True,
        width="stretch",
        column_config={
            translate(f"worklists.col.{c}", lang): st.column_config.DateColumn(
                format=fmt.DATE_INPUT_FORMAT[lang]
            )
            for c in COLUMNS[name]
            if c in DATE_COLUMNS
        },
        key=f"worklist-table-{name}",
    )
    if auth.may("export_worklist"):
        stamp = f"{today:%Y%m%d}"
        download_buttons(
            shown,
            f"brobygger-{translate(f'worklists.file.{name}', lang)}-{stamp}",
            lang,
            key=f"worklist-{name}",
            person_rows=PersonRows(
                "export_worklist",
                "worklists",
                f"worklist {name}",
                f,
                pseudonyms=frame["pseudonym"].tolist(),
            ),
        )


def counts(f: Filters, today: dt.date) -> dict[str, pd.DataFrame]:
    return {name: figures.worklist(name, f, today) for name in WORKLISTS}
