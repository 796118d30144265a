"""ui/altair_speed.frame_values gives exactly the rows Altair's default data transformer gives
(altair.utils.data.to_values), for every kind of column, with gaps of every kind, and hands
back what it does not know."""

from __future__ import annotations

import datetime as dt

import altair.utils.data as altair_data
import numpy as np
import pandas as pd
import pytest

from ui.altair_speed import frame_values

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
    assert frame_values(frame) == altair_data.to_values(frame)["values"]


@pytest.mark.parametrize(
    "frame",
    [
        pd.DataFrame({"c": pd.Categorical(["a", None])}),  # Altair's own handling
        pd.DataFrame([[1, 2]]),  # RangeIndex columns
        pd.DataFrame({"a": [1]}).set_index([pd.Index([1]), pd.Index([2])]),  # MultiIndex
    ],
)
def test_what_it_does_not_know_is_left_to_altair(frame):
    assert frame_values(frame) is None


def test_the_transformer_takes_the_fast_way_for_a_frame_as_altair_hands_it_over(monkeypatch):
    """Altair passes the frame wrapped by narwhals; the fast way must see through that."""
    import narwhals.stable.v1 as narwhals

    from ui import altair_speed

    def altairs_own(data):
        raise AssertionError("fell back to Altair's transformer")

    monkeypatch.setattr(altair_speed.altair_data, "to_values", altairs_own)
    frame = next(_frames())
    wrapped = narwhals.from_native(frame, eager_or_interchange_only=True)
    assert altair_speed._data_transformer(wrapped) == {"values": frame_values(frame)}


def test_the_row_limit_is_altairs():
    from altair import MaxRowsError

    from ui import altair_speed

    with pytest.raises(MaxRowsError):
        altair_speed._data_transformer(pd.DataFrame({"n": range(5001)}))
