"""How much work one import may cause, checked before and while reading, never after.

A spreadsheet is a zip archive: 1 MB on disk can unpack to gigabytes. So the archive's own
directory (uncompressed sizes) is checked before anything is unpacked, a sheet's declared
dimension before its rows are read, and rows, columns and cells are counted as they stream
past. A deadline bounds the whole import. Every limit has its own message.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass, field

from data_access.imports.report import Problem, Refused
from data_access.settings import IMPORT_EARLIEST_DATE, IMPORT_TIME_LIMIT

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    max_bytes: int = 10 * MB  # the uploaded file as it is
    max_unpacked_bytes: int = 64 * MB  # every part of an .xlsx, uncompressed, together
    max_shared_strings_bytes: int = 16 * MB  # the workbook's string table, uncompressed
    max_parts: int = 2_000  # files inside an .xlsx
    # Spreadsheet XML compresses about tenfold; a part that unpacks a hundredfold or more is
    # a zip bomb's repeated rows, refused from the archive's directory before any parsing.
    max_ratio: int = 100
    ratio_from_bytes: int = 1 * MB  # small parts (styles, themes) may compress better
    max_rows: int = 50_000  # data rows (the header not counted)
    max_columns: int = 100
    max_cells: int = 1_000_000  # non-empty cells, every sheet together
    max_cell_chars: int = 1_000
    seconds: float = field(default_factory=lambda: float(IMPORT_TIME_LIMIT.value()))
    earliest: dt.date = field(
        default_factory=lambda: dt.date.fromisoformat(IMPORT_EARLIEST_DATE.value())
    )


class Deadline:
    """Checked in every loop that grows with the file; raises a refusal once time is up."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.ends = time.monotonic() + seconds

    def check(self) -> None:
        if time.monotonic() > self.ends:
            raise Refused(Problem("too_slow", detail=f"{self.seconds:g}"))
