"""Reading a CSV file as Danish offices save them: `;` or `,` or tabs, UTF-8 with or without
BOM, Windows-1252 (Danish Excel's "CSV"), or UTF-16 (Excel's "Unicode text").

The separator is the one under which the header row has the most known column names, read
with quotes respected: a quoted first cell full of commas does not make the file
comma-separated. Rows stream through the csv module and are counted as they come.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable

from data_access.imports.limits import Deadline, Limits
from data_access.imports.report import Problem, Refused
from data_access.imports.table import RowCollector, Sheet, clean, letter

SEPARATORS = (";", ",", "\t")


def decode(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise Refused(Problem("bad_encoding")) from None
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="replace")
    if "\x00" in text:
        raise Refused(Problem("bad_encoding"))
    return text


def _first_record(text: str, separator: str) -> list[str]:
    try:
        for record in csv.reader(io.StringIO(text[:65536]), delimiter=separator):
            if any(cell.strip() for cell in record):
                return [clean(cell) for cell in record]
    except csv.Error:
        pass
    return []


def guess_separator(text: str, known: Callable[[list[str]], int]) -> str:
    """The separator under which the header has the most known names, then the most cells."""
    scored = []
    for separator in SEPARATORS:
        header = _first_record(text, separator)
        scored.append((known(header), len(header), -SEPARATORS.index(separator), separator))
    return max(scored)[-1]


def read_csv(
    data: bytes, limits: Limits, deadline: Deadline, known: Callable[[list[str]], int]
) -> Sheet:
    text = decode(data)
    separator = guess_separator(text, known)
    sheet = Sheet(name=None)
    collector = RowCollector(sheet)
    cells_seen = 0
    number = 0
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator)
    try:
        for number, record in enumerate(reader, start=1):
            if number % 1000 == 0:
                deadline.check()
            if len(record) > limits.max_columns and any(
                c.strip() for c in record[limits.max_columns :]
            ):
                raise Refused(
                    Problem("too_many_columns", row=number, detail=str(limits.max_columns))
                )
            cells = [clean(cell) for cell in record[: limits.max_columns]]
            for index, cell in enumerate(cells):
                if len(cell) > limits.max_cell_chars:
                    raise Refused(
                        Problem(
                            "cell_too_long",
                            row=number,
                            column=letter(index),
                            detail=str(limits.max_cell_chars),
                        )
                    )
            cells_seen += sum(1 for cell in cells if cell)
            if cells_seen > limits.max_cells:
                raise Refused(Problem("too_many_cells", detail=str(limits.max_cells)))
            collector.add(number, cells)
            if len(sheet.rows) > limits.max_rows:
                raise Refused(Problem("too_many_rows", detail=str(limits.max_rows)))
    except csv.Error as exc:
        # The csv module's messages are English and technical; the row is what helps.
        if "field larger than field limit" in str(exc):
            raise Refused(
                Problem("cell_too_long", row=number + 1, detail=str(limits.max_cell_chars))
            ) from None
        raise Refused(Problem("unreadable_csv", row=number + 1)) from None
    return sheet
