"""The caseload page's charts: pure builders from the frames ui/caseload_view.py prepares (labels
already in the page's language) to Vega-Lite specs."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from data_access.organisation import Organisation
from ui.charts import vega
from ui.charts.band import ordinal_band, with_project
from ui.charts.lines import time_series
from ui.charts.marks import drawn, hidden_marks, is_protected
from ui.charts.palette import department_scale
from ui.charts.vega import Spec, channel, count_y, tooltip
from ui.i18n import translate

DEPT_PARAM = "dept_pick"
MONTH_PARAM = "period_pick"
BREACH_COLOR = "#c0392b"
WITHIN_COLOR = "#1f6f78"
OUTREACH_COLOR = "#e07a5f"
OTHER_SOURCE_COLOR = "#9aa0a6"
FLOW_COLOURS = ["#3d405b", "#1f6f78", "#e07a5f"]
WAITING_NOW_COLOURS = ["#81b29a", "#f2cc8f", BREACH_COLOR]
AGE_COLOURS = ["#e07a5f", "#f2cc8f", "#1f6f78", "#bbb"]
BAR = {"type": "bar"}


def stacked(frame: pd.DataFrame, column: str = "requests", by: str = "department_label") -> float:
    """The tallest stack of a stacked count chart (its count axis reaches it)."""
    return pd.to_numeric(frame[column], errors="coerce").groupby(frame[by]).sum().max()


def _departments(org: Organisation, lang: str, frame: pd.DataFrame) -> Spec:
    shown = frame["department_label"].unique()
    return channel(
        "department_label:N",
        title=None,
        legend=vega.legend(shown),
        scale=department_scale(org, lang, shown),
    )


def _period(chart: Spec, org: Organisation, span: tuple[dt.date, dt.date], lang: str) -> Spec:
    return with_project(chart, org.outreach, span[0], span[1], lang)


def active(
    frame: pd.DataFrame,
    split: str,
    grain: str,
    org: Organisation,
    span: tuple[dt.date, dt.date],
    lang: str,
) -> Spec:
    """Active courses per department (an address or modality split draws the department's
    lines dashed apart, never in other colours); a click picks a department."""
    dashes = (
        {}
        if split == "department"
        else {
            "strokeDash": channel(
                "group_label:N", title=None, legend=vega.legend(frame["group_label"].unique())
            )
        }
    )
    axis = translate("chart.axis.active", lang)
    chart = time_series(
        frame,
        x=vega.date_x("day", grain, frame["day"]),
        y=count_y("active", axis, frame["active"], is_protected(frame, "active")),
        color=_departments(org, lang, frame),
        tooltip=[
            tooltip("day:T", translate("chart.axis.period", lang), format="%d-%m-%Y"),
            tooltip("series:N", translate("chart.series", lang)),
            tooltip("label:N", axis),
        ],
        pick=vega.point_pick(DEPT_PARAM, ["department_label"]),
        **dashes,
    )
    return _period(chart, org, span, lang)


def flow(frame: pd.DataFrame, shown: list[str], lang: str) -> Spec:
    """Requests, starts and ends per bucket, one row per department (`shown`, in order),
    the project period behind the bars; a click picks a bucket in every row."""
    order = list(dict.fromkeys(frame.sort_values("bucket")["period"]))
    events = [translate(f"flow.{e}", lang) for e in ("requests", "starts", "ends")]
    pick = vega.point_pick(MONTH_PARAM, ["period"])
    count = translate("chart.axis.count", lang)
    protected = is_protected(frame, "count")

    def row(label: str) -> Spec:
        part = frame[frame["department_label"] == label]
        x = channel(
            "period:O", title=None, sort=order, axis={"labelAngle": -45 if len(order) > 12 else 0}
        )
        offset = channel("event_label:N", sort=events)
        bars = vega.view(
            part,
            BAR,
            {
                "x": x,
                "xOffset": offset,
                "y": count_y("count", count, frame["count"], protected),
                "color": channel(
                    "event_label:N",
                    title=None,
                    sort=events,
                    legend=vega.legend(events),
                    scale=vega.colour_scale(zip(events, FLOW_COLOURS, strict=True)),
                ),
                "opacity": vega.picked(MONTH_PARAM, 1.0, 0.35),
                "tooltip": [
                    tooltip("department_label:N", translate("compare.department", lang)),
                    tooltip("period:O", translate("chart.axis.period", lang)),
                    tooltip("event_label:N", translate("chart.series", lang)),
                    tooltip("label:N", count),
                ],
            },
        )
        layers = [*ordinal_band("period", x, part), vega.with_pick(bars, pick)]
        if "count_shown" in part:
            mark = {"type": "text", "baseline": "bottom", "dy": -2, "fontSize": 9}
            hidden = vega.view(
                part,
                {**mark, "color": vega.MUTED},
                {"x": x, "xOffset": offset, "y": {"datum": 0}, "text": channel("count_shown:N")},
                transform=[{"filter": "datum.count_shown != ''"}],
            )
            layers.append(hidden)
        return vega.layer(*layers, height=90, width="container", title=vega.row_title(label))

    return vega.vconcat(*(row(label) for label in shown), spacing=12)


def reasons(frame: pd.DataFrame, protected: bool, lang: str) -> Spec:
    """Why courses ended, per department: shares of its ends, or in committee mode counts (a
    share of rounded figures on a small base says more than the figures)."""
    ends = translate("flow.ends", lang)
    top = stacked(frame, "ends")
    x = (
        count_y("ends", ends, frame["ends"], is_protected(frame, "ends"), top)
        if protected
        else channel("ends:Q", title=ends, stack="normalize", axis={"format": "%"})
    )
    return vega.view(
        drawn(frame, "ends"),
        BAR,
        {
            "y": channel("department_label:N", title=None),
            "x": x,
            "color": channel(
                "reason_label:N", title=None, legend=vega.legend(frame["reason_label"].unique())
            ),
            "tooltip": [
                tooltip("department_label:N", translate("compare.department", lang)),
                tooltip("reason_label:N", translate("chart.series", lang)),
                tooltip("label:N", ends),
            ],
        },
        height=vega.band_height(frame["department_label"], 30),
    )


def _status_colour(within: str, breach: str, show_legend: bool) -> Spec:
    return channel(
        "status:N",
        title=None,
        legend=vega.legend([within, breach]) if show_legend else None,
        scale=vega.colour_scale([(within, WITHIN_COLOR), (breach, BREACH_COLOR)]),
    )


def waiting(frame: pd.DataFrame, shown: list[str], labels: dict[str, str], lang: str) -> Spec:
    """Days from request to start, day by day, one row per department (one chart: one Vega
    view for the browser to set up, not one per department), the guarantee as a line."""
    within = translate("caseload.wait.within", lang)
    breach = translate("caseload.wait.breach", lang)
    days = translate("caseload.wait.days", lang)
    longest = int(frame["days"].max()) + 1

    def row(index: int, dept: str) -> Spec:
        part = frame[frame["department"] == dept]
        top = stacked(part, "starts", "days")
        y = count_y("starts", "", part["starts"], is_protected(part, "starts"), top)
        bars = vega.view(
            part,
            BAR,
            {
                "x": channel(
                    "days:Q",
                    title=days,
                    bin={"step": 1},
                    scale={"domain": [0, longest]},
                    axis={"format": "d", "tickMinStep": 1},
                ),
                "y": {**y, "field": "starts", "aggregate": "sum"},
                "color": _status_colour(within, breach, index == 0),
                "tooltip": [
                    tooltip("department_label:N", translate("compare.department", lang)),
                    tooltip("days:Q", days),
                    tooltip("starts:Q", translate("flow.starts", lang), aggregate="sum"),
                ],
            },
        )
        # The guarantee line sits between the last day within and the first day of breach.
        rule = vega.view(
            part,
            {"type": "rule", "color": "#333", "strokeDash": [4, 3]},
            {"x": {"datum": int(part["guarantee_days"].iloc[0]) + 1}},
        )
        # Below ~100 px of plot the bars of a small department vanish.
        return vega.layer(
            bars, rule, height=100, width="container", title=vega.row_title(labels[dept])
        )

    return vega.vconcat(*(row(i, dept) for i, dept in enumerate(shown)), spacing=10)


def waiting_bins(part: pd.DataFrame, first: bool, lang: str) -> Spec:
    """Committee mode: one department's starts in four waiting bins."""
    within = translate("caseload.wait.within", lang)
    breach = translate("caseload.wait.breach", lang)
    x = channel(
        "bin_label:N",
        title=translate("caseload.wait.days", lang),
        sort=list(dict.fromkeys(part.sort_values("bin")["bin_label"])),
        axis={"labelAngle": 0},
    )
    bars = vega.view(
        drawn(part, "starts"),
        BAR,
        {
            "x": x,
            "y": count_y("starts", "", part["starts"], is_protected(part, "starts")),
            "color": _status_colour(within, breach, first),
            "tooltip": [
                tooltip("department_label:N", translate("compare.department", lang)),
                tooltip("bin_label:N", translate("caseload.wait.days", lang)),
                tooltip("label:N", translate("flow.starts", lang)),
            ],
        },
    )
    # The first chart carries the legend: taller, so its bars keep their height.
    return vega.layer(bars, hidden_marks(part, "starts", x), height=190 if first else 150)


def guarantee_share(
    frame: pd.DataFrame,
    grain: str,
    org: Organisation,
    span: tuple[dt.date, dt.date],
    lang: str,
) -> Spec:
    """The share of starts within the guarantee per bucket and department."""
    axis = translate("caseload.share.axis", lang)
    line = vega.view(
        frame,
        {"type": "line", "point": True},
        {
            "x": vega.date_x("bucket", grain, frame["bucket"]),
            "y": channel("share:Q", title=axis, axis={"format": "%"}, scale={"domain": [0, 1]}),
            "color": _departments(org, lang, frame),
            "tooltip": [
                tooltip("bucket:T", translate("chart.axis.period", lang), format="%m-%Y"),
                tooltip("department_label:N", translate("compare.department", lang)),
                tooltip("share:Q", axis, format=".0%"),
                tooltip("within_label:N", translate("caseload.wait.within", lang)),
                tooltip("starts_label:N", translate("flow.starts", lang)),
            ],
        },
        height=vega.CHART_HEIGHT - 60,
    )
    return _period(line, org, span, lang)


def _department_stacks(
    frame: pd.DataFrame,
    part: str,
    order: list[str],
    colours: list[str],
    tooltips: list[Spec],
) -> Spec:
    """Requests per department (one bar each), stacked by `part` ("<part>_label:N" coloured
    in `order`, stacked by "<part>:O")."""
    requests = tooltips[-1]["title"]
    return vega.view(
        drawn(frame, "requests"),
        BAR,
        {
            "y": channel("department_label:N", title=None),
            "x": count_y(
                "requests",
                requests,
                frame["requests"],
                is_protected(frame, "requests"),
                stacked(frame),
            ),
            "color": channel(
                f"{part}_label:N",
                title=None,
                sort=order,
                legend=vega.legend(order),
                scale=vega.colour_scale(zip(order, colours, strict=True)),
            ),
            "order": channel(f"{part}:O"),
            "tooltip": tooltips,
        },
        height=vega.band_height(frame["department_label"], 30),
    )


def waiting_now(frame: pd.DataFrame, order: list[str], lang: str) -> Spec:
    """Requests waiting at the period's end, per department, by how long they have waited."""
    return _department_stacks(
        frame,
        "bucket",
        order,
        WAITING_NOW_COLOURS,
        [
            tooltip("department_label:N", translate("compare.department", lang)),
            tooltip("bucket_label:N", translate("caseload.wait.days", lang)),
            tooltip("requests:Q", translate("compare.requests", lang)),
        ],
    )


def per_fte(
    frame: pd.DataFrame, org: Organisation, span: tuple[dt.date, dt.date], lang: str
) -> Spec:
    """Active courses per FTE by month and department."""
    axis = translate("caseload.fte.axis", lang)
    chart = vega.view(
        frame,
        {"type": "line", "point": True},
        {
            "x": vega.date_x("month", "month", frame["month"]),
            # A ratio, not a count; "~" drops trailing zeros (an all-zero series reads 0).
            "y": channel("per_fte:Q", title=axis, axis={"format": ",.1~f"}),
            "color": _departments(org, lang, frame),
            "tooltip": [
                tooltip("month:T", translate("chart.axis.period", lang), format="%m-%Y"),
                tooltip("department_label:N", translate("compare.department", lang)),
                tooltip("per_fte:Q", axis, format=".1f"),
                tooltip("active_label:N", translate("chart.axis.active", lang)),
                tooltip("fte:Q", "FTE", format=".1f"),
            ],
        },
        height=vega.CHART_HEIGHT - 60,
    )
    return _period(chart, org, span, lang)


def sources(frame: pd.DataFrame, order: list[str], lang: str) -> Spec:
    """Requests by referral source, largest first, the outreach team's bar in its colour."""
    requests = translate("compare.requests", lang)
    y = channel("source_label:N", title=None, sort=order)
    chart = vega.view(
        drawn(frame, "requests"),
        BAR,
        {
            "y": y,
            "x": count_y("requests", requests, frame["requests"], is_protected(frame, "requests")),
            "color": {
                "condition": {"test": "datum.outreach", "value": OUTREACH_COLOR},
                "value": OTHER_SOURCE_COLOR,
            },
            "tooltip": [
                tooltip("source_label:N", translate("chart.series", lang)),
                tooltip("label:N", requests),
            ],
        },
        height=vega.band_height(frame["source_label"], 26),
    )
    if "requests_shown" not in frame:
        return chart
    hidden = vega.view(
        frame[frame["requests_shown"] != ""],
        {"type": "text", "align": "left", "dx": 3, "fontSize": 10, "color": vega.MUTED},
        {"y": y, "x": {"datum": 0}, "text": channel("requests_shown:N")},
    )
    return vega.layer(chart, hidden)


def ages(frame: pd.DataFrame, order: list[str], lang: str) -> Spec:
    """Requests by age group per department."""
    return _department_stacks(
        frame,
        "group",
        order,
        AGE_COLOURS,
        [
            tooltip("department_label:N", translate("compare.department", lang)),
            tooltip("group_label:N", translate("chart.series", lang)),
            tooltip("label:N", translate("compare.requests", lang)),
        ],
    )
