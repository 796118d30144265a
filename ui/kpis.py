"""KPI cards for the overview: values, deltas against the previous period and sparklines.

Only rendering lives here; every number arrives computed in data_access.overview.
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from data_access.filters import Filters
from data_access.organisation import Organisation
from data_access.overview import OverviewData
from data_access.publication import rules
from data_access.publication.cells import is_running
from data_access.publication.count import Count
from language import format as fmt
from ui import comparison, worklists_view
from ui.filters import current_cell
from ui.i18n import t
from ui.law import law_caption
from ui.plain import plain


def period_subtitle(f: Filters, lang: str) -> str:
    """The period and what it is compared with: the same period a year earlier, the
    previous publication cell, the preceding days, or (committee mode) why nothing."""
    period = f"{fmt.date(f.start, lang)} – {fmt.date(f.end, lang)}"
    kind = comparison.compared_with(f)
    if kind is None:
        return t(_missing_key(f), period=period, previous=_year_earlier_text(f, lang))
    previous = f.previous()
    previous_text = fmt.period(previous.start, previous.end, lang)
    if kind == "year":
        return t("today.subtitle.last_year", period=period, previous=previous_text)
    if f.committee:
        return t("today.subtitle.previous_cell", period=period, previous=previous_text)
    return t("overview.subtitle", period=period, days=f.days)


def _year_earlier_text(f: Filters, lang: str) -> str:
    return fmt.period(*comparison.same_period_last_year(f.start, f.end), lang)


def _missing_key(f: Filters) -> str:
    """Why a committee cell is compared with nothing (see publication/cells.compared_period)."""
    cell = current_cell()
    if cell is None or cell.period.kind == "project":
        return "overview.subtitle.alone"
    if comparison.compare_mode() == "previous":
        return "today.subtitle.no_previous_cell"
    return "today.subtitle.running" if is_running(cell.period) else "today.subtitle.no_year"


def vs_text(f: Filters) -> str:
    """What a delta is against: the same period last year or the previous period."""
    if comparison.compared_with(f) == "year":
        return t("today.vs_last_year")
    return t("overview.vs_previous")


def delta_description(f: Filters, shown: bool) -> str:
    """Under a delta: what it is against, or, with no delta, which comparison has no data."""
    if shown:
        return vs_text(f)
    cell = current_cell() if f.committee else None
    if cell is not None and cell.period.kind == "project":
        return t("today.no_comparison")  # the project period is compared with nothing
    year = comparison.compared_with(f) == "year" or (
        f.committee and comparison.compare_mode() == "year"
    )
    return t("today.no_last_year") if year else t("overview.no_previous")


def is_empty(data: OverviewData, extent: tuple[dt.date, dt.date]) -> bool:
    """Nothing to show: the period lies outside the recorded data, or nothing happened in it.
    (Open courses would otherwise count as "active" in any future period.) A protected "<5"
    is something."""
    if not data.filters.overlaps(*extent):
        return True
    return (
        data.outreach.contacts == 0
        and data.referrals.requests == 0
        and data.guarantee.starts == 0
        and all(v == 0 for v in data.caseload.values())
    )


def _delta(current: int | None, previous: int | None, show: bool, lang: str) -> dict:
    """A change against the compared period, as st.metric's arguments; committee figures are
    protected already, so the change of two shown figures is a multiple of 5 and safe
    (publication/rules.py)."""
    return card_delta(rules.change(current, previous) if show else None, lang)


def card_delta(change: float | None, lang: str, decimals: int = 0, unit: str = "") -> dict:
    """The delta of every card, written one way: "+5", "-125" (an ASCII minus: st.metric reads
    it for the arrow and colour), and "0" grey without an arrow when nothing changed. What
    it is against is said once under the row of cards (`delta_caption`), not under each
    card, where a narrow card broke it into one word per line."""
    if change is None:
        return {"delta": None}
    text = fmt.signed(change, lang, decimals, unit)
    if round(change, decimals) == 0:
        return {"delta": text, "delta_color": "off", "delta_arrow": "off"}
    return {"delta": text}


def delta_caption(f: Filters, shown: bool) -> None:
    """Under a row of cards: what their changes are against (or why there are none)."""
    st.caption(t("kpi.changes", vs=vs_text(f)) if shown else delta_description(f, False))


def _count(value: int | None, lang: str) -> str:
    """Every count on the cards: a number, or "<5" / "–" for protected committee figures."""
    return Count.of(value).text(lang)


def _spark(values: list, committee: bool) -> list | None:
    # A sparkline is a chart without labels: hidden months would be silent gaps. None for
    # committees; their trend charts mark what is hidden.
    return None if committee else values


def _target_progress(data: OverviewData, org: Organisation, lang: str, committee: bool) -> None:
    """Persons reached since the project's start against its target, as a bar and a line."""
    target = org.outreach.target_persons
    share = rules.share(data.reached_since_start, target, data.protected, part=False)
    st.progress(min(1.0, share or 0.0))
    project = org.outreach
    ended = data.filters.end > project.end  # the period reaches past the project's end
    st.caption(
        t(
            "today.target.ended" if ended else "kpi.target_progress",
            reached=_count(data.reached_since_start, lang),
            target=fmt.number(target, lang),
            share=fmt.percent(share, lang) if share is not None else t("kpi.no_value"),
            start=project.start.year,
            end=project.end.year,
            end_date=fmt.date(project.end, lang),
        ),
        help=t("committee.share_hidden", base=rules.MIN_SHARE_BASE) if committee else None,
    )


def outreach_cards(data: OverviewData, org: Organisation, lang: str, committee: bool) -> None:
    show = data.filters.comparable_since(org.outreach.start)
    target = org.outreach.target_persons
    persons, contacts, referrals = st.columns(3)
    with persons, st.container(border=True, height="stretch"):
        st.metric(
            t("kpi.persons"),
            _count(data.outreach.persons, lang),
            **_delta(data.outreach.persons, data.outreach_previous.persons, show, lang),
            help=t("kpi.persons.help"),
            chart_data=_spark(data.outreach_trend["persons"].tolist(), committee),
        )
        if not data.filters.whole_project:  # the target is the whole project's
            st.caption(t("kpi.target.whole_project", target=target))
        else:
            _target_progress(data, org, lang, committee)
    with contacts, st.container(border=True, height="stretch"):
        st.metric(
            t("kpi.contacts"),
            _count(data.outreach.contacts, lang),
            **_delta(data.outreach.contacts, data.outreach_previous.contacts, show, lang),
            help=t("kpi.contacts.help"),
            chart_data=_spark(data.outreach_trend["contacts"].tolist(), committee),
            chart_type="bar",
        )
        st.caption(t("kpi.contacts.anonymous", n=_count(data.outreach.anonymous_contacts, lang)))
    with referrals, st.container(border=True, height="stretch"):
        st.metric(
            t("kpi.referrals"),
            _count(data.referrals.requests, lang),
            **_delta(data.referrals.requests, data.referrals_previous.requests, show, lang),
            help=t("kpi.referrals.help"),
            chart_data=_spark(data.referral_trend["requests"].tolist(), committee),
            chart_type="bar",
        )
        st.caption(t("kpi.referrals.started", n=_count(data.referrals.started, lang)))
    delta_caption(data.filters, show)


def treatment_cards(
    data: OverviewData, org: Organisation, lang: str, since: dt.date | None, committee: bool
) -> None:
    show = data.filters.comparable_since(since)
    shown = [
        d
        for d in org.departments
        if not data.filters.departments or d.id in data.filters.departments
    ]
    columns = st.columns(1 + len(shown))
    guarantee_days = max(d.guarantee_days for d in shown)
    with columns[0], st.container(border=True, height="stretch"):
        # The data class applies the publication rules to its own share (committee mode).
        share = data.guarantee.share
        previous = data.guarantee_previous.share
        change = None
        if show and share is not None and previous is not None:
            change = (share - previous) * 100
        delta = card_delta(change, lang, 0, t("unit.percentage_points"))
        trend = data.guarantee_trend
        st.metric(
            t("kpi.guarantee"),
            fmt.percent(share, lang) if share is not None else t("kpi.no_value"),
            **delta,
            help=t("kpi.guarantee.help", days=guarantee_days)
            + (
                "\n\n" + t("committee.share_hidden", base=rules.MIN_SHARE_BASE) if committee else ""
            ),
            # Buckets without starts have no share; the sparkline skips them.
            chart_data=None
            if committee
            else [
                round(100 * w / s)
                for s, w in zip(trend["starts"], trend["within"], strict=True)
                if s
            ],
        )
        st.caption(
            t(
                "kpi.guarantee.detail",
                within=_count(data.guarantee.within, lang),
                starts=_count(data.guarantee.starts, lang),
                days=guarantee_days,
            )
        )
        law_caption(shown, lang)
        if not committee:
            worklists_view.link(t("worklists.link.guarantee"), "waiting")
    trend = data.caseload_trend
    for column, dept in zip(columns[1:], shown, strict=True):
        with column, st.container(border=True, height="stretch"):
            current = data.caseload.get(dept.id, 0)
            series = trend.loc[trend["department"] == dept.id, "active"].tolist()
            st.metric(
                t("kpi.caseload", dept=plain(dept.label(lang))),
                _count(current, lang),
                **_delta(current, data.caseload_previous.get(dept.id, 0), show, lang),
                help=t("kpi.caseload.help", date=fmt.date(data.filters.end, lang)),
                chart_data=_spark(series, committee),
                chart_type="area",
            )
    delta_caption(data.filters, show)
