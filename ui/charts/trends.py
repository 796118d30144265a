"""The overview's two trends (also drawn in the meeting brief): contacts and persons reached,
and active courses per department, per week, month or quarter."""

from __future__ import annotations

import pandas as pd

from data_access.organisation import Organisation
from data_access.overview import OverviewData
from ui.charts import vega
from ui.charts.lines import time_series
from ui.charts.marks import is_protected, shown_text
from ui.charts.palette import department_scale
from ui.i18n import translate


def long_counts(
    frame: pd.DataFrame, series: dict[str, str], lang: str, keep: list[str]
) -> pd.DataFrame:
    """Series columns stacked into (series, count, count_shown, label) rows."""
    parts = []
    for column, name in series.items():
        part = frame[keep].copy()
        part["series"] = name
        part["count"] = frame[column]
        if is_protected(frame, column):
            part["count_shown"] = frame[f"{column}_shown"]
        part["label"] = shown_text(frame, column, lang)
        parts.append(part)
    return pd.concat(parts, ignore_index=True)


def outreach_trend(data: OverviewData, lang: str) -> vega.Spec:
    """Contacts and persons per week/month/quarter."""
    grain = data.filters.grain
    frame = long_counts(
        data.outreach_trend,
        {
            "contacts": translate("chart.series.contacts", lang),
            "persons": translate("chart.series.persons", lang),
        },
        lang,
        ["bucket"],
    )
    frame["bucket"] = pd.to_datetime(frame["bucket"])
    count = translate("chart.axis.count", lang)
    return time_series(
        frame,
        x=vega.date_x("bucket", grain, frame["bucket"]),
        y=vega.count_y("count", count, frame["count"], is_protected(frame, "count")),
        color=vega.channel("series:N", title=None, legend=vega.legend(frame["series"].unique())),
        tooltip=[
            vega.tooltip("bucket:T", translate("chart.axis.period", lang), format="%d-%m-%Y"),
            vega.tooltip("series:N", translate("chart.series", lang)),
            vega.tooltip("label:N", count),
        ],
    )


def caseload_trend(data: OverviewData, org: Organisation, lang: str) -> vega.Spec:
    """Active courses per department over time."""
    grain = data.filters.grain
    frame = data.caseload_trend.copy()  # never change the cached data
    labels = {d.id: d.label(lang) for d in org.departments}
    frame["department"] = frame["department"].map(lambda d: labels.get(d, d))
    frame["day"] = pd.to_datetime(frame["day"])
    frame["bucket"] = pd.to_datetime(frame["bucket"])
    frame["label"] = shown_text(frame, "active", lang)
    active = translate("chart.axis.active", lang)
    shown = frame["department"].unique()
    return time_series(
        frame,
        x=vega.date_x("bucket", grain, frame["bucket"]),
        y=vega.count_y("active", active, frame["active"], is_protected(frame, "active")),
        color=vega.channel(
            "department:N",
            title=None,
            legend=vega.legend(shown),
            scale=department_scale(org, lang, shown),
        ),
        tooltip=[
            vega.tooltip("day:T", translate("chart.axis.period", lang), format="%d-%m-%Y"),
            vega.tooltip("department:N", translate("chart.department", lang)),
            vega.tooltip("label:N", active),
        ],
    )
