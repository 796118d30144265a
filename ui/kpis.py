"""KPI cards for the overview: values, deltas against the previous period and sparklines.

Only rendering lives here; every number arrives computed in data_access.overview.
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from data_access import privacy
from data_access.filters import Filters
from data_access.organisation import Organisation
from data_access.overview import OverviewData
from ui import format as fmt
from ui.i18n import t
from ui.plain import plain


def period_subtitle(f: Filters, lang: str) -> str:
    period = f"{fmt.date(f.start, lang)} – {fmt.date(f.end, lang)}"
    return t("overview.subtitle", period=period, days=fmt.number(f.days, lang))


def is_empty(data: OverviewData, extent: tuple[dt.date, dt.date]) -> bool:
    """Nothing to show: the period lies outside the recorded data, or nothing happened in it.
    (Open courses would otherwise count as "active" in any future period.)"""
    if not data.filters.overlaps(*extent):
        return True
    return (
        data.outreach.contacts == 0
        and data.referrals.requests == 0
        and data.guarantee.starts == 0
        and not data.caseload
    )


def _delta(current: int, previous: int, show: bool, committee: bool) -> int | None:
    return privacy.safe_delta(current, previous, committee) if show else None


def _count(value: int, lang: str, committee: bool) -> str:
    """Every count on the cards goes through the privacy rules."""
    return privacy.count_text(value, committee, fmt.number(value, lang))


def _spark(values: list, committee: bool) -> list | None:
    # A sparkline's shape shows each month's count, small ones included: none for committees.
    return None if committee else values


def outreach_cards(data: OverviewData, org: Organisation, lang: str, committee: bool) -> None:
    show = data.filters.comparable_since(org.outreach.start)
    description = t("overview.vs_previous") if show else t("overview.no_previous")
    target = org.outreach.target_persons
    persons, contacts, referrals = st.columns(3)
    with persons, st.container(border=True, height="stretch"):
        st.metric(
            t("kpi.persons"),
            _count(data.outreach.persons, lang, committee),
            _delta(data.outreach.persons, data.outreach_previous.persons, show, committee),
            help=t("kpi.persons.help"),
            chart_data=_spark(data.outreach_trend["persons"].tolist(), committee),
            delta_description=description,
        )
        share = data.reached_since_start / target
        st.progress(min(1.0, share))
        st.caption(
            t(
                "kpi.target_progress",
                reached=_count(data.reached_since_start, lang, committee),
                target=fmt.number(target, lang),
                share=fmt.percent(share, lang),
            )
        )
    with contacts, st.container(border=True, height="stretch"):
        st.metric(
            t("kpi.contacts"),
            _count(data.outreach.contacts, lang, committee),
            _delta(data.outreach.contacts, data.outreach_previous.contacts, show, committee),
            help=t("kpi.contacts.help"),
            chart_data=_spark(data.outreach_trend["contacts"].tolist(), committee),
            chart_type="bar",
            delta_description=description,
        )
        st.caption(
            t("kpi.contacts.anonymous", n=_count(data.outreach.anonymous_contacts, lang, committee))
        )
    with referrals, st.container(border=True, height="stretch"):
        st.metric(
            t("kpi.referrals"),
            _count(data.referrals.requests, lang, committee),
            _delta(data.referrals.requests, data.referrals_previous.requests, show, committee),
            help=t("kpi.referrals.help"),
            chart_data=_spark(data.referral_trend["requests"].tolist(), committee),
            chart_type="bar",
            delta_description=description,
        )
        st.caption(t("kpi.referrals.started", n=_count(data.referrals.started, lang, committee)))


def treatment_cards(
    data: OverviewData, org: Organisation, lang: str, since: dt.date | None, committee: bool
) -> None:
    show = data.filters.comparable_since(since)
    description = t("overview.vs_previous") if show else t("overview.no_previous")
    shown = [
        d
        for d in org.departments
        if not data.filters.departments or d.id in data.filters.departments
    ]
    columns = st.columns(1 + len(shown))
    guarantee_days = max(d.guarantee_days for d in shown)
    with columns[0], st.container(border=True, height="stretch"):
        share = data.guarantee.share
        previous = data.guarantee_previous.share
        if committee and privacy.is_small(data.guarantee.starts):
            share = None  # a share of a handful of starts points at persons
        if committee and privacy.is_small(data.guarantee_previous.starts):
            previous = None
        delta = None
        if show and share is not None and previous is not None:
            delta = fmt.signed((share - previous) * 100, lang, 0, t("unit.percentage_points"))
        trend = data.guarantee_trend
        st.metric(
            t("kpi.guarantee"),
            fmt.percent(share, lang) if share is not None else t("kpi.no_value"),
            delta,
            help=t("kpi.guarantee.help", days=guarantee_days),
            # Buckets without starts have no share; the sparkline skips them.
            chart_data=_spark(
                [
                    round(100 * w / s)
                    for s, w in zip(trend["starts"], trend["within"], strict=True)
                    if s
                ],
                committee,
            ),
            delta_description=description,
        )
        st.caption(
            t(
                "kpi.guarantee.detail",
                within=_count(data.guarantee.within, lang, committee),
                starts=_count(data.guarantee.starts, lang, committee),
                days=guarantee_days,
            )
        )
    trend = data.caseload_trend
    for column, dept in zip(columns[1:], shown, strict=True):
        with column, st.container(border=True, height="stretch"):
            current = data.caseload.get(dept.id, 0)
            series = trend.loc[trend["department"] == dept.id, "active"].tolist()
            st.metric(
                t("kpi.caseload", dept=plain(dept.label(lang))),
                _count(current, lang, committee),
                _delta(current, data.caseload_previous.get(dept.id, 0), show, committee),
                help=t("kpi.caseload.help", date=fmt.date(data.filters.end, lang)),
                chart_data=_spark(series, committee),
                chart_type="area",
                delta_description=description,
            )
