"""A file as read: one or more sheets of text cells, with the spreadsheet's own row numbers.

CSV and .xlsx readers both produce these; everything after reading works on them alone.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

from openpyxl.utils import get_column_letter


def clean(value: str) -> str:
    """A cell as it is compared and stored: NFKC (full-width letters and digits become
    ordinary ones, non-breaking spaces plain ones) and no surrounding spaces."""
    if value.isascii():
        return value.strip()  # nothing for NFKC to change; most cells
    return unicodedata.normalize("NFKC", value).strip()


def letter(index: int) -> str:
    """Column letter for a 0-based column index (0 -> A)."""
    return get_column_letter(index + 1)


@dataclass
class Sheet:
    name: str | None  # None for a CSV file
    hidden: bool = False
    header_row: int = 0  # spreadsheet row number of the header; 0 when the sheet is empty
    headers: list[str] = field(default_factory=list)
    rows: list[tuple[int, list[str]]] = field(default_factory=list)  # (row number, cells)
    # Cells that are not data: (row, 0-based column) -> "formula", "cell_error", "bad_serial"
    marks: dict[tuple[int, int], str] = field(default_factory=dict)

    @property
    def is_empty(self) -> bool:
        return not self.headers and not self.rows

    def width(self) -> int:
        return max([len(self.headers), *(len(cells) for _, cells in self.rows)], default=0)

    def column_name(self, index: int) -> str:
        """How a problem names a column: its header, or its letter when it has none."""
        header = self.headers[index] if index < len(self.headers) else ""
        return header or letter(index)


class RowCollector:
    """Turns streamed rows into a Sheet: the first non-empty row is the header, empty rows
    are skipped (their numbers are not reused), cells are cleaned."""

    def __init__(self, sheet: Sheet) -> None:
        self.sheet = sheet

    def add(self, number: int, cells: list[str]) -> bool:
        """Add a row; False when it was empty."""
        while cells and not cells[-1]:
            cells.pop()
        if not cells:
            return False
        if not self.sheet.header_row:
            self.sheet.header_row = number
            self.sheet.headers = cells
        else:
            self.sheet.rows.append((number, cells))
        return True
