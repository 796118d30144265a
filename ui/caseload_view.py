"""Rendering for the caseload page. Figures arrive computed in data_access.caseload."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace

import altair as alt
import pandas as pd
import streamlit as st

from data_access import cached, privacy
from data_access.caseload import WAITING_BUCKETS, CaseloadData, DepartmentFigures
from data_access.filters import Filters, bucket_end, bucket_starts
from data_access.organisation import Organisation
from ui import format as fmt
from ui.charts import CHART_HEIGHT, committee_safe, nothing_safe_to_show, show_cached
from ui.downloads import download_buttons
from ui.filters import committee_mode
from ui.i18n import t, translate
from ui.plain import plain

ACTIVE_CHART = "caseload_active_chart"
FLOW_CHART = "caseload_flow_chart"
GENERATION = "_caseload_chart_generation"
SPLIT_KEY = "caseload_split"
DEPT_PARAM = "dept_pick"
MONTH_PARAM = "period_pick"
BREACH_COLOR = "#c0392b"
WITHIN_COLOR = "#1f6f78"
OUTREACH_COLOR = "#e07a5f"
OTHER_SOURCE_COLOR = "#9aa0a6"


# ---- focus from chart selections -------------------------------------------------------
def _chart_key(base: str) -> str:
    return f"{base}-{st.session_state.get(GENERATION, 0)}"


def clear_focus() -> None:
    # New chart keys: Streamlit forgets the old selections.
    st.session_state[GENERATION] = st.session_state.get(GENERATION, 0) + 1


def _selected(chart: str, param: str, field: str) -> str | None:
    event = st.session_state.get(_chart_key(chart))
    if not event:
        return None
    points = event.get("selection", {}).get(param) or []
    return points[0].get(field) if points else None


def department_labels(org: Organisation, lang: str) -> dict[str, str]:
    return {d.id: d.label(lang) for d in org.departments}


def current_focus(org: Organisation, f: Filters, lang: str) -> tuple[str | None, dt.date | None]:
    """(department id, bucket start) chosen by clicking the charts, if any."""
    labels = {v: k for k, v in department_labels(org, lang).items()}
    dept = labels.get(_selected(ACTIVE_CHART, DEPT_PARAM, "department_label"))
    period = _selected(FLOW_CHART, MONTH_PARAM, "period")
    bucket = None
    if period is not None:
        by_label = {
            fmt.bucket_label(b, f.grain, lang): b for b in bucket_starts(f.start, f.end, f.grain)
        }
        bucket = by_label.get(period)
    return dept, bucket


def focused_filters(f: Filters, dept: str | None, bucket: dt.date | None) -> Filters:
    narrowed = f if dept is None else replace(f, departments=(dept,))
    if bucket is not None:
        narrowed = replace(
            narrowed, start=max(f.start, bucket), end=min(f.end, bucket_end(bucket, f.grain))
        )
    return narrowed


def focus_bar(
    org: Organisation, f: Filters, dept: str | None, bucket: dt.date | None, lang: str
) -> None:
    if dept is None and bucket is None:
        st.caption(t("caseload.focus.hint"))
        return
    parts = []
    if dept is not None:
        parts.append(plain(department_labels(org, lang)[dept]))
    if bucket is not None:
        end = min(f.end, bucket_end(bucket, f.grain))
        parts.append(fmt.period(max(f.start, bucket), end, lang))
    left, right = st.columns([4, 1], vertical_alignment="center")
    left.info(
        fmt.markdown_text(t("caseload.focus", what=" · ".join(parts))),
        icon=":material/filter_center_focus:",
    )
    right.button(
        t("caseload.focus.clear"),
        on_click=clear_focus,
        icon=":material/filter_alt_off:",
        key="caseload_clear_focus",
    )


# ---- headline figures --------------------------------------------------------------------
def headline(org: Organisation, data: CaseloadData, lang: str, comparable: bool) -> None:
    """The page's key figures. Deltas only when the previous period lies inside the data."""
    now, before = data.current["all"], data.previous["all"]
    days = max(d.guarantee_days for d in org.departments)
    over = data.waiting_now.loc[data.waiting_now["bucket"] == WAITING_BUCKETS[2], "requests"].sum()
    committee = committee_mode()
    share, previous_share = now.waiting.share_within, before.waiting.share_within
    if committee and privacy.is_small(now.waiting.starts):
        share = None  # shares and waiting times of a handful of starts point at persons
    if committee and privacy.is_small(before.waiting.starts):
        previous_share = None
    delta = None
    if comparable and share is not None and previous_share is not None:
        delta = fmt.signed((share - previous_share) * 100, lang, 0, t("unit.percentage_points"))
    description = t("overview.vs_previous") if comparable else t("overview.no_previous")
    active_delta = (
        privacy.safe_delta(now.active_at_end, before.active_at_end, committee)
        if comparable
        else None
    )
    cols = st.columns(5)
    with cols[0]:
        st.metric(
            t("caseload.kpi.active"),
            privacy.count_text(now.active_at_end, committee, fmt.number(now.active_at_end, lang)),
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
            help=t("caseload.kpi.guarantee.help", days=days, next=days + 1),
            delta_description=description,
        )
    with cols[2]:
        median = None if share is None and committee else now.waiting.median_days
        st.metric(
            t("caseload.kpi.median"),
            t("unit.days", n=fmt.number(median, lang, 1 if median % 1 else 0))
            if median is not None
            else t("kpi.no_value"),
            border=True,
        )
    with cols[3]:
        p90 = None if share is None and committee else now.waiting.p90_days
        st.metric(
            t("caseload.kpi.p90"),
            t("unit.days", n=p90) if p90 is not None else t("kpi.no_value"),
            border=True,
            help=t("caseload.kpi.p90.help"),
        )
    with cols[4]:
        st.metric(
            t("caseload.kpi.waiting_over", days=days),
            privacy.count_text(int(over), committee, fmt.number(int(over), lang)),
            border=True,
            help=t("caseload.kpi.waiting_over.help", days=days),
            delta_color="inverse",
        )


# ---- charts ------------------------------------------------------------------------------
def active_chart(org: Organisation, data: CaseloadData, lang: str) -> None:
    grain = data.filters.grain
    st.markdown(f"**{t('caseload.active.title', grain=t(f'chart.grain.{grain}'))}**")
    split = (
        st.segmented_control(
            t("caseload.split"),
            ["department", "address", "modality"],
            default="department",
            format_func=lambda s: translate(f"caseload.split.{s}", lang),
            key=SPLIT_KEY,
            label_visibility="collapsed",
        )
        or "department"
    )
    labels = department_labels(org, lang)
    if split == "department":
        frame = data.by_address.groupby(["bucket", "day", "department"], as_index=False)[
            "active"
        ].sum()
        frame["series"] = frame["department"].map(labels)
    else:
        source = data.by_address if split == "address" else data.by_modality
        frame = source.copy()
        names = (
            {s.id: s.name for s in org.sites}
            if split == "address"
            else {
                "individual": "Individuel" if lang == "da" else "Individual",
                "group": "Gruppe" if lang == "da" else "Group",
            }
        )
        frame["series"] = (
            frame["department"].map(labels) + " · " + frame["group"].map(lambda g: names.get(g, g))
        )
    frame["department_label"] = frame["department"].map(labels)
    frame["day"] = pd.to_datetime(frame["day"])
    frame = committee_safe(frame, "active", committee_mode())
    pick = alt.selection_point(name=DEPT_PARAM, fields=["department_label"], on="click")

    def build() -> alt.TopLevelMixin:
        chart = (
            alt.Chart(frame)
            .mark_line(point=True)
            .encode(
                x=alt.X(
                    "day:T",
                    title=None,
                    axis=alt.Axis(format="%b %Y" if grain == "month" else "%d %b"),
                ),
                y=alt.Y("active:Q", title=t("chart.axis.active")),
                color=alt.Color(
                    "series:N", title=None, legend=alt.Legend(orient="top", labelLimit=260)
                ),
                opacity=alt.condition(pick, alt.value(1.0), alt.value(0.3)),
                tooltip=[
                    alt.Tooltip("day:T", title=t("chart.axis.period"), format="%d-%m-%Y"),
                    alt.Tooltip("series:N", title=t("chart.series")),
                    alt.Tooltip("active:Q", title=t("chart.axis.active")),
                ],
            )
            .add_params(pick)
            .properties(height=CHART_HEIGHT)
        )
        return chart

    _show("active", data, build, lang, split, selectable=(ACTIVE_CHART, [DEPT_PARAM]))


def _show(
    name: str,
    data: CaseloadData,
    build: Callable[[], alt.TopLevelMixin],
    lang: str,
    *extra: object,
    selectable: tuple[str, list[str]] | None = None,
) -> None:
    """Draw a chart whose spec is cached per database, filters and options (see show_cached)."""
    key = (name, cached.database_url(), data.filters, committee_mode(), *extra)
    if selectable:
        base, params = selectable
        show_cached(key, build, lang, widget_key=_chart_key(base), selections=params)
    else:
        show_cached(key, build, lang)


def flow_chart(org: Organisation, data: CaseloadData, lang: str) -> None:
    grain = data.filters.grain
    st.markdown(f"**{t('caseload.flow.title', grain=t(f'chart.grain.{grain}'))}**")
    labels = department_labels(org, lang)
    frame = committee_safe(data.flow, "count", committee_mode())
    if committee_mode() and nothing_safe_to_show(frame, "count"):
        return
    frame["department_label"] = frame["department"].map(labels)
    frame["period"] = frame["bucket"].map(lambda b: fmt.bucket_label(b, grain, lang))
    frame["event_label"] = frame["event"].map(lambda e: translate(f"flow.{e}", lang))
    order = list(dict.fromkeys(frame.sort_values("bucket")["period"]))
    events = [translate(f"flow.{e}", lang) for e in ("requests", "starts", "ends")]
    pick = alt.selection_point(name=MONTH_PARAM, fields=["period"], on="click")

    def build() -> alt.TopLevelMixin:
        chart = (
            alt.Chart(frame)
            .mark_bar()
            .encode(
                x=alt.X(
                    "period:O",
                    title=None,
                    sort=order,
                    axis=alt.Axis(labelAngle=-45 if len(order) > 12 else 0),
                ),
                xOffset=alt.XOffset("event_label:N", sort=events),
                y=alt.Y("count:Q", title=t("chart.axis.count")),
                color=alt.Color(
                    "event_label:N",
                    title=None,
                    sort=events,
                    legend=alt.Legend(orient="top"),
                    scale=alt.Scale(domain=events, range=["#3d405b", "#1f6f78", "#e07a5f"]),
                ),
                opacity=alt.condition(pick, alt.value(1.0), alt.value(0.35)),
                tooltip=[
                    alt.Tooltip("department_label:N", title=t("compare.department")),
                    alt.Tooltip("period:O", title=t("chart.axis.period")),
                    alt.Tooltip("event_label:N", title=t("chart.series")),
                    alt.Tooltip("count:Q", title=t("chart.axis.count")),
                ],
            )
            .add_params(pick)
            # One row per department. A faceted chart cannot stretch to its container, so
            # each row gets a fixed size that fits a half-width card.
            .properties(height=90, width=360)
            .facet(
                row=alt.Row(
                    "department_label:N",
                    title=None,
                    sort=[labels[d.id] for d in org.departments],
                    header=alt.Header(labelAngle=0, labelAlign="left", labelFontWeight="bold"),
                )
            )
        )
        return chart

    _show("flow", data, build, lang, selectable=(FLOW_CHART, [MONTH_PARAM]))


def reasons_chart(org: Organisation, data: CaseloadData, lang: str) -> None:
    st.markdown(f"**{t('caseload.reasons.title')}**")
    frame = committee_safe(data.ends_by_reason, "ends", committee_mode())
    if committee_mode() and nothing_safe_to_show(frame, "ends"):
        return
    if frame.empty:
        st.caption(t("kpi.no_value"))
        return
    labels = department_labels(org, lang)
    frame["department_label"] = frame["department"].map(labels)
    frame["reason_label"] = frame["reason"].map(lambda r: translate(f"reason.{r}", lang))

    def build() -> alt.TopLevelMixin:
        chart = (
            alt.Chart(frame)
            .mark_bar()
            .encode(
                y=alt.Y("department_label:N", title=None),
                x=alt.X(
                    "ends:Q", title=t("flow.ends"), stack="normalize", axis=alt.Axis(format="%")
                ),
                color=alt.Color(
                    "reason_label:N",
                    title=None,
                    legend=alt.Legend(orient="top", columns=3, labelLimit=200),
                ),
                tooltip=[
                    alt.Tooltip("department_label:N", title=t("compare.department")),
                    alt.Tooltip("reason_label:N", title=t("chart.series")),
                    alt.Tooltip("ends:Q", title=t("flow.ends")),
                ],
            )
            .properties(height=alt.Step(30))
        )
        return chart

    _show("reasons", data, build, lang)


def waiting_chart(org: Organisation, data: CaseloadData, lang: str) -> None:
    days = max(d.guarantee_days for d in org.departments)
    st.markdown(f"**{t('caseload.wait.title')}**")
    st.caption(t("caseload.wait.caption", days=days))
    frame = data.waiting
    if committee_mode():
        # Days one by one are mostly small counts: weeks of waiting (1-7, 8-14, ...) instead,
        # so the guarantee line still falls between two bars.
        frame = frame.assign(days=((frame["days"] - 1).clip(lower=0) // 7) * 7 + 7)
        frame = frame.groupby(["department", "days", "guarantee_days"], as_index=False)[
            "starts"
        ].sum()
        frame = committee_safe(frame, "starts", True)
        if nothing_safe_to_show(frame, "starts"):
            return
    frame = frame.copy()
    if frame.empty:
        st.caption(t("kpi.no_value"))
        return
    labels = department_labels(org, lang)
    frame["department_label"] = frame["department"].map(labels)
    within, breach = t("caseload.wait.within"), t("caseload.wait.breach")
    frame["status"] = [
        within if d <= g else breach
        for d, g in zip(frame["days"], frame["guarantee_days"], strict=True)
    ]
    longest = int(frame["days"].max()) + 1
    shown = [d.id for d in org.departments if d.id in set(frame["department"])]
    for index, dept in enumerate(shown):
        part = frame[frame["department"] == dept]

        def build(part: pd.DataFrame = part, index: int = index) -> alt.TopLevelMixin:
            base = alt.Chart(part)
            bars = base.mark_bar().encode(
                x=alt.X(
                    "days:Q",
                    title=t("caseload.wait.days"),
                    bin=alt.Bin(step=1),
                    scale=alt.Scale(domain=[0, longest]),
                ),
                y=alt.Y("sum(starts):Q", title=None),
                color=alt.Color(
                    "status:N",
                    title=None,
                    legend=alt.Legend(orient="top") if index == 0 else None,
                    scale=alt.Scale(domain=[within, breach], range=[WITHIN_COLOR, BREACH_COLOR]),
                ),
                tooltip=[
                    alt.Tooltip("department_label:N", title=t("compare.department")),
                    alt.Tooltip("days:Q", title=t("caseload.wait.days")),
                    alt.Tooltip("sum(starts):Q", title=t("flow.starts")),
                ],
            )
            # The guarantee line sits between the last day within and the first day of breach.
            rule = base.mark_rule(color="#333", strokeDash=[4, 3]).encode(
                x=alt.datum(int(part["guarantee_days"].iloc[0]) + 1)
            )
            # Streamlit sizes the whole chart, axes included: below ~140 px the bars vanish.
            return alt.layer(bars, rule).properties(height=150)

        st.caption(f"**{plain(labels[dept])}**")
        _show("waiting", data, build, lang, dept)


def share_chart(org: Organisation, data: CaseloadData, lang: str) -> None:
    grain = data.filters.grain
    days = max(d.guarantee_days for d in org.departments)
    st.markdown(f"**{t('caseload.share.title', days=days, grain=t(f'chart.grain.{grain}'))}**")
    frame = data.guarantee.copy()
    if frame.empty:
        st.caption(t("kpi.no_value"))
        return
    labels = department_labels(org, lang)
    frame["department_label"] = frame["department"].map(labels)
    if committee_mode():  # a share of a handful of starts points at persons
        frame = frame[~frame["starts"].map(privacy.is_small)]
        if nothing_safe_to_show(frame, "starts"):
            return
    frame = frame.copy()
    frame["share"] = frame["within"] / frame["starts"]
    frame["bucket"] = pd.to_datetime(frame["bucket"])

    def build() -> alt.TopLevelMixin:
        line = (
            alt.Chart(frame)
            .mark_line(point=True)
            .encode(
                x=alt.X(
                    "bucket:T",
                    title=None,
                    axis=alt.Axis(format="%b %Y" if grain == "month" else "%d %b"),
                ),
                y=alt.Y(
                    "share:Q",
                    title=t("caseload.share.axis"),
                    axis=alt.Axis(format="%"),
                    scale=alt.Scale(domain=[0, 1]),
                ),
                color=alt.Color("department_label:N", title=None, legend=alt.Legend(orient="top")),
                tooltip=[
                    alt.Tooltip("bucket:T", title=t("chart.axis.period"), format="%m-%Y"),
                    alt.Tooltip("department_label:N", title=t("compare.department")),
                    alt.Tooltip("share:Q", title=t("caseload.share.axis"), format=".0%"),
                    alt.Tooltip("within:Q", title=t("caseload.wait.within")),
                    alt.Tooltip("starts:Q", title=t("flow.starts")),
                ],
            )
            .properties(height=CHART_HEIGHT - 60)
        )
        return line

    _show("share", data, build, lang)


def waiting_now_section(org: Organisation, data: CaseloadData, lang: str) -> None:
    st.markdown(f"**{t('caseload.now.title')}**")
    st.caption(t("caseload.now.caption", date=fmt.date(data.filters.end, lang)))
    frame = data.waiting_now.copy()
    if frame.empty:
        st.success(t("caseload.now.none"), icon=":material/check_circle:")
        return
    labels = department_labels(org, lang)
    frame["department_label"] = frame["department"].map(labels)
    frame["bucket_label"] = frame["bucket"].map(lambda b: translate(f"wait.{b}", lang))
    order = [translate(f"wait.{b}", lang) for b in WAITING_BUCKETS]

    def build() -> alt.TopLevelMixin:
        chart = (
            alt.Chart(frame)
            .mark_bar()
            .encode(
                y=alt.Y("department_label:N", title=None),
                x=alt.X("requests:Q", title=t("compare.requests"), axis=alt.Axis(tickMinStep=1)),
                color=alt.Color(
                    "bucket_label:N",
                    title=None,
                    sort=order,
                    legend=alt.Legend(orient="top"),
                    scale=alt.Scale(domain=order, range=["#81b29a", "#f2cc8f", BREACH_COLOR]),
                ),
                order=alt.Order("bucket:O"),
                tooltip=[
                    alt.Tooltip("department_label:N", title=t("compare.department")),
                    alt.Tooltip("bucket_label:N", title=t("caseload.wait.days")),
                    alt.Tooltip("requests:Q", title=t("compare.requests")),
                ],
            )
            .properties(height=alt.Step(30))
        )
        return chart

    if not committee_mode():  # bar lengths would show the hidden counts
        _show("waiting-now", data, build, lang)
    table = frame.pivot_table(
        index="department_label", columns="bucket", values="requests", aggfunc="sum", fill_value=0
    ).reindex(columns=list(WAITING_BUCKETS), fill_value=0)
    table.columns = order
    table = table.reset_index().rename(columns={"department_label": t("compare.department")})
    if committee_mode():
        table = privacy.suppress_table(table, order)
    st.dataframe(
        table.style.map(
            lambda v: f"color: {BREACH_COLOR}; font-weight: 600" if v not in (0, "0") else "",
            subset=[order[2]],
        ),
        hide_index=True,
        width="stretch",
    )
    download_buttons(table, f"brobygger-venter-{data.filters.end:%Y%m%d}", lang, key="waiting-now")


def fte_chart(org: Organisation, data: CaseloadData, lang: str) -> None:
    st.markdown(f"**{t('caseload.fte.title')}**")
    frame = data.per_fte.copy()
    if committee_mode():  # a ratio over a handful of courses points at persons
        frame = frame[~frame["active"].map(privacy.is_small)]
    if frame.empty:
        st.caption(t("caseload.fte.none"))
        return
    labels = department_labels(org, lang)
    frame["department_label"] = frame["department"].map(labels)
    frame["month"] = pd.to_datetime(frame["month"])

    def build() -> alt.TopLevelMixin:
        chart = (
            alt.Chart(frame)
            .mark_line(point=True)
            .encode(
                x=alt.X("month:T", title=None, axis=alt.Axis(format="%b %Y")),
                y=alt.Y("per_fte:Q", title=t("caseload.fte.axis")),
                color=alt.Color("department_label:N", title=None, legend=alt.Legend(orient="top")),
                tooltip=[
                    alt.Tooltip("month:T", title=t("chart.axis.period"), format="%m-%Y"),
                    alt.Tooltip("department_label:N", title=t("compare.department")),
                    alt.Tooltip("per_fte:Q", title=t("caseload.fte.axis"), format=".1f"),
                    alt.Tooltip("active:Q", title=t("chart.axis.active")),
                    alt.Tooltip("fte:Q", title="FTE", format=".1f"),
                ],
            )
            .properties(height=CHART_HEIGHT - 60)
        )
        return chart

    _show("per-fte", data, build, lang)


def sources_chart(org: Organisation, data: CaseloadData, lang: str) -> None:
    st.markdown(f"**{t('caseload.sources.title')}**")
    st.caption(t("caseload.sources.caption"))
    frame = data.sources.groupby("source", as_index=False)["requests"].sum()
    frame = committee_safe(frame, "requests", committee_mode())
    if committee_mode() and nothing_safe_to_show(frame, "requests"):
        return
    if frame.empty:
        st.caption(t("kpi.no_value"))
        return
    frame["source_label"] = frame["source"].map(lambda s: translate(f"source.{s}", lang))
    frame["outreach"] = frame["source"] == "outreach"

    def build() -> alt.TopLevelMixin:
        chart = (
            alt.Chart(frame)
            .mark_bar()
            .encode(
                y=alt.Y("source_label:N", title=None, sort="-x"),
                x=alt.X("requests:Q", title=t("compare.requests")),
                color=alt.condition(
                    alt.datum.outreach, alt.value(OUTREACH_COLOR), alt.value(OTHER_SOURCE_COLOR)
                ),
                tooltip=[
                    alt.Tooltip("source_label:N", title=t("chart.series")),
                    alt.Tooltip("requests:Q", title=t("compare.requests")),
                ],
            )
            .properties(height=alt.Step(26))
        )
        return chart

    _show("sources", data, build, lang)


def ages_chart(org: Organisation, data: CaseloadData, lang: str) -> None:
    st.markdown(f"**{t('caseload.ages.title')}**")
    frame = committee_safe(data.ages, "requests", committee_mode())
    if committee_mode() and nothing_safe_to_show(frame, "requests"):
        return
    if frame.empty:
        st.caption(t("kpi.no_value"))
        return
    labels = department_labels(org, lang)
    frame["department_label"] = frame["department"].map(labels)
    groups = ["under 18", "18-24", "25+", "unknown"]
    frame["group_label"] = frame["group"].map(lambda g: translate(f"age.{g}", lang))
    order = [translate(f"age.{g}", lang) for g in groups]

    def build() -> alt.TopLevelMixin:
        chart = (
            alt.Chart(frame)
            .mark_bar()
            .encode(
                y=alt.Y("department_label:N", title=None),
                x=alt.X("requests:Q", title=t("compare.requests")),
                color=alt.Color(
                    "group_label:N",
                    title=None,
                    sort=order,
                    legend=alt.Legend(orient="top"),
                    scale=alt.Scale(domain=order, range=["#e07a5f", "#f2cc8f", "#1f6f78", "#bbb"]),
                ),
                order=alt.Order("group:O"),
                tooltip=[
                    alt.Tooltip("department_label:N", title=t("compare.department")),
                    alt.Tooltip("group_label:N", title=t("chart.series")),
                    alt.Tooltip("requests:Q", title=t("compare.requests")),
                ],
            )
            .properties(height=alt.Step(30))
        )
        return chart

    _show("ages", data, build, lang)


# ---- department against department, period against previous ------------------------------
def comparison_table(
    org: Organisation, data: CaseloadData, lang: str, comparable: bool
) -> pd.DataFrame:
    labels = department_labels(org, lang)
    rows = []
    ids = [d.id for d in org.departments if d.id in data.current or d.id in data.previous]
    for dept in [*ids, "all"]:
        now = data.current.get(dept)
        before = data.previous.get(dept) if comparable else None
        rows.append(_comparison_row(labels.get(dept, t("compare.all")), now, before, lang))
    return pd.DataFrame(rows)


def _comparison_row(
    name: str, now: DepartmentFigures | None, before: DepartmentFigures | None, lang: str
) -> dict[str, object]:
    def pair(label: str, value_now: object, value_before: object) -> dict[str, object]:
        return {
            label: value_now,
            t("compare.previous", name=label): value_before if before is not None else None,
        }

    def share(fig: DepartmentFigures | None) -> str | None:
        value = fig.waiting.share_within if fig else None
        return fmt.percent(value, lang) if value is not None else None

    row: dict[str, object] = {t("compare.department"): name}
    row |= pair(
        t("compare.active"), now.active_at_end if now else 0, before.active_at_end if before else 0
    )
    row |= pair(t("compare.requests"), now.requests if now else 0, before.requests if before else 0)
    row |= pair(t("compare.starts"), now.starts if now else 0, before.starts if before else 0)
    row |= pair(t("compare.ends"), now.ends if now else 0, before.ends if before else 0)
    row |= pair(t("compare.within"), share(now), share(before))
    row |= pair(
        t("compare.median"),
        now.waiting.median_days if now else None,
        before.waiting.median_days if before else None,
    )
    row |= pair(
        t("compare.p90"),
        now.waiting.p90_days if now else None,
        before.waiting.p90_days if before else None,
    )
    return row


def comparison_section(org: Organisation, data: CaseloadData, lang: str, comparable: bool) -> None:
    st.markdown(f"**{t('caseload.compare.title')}**")
    previous = data.filters.previous()
    st.caption(
        fmt.markdown_text(
            f"{fmt.period(data.filters.start, data.filters.end, lang)} · "
            f"{t('compare.previous', name=fmt.period(previous.start, previous.end, lang))}"
        )
    )
    if not comparable:
        st.caption(t("overview.no_previous"))
    table = comparison_table(org, data, lang, comparable)
    if committee_mode():
        table = protect_comparison(table)
    st.dataframe(table, hide_index=True, width="stretch")
    download_buttons(
        table,
        f"brobygger-afdelinger-{data.filters.start:%Y%m%d}-{data.filters.end:%Y%m%d}",
        lang,
        key="departments",
    )


def protect_comparison(table: pd.DataFrame) -> pd.DataFrame:
    """Committee mode for the comparison table: each count column holds the departments and
    their total ("all", the last row), so a hidden department needs a hidden companion.
    Shares, medians and P90 of a column whose starts are hidden are hidden with them."""
    out = table.astype(object).copy()
    counts = [t("compare.active"), t("compare.requests"), t("compare.starts"), t("compare.ends")]
    for name in counts:
        for column in (name, t("compare.previous", name=name)):
            values = pd.to_numeric(table[column], errors="coerce")
            if values.isna().all():
                continue
            cells = values.fillna(0).to_numpy()[:-1, None]
            hidden, _, total_hidden = privacy.suppression_mask(cells, row_totals=False)
            shown = [
                privacy.HIDDEN if hidden[i, 0] else int(cells[i, 0]) for i in range(len(cells))
            ]
            shown.append(privacy.HIDDEN if total_hidden[0] else int(values.iloc[-1]))
            out[column] = shown
    for column in out.columns[1:]:  # one type per column for the table widget
        out[column] = out[column].map(lambda v: "" if v is None or v != v else str(v))
    for starts, dependants in (
        (t("compare.starts"), (t("compare.within"), t("compare.median"), t("compare.p90"))),
        (
            t("compare.previous", name=t("compare.starts")),
            tuple(
                t("compare.previous", name=n)
                for n in (t("compare.within"), t("compare.median"), t("compare.p90"))
            ),
        ),
    ):
        small = out[starts] == privacy.HIDDEN
        for column in dependants:
            out.loc[small, column] = privacy.HIDDEN
    return out


def is_empty(data: CaseloadData) -> bool:
    return data.flow.empty and data.by_address.empty and data.waiting_now.empty
