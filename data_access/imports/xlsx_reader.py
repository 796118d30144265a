"""Reading an .xlsx workbook with bounded work: every sheet, hidden ones marked, formulas and
error cells marked rather than taken for data.

Before anything is unpacked, the archive's directory gives each part's uncompressed size
(Python's zipfile never inflates past it), so a zip bomb is refused from its metadata. A
sheet's declared dimension is checked before its rows; then the sheet XML is streamed row by
row and rows, columns and cells are counted as they pass, so neither a stray cell at
XFD1048576 nor a million rows can make the process grow.

Why not openpyxl's `load_workbook(read_only=True)`: it parses a sheet that lacks a
dimension element from end to end while opening the workbook, loads the string table before
any check, and streams through a pure-Python XML layer several times slower than the
standard library's expat (which refuses entity-expansion bombs itself). So the archive is
streamed here with `xml.etree.ElementTree.iterparse`, the same way openpyxl's read-only
worksheet does, and openpyxl supplies what it knows best: number formats, date serials and
column letters.
"""

from __future__ import annotations

import datetime as dt
import io
import posixpath
import re
import xml.etree.ElementTree as ET
import zipfile
import zlib
from dataclasses import dataclass

from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format
from openpyxl.utils import column_index_from_string, range_boundaries
from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900, from_excel

from data_access.imports.limits import MB, Deadline, Limits
from data_access.imports.report import Problem, Refused
from data_access.imports.table import RowCollector, Sheet, clean, letter

_REL_ID = re.compile(r"^\{[^}]*\}id$")
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old .xls, or an encrypted .xlsx
_BROKEN = (
    zipfile.BadZipFile,
    zlib.error,
    ET.ParseError,
    KeyError,
    EOFError,
    OSError,
    ValueError,
    NotImplementedError,
    RuntimeError,  # zipfile: an encrypted member
)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


@dataclass(frozen=True)
class _SheetEntry:
    name: str
    hidden: bool
    path: str


@dataclass
class _Book:
    archive: zipfile.ZipFile
    sheets: list[_SheetEntry]
    strings: list[str]
    date_styles: set[int]
    epoch: dt.datetime
    cells: int = 0  # non-empty cells read so far, every sheet together


def read_xlsx(data: bytes, limits: Limits, deadline: Deadline) -> list[Sheet]:
    if data.startswith(OLE_SIGNATURE):
        raise Refused(Problem("old_or_protected_excel"))
    if not data.startswith(b"PK"):
        raise Refused(Problem("unreadable_excel"))
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        _check_archive(archive, limits)
        book = _open_book(archive, limits, deadline)
        return [_read_sheet(book, entry, limits, deadline) for entry in book.sheets]
    except _BROKEN:
        raise Refused(Problem("unreadable_excel")) from None


def _check_archive(archive: zipfile.ZipFile, limits: Limits) -> None:
    parts = archive.infolist()
    if len(parts) > limits.max_parts:
        raise Refused(Problem("too_big_unpacked", detail=str(limits.max_unpacked_bytes // MB)))
    if sum(part.file_size for part in parts) > limits.max_unpacked_bytes:
        raise Refused(Problem("too_big_unpacked", detail=str(limits.max_unpacked_bytes // MB)))
    for part in parts:
        if part.file_size > limits.ratio_from_bytes and part.file_size > limits.max_ratio * max(
            part.compress_size, 1
        ):
            raise Refused(Problem("packed_too_tightly", detail=str(limits.max_ratio)))


def _parse(archive: zipfile.ZipFile, name: str) -> ET.Element:
    """A small part (workbook, relationships, styles) parsed whole; sizes are checked."""
    with archive.open(name) as part:
        return ET.parse(part).getroot()


def _relationships(archive: zipfile.ZipFile, part: str) -> dict[str, tuple[str, str]]:
    """Relationship id -> (type's last word, target path inside the archive)."""
    folder, base = posixpath.split(part)
    rels = posixpath.join(folder, "_rels", f"{base}.rels")
    if rels not in archive.NameToInfo:
        return {}
    out = {}
    for rel in _parse(archive, rels):
        target = rel.get("Target", "")
        if rel.get("TargetMode") == "External":
            continue
        path = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
        out[rel.get("Id", "")] = (rel.get("Type", "").rsplit("/", 1)[-1], posixpath.normpath(path))
    return out


def _open_book(archive: zipfile.ZipFile, limits: Limits, deadline: Deadline) -> _Book:
    main = next(
        (path for kind, path in _relationships(archive, "").values() if kind == "officeDocument"),
        "xl/workbook.xml",
    )
    workbook = _parse(archive, main)
    rels = _relationships(archive, main)
    epoch = CALENDAR_WINDOWS_1900
    sheets = []
    for element in workbook.iter():
        tag = _local(element.tag)
        if tag == "workbookPr" and element.get("date1904", "0").lower() in ("1", "true"):
            epoch = CALENDAR_MAC_1904
        elif tag == "sheet":
            rel_id = next((v for k, v in element.attrib.items() if _REL_ID.match(k)), "")
            kind, path = rels.get(rel_id, ("", ""))
            if kind != "worksheet":
                continue  # chart sheets and dialog sheets hold no rows
            hidden = element.get("state", "visible") != "visible"
            sheets.append(_SheetEntry(element.get("name", ""), hidden, path))
    strings = next(
        (_strings(archive, p, limits, deadline) for k, p in rels.values() if k == "sharedStrings"),
        [],
    )
    styles = next((p for k, p in rels.values() if k == "styles"), None)
    return _Book(archive, sheets, strings, _date_styles(archive, styles), epoch)


def _text_of(element: ET.Element) -> str:
    """The text of a string item: its <t>, or its rich-text runs; phonetic hints left out."""
    parts = []
    for child in element:
        tag = _local(child.tag)
        if tag == "t":
            parts.append(child.text or "")
        elif tag == "r":
            parts.extend(t.text or "" for t in child if _local(t.tag) == "t")
    return "".join(parts)


def _strings(archive: zipfile.ZipFile, path: str, limits: Limits, deadline: Deadline) -> list[str]:
    if archive.getinfo(path).file_size > limits.max_shared_strings_bytes:
        raise Refused(Problem("too_big_unpacked", detail=str(limits.max_unpacked_bytes // MB)))
    strings: list[str] = []
    with archive.open(path) as part:
        root = None
        for event, element in ET.iterparse(part, events=("start", "end")):
            if event == "start":
                root = element if root is None else root
                continue
            if _local(element.tag) == "si":
                strings.append(_text_of(element))
                root.clear()
                if len(strings) % 10_000 == 0:
                    deadline.check()
                if len(strings) > limits.max_cells:
                    raise Refused(Problem("too_many_cells", detail=str(limits.max_cells)))
    return strings


def _date_styles(archive: zipfile.ZipFile, path: str | None) -> set[int]:
    """Indexes of the cell styles whose number format is a date or a time."""
    if not path or path not in archive.NameToInfo:
        return set()
    root = _parse(archive, path)
    custom = {
        int(f.get("numFmtId", "-1")): f.get("formatCode", "")
        for f in root.iter()
        if _local(f.tag) == "numFmt"
    }
    cell_xfs = next((e for e in root if _local(e.tag) == "cellXfs"), None)
    if cell_xfs is None:
        return set()
    dates = set()
    for index, xf in enumerate(e for e in cell_xfs if _local(e.tag) == "xf"):
        fmt_id = int(xf.get("numFmtId", "0"))
        code = custom.get(fmt_id, BUILTIN_FORMATS.get(fmt_id, ""))
        # 27-36 and 50-58 are the dates of East Asian locales, not in openpyxl's table.
        if is_date_format(code) or 27 <= fmt_id <= 36 or 50 <= fmt_id <= 58:
            dates.add(index)
    return dates


def _check_dimension(element: ET.Element, entry: _SheetEntry, limits: Limits) -> None:
    try:
        _, min_row, max_col, max_row = range_boundaries(element.get("ref", ""))
    except (ValueError, TypeError):
        return  # an odd dimension is only a hint; the rows are counted anyway
    corner = f"{letter((max_col or 1) - 1)}{max_row}"
    if max_col and max_col > limits.max_columns:
        raise Refused(
            Problem(
                "too_many_columns",
                sheet=entry.name,
                column=corner,
                detail=str(limits.max_columns),
            )
        )
    if max_row and min_row and max_row - min_row > limits.max_rows:
        raise Refused(
            Problem("too_many_rows", sheet=entry.name, column=corner, detail=str(limits.max_rows))
        )


def _read_sheet(book: _Book, entry: _SheetEntry, limits: Limits, deadline: Deadline) -> Sheet:
    """Stream one sheet. Each row is cleared from the tree once read, and sheetData is
    emptied, so memory holds one row at a time whatever the sheet's length."""
    sheet = Sheet(name=entry.name, hidden=entry.hidden)
    collector = RowCollector(sheet)
    number = 0
    tags: _Tags | None = None
    sheet_data = None
    with book.archive.open(entry.path) as part:
        for event, element in ET.iterparse(part, events=("start", "end")):
            if tags is None:
                tags = _Tags(element.tag)  # the root tells the namespace (transitional/strict)
            tag = element.tag
            if event == "start":
                if tag == tags.sheet_data:
                    sheet_data = element
                continue
            if tag == tags.row:
                number = _row_number(element, number)
                cells = _cells(book, tags, element, number, sheet, entry, limits)
                element.clear()
                if sheet_data is not None:
                    sheet_data.clear()
                if collector.add(number, cells):
                    book.cells += sum(1 for c in cells if c)
                    if len(sheet.rows) > limits.max_rows:
                        raise Refused(
                            Problem("too_many_rows", sheet=entry.name, detail=str(limits.max_rows))
                        )
                    if book.cells > limits.max_cells:
                        raise Refused(Problem("too_many_cells", detail=str(limits.max_cells)))
                if number % 1000 == 0:
                    deadline.check()
            elif tag == tags.dimension:
                _check_dimension(element, entry, limits)
            elif tag == tags.sheet_data:
                break  # what follows (merged cells, page setup) is not data
    return sheet


class _Tags:
    """Full tag names in the sheet's namespace, compared as strings (much faster than
    splitting every tag)."""

    def __init__(self, root_tag: str) -> None:
        namespace = root_tag[: root_tag.index("}") + 1] if root_tag.startswith("{") else ""
        self.sheet_data = namespace + "sheetData"
        self.row = namespace + "row"
        self.dimension = namespace + "dimension"
        self.c = namespace + "c"
        self.v = namespace + "v"
        self.f = namespace + "f"
        self.inline = namespace + "is"


def _row_number(row: ET.Element, previous: int) -> int:
    try:
        return int(row.get("r", ""))
    except ValueError:
        return previous + 1


_COLUMNS: dict[str, int] = {}


def _column(ref: str | None, previous: int) -> int:
    """0-based column of a cell reference ("C7" -> 2), or the next one without a reference."""
    if not ref:
        return previous + 1
    letters = ref.rstrip("0123456789")
    index = _COLUMNS.get(letters)
    if index is None:
        upper = letters.replace("$", "").upper()
        if not (1 <= len(upper) <= 3 and upper.isalpha() and upper.isascii()):
            return previous + 1
        index = _COLUMNS[letters] = column_index_from_string(upper) - 1
    return index


def _cells(
    book: _Book,
    tags: _Tags,
    row: ET.Element,
    number: int,
    sheet: Sheet,
    entry: _SheetEntry,
    limits: Limits,
) -> list[str]:
    cells: list[str] = []
    column = -1
    for cell in row:
        if cell.tag != tags.c:
            continue
        column = _column(cell.get("r"), column)
        value, mark = _value(book, tags, cell)
        if not value:
            continue
        if column >= limits.max_columns:
            raise Refused(
                Problem(
                    "too_many_columns",
                    sheet=entry.name,
                    row=number,
                    column=letter(column),
                    detail=str(limits.max_columns),
                )
            )
        value = clean(value)
        if len(value) > limits.max_cell_chars:
            raise Refused(
                Problem(
                    "cell_too_long",
                    sheet=entry.name,
                    row=number,
                    column=letter(column),
                    detail=str(limits.max_cell_chars),
                )
            )
        if mark:
            sheet.marks[(number, column)] = mark
        if column >= len(cells):
            cells.extend([""] * (column + 1 - len(cells)))
        cells[column] = value
    return cells


def _value(book: _Book, tags: _Tags, cell: ET.Element) -> tuple[str, str | None]:
    """The cell's text and, for what is not plain data, a mark."""
    kind = cell.get("t", "n")
    raw = None
    for child in cell:
        if child.tag == tags.v:
            raw = child.text
        elif child.tag == tags.f:
            # The value a formula shows is not data: keep the formula itself, to be refused.
            return "=" + (child.text or ""), "formula"
        elif child.tag == tags.inline:
            return _text_of(child), None
    if raw is None:
        return "", None
    if kind == "s":
        try:
            return book.strings[int(raw)], None
        except (ValueError, IndexError):
            return raw, "cell_error"
    if kind == "n":
        return _number(book, cell, raw)
    if kind == "e":
        return raw, "cell_error"
    if kind == "b":
        return ("TRUE" if raw.strip() == "1" else "FALSE"), None
    return raw, None  # "str" (a formula's cached text) and "d" (an ISO date)


def _number(book: _Book, cell: ET.Element, raw: str) -> tuple[str, str | None]:
    try:
        style = int(cell.get("s", "0"))
    except ValueError:
        style = 0
    if style not in book.date_styles:
        return raw, None  # the digits as stored: 101901234 stays visible to the CPR screen
    try:
        moment = from_excel(float(raw), book.epoch)
    except (ValueError, OverflowError, TypeError):
        return raw, "bad_serial"
    if isinstance(moment, dt.time):
        return moment.replace(microsecond=0).isoformat(), None
    if isinstance(moment, dt.datetime):
        moment = (moment + dt.timedelta(microseconds=500_000)).replace(microsecond=0)
        if moment.time() == dt.time(0):
            return moment.date().isoformat(), None
        return moment.isoformat(sep=" "), None
    return str(moment), None
