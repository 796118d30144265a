"""The cached query wrappers' keys (data_access/cached.cache_key): one string per distinct
set of values, so a change in any filter field, the database or the data version is a new
entry and equal values share one."""

from __future__ import annotations

import dataclasses
import datetime as dt

from data_access.cached import cache_key
from data_access.filters import Filters

BASE = Filters(dt.date(2025, 1, 1), dt.date(2025, 3, 31), departments=("stof",))
URL = "sqlite:///a.db"


def test_equal_values_give_the_same_key():
    same = Filters(dt.date(2025, 1, 1), dt.date(2025, 3, 31), departments=("stof",))
    assert cache_key(URL, 3, BASE) == cache_key(URL, 3, same)


def test_every_filter_field_the_database_and_the_version_change_the_key():
    changed = {
        "start": dt.date(2025, 1, 2),
        "end": dt.date(2025, 3, 30),
        "departments": ("stof", "unge"),
        "sites": ("station",),
        "site_kinds": ("public",),
        "coarse": True,
        "committee": True,
        "previous_range": (dt.date(2024, 1, 1), dt.date(2024, 3, 31)),
    }
    assert set(changed) == {f.name for f in dataclasses.fields(Filters)}
    keys = {cache_key(URL, 3, BASE)}
    for name, value in changed.items():
        keys.add(cache_key(URL, 3, dataclasses.replace(BASE, **{name: value})))
    keys |= {cache_key("sqlite:///b.db", 3, BASE), cache_key(URL, 4, BASE)}
    assert len(keys) == len(changed) + 3


def test_a_long_value_is_kept_whole():
    many = tuple(f"site-{n}" for n in range(2000))
    other = (*many[:-1], "site-x")
    assert cache_key(dataclasses.replace(BASE, sites=many)) != cache_key(
        dataclasses.replace(BASE, sites=other)
    )


def test_a_chart_frame_key_follows_every_value_column_and_type():
    import pandas as pd

    from ui.charts.render import frame_key

    frame = pd.DataFrame({"bucket": ["2025-01", "2025-02"], "contacts": [3, 7]})
    assert frame_key(frame) == frame_key(frame.copy())
    changed = [
        frame.assign(contacts=[3, 8]),
        frame.assign(bucket=["2025-01", "2025-03"]),
        frame.rename(columns={"contacts": "persons"}),
        frame.astype({"contacts": "float64"}),
        frame.iloc[::-1],
    ]
    keys = {cache_key(frame_key(frame))} | {cache_key(frame_key(c)) for c in changed}
    assert len(keys) == len(changed) + 1
