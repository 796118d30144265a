"""The Vega-Lite vocabulary the chart builders write in: plain dicts, no Streamlit, no Altair.

A builder returns a view or a composition of views whose data is inline (`{"values": rows}`);
`finished` makes it a complete spec for the browser: each distinct table named once under
`datasets` (by a digest of its rows), the page's locale, no cut labels, the chart as wide as its
card and drawn as SVG. Rows are taken from a frame the way Altair's default data transformer
takes them (ISO text for times, None for gaps), so a spec reads the same as it did when the
charts were built with Altair.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import math
from collections.abc import Iterable, Mapping
from typing import Any

import numpy
import pandas as pd

Spec = dict[str, Any]

SCHEMA = "https://vega.github.io/schema/vega-lite/v6.4.1.json"
CHART_HEIGHT = 280
# Every chart the app draws: as wide as its card (axes and legends included), as tall as it
# needs. "fit" (Streamlit's default) would squeeze the plot when a legend wraps on a phone.
FIT_WIDTH = {"type": "fit-x", "contains": "padding"}
TYPES = {"Q": "quantitative", "N": "nominal", "T": "temporal", "O": "ordinal"}
MUTED = "#6b6f76"  # "<5" and "–" marks, secondary labels
# A legend entry's width per character of its label and for its symbol and gap, and the room
# the y axis takes left of the legend, in pixels (the Streamlit theme's legend font, generous):
# used to decide how many entries fit side by side in a card.
LEGEND_CHAR_PX = 8
LEGEND_SYMBOL_PX = 32
LEGEND_INDENT_PX = 70
# Up to this many steps a count axis gets its ticks listed; above it Vega's own ticks are whole
# (its step is at least the range over its tick count, at most 8 for a chart's height).
LISTED_TICK_STEPS = 8

# d3 locale definitions, so axes read "jan. 2024" and "1.234" in Danish.
LOCALES: Mapping[str, Spec] = {
    "da": {
        "number": {"decimal": ",", "thousands": ".", "grouping": [3], "currency": ["", " kr."]},
        "time": {
            "dateTime": "%A den %d. %B %Y %X",
            "date": "%d-%m-%Y",
            "time": "%H:%M:%S",
            "periods": ["", ""],
            "days": ["søndag", "mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag"],
            "shortDays": ["søn", "man", "tir", "ons", "tor", "fre", "lør"],
            "months": [
                *("januar", "februar", "marts", "april", "maj", "juni"),
                *("juli", "august", "september", "oktober", "november", "december"),
            ],
            "shortMonths": [
                *("jan", "feb", "mar", "apr", "maj", "jun"),
                *("jul", "aug", "sep", "okt", "nov", "dec"),
            ],
        },
    },
}


# ---- data ---------------------------------------------------------------------------------
_NULLABLE = {"string", "str", "boolean", "Int8", "Int16", "Int32", "Int64", "UInt8", "UInt16"}
_NULLABLE |= {"UInt32", "UInt64", "Float32", "Float64"}


def _column_values(column: pd.Series) -> list:
    """A column's values as Altair's data transformer leaves them (tested against it)."""
    kind = str(column.dtype)
    missing = column.isna().to_numpy()
    if kind in _NULLABLE:
        return [None if gap else value for value, gap in zip(column.tolist(), missing, strict=True)]
    if kind.startswith(("datetime", "timestamp")):
        # Full ISO text with time (Javascript reads a bare date as UTC); NaT as "".
        return [
            "" if gap else value.isoformat() for value, gap in zip(column, missing, strict=True)
        ]
    if not isinstance(column.dtype, numpy.dtype):  # categories and other extension types
        column = column.astype(object)
    elif kind == "bool" or numpy.issubdtype(column.dtype, numpy.integer):
        return column.tolist()
    elif numpy.issubdtype(column.dtype, numpy.floating):
        bad = missing | numpy.isinf(column.to_numpy())
        return [None if gap else value for value, gap in zip(column.tolist(), bad, strict=True)]
    # Objects: arrays as lists, numpy scalars as Python's, gaps as None.
    return [
        None
        if gap
        else value.tolist()
        if isinstance(value, numpy.ndarray | numpy.generic)
        else value
        for value, gap in zip(column.tolist(), missing, strict=True)
    ]


def rows(frame: pd.DataFrame) -> list[dict]:
    """A frame's rows as JSON-ready dicts, column by column in plain Python."""
    names = [str(name) for name in frame.columns]
    lists = [_column_values(frame[name]) for name in frame.columns]
    return [dict(zip(names, row, strict=True)) for row in zip(*lists, strict=True)]


def inline(frame: pd.DataFrame | list[dict]) -> Spec:
    return {"values": rows(frame) if isinstance(frame, pd.DataFrame) else frame}


# ---- encodings ----------------------------------------------------------------------------
def channel(shorthand: str, **options: Any) -> Spec:
    """ "count:Q" -> {"field": "count", "type": "quantitative"} with `options` (None kept:
    `title=None` hides a title)."""
    field, _, kind = shorthand.rpartition(":")
    if not field or kind not in TYPES:
        field, kind = shorthand, ""
    encoding: Spec = {"field": field}
    if kind:
        encoding["type"] = TYPES[kind]
    encoding.update(options)
    return encoding


def tooltip(shorthand: str, title: str | None, **options: Any) -> Spec:
    return channel(shorthand, title=title, **options)


def legend(labels: Iterable[object], **options: object) -> Spec:
    """A legend above the chart that wraps to its card: as many columns as the card has room
    for at its longest label (one under the other on a phone), never a cut label. Without a
    container (the brief's PNGs) it keeps one row."""
    longest = max((len(str(label)) for label in labels), default=12)
    entry = round(longest * LEGEND_CHAR_PX) + LEGEND_SYMBOL_PX
    room = f"(containerSize()[0] - {LEGEND_INDENT_PX})"
    columns = {"expr": f"containerSize()[0] ? max(1, floor({room} / {entry})) : 0"}
    return {"orient": "top", "labelLimit": 0, "columns": columns, **options}


def colour_scale(pairs: Iterable[tuple[str, str]]) -> Spec:
    """(label, colour) pairs as a scale: every label in its own colour, in this order."""
    pairs = list(pairs)
    return {"domain": [label for label, _ in pairs], "range": [colour for _, colour in pairs]}


def date_x(field: str, grain: str, dates: pd.Series | None = None) -> Spec:
    """Dates along the bottom. For a few months or quarters the ticks are the dates
    themselves (Vega would otherwise label a quarter's three months "jan, jan, feb, feb")."""
    fmt = "%d %b" if grain == "week" else "%b %Y"
    if dates is not None and grain != "week" and 0 < dates.nunique() <= 12:
        values = sorted({pd.Timestamp(d).isoformat() for d in dates})
        axis = {"format": fmt, "labelAngle": 0, "values": values, "labelOverlap": True}
    else:
        axis = {"format": fmt, "labelAngle": 0, "tickCount": 8}
    return channel(f"{field}:T", title=None, axis=axis)


def count_range(
    values: pd.Series | None, protected: bool, top: float | None = None
) -> tuple[int, list[int] | None]:
    """(step, listed tick values or None). Vega's tickMinStep alone still draws 0,5 ticks on a
    small range (on 0-1 it asks d3 for two ticks, which gives 0, 0,5 and 1), so a small range
    gets its whole ticks listed: 0 to the top (`top`: the largest stacked total, if stacked).
    Rounded committee figures step by 5."""
    step = 5 if protected else 1
    if top is None:
        top = pd.to_numeric(values, errors="coerce").max() if values is not None else 0
    top = 0 if top is None or pd.isna(top) else float(top)
    if top > LISTED_TICK_STEPS * step:
        return step, None
    end = max(step, math.ceil(top / step) * step)
    return step, list(range(0, end + 1, step))


def count_y(
    field: str,
    title: str,
    values: pd.Series | None,
    protected: bool,
    top: float | None = None,
) -> Spec:
    """A count axis: whole ticks only, never 0,5, from 0 (to its last listed tick on a small
    range, so an all-zero series reads 0 and 1, never "0,000000"; else to the data's top)."""
    step, listed = count_range(values, protected, top)
    axis: Spec = {"title": title, "format": "d", "tickMinStep": step}
    if listed:
        axis["values"] = listed
        scale: Spec = {"domain": [0, listed[-1]], "nice": False}
    else:
        scale = {"domain": {"unionWith": [0, step]}}
    return channel(f"{field}:Q", axis=axis, scale=scale)


# ---- views and compositions ---------------------------------------------------------------
def view(
    data: pd.DataFrame | list[dict] | None,
    mark: str | Spec,
    encoding: Spec | None = None,
    **props: Any,
) -> Spec:
    """One mark over one table (None: the parent's data, as inside a facet row)."""
    spec: Spec = {} if data is None else {"data": inline(data)}
    spec["mark"] = {"type": mark} if isinstance(mark, str) else mark
    if encoding:
        spec["encoding"] = encoding
    spec.update(props)
    return spec


_LIFTED = ("height", "width")
_view_names = itertools.count(1)


def point_pick(name: str, fields: list[str]) -> Spec:
    """A selection parameter: a click picks the clicked mark's `fields`."""
    return {"name": name, "select": {"type": "point", "fields": fields, "on": "click"}}


def picked(condition_param: str, on: Any, off: Any) -> Spec:
    """An encoding value that depends on a pick (full for the picked marks, else `off`)."""
    return {"condition": {"param": condition_param, "value": on}, "value": off}


def with_pick(spec: Spec, param: Spec) -> Spec:
    """`spec` (one view) carrying the selection `param`: the view gets a name and the
    parameter names its views, so it can sit in a layer or a row of a concatenation (Vega-Lite
    wants a selection declared at the top; `layer` and `vconcat` lift it there)."""
    name = f"view_{next(_view_names)}"
    return {**spec, "name": name, "params": [{**param, "views": [name]}]}


def _merged_params(children: list[Spec]) -> list[Spec]:
    """The children's selection parameters, one per name (a pick repeated in every row of a
    concatenation is one pick for all of them)."""
    merged: dict[str, Spec] = {}
    for child in children:
        for param in child.get("params", []):
            if param["name"] in merged:
                views = merged[param["name"]].get("views", []) + param.get("views", [])
                merged[param["name"]] = {**merged[param["name"]], "views": views}
            else:
                merged[param["name"]] = dict(param)
    return list(merged.values())


def layer(*views: Spec | None, **props: Any) -> Spec:
    """Views drawn over each other, the first at the back (None: left out). A single view
    stays a view. A child's size and selections move up to the layer (Vega-Lite sizes a
    layer as a whole, and selections are declared at the top), and a table every child
    draws from is named once, on the layer."""
    present = [v for v in views if v is not None]
    if len(present) == 1:
        return {**present[0], **props}
    lifted: Spec = {}
    for child in present:
        lifted.update({k: child[k] for k in _LIFTED if k in child})
    params = _merged_params(present)
    children = [{k: v for k, v in c.items() if k not in (*_LIFTED, "params")} for c in present]
    out: Spec = {"layer": children}
    shared = len(children) > 1 and all("data" in c for c in children)
    if shared and all(c["data"] == children[0]["data"] for c in children[1:]):
        out["data"] = children[0]["data"]
        out["layer"] = [{k: v for k, v in c.items() if k != "data"} for c in children]
    out.update(lifted)
    out.update(props)
    if params:
        out["params"] = params
    return out


def vconcat(*rows: Spec, **props: Any) -> Spec:
    """Charts one under the other, each as wide as the card (a facet cannot stretch to its
    container); their selections lifted to the top."""
    params = _merged_params(list(rows))
    out: Spec = {"vconcat": [{k: v for k, v in r.items() if k != "params"} for r in rows]}
    if params:
        out["params"] = params
    out.update(props)
    return out


def row_title(text: str) -> Spec:
    """The title of a row in a concatenation (a department's name)."""
    return {"text": text, "anchor": "start", "fontSize": 12, "fontWeight": "bold"}


def band_height(categories: pd.Series, step: int) -> int:
    """A chart with one band per category as a fixed height: a Step height makes Vega drop
    the container's fit and warn in the console; the width still follows the card."""
    return max(1, categories.nunique()) * step


def finished(spec: Spec, lang: str) -> Spec:
    """The complete spec the browser gets (see the module's note)."""
    datasets: dict[str, list] = {}

    def lift(node: Any) -> Any:
        if isinstance(node, dict):
            data = node.get("data")
            if isinstance(data, dict) and "values" in data and isinstance(data["values"], list):
                text = json.dumps(data["values"], sort_keys=True, default=str)
                name = f"data-{hashlib.md5(text.encode(), usedforsecurity=False).hexdigest()}"
                datasets[name] = data["values"]
                node = {**node, "data": {"name": name}}
            return {key: lift(value) if key != "datasets" else value for key, value in node.items()}
        if isinstance(node, list):
            return [lift(item) for item in node]
        return node

    out = lift(spec)
    config: Spec = {
        "view": {"continuousWidth": 300, "continuousHeight": 300},
        "axis": {"labelLimit": 0},
        "legend": {"labelLimit": 0},
    }
    if lang in LOCALES:
        config["locale"] = LOCALES[lang]
    out = {"config": config, **out, "$schema": SCHEMA}
    out.setdefault("autosize", FIT_WIDTH)
    # SVG (Streamlit's choice for small charts anyway): text a screen reader and a test can read.
    out.setdefault("usermeta", {}).setdefault("embedOptions", {})["renderer"] = "svg"
    if datasets:
        out["datasets"] = datasets
    return out
