"""Altair, made fast enough to rebuild a page's charts on every filter change.

Building and encoding the caseload page's eleven charts took about 340 ms of a filter change
(the benchmark machine, demo scale), more than its queries, and the filter-change budget is
400 ms. Almost all of it was Altair's own bookkeeping, not the charts:
- `alt.layer` and `alt.vconcat` deep-copy every subchart twice (to drop duplicate selection
  parameters and to lift them to the top), copies of copies when layers nest (the hidden-count
  marks and the project band each add a level): 58,000 objects copied for the flow chart;
- every schema object built was validated against the Vega-Lite JSON schema on creation
  ("debug mode", for nicer tracebacks while writing a chart);
- every `from_dict` (each shorthand encoding such as "count:Q") hashed the JSON of every one of
  Altair's ~1,000 schema classes again to find the class to build;
- naming a layer's view (for its selections) hashed the text of its whole DataFrame
  (`DataFrame.__repr__`);
- the default data transformer copied each frame and assigned its columns back one by one
  (pandas' slowest path for a small frame) before taking its rows.

`install()` changes how these are done, never what they give: composition makes shallow copies
(every change Altair makes to a subchart it composes is an assignment on its own copy), objects
are not validated on creation (the finished spec still is, under pytest: ui/charts.vega_spec),
the class table is built once, a DataFrame is named by a digest of its values, and a frame's
rows are taken column by column in plain Python (`frame_values`, which hands anything it does
not know back to Altair's own transformer). A test
builds every chart of every page with and without it and compares the specs
(tests/app/test_altair_speed_app.py), and Altair's version is pinned by uv.lock; a newer Altair
that renamed what this changes fails that test, not the app.
"""

from __future__ import annotations

import functools
import hashlib
import json
import threading
from collections.abc import Callable, Iterable
from typing import Any

import altair as alt
import altair.utils.data as altair_data
import altair.utils.schemapi as schemapi
import altair.vegalite.v6.api as api
import narwhals.stable.v1 as narwhals
import numpy
import pandas as pd

from ui.frame_digest import frame_digest

TRANSFORMER = "brobygger"
_COMPOSED = (api.LayerChart, api.VConcatChart, api.HConcatChart, api.ConcatChart)
_local = threading.local()
_DEFAULT = object()  # `copy()` called without `deep`: Altair's default, a deep copy

_original: dict[str, Any] = {}


def _copy(self: Any, deep: Any = _DEFAULT, ignore: list[str] | None = None) -> Any:
    """SchemaBase.copy: while a layer or concatenation is being composed, the copies Altair
    makes of the subcharts without saying how deep are shallow (it only assigns attributes of
    its copies: params, name, layer, data); an explicit `deep` is kept."""
    if deep is _DEFAULT:
        deep = not getattr(_local, "composing", 0)
    return _original["copy"](self, deep, ignore)


def _composing(init: Callable[..., None]) -> Callable[..., None]:
    @functools.wraps(init)
    def compose(self: Any, *args: Any, **kwargs: Any) -> None:
        _local.composing = getattr(_local, "composing", 0) + 1
        try:
            init(self, *args, **kwargs)
        finally:
            _local.composing -= 1

    return compose


_class_tables: dict[tuple, Any] = {}


def _from_dict_init(self: Any, wrapper_classes: Iterable[type], /) -> None:
    """_FromDict.__init__ with its class table (hash of each class's schema -> classes) built
    once per set of classes instead of on every call."""
    classes = tuple(wrapper_classes)
    table = _class_tables.get(classes)
    if table is None:
        _original["from_dict_init"](self, classes)
        _class_tables[classes] = self.class_dict
    else:
        self.class_dict = table


def _compute_hash(self: Any) -> str:
    """Chart._compute_hash (a view's name when it carries a selection) with a DataFrame's
    digest in place of its text: the same fields, the same deterministic kind of name."""
    data = getattr(self, "data", None)
    if self._kwds.get("_cached_hash", None) is not None or not isinstance(data, pd.DataFrame):
        return _original["compute_hash"](self)
    hash_data = {
        "class": self.__class__.__name__,
        "mark": getattr(self, "mark", None),
        "encoding": getattr(self, "encoding", None),
        "data": frame_digest(data),
        "transform": getattr(self, "transform", None),
    }
    hash_json = json.dumps(hash_data, sort_keys=True, default=str)
    return f"view_{hashlib.sha256(hash_json.encode()).hexdigest()[:16]}"


_NULLABLE = {"string", "str", "boolean", "Int8", "Int16", "Int32", "Int64", "UInt8", "UInt16"}
_NULLABLE |= {"UInt32", "UInt64", "Float32", "Float64"}


def _column_values(column: pd.Series) -> list | None:
    """A column as altair.utils.core.sanitize_pandas_dataframe leaves it, as a list (None for
    a kind of column it does not know: Altair's own way is taken then)."""
    kind = str(column.dtype)
    missing = column.isna().to_numpy()
    if kind in _NULLABLE:
        return [None if gap else value for value, gap in zip(column.tolist(), missing, strict=True)]
    if kind.startswith(("datetime", "timestamp")):
        # Full ISO text with time (Javascript reads a bare date as UTC); NaT as "".
        return [
            "" if gap else value.isoformat() for value, gap in zip(column, missing, strict=True)
        ]
    if not isinstance(column.dtype, numpy.dtype):  # another extension type: Altair's way
        return None
    if kind == "bool" or numpy.issubdtype(column.dtype, numpy.integer):
        return column.tolist()
    if numpy.issubdtype(column.dtype, numpy.floating):
        bad = missing | numpy.isinf(column.to_numpy())
        return [None if gap else value for value, gap in zip(column.tolist(), bad, strict=True)]
    if kind == "object":  # arrays as lists; numpy scalars as Python's (as to_dict boxes them)
        return [
            None
            if gap
            else value.tolist()
            if isinstance(value, numpy.ndarray | numpy.generic)
            else value
            for value, gap in zip(column.tolist(), missing, strict=True)
        ]
    return None


def frame_values(frame: pd.DataFrame) -> list[dict] | None:
    """The rows Altair's default data transformer makes of a frame (sanitize_pandas_dataframe,
    then to_dict(orient="records")), column by column in plain Python instead of a copied frame
    assigned to column by column; None where it would do something else (it then does it)."""
    columns = frame.columns
    if (
        isinstance(columns, pd.RangeIndex | pd.MultiIndex)
        or isinstance(frame.index, pd.MultiIndex)
        or not all(isinstance(name, str) for name in columns)
        or not columns.is_unique
    ):
        return None
    lists = []
    for name in columns:
        values = _column_values(frame[name])
        if values is None:
            return None
        lists.append(values)
    names = list(columns)
    return [dict(zip(names, row, strict=True)) for row in zip(*lists, strict=True)]


def _data_transformer(data: Any, max_rows: int = 5000) -> Any:
    """Altair's default data transformer (the same row limit, the same values), faster for the
    DataFrames the charts are drawn from."""
    data = altair_data.limit_rows(data, max_rows=max_rows)
    native = narwhals.to_native(data, pass_through=True)  # Altair hands it over wrapped
    if isinstance(native, pd.DataFrame):
        values = frame_values(native)
        if values is not None:
            return {"values": values}
    return altair_data.to_values(data)


def install() -> None:
    """Make Altair fast (idempotent)."""
    if _original:
        return
    alt.data_transformers.register(TRANSFORMER, _data_transformer)
    _original["data_transformer"] = alt.data_transformers.active
    alt.data_transformers.enable(TRANSFORMER)
    _original["copy"] = schemapi.SchemaBase.copy
    _original["from_dict_init"] = schemapi._FromDict.__init__
    _original["compute_hash"] = api.Chart._compute_hash
    _original["debug_mode"] = schemapi.DEBUG_MODE
    for cls in _COMPOSED:
        _original[f"init:{cls.__name__}"] = cls.__init__
        cls.__init__ = _composing(cls.__init__)
    schemapi.SchemaBase.copy = _copy
    schemapi._FromDict.__init__ = _from_dict_init
    api.Chart._compute_hash = _compute_hash
    schemapi.disable_debug_mode()


def uninstall() -> None:
    """Altair as it ships (the test compares the two)."""
    if not _original:
        return
    alt.data_transformers.enable(_original["data_transformer"])
    for cls in _COMPOSED:
        cls.__init__ = _original[f"init:{cls.__name__}"]
    schemapi.SchemaBase.copy = _original["copy"]
    schemapi._FromDict.__init__ = _original["from_dict_init"]
    api.Chart._compute_hash = _original["compute_hash"]
    schemapi.DEBUG_MODE = _original["debug_mode"]
    _original.clear()


def installed() -> bool:
    return bool(_original)
