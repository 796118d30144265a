"""Rendering for the audit page: the log with its filters and export, and the extract of the
lookups of one person (dates and purposes, no staff names)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from data_access import audit, cached, clock
from data_access.access import User
from language import format as fmt
from ui import auth, tables
from ui.downloads import PersonRows, download_buttons
from ui.i18n import t, translate

PSEUDONYM = auth.PSEUDONYM
COLUMNS = {
    "at_utc": "audit.col.at",
    "subject": "audit.col.subject",
    "email": "audit.col.email",
    "role": "audit.col.role",
    "action": "audit.col.action",
    "page": "audit.col.page",
    "batch_id": "audit.col.batch",
    "pseudonym": "audit.col.pseudonym",
    "filters": "audit.col.filters",
    "detail": "audit.col.detail",
    "client": "audit.col.client",
}


def local_time(utc: pd.Series) -> pd.Series:
    """UTC as stored -> Danish local time, shown without a zone suffix."""
    return clock.series_from_utc(utc, cached.organisation().timezone)


def _local_day_bounds(start: dt.date, end: dt.date) -> tuple[dt.date, dt.date]:
    """The UTC days that cover Danish days start..end (a Danish day starts the UTC day
    before, at 22:00 or 23:00); rows outside are dropped after converting."""
    return start - dt.timedelta(days=1), end


def chain_line(lang: str) -> None:
    """One line: whether the log's hash chain is intact (rows checked, since when) or where it
    breaks (data_access/audit_chain.py; the same as `python -m data_access.audit verify`)."""
    result = cached.audit_chain()
    zone = clock.zone(cached.organisation().timezone)

    def local(utc: dt.datetime | None) -> dt.datetime | None:
        return utc.replace(tzinfo=dt.UTC).astimezone(zone) if utc else None

    if result.problem is not None:
        problem = result.problem
        st.error(
            t(
                "audit.chain.broken",
                row=problem.row_id,
                what=t(f"audit.chain.break.{problem.kind}"),
                n=result.breaks,
            ),
            icon=":material/gpp_bad:",
        )
    elif not result.rows:
        st.success(t("audit.chain.empty"), icon=":material/verified_user:")
    else:
        since, checked = local(result.since), local(result.checked_at)
        st.success(
            t(
                "audit.chain.intact",
                n=result.rows,
                since=fmt.date(since.date(), lang) if since else "–",
                checked=f"{checked:%H:%M}" if checked else "–",
            ),
            icon=":material/verified_user:",
        )


def log_section(user: User, lang: str) -> None:
    today = clock.local_today(cached.organisation().timezone)
    default_start = today - dt.timedelta(days=30)
    c1, c2, c3, c4 = st.columns(4)
    start = c1.date_input(
        t("audit.from"),
        value=default_start,
        key="audit_from",
        format=fmt.DATE_INPUT_FORMAT[lang],
    )
    end = c2.date_input(
        t("audit.to"),
        value=today,
        key="audit_to",
        format=fmt.DATE_INPUT_FORMAT[lang],
    )
    who = c3.text_input(t("audit.who"), key="audit_who").strip()
    pseudonym = c4.text_input(t("audit.pseudonym"), key="audit_pseudonym").strip().upper()
    actions = st.multiselect(
        t("audit.actions"),
        audit.AUDIT_ACTIONS,
        format_func=lambda a: translate(f"audit.action.{a}", lang),
        placeholder=t("audit.actions.all"),
        key="audit_actions",
    )
    if end < start:
        start, end = end, start
    # A search of the log is recorded with its terms (the log opened as it comes is a view,
    # below); the pseudonym searched for is named, so that person's extract shows it.
    if who or pseudonym or actions or (start, end) != (default_start, today):
        terms = {
            "who": who,
            "pseudonym": pseudonym,
            "actions": sorted(actions),
            "from": start.isoformat(),
            "to": end.isoformat(),
        }
        auth.audit_search("audit", terms, pseudonym or None)
    utc_start, utc_end = _local_day_bounds(start, end)
    frame = audit.read(
        cached.engine(),
        audit.LogQuery(
            start=utc_start,
            end=utc_end,
            actions=tuple(actions),
            who=who or None,
            pseudonym=pseudonym or None,
        ),
    )
    frame["at_utc"] = local_time(frame["at_utc"])
    frame = frame[(frame["at_utc"].dt.date >= start) & (frame["at_utc"].dt.date <= end)]
    # The log names persons: reading it is a look at their data, named in the view's row.
    auth.audit_view("audit", pseudonyms=frame["pseudonym"].dropna().tolist(), detail="audit log")
    st.caption(t("audit.rows", n=len(frame)))
    if frame.empty:
        st.info(t("audit.none"))
        return
    shown = frame.drop(columns=["id"]).assign(
        action=frame["action"].map(lambda a: translate(f"audit.action.{a}", lang))
    )
    shown = shown.rename(columns={k: t(v) for k, v in COLUMNS.items()})
    tables.show(shown, lang)
    if auth.may("export_audit"):
        download_buttons(
            shown,
            f"brobygger-revisionslog-{start:%Y%m%d}-{end:%Y%m%d}",
            lang,
            key="audit-export",
            person_rows=PersonRows(
                "export_audit",
                "audit",
                "audit log",
                pseudonyms=frame["pseudonym"].dropna().tolist(),
            ),
        )


def purpose(action: str, page: str | None, lang: str) -> str:
    key = f"purpose.{action}"
    from ui.i18n import TEXTS

    if key not in TEXTS:
        return translate("purpose.other", lang, action=translate(f"audit.action.{action}", lang))
    return translate(key, lang, page=translate(f"nav.{page}", lang) if page else "–")


def extract_section(user: User, lang: str) -> None:
    st.caption(t("audit.extract.caption"))
    with st.form("audit_extract_form", enter_to_submit=True):
        raw = st.text_input(t("audit.extract.input"), key="audit_extract_pseudonym")
        asked = st.form_submit_button(t("audit.extract.run"), icon=":material/person_search:")
    if asked:
        st.session_state["_audit_extract_for"] = raw.strip().upper()
    pseudonym = st.session_state.get("_audit_extract_for")
    if not pseudonym:
        return
    if not PSEUDONYM.match(pseudonym):
        st.error(t("audit.extract.invalid"))
        return
    if not auth.require("audit_extract"):
        return
    frame = audit.extract(cached.engine(), pseudonym)
    # The extract is itself a look at the person's data: audited (once per session).
    auth.audit_once("audit_extract", (pseudonym,), page="audit", pseudonyms=[pseudonym])
    if frame.empty:
        st.info(t("audit.extract.none", pseudonym=pseudonym))
        return
    local = local_time(frame["at_utc"])
    table = pd.DataFrame(
        {
            t("audit.col.date"): [fmt.date(d.date(), lang) for d in local],
            t("audit.col.purpose"): [
                purpose(a, p, lang) for a, p in zip(frame["action"], frame["page"], strict=True)
            ],
        }
    )
    st.markdown(fmt.markdown_text(t("audit.extract.count", n=len(table), pseudonym=pseudonym)))
    tables.show(table, lang)
    download_buttons(
        table,
        f"indsigt-{pseudonym}",
        lang,
        key="audit-extract",
        person_rows=PersonRows(
            "audit_extract", "audit", f"extract for {pseudonym}", pseudonyms=[pseudonym]
        ),
    )
