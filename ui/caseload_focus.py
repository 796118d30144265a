"""Focus on the caseload page: a click on a department (active courses) or a month (the flow)
narrows the other charts; the focus lives in the charts' selections, read back here."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import streamlit as st

from data_access.filters import Filters, bucket_end, bucket_starts
from data_access.organisation import Organisation
from language import format as fmt
from ui.charts.caseload import DEPT_PARAM, MONTH_PARAM
from ui.i18n import t
from ui.plain import plain

ACTIVE_CHART = "caseload_active_chart"


FLOW_CHART = "caseload_flow_chart"


GENERATION = "_caseload_chart_generation"


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
