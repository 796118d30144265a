"""The outreach project period marked on timelines: since the data runs on to today, a chart
may show months before, during and after the grant period, and a reader must see which is which
(the target and the grant belong to the project period alone)."""

from __future__ import annotations

import datetime as dt

import altair as alt
import pandas as pd

from data_access.organisation import OutreachProject
from ui.i18n import translate

BAND_COLOR = "#f2cc8f"


def project_frame(
    project: OutreachProject, start: dt.date, end: dt.date, lang: str
) -> pd.DataFrame | None:
    """The part of the project period inside [start, end], or None if they do not meet."""
    low, high = max(start, project.start), min(end, project.end)
    if low > high:
        return None
    label = translate("today.project_band", lang, start=project.start.year, end=project.end.year)
    return pd.DataFrame(
        {"band_start": [pd.Timestamp(low)], "band_end": [pd.Timestamp(high)], "label": [label]}
    )


def with_project(
    chart: alt.TopLevelMixin,
    project: OutreachProject,
    start: dt.date,
    end: dt.date,
    lang: str,
) -> alt.TopLevelMixin:
    """`chart` (dates along x) over a light band for the project period, labelled."""
    frame = project_frame(project, start, end, lang)
    if frame is None:
        return chart
    x = alt.X("band_start:T", title=None)
    band = (
        alt.Chart(frame)
        .mark_rect(color=BAND_COLOR, opacity=0.18)
        .encode(x=x, x2="band_end:T", tooltip=alt.Tooltip("label:N", title=None))
    )
    text = (
        alt.Chart(frame)
        .mark_text(align="left", baseline="top", dx=3, dy=2, fontSize=10, color="#8a6d3b")
        .encode(x=x, y=alt.value(0), text="label:N")
    )
    return alt.layer(band, text, chart)
