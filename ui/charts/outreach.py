"""The outreach page's charts: pure builders from the frames ui/outreach_view.py prepares (labels
already in the page's language) to Vega-Lite specs."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from data_access.organisation import OutreachProject
from maps.outreach_map import KIND_STYLES
from ui.charts import vega
from ui.charts.band import ordinal_band, with_project
from ui.charts.marks import drawn, hidden_marks, is_protected
from ui.charts.vega import Spec, channel, count_y, tooltip
from ui.i18n import translate

PUBLIC_FILL = KIND_STYLES["public"]["fill"]  # the public sites' colour on the map
PROGRESS_COLOURS = ["#1f6f78", "#9aa0a6", "#e07a5f"]  # reached, target line, pace
PROGRESS_DASHES = [[1, 0], [5, 4], [2, 3]]


def by_kind(
    frame: pd.DataFrame,
    band: pd.DataFrame,
    kinds: list[tuple[str, str]],
    lang: str,
) -> Spec:
    """Contacts per bucket stacked by site kind (`kinds`: (label, colour) in order), the
    project period behind the bars."""
    periods = list(dict.fromkeys(frame["period"]))
    top = pd.to_numeric(frame["contacts"]).groupby(frame["period"]).sum().max()  # stacked
    x = channel(
        "period:O", title=None, sort=periods, axis={"labelAngle": -45 if len(periods) > 12 else 0}
    )
    color = channel(
        "kind_label:N",
        title=None,
        legend=vega.legend(label for label, _ in kinds),
        scale=vega.colour_scale(kinds),
    )
    count = count_y(
        "contacts",
        translate("chart.axis.count", lang),
        frame["contacts"],
        is_protected(frame, "contacts"),
        top,
    )
    chart = vega.view(
        drawn(frame, "contacts"),
        {"type": "bar"},
        {
            "x": x,
            "y": {**count, "aggregate": "sum"},
            "color": color,
            "tooltip": [
                tooltip("period:O", translate("chart.axis.period", lang)),
                tooltip("kind_label:N", translate("table.kind", lang)),
                tooltip("label:N", translate("table.contacts", lang)),
            ],
        },
        height=vega.CHART_HEIGHT,
    )
    shown = vega.layer(chart, hidden_marks(frame, "contacts", x, detail=channel("kind_label:N")))
    return vega.layer(*ordinal_band("period", x, band), shown)


def weekday_hour(frame: pd.DataFrame, days: list[str], lang: str) -> Spec:
    """Contacts by weekday and hour as a heat map."""
    contacts = translate("table.contacts", lang)
    hour = translate("outreach.grid.hour", lang)
    return vega.view(
        frame,
        {"type": "rect"},
        {
            "x": channel("hour:O", title=hour, axis={"labelAngle": 0}),
            "y": channel("day:N", title=None, sort=days, axis={"labelOverlap": False}),
            "color": channel(
                "contacts:Q",
                title=contacts,
                scale={"scheme": "tealblues"},
                legend={"orient": "top", "format": "d", "tickMinStep": 1},
            ),
            "tooltip": [
                tooltip("day:N", translate("outreach.grid.weekday", lang)),
                tooltip("hour:O", hour),
                tooltip("contacts:Q", contacts),
            ],
        },
        height=vega.band_height(frame["day"], 26),
    )


def by_category(frame: pd.DataFrame, order: list[str], title: str, lang: str) -> Spec:
    """Committee mode: contacts by weekday or by time of day."""
    contacts = translate("table.contacts", lang)
    x = channel("category:N", title=title, sort=order, axis={"labelAngle": 0})
    bars = vega.view(
        frame,
        {"type": "bar", "color": PUBLIC_FILL},
        {
            "x": x,
            "y": count_y("contacts", contacts, frame["contacts"], is_protected(frame, "contacts")),
            "tooltip": [tooltip("category:N", title), tooltip("label:N", contacts)],
        },
        height=160,
    )
    return vega.layer(bars, hidden_marks(frame, "contacts", x))


def funnel(frame: pd.DataFrame, protected: bool, lang: str) -> Spec:
    """Persons at each step from first contact to treatment, with the conversions."""
    persons = translate("funnel.persons", lang)
    shared = {
        # The steps' own order as a list: a sort by field cannot be unioned across the layers
        # (Vega warned in the console and dropped it).
        "y": channel("step:N", sort=frame.sort_values("order")["step"].tolist(), title=None),
        "tooltip": [
            tooltip("step:N", translate("funnel.step", lang)),
            tooltip("shown:N", persons),
            tooltip("conversion:N", translate("funnel.conversion", lang)),
        ],
    }
    x = count_y("persons", persons, frame["persons"], protected)
    bars = vega.view(frame, {"type": "bar", "color": PUBLIC_FILL}, {**shared, "x": x})
    # The label sits at the bar's end, or at the start for a hidden stage ("<5").
    labels = vega.view(
        frame,
        {"type": "text", "align": "left", "dx": 4, "color": "#333"},
        {**shared, "x": {**x, "impute": None}, "text": channel("label:N")},
    )
    hidden = vega.view(
        frame,
        {"type": "text", "align": "left", "dx": 4, "color": vega.MUTED},
        {**shared, "x": {"datum": 0}, "text": channel("label:N")},
        transform=[{"filter": "datum.persons === null"}],
    )
    return vega.layer(bars, labels, hidden, height=200)


def progress(frame: pd.DataFrame, order: list[str], project: OutreachProject, lang: str) -> Spec:
    """Persons reached towards the target (in steps: one person at a time, or committee
    figures by month's end), the straight line to the target and the pace needed."""
    x = channel("day:T", title=None, axis={"format": "%b %Y"})
    persons = translate("funnel.persons", lang)
    shared = {
        "x": x,
        "y": count_y("persons", persons, frame["persons"], is_protected(frame, "persons")),
        "color": channel(
            "series:N",
            title=None,
            legend=vega.legend(order),
            scale=vega.colour_scale(zip(order, PROGRESS_COLOURS, strict=False)),
        ),
        "strokeDash": channel(
            "series:N",
            legend=None,
            scale={"domain": order, "range": PROGRESS_DASHES[: len(order)]},
        ),
        "tooltip": [
            tooltip("day:T", translate("chart.axis.period", lang), format="%d-%m-%Y"),
            tooltip("series:N", translate("chart.series", lang)),
            tooltip("label:N", persons),
        ],
    }
    reached = vega.view(
        frame,
        {"type": "line", "interpolate": "step-after"},
        shared,
        transform=[{"filter": f"(datum.series === {order[0]!r})"}],
    )
    lines = vega.view(
        frame,
        {"type": "line"},
        shared,
        transform=[{"filter": f"(datum.series !== {order[0]!r})"}],
    )
    chart = vega.layer(vega.layer(reached, lines), hidden_marks(frame, "persons", x))
    first: dt.date = frame["day"].min().date()
    last: dt.date = frame["day"].max().date()
    return {**with_project(chart, project, first, last, lang), "height": 200}
