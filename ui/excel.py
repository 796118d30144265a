"""Excel files a Danish user can work with: typed cells, not text.

Numbers, shares and dates are written as numbers and dates with Danish number formats ("92 %"
on screen is the number 0.92 formatted `0 %`); the header row is bold, filtered and frozen;
the sheet is named after what it holds, within Excel's 31 characters. Text that only looks
like a number to a person ("<5", a pseudonym) stays text.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Callable

import pandas as pd
from babel.numbers import NumberFormatError, get_decimal_symbol, parse_decimal
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

NUMBER_TEXT = re.compile(r"^-?\d[\d.,\u00a0]*$")
PERCENT_TEXT = re.compile(r"^(-?\d[\d.,\u00a0]*) ?%$")
DATE_FORMAT, DATETIME_FORMAT = "dd-mm-yyyy", "dd-mm-yyyy hh:mm"


def sheet_title(name: str) -> str:
    """ "brobygger-steder-20240101-20251231" -> "steder": the subject, not the stamp."""
    words = [w for w in name.split("-") if w and not w.isdigit() and w != "brobygger"]
    title = " ".join(words) or "data"
    return re.sub(r"[\[\]:*?/\\]", " ", title)[:31]


def _number(text: str, lang: str) -> float | None:
    """A number as `lang` writes it (Danish 1.235,5, English 1,235.5), by Babel's parser: in
    English "1,235" is 1235, in Danish 1.235. Anything else (a pseudonym, "<5") is None."""
    if not NUMBER_TEXT.match(text):
        return None
    try:
        return float(parse_decimal(text.replace("\u00a0", ""), locale=lang, strict=True))
    except NumberFormatError:
        return None


def _has_decimals(text: str, lang: str) -> bool:
    """Whether the page wrote the number with decimals (Danish "87,7", English "87.7")."""
    return get_decimal_symbol(lang) in text


def typed_cell(value: object, lang: str = "da") -> tuple[object, str | None]:
    """(the value Excel stores, its number format or None). Numbers, dates and booleans are
    stored as they are; a text the page wrote as a number or a share ("87,7 %") is read back
    in the page's language."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None, None
    if isinstance(value, pd.Timestamp):
        value = value.to_pydatetime()
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None), DATETIME_FORMAT
    if isinstance(value, dt.date):
        return value, DATE_FORMAT
    if isinstance(value, bool):
        return value, None
    if isinstance(value, int | float):
        return value, "#,##0" if float(value).is_integer() else "#,##0.0"
    text = str(value).strip()
    if (match := PERCENT_TEXT.match(text)) and (share := _number(match.group(1), lang)) is not None:
        return share / 100, "0.0 %" if _has_decimals(match.group(1), lang) else "0 %"
    if re.match(r"^\d{4}-\d{2}-\d{2}$", text):
        return dt.date.fromisoformat(text), DATE_FORMAT
    if re.match(r"^\d{2}-\d{2}-\d{4}$", text):
        return dt.datetime.strptime(text, "%d-%m-%Y").date(), DATE_FORMAT
    if (number := _number(text, lang)) is not None:
        return number, "#,##0.0" if _has_decimals(text, lang) else "#,##0"
    return value, None


# A long sheet reports its progress every this many rows.
PROGRESS_ROWS = 5000


def xlsx(
    frame: pd.DataFrame,
    name: str,
    lang: str = "da",
    progress: Callable[[float], None] | None = None,
) -> bytes:
    """The frame as one typed sheet (cells already neutralised against formulas), its texts
    read in `lang`; `progress(share done)` is called along the way."""
    book = Workbook()
    sheet = book.active
    sheet.title = sheet_title(name)
    sheet.append([str(c) for c in frame.columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    widths = [len(str(c)) for c in frame.columns]
    for row_index, row in enumerate(frame.itertuples(index=False), start=2):
        for col_index, value in enumerate(row, start=1):
            stored, number_format = typed_cell(value, lang)
            cell = sheet.cell(row=row_index, column=col_index, value=stored)
            if isinstance(stored, str):
                cell.data_type = "s"  # never a formula
            if number_format:
                cell.number_format = number_format
            widths[col_index - 1] = max(widths[col_index - 1], len(str(value)))
        if progress is not None and row_index % PROGRESS_ROWS == 0:
            progress(row_index / (len(frame) + 1))
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = min(60, width + 2)
    sheet.freeze_panes = "A2"
    if len(frame.columns):
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(frame.columns))}{len(frame) + 1}"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
