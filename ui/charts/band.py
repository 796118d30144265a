"""The outreach project period marked on timelines: since the data runs on to today, a chart
may show months before, during and after the grant period, and a reader must see which is which
(the target and the grant belong to the project period alone)."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from data_access.organisation import OutreachProject
from ui.charts import vega
from ui.charts.vega import Spec
from ui.i18n import translate

BAND_COLOR = "#f2cc8f"
BAND_OPACITY = 0.18
TEXT_COLOR = "#8a6d3b"
_BAND_MARK = {"type": "rect", "color": BAND_COLOR, "opacity": BAND_OPACITY}
_TEXT_MARK = {
    "type": "text",
    "align": "left",
    "baseline": "top",
    "dx": 3,
    "dy": 2,
    "fontSize": 10,
    "color": TEXT_COLOR,
}


def band_label(project: OutreachProject, lang: str) -> str:
    return translate("today.project_band", lang, start=project.start.year, end=project.end.year)


def project_frame(
    project: OutreachProject, start: dt.date, end: dt.date, lang: str
) -> pd.DataFrame | None:
    """The part of the project period inside [start, end], or None if they do not meet."""
    low, high = max(start, project.start), min(end, project.end)
    if low > high:
        return None
    return pd.DataFrame(
        {
            "band_start": [pd.Timestamp(low)],
            "band_end": [pd.Timestamp(high)],
            "label": [band_label(project, lang)],
        }
    )


def with_project(
    chart: Spec, project: OutreachProject, start: dt.date, end: dt.date, lang: str
) -> Spec:
    """`chart` (dates along x) over a light band for the project period, labelled. The
    chart's height moves to the layer that holds them."""
    frame = project_frame(project, start, end, lang)
    if frame is None:
        return chart
    x = vega.channel("band_start:T", title=None)
    band = vega.view(
        frame,
        _BAND_MARK,
        {"x": x, "x2": vega.channel("band_end"), "tooltip": vega.tooltip("label:N", None)},
    )
    text = vega.view(
        frame, _TEXT_MARK, {"x": x, "y": {"value": 0}, "text": vega.channel("label:N")}
    )
    return vega.layer(band, text, chart)
