"""Numbers and dates the way each language writes them (Danish: 2.935.000, 87,7 % and
1. jan. 2024), by Babel from the Unicode CLDR's data for "da" and "en"."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from babel.dates import format_date
from babel.numbers import format_decimal

from language import translate

# CLDR's patterns; the day's "d." is Danish usage (1. jan. 2024), not CLDR's medium date.
DATE_PATTERN = {"da": "d. MMM y", "en": "d MMM y"}
MONTH_PATTERN = {"da": "MMM y", "en": "MMM y"}
SHORT_MONTH_PATTERN = {"da": "MMM yy", "en": "MMM yy"}
# A day as tables, files and date pickers write it: 01-03-2025 in Danish, ISO in English.
DAY_FORMAT = {"da": "%d-%m-%Y", "en": "%Y-%m-%d"}
DATE_INPUT_FORMAT = {"da": "DD-MM-YYYY", "en": "YYYY-MM-DD"}  # st.date_input's `format`
# CSV as each language's Excel opens it: Danish Excel expects ";" and decimal commas.
CSV_DIALECT = {"da": {"sep": ";", "decimal": ","}, "en": {"sep": ",", "decimal": "."}}


@lru_cache(maxsize=65536)  # a table writes the same numbers over and over; Babel is slower
def number(value: float, lang: str, decimals: int = 0) -> str:
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(value, format=pattern, locale=lang)


def percent(share: float, lang: str, decimals: int = 0) -> str:
    # Danish writes a space before the sign (87,7 %), English none (87.7%).
    return translate("format.percent", lang, value=number(share * 100, lang, decimals))


def signed(value: float, lang: str, decimals: int = 0, unit: str = "") -> str:
    # ASCII minus: st.metric reads a leading "-" to choose the arrow and colour.
    sign = "+" if value > 0 else ("-" if value < 0 else "")
    return f"{sign}{number(abs(value), lang, decimals)}{unit}"


def date(day: dt.date, lang: str) -> str:
    return format_date(day, DATE_PATTERN[lang], locale=lang)


def month_label(day: dt.date, lang: str) -> str:
    return format_date(day, MONTH_PATTERN[lang], locale=lang)


def quarter_label(day: dt.date, lang: str, short: bool = False) -> str:
    """The quarter `day` lies in: "K2 2025" in Danish, "Q2 2025" in English ("K2 25" short)."""
    year = f"{day:%y}" if short else str(day.year)
    return translate("format.quarter", lang, quarter=(day.month - 1) // 3 + 1, year=year)


def time_of_day(hours: int, minutes: int, lang: str) -> str:
    """9.30 in Danish, 09:30 in English."""
    return translate("format.time", lang, hours=hours, minutes=minutes)


def day_stamp(moment: dt.date | dt.datetime, lang: str, with_time: bool = False) -> str:
    """A day (and time) as tables and files write it: 01-03-2025 14:30 in Danish."""
    return moment.strftime(DAY_FORMAT[lang] + (" %H:%M" if with_time else ""))


def by_language(lang: str, da: str, en: str) -> str:
    """A value given in both languages (a name in the organisation file, a column's label)."""
    return en if lang == "en" and en else da


def markdown_text(text: str) -> str:
    """Text for st.caption/st.markdown: "1. jan. 2024 ..." must not become a numbered list."""
    return re.sub(r"^(\d+)\.", r"\1\\.", text)


def period(start: dt.date, end: dt.date, lang: str) -> str:
    return f"{date(start, lang)} – {date(end, lang)}"


def bucket_label(bucket: dt.date, grain: str, lang: str) -> str:
    """A short axis label for a week or month bucket: "jan. 25" or "uge 12" / "wk 12"."""
    if grain == "week":
        week = bucket.isocalendar().week
        return translate("format.week", lang, week=week)
    if grain == "quarter":
        return quarter_label(bucket, lang, short=True)
    return format_date(bucket, SHORT_MONTH_PATTERN[lang], locale=lang)
