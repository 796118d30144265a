"""A chart's rows (ui/charts/vega.rows) are exactly those Altair's default data transformer
gives (altair.utils.data.to_values, the reference: the charts were built with Altair before),
for every kind of column, with gaps of every kind."""

from __future__ import annotations

import datetime as dt

import altair.utils.data as altair_data
import numpy as np
import pandas as pd
import pytest

from ui.charts.vega import rows

NA = [None, np.nan, pd.NA, pd.NaT]


def _frames():
    yield pd.DataFrame({"n": [1, 2, 3], "x": [0.5, np.nan, np.inf], "b": [True, False, True]})
    yield pd.DataFrame(
        {
            "s": pd.array(["a", None, "c"], dtype="string"),
            "sa": pd.array(["æ", "ø", None], dtype="string[pyarrow]"),
            "i": pd.array([1, None, 3], dtype="Int64"),
            "f": pd.array([0.1, None, 2.0], dtype="Float64"),
            "nb": pd.array([True, None, False], dtype="boolean"),
        }
    )
    yield pd.DataFrame(
        {
            "day": pd.to_datetime(["2024-01-01 00:00", None, "2025-06-30 14:30"]),
            "utc": pd.to_datetime(["2024-01-01T10:00:00Z", "2024-07-01T12:00:00Z", None]),
            "local": pd.to_datetime(
                ["2024-03-31 01:59", "2024-03-31 03:00", "2024-10-27 02:30"]
            ).tz_localize("Europe/Copenhagen", ambiguous=True),
        }
    )
    yield pd.DataFrame(
        {
            "o": ["tekst", None, np.nan],
            "mixed": [1, "to", np.int64(3)],
            "arrays": [np.array([1, 2]), np.array([]), None],
            "dates": [dt.date(2024, 1, 1), None, dt.date(2025, 12, 31)],
            "na": [pd.NA, pd.NaT, 1.5],
        },
        index=[7, 3, 9],
    )
    yield pd.DataFrame(
        {"empty": pd.Series([], dtype="float64"), "t": pd.Series([], dtype="object")}
    )
    yield pd.DataFrame(
        {"u8": np.array([1, 2], dtype="uint8"), "f32": np.array([1.5, np.nan], "f4")}
    )


@pytest.mark.parametrize("frame", list(_frames()))
def test_the_same_rows_as_altair(frame):
    assert rows(frame) == altair_data.to_values(frame)["values"]


def test_categories_are_taken_as_their_values():
    frame = pd.DataFrame({"c": pd.Categorical(["a", None])})
    assert rows(frame) == altair_data.to_values(frame)["values"] == [{"c": "a"}, {"c": None}]
