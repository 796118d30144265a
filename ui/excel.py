"""Excel files a Danish user can work with: typed cells from a typed frame, never text read
back.

Each column is written by its kind (ui/tables.py): numbers as numbers with a thousands format,
shares as numbers formatted `0 %` (the screen's "92 %" is 0.92), dates and times as dates, a
committee count as its number or, when it is not shown, its mark ("<5", "–") as text, and text
as text (a pseudonym or "1,235" typed by a person stays what it is, in any language). The
header row is bold, filtered and frozen; the sheet is named after what it holds, within
Excel's 31 characters. XlsxWriter writes the file row by row with little memory (a million
rows fit), several times faster than openpyxl.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Callable

import pandas as pd
import xlsxwriter

from data_access.publication.count import Count
from ui.tables import Declared, Kind, is_missing, kinds

DATE_FORMAT, DATETIME_FORMAT = "dd-mm-yyyy", "dd-mm-yyyy hh:mm"
# A long sheet reports its progress every this many rows.
PROGRESS_ROWS = 5000
MAX_WIDTH = 60


def sheet_title(name: str) -> str:
    """ "brobygger-steder-20240101-20251231" -> "steder": the subject, not the stamp."""
    words = [w for w in name.split("-") if w and not w.isdigit() and w != "brobygger"]
    title = " ".join(words) or "data"
    return re.sub(r"[\[\]:*?/\\]", " ", title)[:31]


def share_format(values: pd.Series) -> str:
    """Whole percentages as "0 %", finer shares with one decimal."""
    present = pd.to_numeric(values, errors="coerce").dropna() * 100
    return "0 %" if bool(((present - present.round()).abs() < 1e-9).all()) else "0.0 %"


def xlsx(
    frame: pd.DataFrame,
    name: str,
    declared: Declared | None = None,
    progress: Callable[[float], None] | None = None,
) -> bytes:
    """The frame as one typed sheet (texts already neutralised against formulas);
    `progress(share done)` is called along the way."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"constant_memory": True, "strings_to_numbers": False})
    sheet = book.add_worksheet(sheet_title(name))
    header = book.add_format({"bold": True})
    column_kinds = kinds(frame, declared)
    writers = [_column_writer(sheet, book, column_kinds[c], frame[c]) for c in frame.columns]
    widths = [len(str(c)) for c in frame.columns]
    for col, title in enumerate(frame.columns):
        sheet.write_string(0, col, str(title), header)
    columns = [frame[c].tolist() for c in frame.columns]
    for row in range(len(frame)):
        for col, write in enumerate(writers):
            widths[col] = max(widths[col], write(row + 1, col, columns[col][row]))
        if progress is not None and (row + 1) % PROGRESS_ROWS == 0:
            progress((row + 1) / (len(frame) + 1))
    for col, width in enumerate(widths):
        sheet.set_column(col, col, min(MAX_WIDTH, width + 2))
    sheet.freeze_panes(1, 0)
    if len(frame.columns):
        sheet.autofilter(0, 0, len(frame), len(frame.columns) - 1)
    book.close()
    return buffer.getvalue()


Writer = Callable[[int, int, object], int]  # (row, column, value) -> the width it takes


def _column_writer(sheet, book, kind: Kind, values: pd.Series) -> Writer:
    """How one column's cells are written: the value's type decides number, date or text, the
    column's kind its format, decided once."""
    whole, decimal = (
        book.add_format({"num_format": "#,##0"}),
        book.add_format({"num_format": "#,##0.0"}),
    )
    day, moment = (
        book.add_format({"num_format": DATE_FORMAT}),
        book.add_format({"num_format": DATETIME_FORMAT}),
    )
    share = book.add_format({"num_format": share_format(values)}) if kind == "share" else None

    def number_format(value: float):
        if share is not None:
            return share
        return decimal if kind == "decimal" or not float(value).is_integer() else whole

    def write(row: int, col: int, value: object) -> int:
        if is_missing(value):
            return 0
        if isinstance(value, Count):
            if not value.shown:
                sheet.write_string(row, col, value.mark)
                return len(value.mark)
            value = value.number
        if isinstance(value, bool):
            sheet.write_boolean(row, col, value)
            return 5
        if isinstance(value, int | float):
            sheet.write_number(row, col, float(value), number_format(value))
            return len(f"{value:,.1f}")
        if isinstance(value, dt.date):
            if isinstance(value, pd.Timestamp):
                value = value.to_pydatetime()
            if isinstance(value, dt.datetime):
                value = value.replace(tzinfo=None)
            timed = kind == "datetime" or (
                isinstance(value, dt.datetime) and (value.hour, value.minute) != (0, 0)
            )
            sheet.write_datetime(row, col, value, moment if timed else day)
            return len(DATETIME_FORMAT if timed else DATE_FORMAT)
        text = str(value)
        sheet.write_string(row, col, text)  # text, never a formula
        return len(text)

    return write
