"""Rendering for the caseload page. Figures arrive computed in data_access.caseload."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace
from functools import partial

import pandas as pd
import streamlit as st

from data_access import cached
from data_access.caseload import WAITING_BUCKETS, CaseloadData, DepartmentFigures, WaitingStats
from data_access.filters import Filters, bucket_end, bucket_starts
from data_access.organisation import Organisation
from data_access.publication import rules
from data_access.publication.publish import MIN_MEDIAN_BASE, figure_in
from language import format as fmt
from ui import comparison, kpis, tables, worklists_view
from ui.charts import caseload as builders
from ui.charts.band import mark_buckets
from ui.charts.caseload import BREACH_COLOR, DEPT_PARAM, MONTH_PARAM
from ui.charts.marks import shown_text
from ui.charts.render import Panel, committee_note, nothing_safe_to_show, render
from ui.charts.vega import Spec
from ui.downloads import download_buttons
from ui.i18n import t, translate
from ui.plain import plain

ACTIVE_CHART = "caseload_active_chart"
FLOW_CHART = "caseload_flow_chart"
GENERATION = "_caseload_chart_generation"
SPLIT_KEY = "caseload_split"


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
    committee_help = "\n\n" + t("committee.median_hidden", n=MIN_MEDIAN_BASE)
    cols = st.columns(5)
    with cols[0]:
        st.metric(
            t("caseload.kpi.active"),
            fmt.count(now.active_at_end, lang),
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
            fmt.count(over, lang),
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
        if data.by_department is not None:  # committee: each department's own figure
            frame = data.by_department.copy()
        else:
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
                "individual": translate("modality.individual", lang),
                "group": translate("modality.group", lang),
            }
        )
        frame["group_label"] = frame["group"].map(lambda g: names.get(g, g))
        frame["series"] = frame["department"].map(labels) + " · " + frame["group_label"]
    frame["department_label"] = frame["department"].map(labels)
    frame["day"] = pd.to_datetime(frame["day"])
    frame["label"] = shown_text(frame, "active", lang)
    span = (data.filters.start, data.filters.end)
    build = partial(builders.active, frame, split, grain, org, span, lang)
    _show("active", data, build, lang, split, selectable=(ACTIVE_CHART, [DEPT_PARAM]))
    committee_note([(frame, "active")])


def _show(
    name: str,
    data: CaseloadData,
    build: Callable[[], Spec],
    lang: str,
    *extra: object,
    selectable: tuple[str, list[str]] | None = None,
) -> None:
    """Draw a chart whose spec is cached per database, filters and options (ui/charts/render)."""
    key = (cached.database_url(), data.filters, data.protected, *extra)
    base, params = selectable or (None, [])
    widget = _chart_key(base) if base else None
    render(Panel(name, None, key, build, widget_key=widget, selections=params), lang)


def flow_chart(org: Organisation, data: CaseloadData, lang: str) -> None:
    grain = data.filters.grain
    st.markdown(f"**{t('caseload.flow.title', grain=t(f'chart.grain.{grain}'))}**")
    labels = department_labels(org, lang)
    frame = data.flow.copy()
    if data.protected and nothing_safe_to_show(frame, "count"):
        return
    frame["department_label"] = frame["department"].map(labels)
    frame["period"] = frame["bucket"].map(lambda b: fmt.bucket_label(b, grain, lang))
    frame["event_label"] = frame["event"].map(lambda e: translate(f"flow.{e}", lang))
    frame["label"] = shown_text(frame, "count", lang)
    frame = mark_buckets(frame, org.outreach, "bucket", lang)
    present = set(frame["department_label"])
    shown = [labels[d.id] for d in org.departments if labels[d.id] in present]
    build = partial(builders.flow, frame, shown, lang)
    _show("flow", data, build, lang, selectable=(FLOW_CHART, [MONTH_PARAM]))
    committee_note([(frame, "count")])


def reasons_chart(org: Organisation, data: CaseloadData, lang: str) -> None:
    st.markdown(f"**{t('caseload.reasons.title')}**")
    frame = data.ends_by_reason.copy()
    if data.protected:
        frame = frame[frame["department"] != "all"]
        if nothing_safe_to_show(frame, "ends"):
            return
    if frame.empty:
        st.caption(t("kpi.no_value"))
        return
    labels = department_labels(org, lang)
    frame["department_label"] = frame["department"].map(labels)
    frame["reason_label"] = frame["reason"].map(lambda r: translate(f"reason.{r}", lang))
    frame["label"] = shown_text(frame, "ends", lang)

    build = partial(builders.reasons, frame, data.protected, lang)
    _show("reasons", data, build, lang)
    committee_note([(frame, "ends")])
    hidden_parts_caption(frame, "ends", "department_label", "reason_label")


def waiting_chart(org: Organisation, data: CaseloadData, lang: str) -> None:
    days = max(d.guarantee_days for d in org.departments)
    st.markdown(f"**{t('caseload.wait.title')}**")
    st.caption(t("caseload.wait.caption", days=days))
    if data.protected:
        committee_waiting_chart(org, data, lang)
        return
    frame = data.waiting.copy()
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
    shown = [d.id for d in org.departments if d.id in set(frame["department"])]
    build = partial(builders.waiting, frame, shown, labels, lang)
    _show("waiting", data, build, lang)


def committee_waiting_chart(org: Organisation, data: CaseloadData, lang: str) -> None:
    """Committee mode: starts in four waiting bins per department (half the guarantee, the
    guarantee, twice it, longer), so days one by one never show a single start."""
    frame = data.waiting_bins.copy()
    frame = frame[frame["department"] != "all"]
    if nothing_safe_to_show(frame, "starts"):
        return
    labels = department_labels(org, lang)
    frame["department_label"] = frame["department"].map(labels)
    guarantee = {d.id: d.guarantee_days for d in org.departments}
    frame["bin_label"] = [
        _bin_label(b, guarantee.get(d, 14), lang)
        for b, d in zip(frame["bin"], frame["department"], strict=True)
    ]
    within, breach = t("caseload.wait.within"), t("caseload.wait.breach")
    frame["status"] = [within if b in ("1", "2") else breach for b in frame["bin"]]
    frame["label"] = shown_text(frame, "starts", lang)
    for index, dept in enumerate(d.id for d in org.departments if d.id in set(frame["department"])):
        part = frame[frame["department"] == dept]

        build = partial(builders.waiting_bins, part, index == 0, lang)
        st.caption(f"**{labels[dept]}**")
        _show("waiting-bins", data, build, lang, dept)
    committee_note([(frame, "starts")])


def hidden_parts_caption(frame: pd.DataFrame, column: str, row: str, part: str) -> None:
    """Stacked bars cannot mark a hidden part at its place: name the parts shown as "<5" or
    "–" in a caption under the chart instead."""
    if f"{column}_shown" not in frame:
        return
    hidden = frame[frame[f"{column}_shown"] != ""]
    if hidden.empty:
        return
    parts = [
        f"{name}: "
        + ", ".join(f"{p} ({m})" for p, m in zip(g[part], g[f"{column}_shown"], strict=True))
        for name, g in hidden.groupby(row, sort=False)
    ]
    st.caption(t("committee.hidden_parts", parts="; ".join(parts)))


def _bin_label(bin_id: str, guarantee: int, lang: str) -> str:
    half = max(1, guarantee // 2)
    bounds = {
        "1": f"0–{half}",
        "2": f"{half + 1}–{guarantee}",
        "3": f"{guarantee + 1}–{2 * guarantee}",
        "4": f"{2 * guarantee + 1}+",
    }
    return translate("unit.days", lang, n=bounds[bin_id])


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
    # Shares by the publication rules: in committee mode only on a base that can be shown.
    frame["share"] = [
        rules.share(_scalar(w), _scalar(s), data.protected)
        for w, s in zip(frame["within"], frame["starts"], strict=True)
    ]
    frame["share"] = pd.to_numeric(frame["share"])
    frame["within_label"] = shown_text(frame, "within", lang)
    frame["starts_label"] = shown_text(frame, "starts", lang)
    if data.protected:
        frame = frame.drop(columns=[c for c in frame.columns if c.endswith("_shown")])
        frame["within"] = frame["within_label"]  # no raw number beside its label
        frame["starts"] = frame["starts_label"]
        if frame["share"].isna().all():
            st.caption(t("committee.share_hidden", base=rules.MIN_SHARE_BASE))
            return
    frame["bucket"] = pd.to_datetime(frame["bucket"])

    span = (data.filters.start, data.filters.end)
    build = partial(builders.guarantee_share, frame, grain, org, span, lang)
    _show("share", data, build, lang)
    if data.protected:
        st.caption(t("committee.share_hidden", base=rules.MIN_SHARE_BASE))


def _scalar(value: object) -> int | None:
    return None if pd.isna(value) else int(value)


def waiting_now_section(org: Organisation, data: CaseloadData, lang: str) -> None:
    st.markdown(f"**{t('caseload.now.title')}**")
    st.caption(t("caseload.now.caption", date=fmt.date(data.filters.end, lang)))
    frame = data.waiting_now.copy()
    if data.protected:
        committee_waiting_now(org, data, lang)
        return
    if frame.empty:
        st.success(t("caseload.now.none"), icon=":material/check_circle:")
        return
    labels = department_labels(org, lang)
    frame["department_label"] = frame["department"].map(labels)
    frame["bucket_label"] = frame["bucket"].map(lambda b: translate(f"wait.{b}", lang))
    order = [translate(f"wait.{b}", lang) for b in WAITING_BUCKETS]

    build = partial(builders.waiting_now, frame, order, lang)
    _show("waiting-now", data, build, lang)
    table = frame.pivot_table(
        index="department_label", columns="bucket", values="requests", aggfunc="sum", fill_value=0
    ).reindex(columns=list(WAITING_BUCKETS), fill_value=0)
    table.columns = order
    table = table.reset_index().rename(columns={"department_label": t("compare.department")})
    _waiting_table(table, order, f"brobygger-venter-{data.filters.end:%Y%m%d}", lang)
    worklists_view.link(
        t("worklists.link.waiting", n=fmt.number(int(frame["requests"].sum()), lang)), "waiting"
    )


def committee_waiting_now(org: Organisation, data: CaseloadData, lang: str) -> None:
    """Committee mode: the departments and their total as published, as a table (bars would
    have no length for "<5")."""
    frame = data.waiting_now.copy()
    labels = {**department_labels(org, lang), "all": t("compare.all")}
    frame["text"] = shown_text(frame, "requests", lang)
    order = [translate(f"wait.{b}", lang) for b in WAITING_BUCKETS]
    rows = []
    for dept in dict.fromkeys(frame["department"]):
        part = frame[frame["department"] == dept].set_index("bucket")["text"]
        rows.append(
            {
                t("compare.department"): labels.get(dept, dept),
                **{
                    label: part.get(b, "0") for b, label in zip(WAITING_BUCKETS, order, strict=True)
                },
            }
        )
    if len(rows) == 2:  # one department: its total row says the same again
        rows = rows[:1]
    _waiting_table(pd.DataFrame(rows), order, f"brobygger-venter-{data.filters.end:%Y%m%d}", lang)


def _waiting_table(table: pd.DataFrame, order: list[str], name: str, lang: str) -> None:
    st.dataframe(
        tables.readable(table, lang).style.map(
            lambda v: f"color: {BREACH_COLOR}; font-weight: 600" if v not in (0, "0") else "",
            subset=[order[2]],
        ),
        hide_index=True,
        width="stretch",
    )
    download_buttons(table, name, lang, key="waiting-now")


def fte_chart(org: Organisation, data: CaseloadData, lang: str) -> None:
    st.markdown(f"**{t('caseload.fte.title')}**")
    frame = data.per_fte.copy()
    frame = frame[frame["per_fte"].notna()]
    if frame.empty:
        st.caption(t("caseload.fte.none"))
        return
    labels = department_labels(org, lang)
    frame["department_label"] = frame["department"].map(labels)
    frame["month"] = pd.to_datetime(frame["month"])
    frame["active_label"] = shown_text(frame, "active", lang)
    if data.protected:
        frame = frame.drop(columns=["active", "active_shown"])

    span = (data.filters.start, data.filters.end)
    build = partial(builders.per_fte, frame, org, span, lang)
    _show("per-fte", data, build, lang)


def sources_chart(org: Organisation, data: CaseloadData, lang: str) -> None:
    st.markdown(f"**{t('caseload.sources.title')}**")
    st.caption(t("caseload.sources.caption"))
    if data.protected:  # the departments together, as published
        frame = data.sources[data.sources["department"] == "all"].copy()
        if nothing_safe_to_show(frame, "requests"):
            return
    else:
        frame = data.sources.groupby("source", as_index=False)["requests"].sum()
    if frame.empty:
        st.caption(t("kpi.no_value"))
        return
    frame["source_label"] = frame["source"].map(lambda s: translate(f"source.{s}", lang))
    frame["outreach"] = frame["source"] == "outreach"
    frame["label"] = shown_text(frame, "requests", lang)
    # Largest first; an explicit order, so the "<5" layer sorts the same way.
    order = frame.sort_values("requests", ascending=False, na_position="last")["source_label"]

    build = partial(builders.sources, frame, list(order), lang)
    _show("sources", data, build, lang)
    committee_note([(frame, "requests")])


def ages_chart(org: Organisation, data: CaseloadData, lang: str) -> None:
    st.markdown(f"**{t('caseload.ages.title')}**")
    frame = data.ages.copy()
    if data.protected:
        frame = frame[frame["department"] != "all"]
        if nothing_safe_to_show(frame, "requests"):
            return
    if frame.empty:
        st.caption(t("kpi.no_value"))
        return
    labels = department_labels(org, lang)
    frame["department_label"] = frame["department"].map(labels)
    groups = ["under 18", "18-24", "25+", "unknown"]
    frame["group_label"] = frame["group"].map(lambda g: translate(f"age.{g}", lang))
    frame["label"] = shown_text(frame, "requests", lang)
    order = [translate(f"age.{g}", lang) for g in groups]

    build = partial(builders.ages, frame, order, lang)
    _show("ages", data, build, lang)
    committee_note([(frame, "requests")])
    hidden_parts_caption(frame, "requests", "department_label", "group_label")


# ---- department against department, period against previous ------------------------------
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
        return fmt.count(getattr(fig, field), lang) if fig else "0"

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


def is_empty(data: CaseloadData) -> bool:
    return data.flow.empty and data.by_address.empty and data.waiting_now.empty
