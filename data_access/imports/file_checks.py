"""Checks across the rows of one file: the same course twice, a person described two ways."""

from __future__ import annotations

from dataclasses import dataclass

from data_access.imports.report import Notice, Problem
from data_access.imports.rows import ContactRow, CourseRow

PERSON_FACTS = ("birth_year", "sex", "main_substance")
NOTICE_ROWS = 20  # row numbers listed in a notice; the count says how many there were


@dataclass(frozen=True)
class Located:
    """A checked row and where it came from."""

    sheet: str | None
    number: int
    row: ContactRow | CourseRow
    headers: dict[str, str]  # field -> the header naming it in this sheet

    def column(self, field_name: str | None) -> str | None:
        return self.headers.get(field_name, field_name) if field_name else None

    def problem(self, code: str, field_name: str | None, **details: str | None) -> Problem:
        """A problem at this row, in the column that holds `field_name`."""
        return Problem(
            code, row=self.number, column=self.column(field_name), sheet=self.sheet, **details
        )

    def where(self) -> str:
        """How another row's problem points here: "3", or "Januar: 3" across sheets."""
        return f"{self.sheet}: {self.number}" if self.sheet else str(self.number)


def course_duplicates(rows: list[Located]) -> tuple[list[Located], list[Problem], list[Notice]]:
    """Keep the first of identical courses (and say so); refuse two versions of one course."""
    first: dict[tuple[str, ...], Located] = {}
    kept, problems, repeated = [], [], []
    for located in rows:
        row = located.row
        assert isinstance(row, CourseRow)
        original = first.setdefault(row.identity(), located)
        if original is located:
            kept.append(located)
        elif original.row == row:
            repeated.append(located.number)
        else:
            differing = next(
                name
                for name in type(row).model_fields
                if getattr(row, name) != getattr(original.row, name)
            )
            problems.append(located.problem("conflicting_rows", differing, detail=original.where()))
    notices = (
        [Notice("identical_courses", count=len(repeated), rows=tuple(repeated[:NOTICE_ROWS]))]
        if repeated
        else []
    )
    return kept, problems, notices


def identical_contacts(rows: list[Located]) -> list[Notice]:
    """Identical contacts all count (two anonymous brief contacts at one place and time are
    real); the person is told which rows they were, in case one was a mistake."""
    seen: set[ContactRow] = set()
    repeated = []
    for located in rows:
        if located.row in seen:
            repeated.append(located.number)
        seen.add(located.row)
    if not repeated:
        return []
    return [Notice("identical_contacts", count=len(repeated), rows=tuple(repeated[:NOTICE_ROWS]))]


def person_conflicts(rows: list[Located]) -> list[Problem]:
    """A pseudonym with two birth years (or sexes, or main substances) in one file."""
    known: dict[tuple[str, str], tuple[object, Located]] = {}
    problems = []
    for located in rows:
        row = located.row
        for fact in PERSON_FACTS:
            value = getattr(row, fact, None)
            if value is None or not row.pseudonym:
                continue
            previous = known.setdefault((row.pseudonym, fact), (value, located))
            if previous[0] != value:
                problems.append(
                    located.problem(
                        "person_conflict", fact, value=str(value), detail=previous[1].where()
                    )
                )
    return problems
