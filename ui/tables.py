"""Tables as a reader sees them, and what each column holds.

A table on a page and the files made from it (ui/downloads.py) come from one typed frame:
numbers are numbers, a committee figure is a `Count` (a number, "<5" or "–"), a share is a
float between 0 and 1, a date is a date. Each column has a kind (`kinds`): declared by the
caller where the type alone does not tell (a share), otherwise read from the column's type and
values, never from how its text looks. The screen shows the kind in the page's language
(`readable`); the Excel file stores it as a number or date with a format per column
(ui/excel.py); a text is text everywhere.

Streamlit's grid prints a missing value as "None" (in English, on a Danish page too): every
table on a page goes through `show`, which writes "–" instead.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Literal

import pandas as pd
import streamlit as st

from data_access.publication.count import Count
from language import format as fmt
from ui.plain import plain

MISSING = "–"

Kind = Literal["text", "integer", "decimal", "share", "count", "date", "datetime", "boolean"]
# What a caller may declare; the rest is read from the column.
Declared = Mapping[str, Kind]


def is_missing(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, str | Count):
        return False
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def kinds(frame: pd.DataFrame, declared: Declared | None = None) -> dict[str, Kind]:
    """Each column's kind: as declared, else read from its type and values."""
    declared = declared or {}
    return {c: declared.get(c) or _inferred(frame[c]) for c in frame.columns}


def _inferred(values: pd.Series) -> Kind:
    dtype = values.dtype
    if pd.api.types.is_bool_dtype(dtype):
        return "boolean"
    if pd.api.types.is_integer_dtype(dtype):
        return "integer"
    if pd.api.types.is_float_dtype(dtype):
        present = values.dropna()
        return "integer" if bool((present % 1 == 0).all()) else "decimal"
    if pd.api.types.is_datetime64_any_dtype(dtype):
        return _day_or_moment(values.dropna())
    present = [v for v in values.tolist() if not is_missing(v)]
    if not present:
        return "text"
    numbers = [v for v in present if isinstance(v, int | float) and not isinstance(v, bool)]
    counts = [v for v in present if isinstance(v, Count)]
    if counts and len(counts) + len(numbers) == len(present):
        return "count"  # a committee column: counts, with plain zeros where nothing was
    if len(numbers) == len(present):
        return "integer" if all(float(v).is_integer() for v in present) else "decimal"
    if all(isinstance(v, dt.datetime | pd.Timestamp) for v in present):
        return _day_or_moment(pd.Series(pd.to_datetime(present)))
    if all(isinstance(v, dt.date) for v in present):
        return "date"
    return "text"


def _day_or_moment(values: pd.Series) -> Kind:
    """A column of midnights is a column of days."""
    if values.empty:
        return "date"
    return "datetime" if bool((values.dt.strftime("%H:%M") != "00:00").any()) else "date"


def shown_text(value: object, kind: Kind, lang: str) -> str:
    """One cell as the screen and the CSV file write it."""
    if is_missing(value):
        return MISSING
    if isinstance(value, Count):
        return value.text(lang)
    if kind == "share":
        return fmt.percent(float(value), lang)  # type: ignore[arg-type]
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float):
        decimals = 0 if float(value).is_integer() else 1
        return fmt.number(float(value), lang, decimals)
    day = fmt.DAY_FORMAT[lang]
    if isinstance(value, pd.Timestamp | dt.datetime):
        return value.strftime(f"{day} %H:%M" if kind == "datetime" else day)
    if isinstance(value, dt.date):
        return value.strftime(day)
    return str(value)


def readable(frame: pd.DataFrame, lang: str, declared: Declared | None = None) -> pd.DataFrame:
    """A copy for the screen: every missing cell reads "–", counts and shares read as the
    page writes them; other columns without gaps are left as they are (numbers stay numbers,
    so they sort as numbers)."""
    out = frame.copy()
    for column, kind in kinds(frame, declared).items():
        values = out[column]
        as_text = kind in ("count", "share") or values.isna().any()
        if not as_text and not (values.astype(object) == "None").any():
            continue
        out[column] = [
            MISSING if isinstance(v, str) and v == "None" else shown_text(v, kind, lang)
            for v in values.astype(object)
        ]
    return out


# Up to this many rows a table is an HTML table: a screen reader walks it cell by cell, a long
# sentence wraps, and it costs the browser next to nothing to draw. Streamlit's grid (a canvas
# with a hidden copy of every cell for screen readers, updated a moment after each draw) took
# 150-200 ms of every filter change on the pages that show one; it stays for longer tables,
# which it scrolls and sorts.
HTML_TABLE_ROWS = 30


def show(frame: pd.DataFrame, lang: str, declared: Declared | None = None, **options) -> None:
    """`frame` as a reader sees it, full width, no index unless asked: an HTML table of the
    page's writing up to HTML_TABLE_ROWS rows, st.dataframe beyond (with `options`)."""
    options = {"hide_index": True, "width": "stretch", **options}
    if len(frame) <= HTML_TABLE_ROWS:
        html_table(frame, lang, declared, hide_index=options["hide_index"])
        return
    st.dataframe(readable(frame, lang, declared), **options)


def html_table(
    frame: pd.DataFrame,
    lang: str,
    declared: Declared | None = None,
    *,
    alt: str | None = None,
    height: int | Literal["content"] = "content",
    hide_index: bool = True,
) -> None:
    """st.table of `frame` as the page writes it. The only way to an HTML table: st.table
    reads every header and cell as Markdown, so each passes through `plain` (a "#" header
    would be an empty heading, a site called "[x](http://...)" a link)."""
    st.table(as_text(frame, lang, declared), hide_index=hide_index, alt=alt, height=height)


def as_text(frame: pd.DataFrame, lang: str, declared: Declared | None = None) -> pd.DataFrame:
    """Every header and cell as the page writes it (numbers, shares, dates and "–" in the
    page's language), escaped for Markdown."""
    columns = kinds(frame, declared)
    return pd.DataFrame(
        {
            plain(c): [plain(shown_text(v, columns[c], lang)) for v in frame[c].astype(object)]
            for c in frame
        },
        index=frame.index,
    )
