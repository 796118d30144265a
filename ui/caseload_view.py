"""Rendering for the caseload page. Figures arrive computed in data_access.caseload."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import pandas as pd
import streamlit as st

from data_access import cached
from data_access.caseload import WAITING_BUCKETS, CaseloadData
from data_access.organisation import Organisation
from data_access.publication import rules
from data_access.publication.count import Count, ProtectedTable, departments_together, share
from language import format as fmt
from ui import tables, worklists_view
from ui.caseload_focus import ACTIVE_CHART, FLOW_CHART, _chart_key, department_labels
from ui.charts import caseload as builders
from ui.charts.band import mark_buckets
from ui.charts.caseload import BREACH_COLOR, DEPT_PARAM, MONTH_PARAM
from ui.charts.marks import shown_text
from ui.charts.render import Panel, committee_note, nothing_safe_to_show, render
from ui.charts.vega import Spec
from ui.downloads import download_buttons
from ui.i18n import t, translate

SPLIT_KEY = "caseload_split"


# ---- focus from chart selections -------------------------------------------------------


# ---- headline figures --------------------------------------------------------------------


# ---- charts ------------------------------------------------------------------------------
def tab_panels(*panels: Callable[[], None]) -> None:
    """A tab's panels in bordered boxes: the first two side by side, of one height (stacked on
    a phone), any further one below them across the page."""
    for column, panel in zip(st.columns(2), panels[:2], strict=True):
        with column, st.container(border=True, height="stretch"):
            panel()
    for panel in panels[2:]:
        with st.container(border=True):
            panel()


def active_chart(org: Organisation, data: CaseloadData, lang: str) -> None:
    grain = data.filters.grain
    title = t("caseload.active.title", grain=t(f"chart.grain.{grain}"))
    st.markdown(f"**{title}**")
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
        frame = data.by_department.copy()
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
    _show("active", data, build, lang, split, selectable=(ACTIVE_CHART, [DEPT_PARAM]), label=title)
    committee_note([(frame, "active")])


def _show(
    name: str,
    data: CaseloadData,
    build: Callable[[], Spec],
    lang: str,
    *extra: object,
    label: str,
    selectable: tuple[str, list[str]] | None = None,
) -> None:
    """Draw a chart whose spec is cached per database, filters and options (ui/charts/render);
    `label` names it for a screen reader (the title the view drew above it)."""
    key = (cached.database_url(), data.filters, data.protected, *extra)
    base, params = selectable or (None, [])
    widget = _chart_key(base) if base else None
    panel = Panel(name, None, key, build, widget_key=widget, selections=params, label=label)
    render(panel, lang)


def flow_chart(org: Organisation, data: CaseloadData, lang: str) -> None:
    grain = data.filters.grain
    title = t("caseload.flow.title", grain=t(f"chart.grain.{grain}"))
    st.markdown(f"**{title}**")
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
    _show("flow", data, build, lang, selectable=(FLOW_CHART, [MONTH_PARAM]), label=title)
    committee_note([(frame, "count")])


def reasons_chart(org: Organisation, data: CaseloadData, lang: str) -> None:
    title = t("caseload.reasons.title")
    st.markdown(f"**{title}**")
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
    _show("reasons", data, build, lang, label=title)
    committee_note([(frame, "ends")])
    hidden_parts_caption(frame, "ends", "department_label", "reason_label")


def waiting_chart(org: Organisation, data: CaseloadData, lang: str) -> None:
    days = max(d.guarantee_days for d in org.departments)
    title = t("caseload.wait.title")
    st.markdown(f"**{title}**")
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
    _show("waiting", data, build, lang, label=title)


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
        label = f"{t('caseload.wait.title')}: {labels[dept]}"
        _show("waiting-bins", data, build, lang, dept, label=label)
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
    title = t("caseload.share.title", days=days, grain=t(f"chart.grain.{grain}"))
    st.markdown(f"**{title}**")
    frame = data.guarantee.copy()
    if frame.empty:
        st.caption(t("kpi.no_value"))
        return
    labels = department_labels(org, lang)
    frame["department_label"] = frame["department"].map(labels)
    # Shares by the publication rules: in committee mode only on a base that can be shown.
    counts = ProtectedTable(frame)
    frame["share"] = [
        share(within, starts, data.protected)
        for within, starts in zip(counts.counts("within"), counts.counts("starts"), strict=True)
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
    _show("share", data, build, lang, label=title)
    if data.protected:
        st.caption(t("committee.share_hidden", base=rules.MIN_SHARE_BASE))


def waiting_now_section(org: Organisation, data: CaseloadData, lang: str) -> None:
    title = t("caseload.now.title")
    st.markdown(f"**{title}**")
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
    _show("waiting-now", data, build, lang, label=title)
    table = frame.pivot_table(
        index="department_label", columns="bucket", values="requests", aggfunc="sum", fill_value=0
    ).reindex(columns=list(WAITING_BUCKETS), fill_value=0)
    table.columns = order
    table = table.reset_index().rename(columns={"department_label": t("compare.department")})
    _waiting_table(table, order, f"brobygger-venter-{data.filters.end:%Y%m%d}", lang)
    worklists_view.link(
        t("worklists.link.waiting", n=ProtectedTable(frame).total("requests").text(lang)),
        "waiting",
    )


def committee_waiting_now(org: Organisation, data: CaseloadData, lang: str) -> None:
    """Committee mode: the departments and their total as published, as a table (bars would
    have no length for "<5")."""
    frame = data.waiting_now.copy()
    labels = {**department_labels(org, lang), "all": t("compare.all")}
    frame["count"] = ProtectedTable(frame).counts("requests")
    order = [translate(f"wait.{b}", lang) for b in WAITING_BUCKETS]
    rows = []
    for dept in dict.fromkeys(frame["department"]):
        part = frame[frame["department"] == dept].set_index("bucket")["count"]
        rows.append(
            {
                t("compare.department"): labels.get(dept, dept),
                **{
                    label: part.get(b, Count(0))
                    for b, label in zip(WAITING_BUCKETS, order, strict=True)
                },
            }
        )
    if len(rows) == 2:  # one department: its total row says the same again
        rows = rows[:1]
    _waiting_table(pd.DataFrame(rows), order, f"brobygger-venter-{data.filters.end:%Y%m%d}", lang)


def _waiting_table(table: pd.DataFrame, order: list[str], name: str, lang: str) -> None:
    st.dataframe(
        tables.readable(table, lang).style.map(
            lambda v: f"color: {BREACH_COLOR}; font-weight: 600" if str(v) != "0" else "",
            subset=[order[2]],
        ),
        hide_index=True,
        width="stretch",
    )
    download_buttons(table, name, lang, key="waiting-now")


def fte_chart(org: Organisation, data: CaseloadData, lang: str) -> None:
    title = t("caseload.fte.title")
    st.markdown(f"**{title}**")
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
    _show("per-fte", data, build, lang, label=title)


def sources_chart(org: Organisation, data: CaseloadData, lang: str) -> None:
    title = t("caseload.sources.title")
    st.markdown(f"**{title}**")
    st.caption(t("caseload.sources.caption"))
    frame = departments_together(data.sources, "requests", ["source"])
    if data.protected and nothing_safe_to_show(frame, "requests"):
        return
    if frame.empty:
        st.caption(t("kpi.no_value"))
        return
    frame["source_label"] = frame["source"].map(lambda s: translate(f"source.{s}", lang))
    frame["outreach"] = frame["source"] == "outreach"
    frame["label"] = shown_text(frame, "requests", lang)
    # Largest first; an explicit order, so the "<5" layer sorts the same way.
    order = frame.sort_values("requests", ascending=False, na_position="last")["source_label"]

    build = partial(builders.sources, frame, list(order), lang)
    _show("sources", data, build, lang, label=title)
    committee_note([(frame, "requests")])


def ages_chart(org: Organisation, data: CaseloadData, lang: str) -> None:
    title = t("caseload.ages.title")
    st.markdown(f"**{title}**")
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
    _show("ages", data, build, lang, label=title)
    committee_note([(frame, "requests")])
    hidden_parts_caption(frame, "requests", "department_label", "group_label")


# ---- department against department, period against previous ------------------------------


def is_empty(data: CaseloadData) -> bool:
    return data.flow.empty and data.by_address.empty and data.waiting_now.empty
