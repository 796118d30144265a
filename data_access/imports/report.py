"""What an import tells the person who ran it: problems (the file is refused) and notices
(the file is imported, but something deserves a word).

Both are codes with parameters; the UI words them (language/locale, "import.<code>" and
"import.notice.<code>"). A value is kept only to show it next to its problem, so it is
dropped when it could hold a CPR number: a refused number is never repeated on screen.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from data_access.imports import cpr
from language import translate

Kind = Literal["contacts", "courses"]
VALUE_CHARS = 60  # a value shown beside its problem is cut to this


@dataclass(frozen=True)
class Problem:
    code: str  # e.g. "bad_date", "cpr", "missing_column"
    row: int | None = None  # the row number as a spreadsheet shows it (header: usually 1)
    column: str | None = None  # the header as the file writes it, or a column letter
    value: str | None = None  # the offending value, shortened; never a CPR-like text
    sheet: str | None = None  # the sheet of a workbook, when it has several
    detail: str | None = None  # a parameter of the message (a limit, another row, ...)

    def __post_init__(self) -> None:
        for name in ("value", "column", "sheet", "detail"):
            text = getattr(self, name)
            refused_cpr = name == "value" and self.code.startswith("cpr")
            if text is not None and (refused_cpr or cpr.contains_cpr(text)):
                object.__setattr__(self, name, None)
            elif text is not None and len(text) > VALUE_CHARS:
                object.__setattr__(self, name, text[: VALUE_CHARS - 1] + "…")


# Every parameter a problem's message may name ("import.<code>" in the catalogues); a test
# checks that no message names another, so no refusal can fail to be worded.
MESSAGE_FIELDS = ("value", "detail", "column", "row", "sheet")


def problem_text(problem: Problem, lang: str, markup: Callable[[str], str] = str) -> str:
    """The problem in words, every parameter its message may name filled in (`markup` makes
    each safe for where it is shown: plain text in a table, escaped Markdown in a warning)."""
    fields = {
        name: markup("" if getattr(problem, name) is None else str(getattr(problem, name)))
        for name in MESSAGE_FIELDS
    }
    return translate(f"import.{problem.code}", lang, **fields)


@dataclass(frozen=True)
class Notice:
    """Something the import did that the person should know: identical rows, sheets left
    unread, person facts filled in. `rows` are spreadsheet row numbers."""

    code: str
    count: int = 0
    rows: tuple[int, ...] = ()
    detail: str | None = None


@dataclass
class ImportResult:
    kind: Kind
    file_name: str
    rows: int = 0
    added: int = 0
    updated: int = 0  # courses whose state changed (start, end, ...), and persons filled in
    skipped_duplicates: int = 0
    new_persons: int = 0
    batch_id: int | None = None
    problems: list[Problem] = field(default_factory=list)
    problem_count: int = 0  # all problems found; `problems` holds the first MAX_SHOWN
    notices: list[Notice] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    sheets: list[str] = field(default_factory=list)  # the sheets that were read
    sheet_choices: list[str] = field(default_factory=list)  # when the workbook asks which

    @property
    def ok(self) -> bool:
        return not self.problems


MAX_SHOWN = 500


class Refused(Exception):
    """Raised inside the import to stop it; the problems go into the result."""

    def __init__(self, *problems: Problem, sheet_choices: list[str] | None = None) -> None:
        super().__init__(problems)
        self.problems = list(problems)
        self.sheet_choices = sheet_choices or []
