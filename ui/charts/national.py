"""Landstal's chart: persons in treatment per 1,000 inhabitants by year, ours against the
region, similar municipalities and the country."""

from __future__ import annotations

import pandas as pd

from ui.charts import vega
from ui.charts.band import ordinal_band
from ui.charts.vega import Spec, channel, tooltip
from ui.i18n import translate


def rates(frame: pd.DataFrame, band: pd.DataFrame, order: list[str], ours: str, lang: str) -> Spec:
    """One line per series in `order`; our own solid, the others dashed; the project period's
    years shaded behind."""
    rate = translate("national.chart.rate", lang)
    x = channel("year:O", title=None, axis={"labelAngle": 0})
    chart = vega.view(
        frame,
        {"type": "line", "point": True},
        {
            "x": x,
            "y": channel("rate:Q", title=rate),
            "color": channel(
                "series:N",
                title=None,
                sort=order,
                legend={"orient": "top", "columns": 1, "labelLimit": 0},
            ),
            "strokeDash": {
                "condition": {"test": f"(datum.series === {ours!r})", "value": [1, 0]},
                "value": [4, 3],
            },
            "tooltip": [
                tooltip("year:O", translate("national.chart.year", lang)),
                tooltip("series:N", translate("national.chart.series", lang)),
                tooltip("rate:Q", rate, format=".1f"),
            ],
        },
        height=vega.CHART_HEIGHT,
    )
    return vega.layer(*ordinal_band("year", x, band), chart)
