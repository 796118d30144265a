"""Count axes drawn for real (Vega via vl-convert, the engine the meeting brief uses): whole
ticks only, and an all-zero series reads 0 and 1, never "0,5" or "0,000000" (issue 16, item 13).
"""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest
import vl_convert

from ui.charts import vega


def _tick_labels(chart: vega.Spec) -> list[str]:
    spec = vega.finished(chart, "da")
    spec.update(width=300, height=200)
    svg = vl_convert.vegalite_to_svg(json.dumps(spec))
    axis = re.search(r'<g class="mark-text role-axis-label"[^>]*>(.*?)</g>', svg, re.S)
    assert axis, "no axis labels drawn"
    return re.findall(r">([^<>]+)</text>", axis.group(1))


def _count_chart(values: list[int], protected: bool = False) -> vega.Spec:
    frame = pd.DataFrame({"day": range(len(values)), "count": values})
    return vega.view(
        frame,
        "line",
        {
            "x": vega.channel("day:O", axis=None),
            "y": vega.count_y("count", "Antal", frame["count"], protected),
        },
    )


@pytest.mark.parametrize(
    "values", [[0, 0, 0], [0, 1, 0], [1, 2, 1], [0, 3, 2, 1], [7, 12, 30]], ids=str
)
def test_a_count_axis_has_whole_ticks_only(values):
    labels = _tick_labels(_count_chart(values))
    assert labels
    assert len(labels) == len(set(labels)), labels  # a repeat is a 0,5 tick printed whole
    for label in labels:
        assert re.fullmatch(r"\d{1,3}(\.\d{3})*", label), labels  # "1.234", never "0,5"


def test_an_all_zero_series_reads_zero_and_one():
    assert _tick_labels(_count_chart([0, 0, 0])) == ["0", "1"]


def test_rounded_committee_figures_step_by_five():
    labels = _tick_labels(_count_chart([0, 0, 0], protected=True))
    assert labels[0] == "0" and labels[-1] == "5"
    assert all(int(label) % 5 == 0 for label in labels), labels
