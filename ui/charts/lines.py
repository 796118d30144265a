"""Time series: one line with points per series along a date axis, "<5" and "–" marked where a
protected point is hidden."""

from __future__ import annotations

import pandas as pd

from ui.charts import vega
from ui.charts.marks import hidden_marks
from ui.charts.vega import Spec

LINE = {"type": "line", "point": True}


def time_series(
    frame: pd.DataFrame,
    *,
    x: Spec,
    y: Spec,
    color: Spec,
    tooltip: list[Spec],
    height: int = vega.CHART_HEIGHT,
    pick: Spec | None = None,
    **encodings: Spec,
) -> Spec:
    """Lines of `frame` (the y field's count; its `_shown` column marks protected figures).
    With `pick`, a click on a line picks it (the others fade)."""
    if pick is not None:
        encodings["opacity"] = vega.picked(pick["name"], 1.0, 0.3)
    chart = vega.view(
        frame,
        LINE,
        {"x": x, "y": y, "color": color, **encodings, "tooltip": tooltip},
        height=height,
    )
    if pick is not None:
        chart = vega.with_pick(chart, pick)
    return vega.layer(chart, hidden_marks(frame, y["field"], x, color=color))
