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
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

PERCENT = re.compile(r"^(-?\d{1,3}(?:[.\u00a0]\d{3})*(?:,\d+)?|-?\d+(?:\.\d+)?) ?%$")
DANISH_NUMBER = re.compile(r"^-?\d{1,3}(?:\.\d{3})+(?:,\d+)?$|^-?\d+,\d+$")
PLAIN_NUMBER = re.compile(r"^-?\d+$")
DATE_FORMAT, DATETIME_FORMAT = "dd-mm-yyyy", "dd-mm-yyyy hh:mm"


def sheet_title(name: str) -> str:
    """ "brobygger-steder-20240101-20251231" -> "steder": the subject, not the stamp."""
    words = [w for w in name.split("-") if w and not w.isdigit() and w != "brobygger"]
    title = " ".join(words) or "data"
    return re.sub(r"[\[\]:*?/\\]", " ", title)[:31]


def _number(text: str) -> float | None:
    if PLAIN_NUMBER.match(text):
        return float(text)
    if DANISH_NUMBER.match(text):
        return float(text.replace(".", "").replace(",", "."))
    return None


def typed_cell(value: object) -> tuple[object, str | None]:
    """(the value Excel stores, its number format or None)."""
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
    if match := PERCENT.match(text):
        digits = match.group(1).replace("\u00a0", "")
        # Danish "87,7 %" (comma decimals, dot thousands) or English "87.7%".
        number = digits.replace(".", "").replace(",", ".") if "," in digits else digits
        decimal = "," in digits or "." in digits
        return float(number) / 100, "0.0 %" if decimal else "0 %"
    if re.match(r"^\d{4}-\d{2}-\d{2}$", text):
        return dt.date.fromisoformat(text), DATE_FORMAT
    if re.match(r"^\d{2}-\d{2}-\d{4}$", text):
        return dt.datetime.strptime(text, "%d-%m-%Y").date(), DATE_FORMAT
    if (number := _number(text)) is not None:
        return number, "#,##0" if number.is_integer() else "#,##0.0"
    return value, None


# A long sheet reports its progress every this many rows.
PROGRESS_ROWS = 5000


def xlsx(frame: pd.DataFrame, name: str, progress: Callable[[float], None] | None = None) -> bytes:
    """The frame as one typed sheet (cells already neutralised against formulas);
    `progress(share done)` is called along the way."""
    book = Workbook()
    sheet = book.active
    sheet.title = sheet_title(name)
    sheet.append([str(c) for c in frame.columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    widths = [len(str(c)) for c in frame.columns]
    for row_index, row in enumerate(frame.itertuples(index=False), start=2):
        for col_index, value in enumerate(row, start=1):
            stored, number_format = typed_cell(value)
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
