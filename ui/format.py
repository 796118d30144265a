"""Numbers and dates the way each language writes them (Danish: 2.935.000 and 87,7 %)."""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd

MONTHS = {
    "da": [
        "jan.",
        "feb.",
        "mar.",
        "apr.",
        "maj",
        "jun.",
        "jul.",
        "aug.",
        "sep.",
        "okt.",
        "nov.",
        "dec.",
    ],
    "en": ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
}


def number(value: float, lang: str, decimals: int = 0) -> str:
    text = f"{value:,.{decimals}f}"
    if lang == "da":
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return text


def percent(share: float, lang: str, decimals: int = 0) -> str:
    return (
        f"{number(share * 100, lang, decimals)} %"
        if lang == "da"
        else (f"{number(share * 100, lang, decimals)}%")
    )


def signed(value: float, lang: str, decimals: int = 0, unit: str = "") -> str:
    # ASCII minus: st.metric reads a leading "-" to choose the arrow and colour.
    sign = "+" if value > 0 else ("-" if value < 0 else "")
    return f"{sign}{number(abs(value), lang, decimals)}{unit}"


def date(day: dt.date, lang: str) -> str:
    month = MONTHS[lang][day.month - 1]
    if lang == "da":
        return f"{day.day}. {month} {day.year}"
    return f"{day.day} {month} {day.year}"


def month_label(day: dt.date, lang: str) -> str:
    return f"{MONTHS[lang][day.month - 1]} {day.year}"


def markdown_text(text: str) -> str:
    """Text for st.caption/st.markdown: "1. jan. 2024 ..." must not become a numbered list."""
    return re.sub(r"^(\d+)\.", r"\1\\.", text)


def period(start: dt.date, end: dt.date, lang: str) -> str:
    return f"{date(start, lang)} – {date(end, lang)}"


def bucket_label(bucket: dt.date, grain: str, lang: str) -> str:
    """A short axis label for a week or month bucket: "jan. 25" or "uge 12" / "wk 12"."""
    if grain == "week":
        week = bucket.isocalendar().week
        return f"uge {week}" if lang == "da" else f"wk {week}"
    if grain == "quarter":
        quarter = (bucket.month - 1) // 3 + 1
        return f"K{quarter} {bucket:%y}" if lang == "da" else f"Q{quarter} {bucket:%y}"
    return f"{MONTHS[lang][bucket.month - 1]} {bucket:%y}"


HIDDEN_TEXT, WITHHELD_TEXT = "<5", "–"


def count(value: int | None, lang: str) -> str:
    """A count as shown: committee figures may be None ("<5") or withheld ("–", -1)."""
    if value is None or pd.isna(value):  # None, or NA in a protected column
        return HIDDEN_TEXT
    if value < 0:
        return WITHHELD_TEXT
    return number(value, lang)
