"""Building awkward import files in code (nothing committed): CSV text, workbooks through
openpyxl, and raw .xlsx archives for what openpyxl would never write (bombs, stray cells)."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from openpyxl import Workbook
from sqlalchemy import text

from data_access.imports import import_file

NOW = dt.datetime(2025, 12, 31, 12)
TABLES = (
    "persons",
    "outreach_contacts",
    "treatment_courses",
    "import_batches",
    "import_changes",
    "staffing",
)
CONTACT_HEADER = "pseudonym;sted;tidspunkt;kontakttype;udfald"
COURSE_HEADER = (
    "pseudonym;afdeling;anmodningsdato;startdato;slutdato;afslutningsårsag;"
    "behandlingsform;henviser;fødselsår"
)


def snapshot(engine) -> dict[str, list[tuple]]:
    """Every row of every table, sorted: "exactly as before" is equality of snapshots."""
    with engine.connect() as conn:
        return {
            t: sorted(map(tuple, conn.execute(text(f"SELECT * FROM {t}")).all()), key=repr)
            for t in TABLES
        }


def csv_file(*rows: str, header: str = CONTACT_HEADER, encoding: str = "utf-8-sig") -> bytes:
    return ("\r\n".join([header, *rows]) + "\r\n").encode(encoding)


def run(engine, org, data, name="kontakter.csv", kind="contacts", **kw):
    return import_file(engine, org, kind, data, name, now=NOW, **kw)


def workbook(*sheets: tuple[str, list[list[object]], str]) -> bytes:
    """Sheets as (title, rows, state); state 'visible', 'hidden' or 'veryHidden'."""
    book = Workbook()
    book.remove(book.active)
    for title, rows, state in sheets:
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
        sheet.sheet_state = state
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


CONTACT_ROWS = [
    ["pseudonym", "sted", "tidspunkt", "kontakttype", "udfald"],
    ["BB-XL1", "kronborg", dt.datetime(2025, 3, 1, 14, 30), "samtale", "plan"],
    ["", "stubben", dt.datetime(2025, 3, 2, 10, 0), "kort kontakt", "ingen"],
]

_OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PACKAGE = "http://schemas.openxmlformats.org/package/2006"
_SHEET_ML = "application/vnd.openxmlformats-officedocument.spreadsheetml"
_CONTENT_TYPES = (
    f'<Types xmlns="{_PACKAGE}/content-types">'
    f'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    f'<Override PartName="/xl/workbook.xml" ContentType="{_SHEET_ML}.sheet.main+xml"/>'
    f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{_SHEET_ML}.worksheet+xml"/>'
    "</Types>"
)
_ROOT_RELS = (
    f'<Relationships xmlns="{_PACKAGE}/relationships">'
    f'<Relationship Id="rId1" Type="{_OFFICE}/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)
_WORKBOOK = (
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    f'xmlns:r="{_OFFICE}"><sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets>'
    "</workbook>"
)
_WORKBOOK_RELS = (
    f'<Relationships xmlns="{_PACKAGE}/relationships">'
    f'<Relationship Id="rId1" Type="{_OFFICE}/worksheet" Target="worksheets/sheet1.xml"/>'
    "</Relationships>"
)


def inline(ref: str, value: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{value}</t></is></c>'


def raw_xlsx(rows_xml, dimension: str | None = None) -> bytes:
    """A minimal workbook whose one sheet's <sheetData> is streamed from `rows_xml` (an
    iterable of XML strings), so a test can write millions of rows without holding them."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _ROOT_RELS)
        archive.writestr("xl/workbook.xml", _WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(
                b'<?xml version="1.0" encoding="UTF-8"?>'
                b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            )
            if dimension:
                sheet.write(f'<dimension ref="{dimension}"/>'.encode())
            sheet.write(b"<sheetData>")
            chunk = []
            for row in rows_xml:
                chunk.append(row)
                if len(chunk) >= 10_000:
                    sheet.write("".join(chunk).encode())
                    chunk = []
            sheet.write("".join(chunk).encode())
            sheet.write(b"</sheetData></worksheet>")
    return buffer.getvalue()


def contact_header_xml() -> str:
    names = ["pseudonym", "sted", "tidspunkt", "kontakttype", "udfald"]
    cells = "".join(inline(f"{'ABCDE'[i]}1", n) for i, n in enumerate(names))
    return f'<row r="1">{cells}</row>'


def bomb_rows(count: int):
    """A header, then `count` identical contact rows. Rows and cells without references
    (allowed by the format) are identical bytes, so the archive compresses them a
    thousandfold: the shape of a zip bomb."""
    yield contact_header_xml()
    cells = "".join(
        f'<c t="inlineStr"><is><t>{v}</t></is></c>'
        for v in ("", "kronborg", "01-03-2025 14:30", "samtale", "ingen")
    )
    row = f"<row>{cells}</row>"
    block = row * 1000
    for _ in range(count // 1000):
        yield block
    yield row * (count % 1000)
