"""Tables as a reader sees them: no "None", "nan" or "NaT" where a value is missing.

Streamlit's grid prints a missing value as "None" (in English, on a Danish page too). Every
table on a page goes through `show`, which writes "–" instead: a column with gaps becomes
text in the page's language (numbers with its separators, times as dd-mm-yyyy hh:mm).
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from language import format as fmt

MISSING = "–"


def readable(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """A copy where every missing cell reads "–"; columns without gaps are left as they are
    (numbers stay numbers, so they sort as numbers)."""
    out = frame.copy()
    for column in out.columns:
        values = out[column]
        if not values.isna().any() and not (values.astype(object) == "None").any():
            continue
        out[column] = [_cell(v, lang) for v in values.astype(object)]
    return out


def _cell(value: object, lang: str) -> str:
    if value is None or value == "None" or (not isinstance(value, str) and pd.isna(value)):
        return MISSING
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float):
        decimals = 0 if float(value).is_integer() else 1
        return fmt.number(float(value), lang, decimals)
    day = fmt.DAY_FORMAT[lang]
    if isinstance(value, pd.Timestamp | dt.datetime):
        with_time = (value.hour, value.minute) != (0, 0)
        return value.strftime(f"{day} %H:%M" if with_time else day)
    if isinstance(value, dt.date):
        return value.strftime(day)
    return str(value)
    if isinstance(value, int | float):
        decimals = 0 if float(value).is_integer() else 1
        return fmt.number(float(value), lang, decimals)
    if isinstance(value, pd.Timestamp | dt.datetime):
        return (
            f"{value:%d-%m-%Y %H:%M}"
            if (value.hour, value.minute) != (0, 0)
            else (f"{value:%d-%m-%Y}")
        )
    if isinstance(value, dt.date):
        return f"{value:%d-%m-%Y}"
    return str(value)


def show(frame: pd.DataFrame, lang: str, **options: object) -> None:
    """st.dataframe of `frame` without "None"; full width, no index unless asked."""
    options = {"hide_index": True, "width": "stretch", **options}
    st.dataframe(readable(frame, lang), **options)
