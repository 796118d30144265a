"""Altair charts for the pages. Data arrives aggregated; these functions only draw."""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Iterable

import altair as alt
import pandas as pd
import streamlit as st

from data_access import cached
from language import format as fmt
from ui import altair_speed
from ui.i18n import t

altair_speed.install()  # every chart below is built with it (ui/altair_speed.py)

CHART_HEIGHT = 280
# A legend entry's width per character of its label and for its symbol and gap, and the room
# the y axis takes left of the legend, in pixels (the Streamlit theme's legend font, generous):
# used to decide how many entries fit side by side in a card.
LEGEND_CHAR_PX = 8
LEGEND_SYMBOL_PX = 32
LEGEND_INDENT_PX = 70
# Every chart the app draws: as wide as its card (axes and legends included), as tall as it
# needs. "fit" (Streamlit's default) would squeeze the plot when a legend wraps on a phone.
FIT_WIDTH = {"type": "fit-x", "contains": "padding"}

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
    """The chart in the user's locale (Danish month names and number separators). No legend
    or axis label is ever cut short ("Reduceret/stabiliser…"): their limit is off."""
    unlimited = {"legend": alt.LegendConfig(labelLimit=0), "axis": alt.AxisConfig(labelLimit=0)}
    if lang in _LOCALES:
        return chart.configure(locale=_LOCALES[lang], **unlimited)
    return chart.configure(**unlimited)


def vega_spec(chart: alt.TopLevelMixin, lang: str) -> dict:
    """The chart's Vega-Lite spec in the user's locale.

    Altair's JSON-schema validation costs more than everything else on a page rerun, so it runs
    only under pytest, where every page's charts are built and a bad spec fails a test.
    """
    validate = "PYTEST_CURRENT_TEST" in os.environ
    spec = localised(chart, lang).to_dict(validate=validate)
    spec.setdefault("autosize", FIT_WIDTH)
    # SVG (Streamlit's choice for small charts anyway): text a screen reader and a test can read.
    spec.setdefault("usermeta", {}).setdefault("embedOptions", {})["renderer"] = "svg"
    return spec


def legend(labels: Iterable[object], **options: object) -> alt.Legend:
    """A legend above the chart that wraps to its card: as many columns as the card has room
    for at its longest label (one under the other on a phone), never a cut label. Without a
    container (the brief's PNGs) it keeps one row."""
    longest = max((len(str(label)) for label in labels), default=12)
    entry = round(longest * LEGEND_CHAR_PX) + LEGEND_SYMBOL_PX
    room = f"(containerSize()[0] - {LEGEND_INDENT_PX})"
    columns = {"expr": f"containerSize()[0] ? max(1, floor({room} / {entry})) : 0"}
    return alt.Legend(**{"orient": "top", "labelLimit": 0, "columns": columns, **options})


@st.cache_data(ttl="10m", max_entries=1000, show_spinner=False)
def _cached_spec(digest: str, lang: str, _build: Callable[[], alt.TopLevelMixin]) -> dict:
    from ui.charts.render import with_arrow_datasets

    return with_arrow_datasets(vega_spec(_build(), lang))


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
    database, filters, focus and options); the language and the data version are added here."""
    spec = _cached_spec(cached.cache_key(*key, cached.version()), lang, build)  # Altair
    if selections:
        st.vega_lite_chart(
            spec, width="stretch", key=widget_key, on_select="rerun", selection_mode=selections
        )
    else:
        st.vega_lite_chart(spec, width="stretch")


def band_height(categories: pd.Series, step: int) -> int:
    """A chart with one band per category as a fixed height: a Step height makes Vega drop
    the container's fit and warn in the console; the width still follows the card."""
    return max(1, categories.nunique()) * step


def show(chart: alt.TopLevelMixin, lang: str) -> None:
    """Render an Altair chart full-width in the user's locale."""
    st.vega_lite_chart(vega_spec(chart, lang), width="stretch")


def date_axis(field: str, grain: str, dates: pd.Series | None = None) -> alt.X:
    """Dates along the bottom. For a few months or quarters the ticks are the dates
    themselves (Vega would otherwise label a quarter's three months "jan, jan, feb, feb")."""
    fmt = "%d %b" if grain == "week" else "%b %Y"
    if dates is not None and grain != "week" and 0 < dates.nunique() <= 12:
        values = sorted({pd.Timestamp(d).isoformat() for d in dates})
        axis = alt.Axis(format=fmt, labelAngle=0, values=values, labelOverlap=True)
    else:
        axis = alt.Axis(format=fmt, labelAngle=0, tickCount=8)
    return alt.X(f"{field}:T", title=None, axis=axis)


def _time_axis(grain: str, buckets: pd.Series | None = None) -> alt.X:
    return date_axis("bucket", grain, buckets)


def shown_text(frame: pd.DataFrame, column: str, lang: str) -> list[str]:
    """Each row's count as text: the number, or "<5" / "–" for protected committee figures
    (their `<column>_shown` column, see data_access/publication/publish.py)."""
    marks = frame[f"{column}_shown"] if f"{column}_shown" in frame else [""] * len(frame)
    return [
        mark or fmt.count(value, lang) for value, mark in zip(frame[column], marks, strict=True)
    ]


def is_protected(frame: pd.DataFrame, column: str) -> bool:
    return f"{column}_shown" in frame


# Up to this many steps a count axis gets its ticks listed; above it Vega's own ticks are whole
# (its step is at least the range over its tick count, at most 8 for a chart's height).
LISTED_TICK_STEPS = 8


def _count_range(
    frame: pd.DataFrame, column: str, top: float | None, protected: bool | None = None
) -> tuple[int, list[int] | None]:
    """(step, listed tick values or None). Vega's tickMinStep alone still draws 0,5 ticks on a
    small range (on 0-1 it asks d3 for two ticks, which gives 0, 0,5 and 1), so a small range
    gets its whole ticks listed: 0 to the top (`top`: the largest stacked total, if stacked)."""
    protected = is_protected(frame, column) if protected is None else protected
    step = 5 if protected else 1
    if top is None:
        top = pd.to_numeric(frame[column], errors="coerce").max() if column in frame else 0
    top = 0 if pd.isna(top) else float(top)
    if top > LISTED_TICK_STEPS * step:
        return step, None
    end = max(step, math.ceil(top / step) * step)
    return step, list(range(0, end + 1, step))


def count_axis(
    title: str,
    frame: pd.DataFrame,
    column: str,
    top: float | None = None,
    protected: bool | None = None,
) -> alt.Axis:
    """Whole counts only, never 0,5 ticks; steps of 5 for rounded committee figures (those with
    a `<column>_shown` column, or `protected`). Use with count_scale (the same arguments)."""
    step, values = _count_range(frame, column, top, protected)
    listed = {"values": values} if values else {}
    return alt.Axis(title=title, format="d", tickMinStep=step, **listed)


def count_scale(
    frame: pd.DataFrame, column: str, top: float | None = None, protected: bool | None = None
) -> alt.Scale:
    """A count axis from 0: to its last listed tick on a small range (an all-zero series reads
    0 and 1, never "0,000000"), else to the data's top, made nice by Vega."""
    step, values = _count_range(frame, column, top, protected)
    if values:
        return alt.Scale(domain=[0, values[-1]], nice=False)
    return alt.Scale(domain={"unionWith": [0, step]})


def hidden_layer(
    frame: pd.DataFrame, column: str, x: alt.X, **encodings: object
) -> alt.Chart | None:
    """The "<5" (and "–") marks of a protected frame, at the foot of the chart where the hidden
    bars or points would be: a masked value is labelled, never a silent gap."""
    if not is_protected(frame, column):
        return None
    hidden = frame[frame[f"{column}_shown"] != ""]
    if hidden.empty:
        return None
    return (
        alt.Chart(hidden)
        .mark_text(baseline="bottom", dy=-2, fontSize=10, color="#6b6f76")
        .encode(x=x, y=alt.datum(0), text=alt.Text(f"{column}_shown:N"), **encodings)
    )


def drawn(frame: pd.DataFrame, column: str) -> pd.DataFrame:
    """The rows of a (protected) frame whose count is shown as a number: what a stacked bar
    may be drawn from. A "<5" or "–" row left in a stack leaves the stack without a base, and
    Vega draws none of the bars above it: a month of 35 public contacts beside a withheld
    partner count was drawn as empty. Its mark comes from `hidden_layer` instead."""
    return frame[pd.to_numeric(frame[column], errors="coerce").notna()]


def with_hidden(chart: alt.Chart, hidden: alt.Chart | None) -> alt.TopLevelMixin:
    return chart if hidden is None else alt.layer(chart, hidden)


def nothing_safe_to_show(frame: pd.DataFrame, column: str) -> bool:
    """True (and says so) when a protected chart would have no bar or point to draw."""
    if frame.empty or not (pd.to_numeric(frame[column]).fillna(0) > 0).any():
        st.caption(t("committee.too_few"))
        return True
    return False
