"""Altair charts for the pages. Data arrives aggregated; these functions only draw."""

from __future__ import annotations

import os
from collections.abc import Callable

import altair as alt
import pandas as pd
import streamlit as st

from data_access import privacy
from data_access.organisation import Organisation
from data_access.overview import OverviewData
from ui.i18n import t, translate

CHART_HEIGHT = 280

# d3 locale definitions, so axes read "jan. 2024" and "1.234" in Danish.
_LOCALES = {
    "da": alt.Locale(
        number={"decimal": ",", "thousands": ".", "grouping": [3], "currency": ["", " kr."]},
        time={
            "dateTime": "%A den %d. %B %Y %X",
            "date": "%d-%m-%Y",
            "time": "%H:%M:%S",
            "periods": ["", ""],
            "days": ["søndag", "mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag"],
            "shortDays": ["søn", "man", "tir", "ons", "tor", "fre", "lør"],
            "months": [
                "januar",
                "februar",
                "marts",
                "april",
                "maj",
                "juni",
                "juli",
                "august",
                "september",
                "oktober",
                "november",
                "december",
            ],
            "shortMonths": [
                "jan",
                "feb",
                "mar",
                "apr",
                "maj",
                "jun",
                "jul",
                "aug",
                "sep",
                "okt",
                "nov",
                "dec",
            ],
        },
    ),
}


def localised(chart: alt.TopLevelMixin, lang: str) -> alt.TopLevelMixin:
    """The chart in the user's locale (Danish month names and number separators)."""
    return chart.configure(locale=_LOCALES[lang]) if lang in _LOCALES else chart


def vega_spec(chart: alt.TopLevelMixin, lang: str) -> dict:
    """The chart's Vega-Lite spec in the user's locale.

    Altair's JSON-schema validation costs more than everything else on a page rerun, so it runs
    only under pytest, where every page's charts are built and a bad spec fails a test.
    """
    validate = "PYTEST_CURRENT_TEST" in os.environ
    return localised(chart, lang).to_dict(validate=validate)


@st.cache_data(ttl="10m", max_entries=1000, show_spinner=False)
def _cached_spec(key: tuple, lang: str, _build: Callable[[], alt.TopLevelMixin]) -> dict:
    return vega_spec(_build(), lang)


def show_cached(
    key: tuple,
    build: Callable[[], alt.TopLevelMixin],
    lang: str,
    *,
    widget_key: str | None = None,
    selections: list[str] | None = None,
) -> None:
    """Like `show`, but the spec is built once per `key`: building and encoding Altair charts
    costs more than the page's queries. The key must fix everything the chart shows (the
    database, filters, focus and options); the language is added here."""
    spec = _cached_spec(key, lang, build)
    if selections:
        st.vega_lite_chart(
            spec, width="stretch", key=widget_key, on_select="rerun", selection_mode=selections
        )
    else:
        st.vega_lite_chart(spec, width="stretch")


def show(chart: alt.TopLevelMixin, lang: str) -> None:
    """Render an Altair chart full-width in the user's locale."""
    st.vega_lite_chart(vega_spec(chart, lang), width="stretch")


def _time_axis(grain: str) -> alt.X:
    fmt = "%d %b" if grain == "week" else "%b %Y"
    return alt.X("bucket:T", title=None, axis=alt.Axis(format=fmt, labelAngle=0, tickCount=8))


def committee_safe(frame: pd.DataFrame, column: str, committee: bool) -> pd.DataFrame:
    """Counts of 1-4 leave a gap in committee mode (privacy.protect_series)."""
    frame = frame.copy()  # never change the cached data
    if committee:
        frame[column] = privacy.protect_series(frame[column].tolist())
    return frame


def nothing_safe_to_show(frame: pd.DataFrame, column: str) -> bool:
    """True (and says so) when committee masking left nothing to draw."""
    if frame.empty or not (frame[column].fillna(0) > 0).any():
        st.caption(t("committee.too_few"))
        return True
    return False


def outreach_trend(data: OverviewData, lang: str, committee: bool = False) -> None:
    grain = data.filters.grain
    st.markdown(f"**{t('chart.outreach.title', grain=t(f'chart.grain.{grain}'))}**")
    show(outreach_trend_chart(data, lang, committee), lang)


def outreach_trend_chart(data: OverviewData, lang: str, committee: bool) -> alt.Chart:
    """Contacts and persons per week/month/quarter (the overview and the meeting brief)."""
    grain = data.filters.grain
    frame = data.outreach_trend.rename(
        columns={
            "contacts": translate("chart.series.contacts", lang),
            "persons": translate("chart.series.persons", lang),
        }
    ).melt("bucket", var_name="series", value_name="count")
    frame = committee_safe(frame, "count", committee)
    frame["bucket"] = pd.to_datetime(frame["bucket"])
    chart = (
        alt.Chart(frame)
        .mark_line(point=True)
        .encode(
            x=_time_axis(grain),
            y=alt.Y("count:Q", title=translate("chart.axis.count", lang)),
            color=alt.Color("series:N", title=None, legend=alt.Legend(orient="top")),
            tooltip=[
                alt.Tooltip(
                    "bucket:T", title=translate("chart.axis.period", lang), format="%d-%m-%Y"
                ),
                alt.Tooltip("series:N", title=translate("chart.series", lang)),
                alt.Tooltip("count:Q", title=translate("chart.axis.count", lang)),
            ],
        )
        .properties(height=CHART_HEIGHT)
    )
    return chart


def caseload_trend(
    data: OverviewData, org: Organisation, lang: str, committee: bool = False
) -> None:
    grain = data.filters.grain
    st.markdown(f"**{t('chart.caseload.title', grain=t(f'chart.grain.{grain}'))}**")
    show(caseload_trend_chart(data, org, lang, committee), lang)


def caseload_trend_chart(
    data: OverviewData, org: Organisation, lang: str, committee: bool
) -> alt.Chart:
    """Active courses per department over time (the overview and the meeting brief)."""
    grain = data.filters.grain
    frame = committee_safe(data.caseload_trend, "active", committee)
    labels = {d.id: d.label(lang) for d in org.departments}
    frame["department"] = frame["department"].map(lambda d: labels.get(d, d))
    frame["day"] = pd.to_datetime(frame["day"])
    frame["bucket"] = pd.to_datetime(frame["bucket"])
    chart = (
        alt.Chart(frame)
        .mark_line(point=True)
        .encode(
            x=_time_axis(grain),
            y=alt.Y("active:Q", title=translate("chart.axis.active", lang)),
            color=alt.Color(
                "department:N",
                title=None,
                legend=alt.Legend(orient="top"),
                sort=[labels[d.id] for d in org.departments],
            ),
            tooltip=[
                alt.Tooltip("day:T", title=translate("chart.axis.period", lang), format="%d-%m-%Y"),
                alt.Tooltip("department:N", title=translate("chart.department", lang)),
                alt.Tooltip("active:Q", title=translate("chart.axis.active", lang)),
            ],
        )
        .properties(height=CHART_HEIGHT)
    )
    return chart
