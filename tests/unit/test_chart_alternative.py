"""A chart's table is read from its finished spec: the drawn marks' tooltip fields under
their titles, in the page's language; annotations (the project band, "<5" marks, rules) are
not figures (ui/charts/alternative.py)."""

from __future__ import annotations

from ui.charts import vega
from ui.charts.alternative import chart_table, mark_count

BAND = {
    "mark": "rect",
    "encoding": {"x": {"field": "band_start"}, "tooltip": [{"field": "label", "title": None}]},
}
BARS = {
    "mark": {"type": "bar"},
    "encoding": {
        "x": {"field": "month", "type": "temporal"},
        "y": {"field": "count", "type": "quantitative"},
        "tooltip": [
            {"field": "month", "type": "temporal", "format": "%m-%Y", "title": "Periode"},
            {"field": "share", "type": "quantitative", "format": ".0%", "title": "Andel"},
            {"field": "fte", "type": "quantitative", "format": ".1f", "title": "FTE"},
            {"field": "label", "type": "nominal", "title": "Antal"},
        ],
    },
}
MARKS = {
    "mark": "text",
    "transform": [{"filter": "datum.count_shown != ''"}],
    "encoding": {"text": {"field": "count_shown"}},
}
ROWS = [
    {"month": "2025-01-01T00:00:00", "share": 0.874, "fte": 2.5, "label": "1.235", "count": 1235},
    {"month": "2025-02-01T00:00:00", "share": None, "fte": 3.0, "label": "<5", "count": None},
]


def _finished(spec, lang="da"):
    return vega.finished(spec, lang)


def test_the_drawn_marks_tooltips_make_the_table():
    spec = _finished({"data": {"values": ROWS}, "layer": [BAND, BARS, MARKS]})
    table = chart_table(spec, "da")
    assert mark_count(spec) == len(table) == 2  # the description's count, without the table
    assert list(table.columns) == ["Periode", "Andel", "FTE", "Antal"]
    assert table.to_dict("list") == {
        "Periode": ["01-2025", "02-2025"],
        "Andel": ["87 %", "–"],
        "FTE": ["2,5", "3,0"],
        "Antal": ["1.235", "<5"],  # committee marks as the chart writes them
    }
    english = chart_table(_finished({"data": {"values": ROWS}, "layer": [BARS]}, "en"), "en")
    assert english["Andel"].tolist() == ["87%", "–"] and english["FTE"].tolist()[0] == "2.5"


def test_each_concatenated_view_adds_its_own_rows_once():
    def part(rows):
        return {"data": {"values": rows}, "layer": [BARS, {**BARS, "mark": "point"}]}

    spec = _finished({"vconcat": [part(ROWS[:1]), part(ROWS[1:])]})
    assert chart_table(spec, "da")["Antal"].tolist() == ["1.235", "<5"]


def test_a_tooltip_sum_is_summed_as_vega_would():
    bars = {
        "mark": "bar",
        "encoding": {
            "tooltip": [
                {"field": "days", "type": "quantitative", "title": "Ventedage"},
                {"field": "starts", "aggregate": "sum", "type": "quantitative", "title": "Starter"},
            ]
        },
    }
    rows = [{"days": 3, "starts": 2}, {"days": 3, "starts": 5}, {"days": 9, "starts": 1}]
    spec = _finished({"data": {"values": rows}, **bars})
    table = chart_table(spec, "da")
    assert mark_count(spec) == 2
    assert table.to_dict("list") == {"Ventedage": ["3", "9"], "Starter": ["7", "1"]}


def test_a_chart_without_titled_tooltips_has_no_table():
    assert chart_table(_finished({"data": {"values": ROWS}, "layer": [BAND, MARKS]}), "da").empty
