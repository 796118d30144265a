"""The alerts page's parts: open alerts with their reason and a link to where they show, and the
history (raised and resolved)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from data_access import clock
from data_access.alerts.rules import PRIORITY, RULE_TARGET
from data_access.organisation import Organisation
from language import format as fmt
from ui import auth, navigation, tables
from ui.downloads import PersonRows, download_buttons
from ui.i18n import t, translate
from ui.plain import plain
from ui.worklists_view import LIST_KEY

ORDER = {rule: i for i, rule in enumerate(PRIORITY)}


def navigation_title(open_alerts: int) -> str:
    """The alerts page's label in the navigation, with a red badge holding the number of open
    alerts (none when there are none). Streamlit 1.67 renders a page title in the navigation
    as label Markdown (st.Page's docstring; the nav link is a StreamlitMarkdown label), so
    the badge directive becomes a real badge there; the browser tab keeps "Brobygger" from
    st.set_page_config. The page itself shows its title without the badge."""
    title = t("nav.alerts")
    return f"{title} :red-badge[{open_alerts}]" if open_alerts else title


def _day(value: object, lang: str) -> str:
    if not value:
        return ""
    return fmt.date(dt.date.fromisoformat(str(value)[:10]), lang)


def reason(org: Organisation, row: pd.Series, lang: str) -> str:
    """Why the alert is there, in a sentence."""
    values = dict(row["values"])
    dept = row.get("department")
    site = row.get("site")
    names = {s.id: s.name for s in org.sites}
    labels = {d.id: d.label(lang) for d in org.departments}
    rule = row["rule"]
    if rule == "site" and not values.get("last_visit"):
        rule = "site_never"
    return translate(
        f"alerts.reason.{rule}",
        lang,
        pseudonym=row.get("pseudonym") or "–",
        dept=labels.get(dept, dept or ""),
        site=names.get(site, site or ""),
        days=values.get("days", ""),
        days_waited=values.get("days_waited", ""),
        days_left=values.get("days_left", ""),
        over=-int(values.get("days_left", 0) or 0),
        deadline=_day(values.get("deadline"), lang),
        last=_day(values.get("last_visit") or values.get("last_contact"), lang),
        limit=values.get("limit", ""),
        reached=values.get("reached", ""),
        expected=values.get("expected", ""),
        target=values.get("target", ""),
    )


def _sorted(frame: pd.DataFrame) -> pd.DataFrame:
    return (
        frame.assign(_order=frame["rule"].map(ORDER))
        .sort_values(["_order", "raised_at", "id"], ascending=[True, False, False])
        .drop(columns="_order")
    )


def open_section(org: Organisation, frame: pd.DataFrame, lang: str) -> None:
    """Open alerts grouped by rule, each with its reason; one link per rule to where they show."""
    if frame.empty:
        st.success(t("alerts.none"), icon=":material/check_circle:")
        return
    frame = _sorted(frame)
    for rule in ORDER:
        part = frame[frame["rule"] == rule]
        if part.empty:
            continue
        with st.container(border=True):
            st.markdown(
                f"**{t(f'alerts.rule.{rule}')}** · {fmt.number(len(part), lang)}",
            )
            for _, row in part.iterrows():
                raised = t("alerts.raised", when=_day(row["raised_at"], lang))
                st.markdown(f"- {plain(reason(org, row, lang))} · :gray[{plain(raised)}]")
            page, list_name = RULE_TARGET[rule]
            if auth.may_open(page):  # type: ignore[arg-type]
                params = {LIST_KEY: list_name} if list_name else {}
                navigation.page_link(
                    page,
                    label=t(f"alerts.link.{rule}"),
                    icon=":material/arrow_forward:",
                    query_params={**params, **auth.url_state()},
                )


def history_table(org: Organisation, frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The alerts as a typed table: times in the organisation's zone (they are stored in
    UTC), an open alert's "closed" empty (shown as "–", never "None")."""
    raised = clock.series_from_utc(frame["raised_at"], org.timezone).tolist()
    resolved = clock.series_from_utc(frame["resolved_at"], org.timezone).tolist()
    rows = []
    for index, (_, row) in enumerate(frame.iterrows()):
        rows.append(
            {
                t("alerts.col.rule"): t(f"alerts.rule.{row['rule']}"),
                t("alerts.col.reason"): reason(org, row, lang),
                t("alerts.col.raised"): raised[index],
                t("alerts.col.resolved"): resolved[index],
            }
        )
    return pd.DataFrame(
        rows,
        columns=[
            t("alerts.col.rule"),
            t("alerts.col.reason"),
            t("alerts.col.raised"),
            t("alerts.col.resolved"),
        ],
    )


HISTORY_HEIGHT = 560  # px: a long history scrolls inside its table


def history_section(org: Organisation, frame: pd.DataFrame, lang: str) -> None:
    st.caption(t("alerts.history.caption"))
    shown = history_table(org, frame, lang)
    # The reason is a sentence: an HTML table wraps it (the grid cut it off), times in the
    # page's writing, an open alert's "closed" as "–".
    declared: tables.Declared = {
        t("alerts.col.raised"): "datetime",
        t("alerts.col.resolved"): "datetime",
    }
    tables.html_table(
        shown,
        lang,
        {c: declared.get(c, "text") for c in shown},
        height=HISTORY_HEIGHT if len(shown) > 12 else "content",
    )
    if auth.may("export_worklist"):
        download_buttons(
            shown,
            f"brobygger-{t('alerts.file')}",
            lang,
            key="alerts-history",
            person_rows=PersonRows(
                "export_worklist",
                "alerts",
                "alert history",
                pseudonyms=frame["pseudonym"].dropna().tolist() if "pseudonym" in frame else [],
            ),
        )
