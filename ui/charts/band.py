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


# ---- bars by week, month or quarter (an ordinal axis of bucket labels) --------------------
IN_PROJECT, FIRST_IN_PROJECT, BAND_LABEL = "in_project", "first_in_project", "band_label"


def mark_buckets(
    frame: pd.DataFrame, project: OutreachProject, bucket: str, lang: str
) -> pd.DataFrame:
    """`frame` with the columns an ordinal band reads: whether each row's bucket (its first
    day in column `bucket`) lies in the project period, whether it is the first such bucket,
    and the band's label."""
    starts = pd.to_datetime(frame[bucket]).dt.date
    inside = (starts >= project.start) & (starts <= project.end)
    first = starts[inside].min() if inside.any() else None
    return frame.assign(
        **{
            IN_PROJECT: inside,
            FIRST_IN_PROJECT: starts == first if first is not None else False,
            BAND_LABEL: band_label(project, lang),
        }
    )


def ordinal_band(field: str, x: Spec, data: pd.DataFrame | None = None) -> list[Spec]:
    """Layers that shade the project period's buckets on an ordinal x axis (`field`, encoded
    as `x`), the same band and label as `with_project`'s, from rows marked by `mark_buckets`;
    one band per bucket, however many rows (series, departments) a bucket has. Without `data`
    they read the layer's own data."""
    aggregate = {"aggregate": [], "groupby": [field, BAND_LABEL]}
    band = vega.view(
        data,
        _BAND_MARK,
        {"x": x, "tooltip": vega.tooltip(f"{BAND_LABEL}:N", None)},
        transform=[{"filter": f"datum.{IN_PROJECT}"}, aggregate],
    )
    text = vega.view(
        data,
        _TEXT_MARK,
        {
            "x": {**x, "bandPosition": 0},  # the label starts at the band's left edge
            "y": {"value": 0},
            "text": vega.channel(f"{BAND_LABEL}:N"),
        },
        transform=[{"filter": f"datum.{FIRST_IN_PROJECT}"}, aggregate],
    )
    return [band, text]
