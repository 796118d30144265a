"""Importing outreach contacts and treatment courses from CSV and Excel files.

Files as a real case system's monthly export makes them, and as people edit them: `;` or
`,` separators, dd-mm-yyyy dates, UTF-8, Windows-1252 or UTF-16, headers in Danish or
English, workbooks with several (or hidden) sheets. The pieces, in the order they run:

- limits.py: the work one file may cause, checked before and while reading;
- csv_reader.py, xlsx_reader.py: streaming readers into sheets of text cells (table.py);
- cpr.py: the CPR screen over every cell, header and name; a hit refuses the whole file;
- columns.py: which column is which; rows.py: each row checked, plausible values only;
- file_checks.py: the rows against each other (duplicates, a person described two ways);
- writing.py, course_updates.py: one transaction; courses are updated, not duplicated;
- undo.py: undo a batch, restoring what it changed; templates.py: CSV templates.

Problems are codes with parameters; the UI words them (language/locale).
"""

from data_access.imports.limits import Limits
from data_access.imports.pipeline import import_file
from data_access.imports.report import ImportResult, Kind, Notice, Problem
from data_access.imports.templates import template
from data_access.imports.undo import (
    UndoRefused,
    batches,
    changed_pseudonyms,
    changes,
    undo_batch,
)

__all__ = [
    "ImportResult",
    "Kind",
    "Limits",
    "Notice",
    "Problem",
    "UndoRefused",
    "batches",
    "changed_pseudonyms",
    "changes",
    "import_file",
    "template",
    "undo_batch",
]
