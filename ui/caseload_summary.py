"""The caseload page's figures as numbers: the headline cards and each department against the
previous period (or the same period last year) in a table."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from data_access.caseload import WAITING_BUCKETS, CaseloadData, DepartmentFigures, WaitingStats
from data_access.organisation import Organisation
from data_access.publication import rules
from data_access.publication.count import Count, ProtectedTable, departments_together
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
    change = None
    if comparable and share is not None and previous_share is not None:
        change = (share - previous_share) * 100
    delta = kpis.card_delta(change, lang, 0, t("unit.percentage_points"))
    active_change = rules.change(now.active_at_end, before.active_at_end) if comparable else None
    committee_help = "\n\n" + t("committee.median_hidden", n=rules.MIN_MEDIAN_BASE)
    cols = st.columns(5)
    with cols[0]:
        st.metric(
            t("caseload.kpi.active"),
            Count.of(now.active_at_end).text(lang),
            **kpis.card_delta(active_change, lang),
            border=True,
            help=t("caseload.kpi.active.help", date=fmt.date(data.filters.end, lang)),
        )
    with cols[1]:
        st.metric(
            t("caseload.kpi.guarantee"),
            fmt.percent(share, lang) if share is not None else t("kpi.no_value"),
            **delta,
            border=True,
            help=t("caseload.kpi.guarantee.help", days=days, next=days + 1)
            + (
                "\n\n" + t("committee.share_hidden", base=rules.MIN_SHARE_BASE)
                if data.protected
                else ""
            ),
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
            over.text(lang),
            border=True,
            help=t("caseload.kpi.waiting_over.help", days=days),
            delta_color="inverse",
        )
    kpis.delta_caption(data.filters, comparable)


def _waiting_over(data: CaseloadData) -> Count:
    """Requests waiting past the guarantee on the last day: the departments together."""
    together = departments_together(data.waiting_now, "requests", ["bucket"])
    return ProtectedTable(together[together["bucket"] == WAITING_BUCKETS[2]]).total("requests")


def comparison_table(
    org: Organisation, data: CaseloadData, lang: str, comparable: bool
) -> pd.DataFrame:
    """Each department's figures beside the compared period's, typed (ui/tables.py): counts
    as published (`Count`: a number, "<5", "–"), shares as fractions (`comparison_kinds`),
    days as numbers, None where there is no figure."""
    labels = department_labels(org, lang)
    year_earlier = comparison.compared_with(data.filters) == "year"
    rows = []
    ids = [d.id for d in org.departments if d.id in data.current or d.id in data.previous]
    for dept in [*ids, "all"]:
        now = data.current.get(dept)
        before = data.previous.get(dept) if comparable else None
        name = labels.get(dept, t("compare.all"))
        rows.append(_comparison_row(name, now, before, comparable, year_earlier))
    return pd.DataFrame(rows)


def comparison_kinds(year_earlier: bool) -> tables.Declared:
    """The table's share columns (the rest is told by their types)."""
    label = t("compare.within")
    before_key = "today.compare.column.year" if year_earlier else "compare.previous"
    return {label: "share", t(before_key, name=label): "share"}


def _comparison_row(
    name: str,
    now: DepartmentFigures | None,
    before: DepartmentFigures | None,
    comparable: bool,
    year_earlier: bool = False,
) -> dict[str, object]:
    """One department's figures beside the compared period's (the previous or the year-earlier
    one); None where there is none or no value."""
    before_key = "today.compare.column.year" if year_earlier else "compare.previous"

    def pair(label: str, value_now: object, value_before: object) -> dict[str, object]:
        return {label: value_now, t(before_key, name=label): value_before}

    def count(fig: DepartmentFigures | None, field: str, is_before: bool) -> Count | None:
        if is_before and not comparable:
            return None
        return Count.of(getattr(fig, field)) if fig else Count(0)

    def waiting(fig: DepartmentFigures | None, field: str, is_before: bool) -> float | None:
        return getattr(fig.waiting, field) if fig and not (is_before and not comparable) else None

    row: dict[str, object] = {t("compare.department"): name}
    for label, field in (
        ("compare.active", "active_at_end"),
        ("compare.requests", "requests"),
        ("compare.starts", "starts"),
        ("compare.ends", "ends"),
    ):
        row |= pair(t(label), count(now, field, False), count(before, field, True))
    for label, field in (
        ("compare.within", "share_within"),
        ("compare.median", "median_days"),
        ("compare.p90", "p90_days"),
    ):
        row |= pair(t(label), waiting(now, field, False), waiting(before, field, True))
    return row


def comparison_section(org: Organisation, data: CaseloadData, lang: str, comparable: bool) -> None:
    compared = comparison.compared_with(data.filters) if comparable else None
    title = {"year": "caseload.compare.title.year", None: "caseload.compare.title.alone"}
    st.markdown(f"**{t(title.get(compared, 'caseload.compare.title'))}**")
    # Which comparison (the same period last year, the previous one) and, without one, why.
    st.caption(fmt.markdown_text(kpis.period_subtitle(data.filters, lang)))
    if not comparable:
        st.caption(kpis.delta_description(data.filters, False))
    table = comparison_table(org, data, lang, comparable)
    kinds = comparison_kinds(comparison.compared_with(data.filters) == "year")
    tables.show(table, lang, kinds)
    download_buttons(
        table,
        f"brobygger-afdelinger-{data.filters.start:%Y%m%d}-{data.filters.end:%Y%m%d}",
        lang,
        key="departments",
        declared=kinds,
    )
