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
BAND_OPACITY = 0.18
TEXT_COLOR = "#8a6d3b"
IN_PROJECT, FIRST_IN_PROJECT, BAND_LABEL = "in_project", "first_in_project", "band_label"


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
        .mark_rect(color=BAND_COLOR, opacity=BAND_OPACITY)
        .encode(x=x, x2="band_end:T", tooltip=alt.Tooltip("label:N", title=None))
    )
    text = (
        alt.Chart(frame)
        .mark_text(align="left", baseline="top", dx=3, dy=2, fontSize=10, color=TEXT_COLOR)
        .encode(x=x, y=alt.value(0), text="label:N")
    )
    return alt.layer(band, text, chart)


# ---- bars by week, month or quarter (an ordinal axis of bucket labels) --------------------
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
            BAND_LABEL: translate(
                "today.project_band", lang, start=project.start.year, end=project.end.year
            ),
        }
    )


def ordinal_band(field: str, x: alt.X, data: pd.DataFrame | None = None) -> list[alt.Chart]:
    """Layers that shade the project period's buckets on an ordinal x axis (`field`, encoded
    as `x`), the same band and label as `with_project`'s, from rows marked by `mark_buckets`.
    They read the layer's own data, so they work inside a faceted chart too; one band per
    bucket, however many rows (series, departments) a bucket has. Without `data` they read
    the layer's own data."""
    base = alt.Chart() if data is None else alt.Chart(data)
    band = (
        base.transform_filter(f"datum.{IN_PROJECT}")
        .transform_aggregate(groupby=[field, BAND_LABEL])
        .mark_rect(color=BAND_COLOR, opacity=BAND_OPACITY)
        .encode(x=x, tooltip=alt.Tooltip(f"{BAND_LABEL}:N", title=None))
    )
    at_start = x.copy()
    at_start.bandPosition = 0  # the label starts at the band's left edge
    text = (
        base.transform_filter(f"datum.{FIRST_IN_PROJECT}")
        .transform_aggregate(groupby=[field, BAND_LABEL])
        .mark_text(align="left", baseline="top", dx=3, dy=2, fontSize=10, color=TEXT_COLOR)
        .encode(x=at_start, y=alt.value(0), text=f"{BAND_LABEL}:N")
    )
    return [band, text]
