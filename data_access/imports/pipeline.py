"""One import, start to end: read (bounded), screen for CPR numbers, choose the sheets, map
the columns, check every row, check the rows against each other, save in one transaction.

Anything a file can contain ends as problems in the result, never as an exception; the
database is then exactly as before.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import Engine

from data_access import clock
from data_access.access import User
from data_access.imports import cpr
from data_access.imports.columns import Mapping, known_count, map_columns
from data_access.imports.csv_reader import read_csv
from data_access.imports.file_checks import (
    Located,
    course_duplicates,
    identical_contacts,
    person_conflicts,
)
from data_access.imports.limits import MB, Deadline, Limits
from data_access.imports.report import MAX_SHOWN, ImportResult, Kind, Notice, Problem, Refused
from data_access.imports.rows import RowContext, parse_row
from data_access.imports.table import Sheet, letter
from data_access.imports.writing import BatchInfo, already_imported, claim, save
from data_access.imports.xlsx_reader import OLE_SIGNATURE, read_xlsx
from data_access.organisation import Organisation

log = logging.getLogger(__name__)
EXTENSIONS = (".csv", ".txt", ".xlsx")


@dataclass
class Prepared:
    rows: list[Located] = field(default_factory=list)
    read: int = 0  # data rows in the sheets read
    notices: list[Notice] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)
    sheets: list[str] = field(default_factory=list)


def import_file(
    engine: Engine,
    org: Organisation,
    kind: Kind,
    data: bytes,
    file_name: str,
    *,
    now: dt.datetime | None = None,
    sheets: list[str] | None = None,
    limits: Limits | None = None,
    before_commit: Callable[[], None] | None = None,
    made_by: User | None = None,
) -> ImportResult:
    """Validate and import a whole file, or nothing. `made_by` is recorded on the batch and its
    contacts, and audited in the same transaction.

    `sheets` names the workbook sheets to read when it has several candidates (the result's
    `sheet_choices` lists them). `before_commit` is a test seam: it runs inside the
    transaction after every write, so a test can make the import fail midway.
    """
    limits = limits or Limits()
    now = now or clock.local_now(org.timezone)
    result = ImportResult(kind=kind, file_name=file_name)
    deadline = Deadline(limits.seconds)
    file_hash = hashlib.sha256(data).hexdigest()
    chosen = sorted(set(sheets or []))
    import_key = hashlib.sha256(f"{kind}|{'|'.join(chosen)}|{file_hash}".encode()).hexdigest()
    try:
        with claim(import_key):
            earlier = already_imported(engine, import_key)
            if earlier:
                raise Refused(earlier)
            prepared = _prepare_safely(org, kind, data, file_name, chosen, limits, deadline, now)
            result.rows, result.notices = prepared.read, prepared.notices
            result.ignored_columns, result.sheets = prepared.ignored, prepared.sheets
            info = BatchInfo(
                import_key=import_key,
                file_name=file_name,
                file_hash=file_hash,
                source="xlsx" if data.startswith(b"PK") else "csv",
                note=kind if not prepared.sheets else f"{kind}: {', '.join(prepared.sheets)}",
                made_by=made_by,
            )
            saved = save(
                engine,
                org,
                kind,
                prepared.rows,
                info,
                now=now,
                deadline=deadline,
                before_commit=before_commit,
            )
    except Refused as refused:
        result.problem_count = len(refused.problems)
        result.problems = refused.problems[:MAX_SHOWN]
        result.sheet_choices = refused.sheet_choices
        return result
    result.batch_id = saved.batch_id
    result.added, result.updated = saved.added, saved.updated
    result.skipped_duplicates, result.new_persons = saved.skipped, saved.new_persons
    if saved.filled_persons:
        result.notices.append(Notice("persons_filled", count=saved.filled_persons))
    return result


def _prepare_safely(*args) -> Prepared:
    """A file that trips a fault in the checks is refused with a plain message, and the
    fault is logged for the developers; the person never sees a traceback."""
    try:
        return prepare(*args)
    except Refused:
        raise
    except Exception:
        log.exception("import: unexpected fault while checking a file")
        raise Refused(Problem("unexpected")) from None


def read_file(
    data: bytes, file_name: str, kind: Kind, limits: Limits, deadline: Deadline
) -> list[Sheet]:
    if not data.strip():
        raise Refused(Problem("empty_file"))
    if len(data) > limits.max_bytes:
        raise Refused(Problem("too_big", detail=str(limits.max_bytes // MB)))
    name = file_name.lower()
    if not name.endswith(EXTENSIONS):
        extension = name.rsplit(".", 1)[-1] if "." in name else ""
        raise Refused(Problem("wrong_file_type", value=extension[:10]))
    # What the bytes are decides, not the name: an .xlsx saved as .csv is still read.
    if data.startswith(b"PK") or data.startswith(OLE_SIGNATURE) or name.endswith(".xlsx"):
        return read_xlsx(data, limits, deadline)
    return [read_csv(data, limits, deadline, lambda headers: known_count(kind, headers))]


def screen_cpr(file_name: str, book: list[Sheet]) -> list[Problem]:
    """Every header and cell of every sheet, hidden ones too, and the names around them."""
    problems = []
    if cpr.contains_cpr(file_name):
        problems.append(Problem("cpr_in_name"))
    for sheet in book:
        sheet_name = sheet.name
        if sheet_name and cpr.contains_cpr(sheet_name):
            problems.append(Problem("cpr_in_sheet_name"))
            sheet_name = None
        for index, header in enumerate(sheet.headers):
            if header and cpr.contains_cpr(header):
                problems.append(
                    Problem("cpr", row=sheet.header_row, column=letter(index), sheet=sheet_name)
                )
        for number, cells in sheet.rows:
            for index, cell in enumerate(cells):
                if cell and cpr.contains_cpr(cell):
                    problems.append(
                        Problem(
                            "cpr",
                            row=number,
                            column=_column_label(sheet, index),
                            sheet=sheet_name,
                        )
                    )
    return problems


def _column_label(sheet: Sheet, index: int) -> str:
    header = sheet.column_name(index)
    return header if header == letter(index) else f"{letter(index)} ({header})"


def choose_sheets(
    book: list[Sheet], kind: Kind, chosen: list[str]
) -> tuple[list[tuple[Sheet, Mapping]], list[Notice]]:
    """The sheets to read. One visible sheet with the expected headers is read; several, or
    only hidden ones, are refused with the choice offered, never picked silently."""
    if len(book) == 1 and book[0].name is None:  # CSV
        if book[0].is_empty:
            raise Refused(Problem("empty_file"))  # a BOM, separators, blank lines only
        mapping = map_columns(book[0], kind)
        return [(book[0], mapping)], []
    candidates = [(s, map_columns(s, kind)) for s in book if not s.is_empty]
    if not candidates:
        raise Refused(Problem("no_rows"))
    if chosen:
        by_name = {s.name: (s, m) for s, m in candidates}
        unknown = [name for name in chosen if name not in by_name]
        if unknown:
            raise Refused(*[Problem("unknown_sheet", sheet=name) for name in unknown])
        picked = [by_name[name] for name in chosen]
    else:
        complete = [(s, m) for s, m in candidates if m.complete]
        visible = [(s, m) for s, m in complete if not s.hidden]
        names = [s.name for s, _ in complete]
        if len(visible) > 1:
            raise Refused(Problem("several_sheets", detail=str(len(visible))), sheet_choices=names)
        if not visible and complete:
            raise Refused(Problem("only_hidden_sheet"), sheet_choices=names)
        if not visible:
            best = max(candidates, key=lambda c: (len(c[1].columns), not c[0].hidden))
            raise Refused(*best[1].problems)
        picked = visible
    notices = []
    unread = [s for s, _ in candidates if all(s is not p for p, _ in picked)]
    hidden = [s.name for s in unread if s.hidden]
    if hidden:
        notices.append(
            Notice("hidden_sheets_not_read", count=len(hidden), detail=", ".join(hidden))
        )
    shown = [s.name for s in unread if not s.hidden]
    if shown:
        notices.append(Notice("sheets_not_read", count=len(shown), detail=", ".join(shown)))
    return picked, notices


def prepare(
    org: Organisation,
    kind: Kind,
    data: bytes,
    file_name: str,
    chosen: list[str],
    limits: Limits,
    deadline: Deadline,
    now: dt.datetime,
) -> Prepared:
    book = read_file(data, file_name, kind, limits, deadline)
    found = screen_cpr(file_name, book)
    if found:
        raise Refused(*found)  # nothing else is reported: no value of this file is repeated
    deadline.check()
    picked, notices = choose_sheets(book, kind, chosen)
    prepared = Prepared(notices=notices)
    problems: list[Problem] = []
    for sheet, mapping in picked:
        problems.extend(mapping.problems)
        prepared.notices.extend(mapping.notices)
        prepared.ignored.extend(h for h in mapping.ignored if h not in prepared.ignored)
        if sheet.name is not None:
            prepared.sheets.append(sheet.name)
    if problems:
        raise Refused(*problems)
    if not any(sheet.rows for sheet, _ in picked):
        raise Refused(Problem("no_rows"))
    ctx = RowContext(org=org, now=now, earliest=limits.earliest)
    for sheet, mapping in picked:
        prepared.read += len(sheet.rows)
        headers = {f: sheet.column_name(i) for f, i in mapping.columns.items()}
        problems.extend(_check_rows(kind, sheet, mapping, headers, ctx, prepared, deadline))
    if kind == "courses":
        prepared.rows, duplicates, repeated = course_duplicates(prepared.rows)
        problems.extend(duplicates)
        prepared.notices.extend(repeated)
    else:
        prepared.notices.extend(identical_contacts(prepared.rows))
    problems.extend(person_conflicts(prepared.rows))
    if problems:
        raise Refused(*problems)
    return prepared


def _check_rows(
    kind: Kind,
    sheet: Sheet,
    mapping: Mapping,
    headers: dict[str, str],
    ctx: RowContext,
    prepared: Prepared,
    deadline: Deadline,
) -> list[Problem]:
    problems = []
    for count, (number, cells) in enumerate(sheet.rows):
        if count % 1000 == 0:
            deadline.check()
        record, marked = {}, False
        for field_name, index in mapping.columns.items():
            value = cells[index] if index < len(cells) else ""
            mark = sheet.marks.get((number, index))
            if mark:
                marked = True
                problems.append(
                    Problem(
                        mark,
                        row=number,
                        column=headers[field_name],
                        sheet=sheet.name,
                        value=value if mark != "formula" else None,
                    )
                )
            record[field_name] = value
        if marked:
            continue
        row, found = parse_row(kind, record, ctx)
        if row is not None:
            prepared.rows.append(Located(sheet.name, number, row, headers))
            continue
        for problem in found:
            column = headers.get(problem.field) if problem.field else None
            problems.append(
                Problem(
                    problem.code,
                    row=number,
                    column=column,
                    sheet=sheet.name,
                    value=record.get(problem.field) if problem.field else None,
                    detail=ctx.earliest.strftime("%d-%m-%Y")
                    if problem.code == "too_early"
                    else None,
                )
            )
    return problems
