"""The caseload page's figures as numbers: the headline cards and each department against the
previous period (or the same period last year) in a table."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from data_access.caseload import WAITING_BUCKETS, CaseloadData, DepartmentFigures, WaitingStats
from data_access.organisation import Organisation
from data_access.publication import rules
from data_access.publication.count import Count
from data_access.publication.store import figure_in
from language import format as fmt
from ui import comparison, kpis, tables
from ui.caseload_focus import department_labels
from ui.downloads import download_buttons
from ui.i18n import t

NO_FIGURES = DepartmentFigures(0, 0, 0, 0, WaitingStats(0, 0, None, None))


def headline(org: Organisation, data: CaseloadData, lang: str, comparable: bool) -> None:
    """The page's key figures. Deltas only when the previous period lies inside the data.
    Committee figures arrive protected; shares and changes follow the publication rules."""
    now = data.current.get("all", NO_FIGURES)
    before = data.previous.get("all", NO_FIGURES)
    days = max(d.guarantee_days for d in org.departments)
    over = _waiting_over(data)
    share, previous_share = now.waiting.share_within, before.waiting.share_within
    delta = None
    if comparable and share is not None and previous_share is not None:
        delta = fmt.signed((share - previous_share) * 100, lang, 0, t("unit.percentage_points"))
    description = kpis.delta_description(data.filters, comparable)
    active_delta = rules.change(now.active_at_end, before.active_at_end) if comparable else None
    committee_help = "\n\n" + t("committee.median_hidden", n=rules.MIN_MEDIAN_BASE)
    cols = st.columns(5)
    with cols[0]:
        st.metric(
            t("caseload.kpi.active"),
            Count.of(now.active_at_end).text(lang),
            active_delta,
            border=True,
            help=t("caseload.kpi.active.help", date=fmt.date(data.filters.end, lang)),
            delta_description=description,
        )
    with cols[1]:
        st.metric(
            t("caseload.kpi.guarantee"),
            fmt.percent(share, lang) if share is not None else t("kpi.no_value"),
            delta,
            border=True,
            help=t("caseload.kpi.guarantee.help", days=days, next=days + 1)
            + (
                "\n\n" + t("committee.share_hidden", base=rules.MIN_SHARE_BASE)
                if data.protected
                else ""
            ),
            delta_description=description,
        )
    with cols[2]:
        median = now.waiting.median_days
        st.metric(
            t("caseload.kpi.median"),
            t("unit.days", n=median) if median is not None else t("kpi.no_value"),
            border=True,
            help=committee_help.strip() if data.protected else None,
        )
    with cols[3]:
        p90 = now.waiting.p90_days
        st.metric(
            t("caseload.kpi.p90"),
            t("unit.days", n=p90) if p90 is not None else t("kpi.no_value"),
            border=True,
            help=t("caseload.kpi.p90.help") + (committee_help if data.protected else ""),
        )
    with cols[4]:
        st.metric(
            t("caseload.kpi.waiting_over", days=days),
            Count.of(over).text(lang),
            border=True,
            help=t("caseload.kpi.waiting_over.help", days=days),
            delta_color="inverse",
        )


def _waiting_over(data: CaseloadData) -> int | None:
    """Requests waiting past the guarantee on the last day: the departments together (in
    committee mode the published "all" figure, not a sum of rounded departments)."""
    frame = data.waiting_now
    over = frame[frame["bucket"] == WAITING_BUCKETS[2]]
    if data.protected:
        row = over[over["department"] == "all"]
        if row.empty:
            return 0
        return figure_in(row.iloc[0], "requests")
    return int(over["requests"].sum())


def comparison_table(
    org: Organisation, data: CaseloadData, lang: str, comparable: bool
) -> pd.DataFrame:
    labels = department_labels(org, lang)
    year_earlier = comparison.compared_with(data.filters) == "year"
    rows = []
    ids = [d.id for d in org.departments if d.id in data.current or d.id in data.previous]
    for dept in [*ids, "all"]:
        now = data.current.get(dept)
        before = data.previous.get(dept) if comparable else None
        name = labels.get(dept, t("compare.all"))
        rows.append(_comparison_row(name, now, before, lang, comparable, year_earlier))
    return pd.DataFrame(rows)


def _comparison_row(
    name: str,
    now: DepartmentFigures | None,
    before: DepartmentFigures | None,
    lang: str,
    comparable: bool,
    year_earlier: bool = False,
) -> dict[str, object]:
    """One department's figures beside the compared period's (the previous or the year-earlier
    one), as text ("–" where there is none or no value; committee figures as published:
    rounded, "<5", "–")."""
    empty = t("kpi.no_value")

    before_key = "today.compare.column.year" if year_earlier else "compare.previous"

    def pair(label: str, value_now: str, value_before: str) -> dict[str, object]:
        return {label: value_now, t(before_key, name=label): value_before}

    def count(fig: DepartmentFigures | None, field: str, is_before: bool) -> str:
        if is_before and not comparable:
            return empty
        return Count.of(getattr(fig, field)).text(lang) if fig else "0"

    def share(fig: DepartmentFigures | None, is_before: bool) -> str:
        value = fig.waiting.share_within if fig and not (is_before and not comparable) else None
        return fmt.percent(value, lang) if value is not None else empty

    def days(fig: DepartmentFigures | None, field: str, is_before: bool) -> str:
        value = getattr(fig.waiting, field) if fig and not (is_before and not comparable) else None
        return fmt.number(value, lang, 1 if value % 1 else 0) if value is not None else empty

    row: dict[str, object] = {t("compare.department"): name}
    for label, field in (
        ("compare.active", "active_at_end"),
        ("compare.requests", "requests"),
        ("compare.starts", "starts"),
        ("compare.ends", "ends"),
    ):
        row |= pair(t(label), count(now, field, False), count(before, field, True))
    row |= pair(t("compare.within"), share(now, False), share(before, True))
    row |= pair(
        t("compare.median"), days(now, "median_days", False), days(before, "median_days", True)
    )
    row |= pair(t("compare.p90"), days(now, "p90_days", False), days(before, "p90_days", True))
    return row


def comparison_section(org: Organisation, data: CaseloadData, lang: str, comparable: bool) -> None:
    st.markdown(f"**{t('caseload.compare.title')}**")
    # Which comparison (the same period last year, the previous one) and, without one, why.
    st.caption(fmt.markdown_text(kpis.period_subtitle(data.filters, lang)))
    if not comparable:
        st.caption(kpis.delta_description(data.filters, False))
    table = comparison_table(org, data, lang, comparable)
    tables.show(table, lang)
    download_buttons(
        table,
        f"brobygger-afdelinger-{data.filters.start:%Y%m%d}-{data.filters.end:%Y%m%d}",
        lang,
        key="departments",
    )
