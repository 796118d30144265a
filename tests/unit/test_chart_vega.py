"""The chart builders' Vega-Lite vocabulary (ui/charts/vega.py), without Streamlit."""

from __future__ import annotations

import pandas as pd

from ui.charts import vega
from ui.charts.lines import time_series


def test_a_shorthand_names_field_and_type_and_keeps_a_hidden_title():
    assert vega.channel("count:Q", title=None) == {
        "field": "count",
        "type": "quantitative",
        "title": None,
    }
    assert vega.channel("band_end") == {"field": "band_end"}
    assert vega.channel("a:b:N") == {"field": "a:b", "type": "nominal"}


def test_rows_are_json_ready_as_altair_made_them():
    frame = pd.DataFrame(
        {
            "day": pd.to_datetime(["2025-01-01", None]),
            "n": pd.array([1, None], dtype="Int64"),
            "x": [1.5, float("inf")],
            "s": ["a", None],
        }
    )
    assert vega.rows(frame) == [
        {"day": "2025-01-01T00:00:00", "n": 1, "x": 1.5, "s": "a"},
        {"day": "", "n": None, "x": None, "s": None},
    ]


def test_a_finished_spec_names_each_table_once_by_its_content():
    frame = pd.DataFrame({"a": [1, 2]})
    spec = vega.finished(
        vega.layer(
            vega.view(frame, "bar", {"x": vega.channel("a:Q")}, height=90),
            vega.view(frame.copy(), "text", {"x": vega.channel("a:Q")}),
        ),
        "da",
    )
    assert len(spec["datasets"]) == 1
    (name,) = spec["datasets"]
    # One table for every child: named on the layer (as Altair did).
    assert spec["data"] == {"name": name} and all("data" not in v for v in spec["layer"])
    assert spec["height"] == 90 and all("height" not in v for v in spec["layer"])
    assert spec["config"]["locale"]["number"]["decimal"] == ","
    assert spec["autosize"] == vega.FIT_WIDTH
    assert "locale" not in vega.finished(vega.view(frame, "bar", {}), "en")["config"]


def test_a_small_count_range_lists_whole_ticks_and_protected_figures_step_by_five():
    small = vega.count_y("n", "Antal", pd.Series([0, 0]), protected=False)
    assert small["axis"]["values"] == [0, 1] and small["scale"]["domain"] == [0, 1]
    rounded = vega.count_y("n", "Antal", pd.Series([10, 15]), protected=True)
    assert rounded["axis"]["values"] == [0, 5, 10, 15] and rounded["axis"]["tickMinStep"] == 5
    large = vega.count_y("n", "Antal", pd.Series([0, 300]), protected=False)
    assert "values" not in large["axis"] and large["scale"] == {"domain": {"unionWith": [0, 1]}}


def test_a_time_series_marks_its_hidden_points_at_the_foot():
    frame = pd.DataFrame(
        {
            "day": pd.to_datetime(["2025-01-01", "2025-02-01"]),
            "n": [10, None],
            "n_shown": ["", "<5"],
        }
    )
    x = vega.date_x("day", "month", frame["day"])
    spec = time_series(
        frame,
        x=x,
        y=vega.count_y("n", "Antal", frame["n"], True),
        color={"value": "#000"},
        tooltip=[],
    )
    line, marks = spec["layer"]
    assert line["mark"] == {"type": "line", "point": True}
    assert marks["data"]["values"] == [{"day": "2025-02-01T00:00:00", "n": None, "n_shown": "<5"}]
    assert marks["encoding"]["text"] == {"field": "n_shown", "type": "nominal"}
    # Without protected figures: the line alone.
    plain = time_series(
        frame.drop(columns="n_shown"), x=x, y=vega.channel("n:Q"), color={}, tooltip=[]
    )
    assert plain["mark"]["type"] == "line" and plain["height"] == vega.CHART_HEIGHT


def test_a_pick_repeated_in_rows_is_one_selection_naming_every_row():
    pick = vega.point_pick("period_pick", ["period"])
    rows = [
        vega.layer(vega.with_pick(vega.view([{"period": p}], "bar", {}), pick), height=90)
        for p in ("a", "b")
    ]
    spec = vega.vconcat(*rows, spacing=12)
    (param,) = spec["params"]
    names = [row["name"] for row in spec["vconcat"]]
    assert param["views"] == names and len(set(names)) == 2
    assert all("params" not in row for row in spec["vconcat"])
