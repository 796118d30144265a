"""`make bench`, imports: a 50,000-row course export, and zip bombs that must be refused.

Each case runs in its own process (`python -m bench.imports CASE FILE`), so its peak memory
(the process's maximum resident size, the interpreter and its imports included) is its own;
the files are made beforehand by the calling process and read from disk. Budgets (issue 13):
a zip bomb is refused within 5 s and 300 MB. The 50,000-row import has no budget; its time
and memory are reported.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import random
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from bench.memory import peak_kb, reset_peak_kb

BOMB_SECONDS, BOMB_MB = 5.0, 300.0
ROWS = 50_000


def course_export(path: Path, rows: int = ROWS, seed: int = 13) -> None:
    """A case system's export with real dates, in the template's columns."""
    from openpyxl import Workbook

    from data_access.imports.templates import template_headers

    rng = random.Random(seed)
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Forløb")
    sheet.append(template_headers("courses"))
    first = dt.date(2023, 1, 2)
    for i in range(rows):
        requested = first + dt.timedelta(days=rng.randrange(900))
        started = (
            requested + dt.timedelta(days=rng.randrange(1, 30)) if rng.random() < 0.8 else None
        )
        ended = (
            started + dt.timedelta(days=rng.randrange(20, 300))
            if started and rng.random() < 0.5
            else None
        )
        sheet.append(
            [
                f"F-{i:06d}",
                f"BB-{i % 31_000:06X}",
                rng.choice(["stof", "alkohol", "unge"]),
                requested,
                started,
                ended,
                "gennemført" if ended else None,
                rng.choice(["individuel", "gruppe"]),
                rng.choice(["selv", "opsøgende", "egen læge", "kommune"]),
                1950 + (i % 31_000) % 55,
                "MFX"[(i % 31_000) % 3],
                ("cannabis", "alkohol", "kokain", "opioider")[(i % 31_000) % 4],
            ]
        )
    book.save(path)


def zip_bomb(path: Path, rows: int, varied: bool = False) -> None:
    """One sheet of `rows` contact rows and no dimension element. Identical rows without cell
    references pack a thousandfold (a zip bomb); `varied` rows (references, numbered
    pseudonyms) pack like real data, so only counting the rows stops them."""
    cells = "".join(
        f'<c t="inlineStr"><is><t>{v}</t></is></c>'
        for v in ("BB-BOMB1", "kronborg", "01-03-2025 14:30", "samtale", "ingen")
    )
    if varied:
        cells = "{row}"
    header = "".join(
        f'<c t="inlineStr"><is><t>{v}</t></is></c>'
        for v in ("pseudonym", "sted", "tidspunkt", "kontakttype", "udfald")
    )
    office = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    package = "http://schemas.openxmlformats.org/package/2006/relationships"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr(
            "_rels/.rels",
            f'<Relationships xmlns="{package}"><Relationship Id="rId1" '
            f'Type="{office}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        archive.writestr(
            "xl/workbook.xml",
            '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            f'xmlns:r="{office}"><sheets><sheet name="Data" sheetId="1" r:id="rId1"/>'
            "</sheets></workbook>",
        )
        archive.writestr(
            "xl/_rels/workbook.xml.rels",
            f'<Relationships xmlns="{package}"><Relationship Id="rId1" '
            f'Type="{office}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
        )
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(
                b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                b"<sheetData>" + f"<row>{header}</row>".encode()
            )
            block = (f"<row>{cells}</row>" * 1000).encode()
            for start in range(rows // 1000):
                if varied:
                    block = "".join(
                        _varied_row(n) for n in range(start * 1000 + 2, start * 1000 + 1002)
                    )
                    block = block.encode()
                sheet.write(block)
            sheet.write(b"</sheetData></worksheet>")


def _varied_row(n: int) -> str:
    values = (
        f"BB-{n:06X}",
        "kronborg",
        f"01-03-2025 {n % 24:02d}:{n % 60:02d}",
        "samtale",
        "ingen",
    )
    cells = "".join(
        f'<c r="{col}{n}" t="inlineStr"><is><t>{v}</t></is></c>'
        for col, v in zip("ABCDE", values, strict=True)
    )
    return f'<row r="{n}">{cells}</row>'


def _peak_mb() -> float:
    """This process's peak resident memory (bench/memory.py)."""
    return peak_kb() / 1024


def child(case: str, file: str) -> dict[str, object]:
    """Run one import into a fresh SQLite database in this process; report as JSON."""
    from data_access.db import create_engine_for, create_schema, sync_organisation
    from data_access.imports import import_file
    from data_access.organisation import load_organisation
    from data_access.settings import ORG_FILE

    org = load_organisation(ORG_FILE.value())
    folder = Path(tempfile.mkdtemp(prefix="bench-imports-"))
    engine = create_engine_for(f"sqlite:///{folder / 'bench.db'}")
    create_schema(engine)
    sync_organisation(engine, org)
    data = Path(file).read_bytes()
    kind = "courses" if case == "rows" else "contacts"
    before = reset_peak_kb() / 1024  # the peak from here on, starting at what is resident now
    started, cpu = time.perf_counter(), time.process_time()
    result = import_file(engine, org, kind, data, Path(file).name)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    return {
        "case": case,
        "bytes": len(data),
        "seconds": round(seconds, 2),
        "cpu_seconds": round(cpu, 2),
        "peak_mb": round(_peak_mb(), 1),
        "baseline_mb": round(before, 1),
        "added": result.added,
        "problems": sorted({p.code for p in result.problems}),
    }


def _measure(case: str, file: Path) -> dict[str, object]:
    out = subprocess.run(
        [sys.executable, "-m", "bench.imports", case, str(file)],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parent.parent,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def unpacked_mb(file: Path) -> float:
    with zipfile.ZipFile(io.BytesIO(file.read_bytes())) as archive:
        return sum(i.file_size for i in archive.infolist()) / 1024 / 1024


def report() -> tuple[list[str], bool]:
    """The lines for the benchmark report, and whether a budget was broken."""
    folder = Path(tempfile.mkdtemp(prefix="bench-import-files-"))
    export, big_bomb, lean_bomb = folder / "forløb.xlsx", folder / "bomb.xlsx", folder / "lean.xlsx"
    long_sheet = folder / "long.xlsx"
    course_export(export)
    zip_bomb(big_bomb, 1_200_000)
    zip_bomb(lean_bomb, 250_000)  # under the unpacked limit: stopped by its packing ratio
    zip_bomb(long_sheet, 150_000, varied=True)  # packs like data: stopped by counting rows
    lines, over = [], False
    rows = _measure("rows", export)
    lines.append(
        f"Import of {ROWS:,} course rows (.xlsx, {rows['bytes'] / 1024 / 1024:.1f} MB): "
        f"{rows['seconds']:.1f} s ({rows['cpu_seconds']:.1f} s of CPU), "
        f"peak memory {rows['peak_mb']:.0f} MB "
        f"(process baseline {rows['baseline_mb']:.0f} MB); {rows['added']:,} courses added"
        f"{'; problems ' + ', '.join(rows['problems']) if rows['problems'] else ''}."
    )
    long = _measure("bomb", long_sheet)
    lines.append(
        f"Sheet of 150,000 varied rows, no dimension ({long['bytes'] / 1024 / 1024:.1f} MB "
        f"unpacking to {unpacked_mb(long_sheet):.0f} MB; not a bomb by its packing): refused "
        f"while streaming in {long['seconds']:.1f} s ({long['cpu_seconds']:.1f} s of CPU), "
        f"peak memory {long['peak_mb']:.0f} MB, as {', '.join(long['problems'])} (no budget)."
    )
    for file, label in ((big_bomb, "1.2 million rows"), (lean_bomb, "250,000 rows")):
        bomb = _measure("bomb", file)
        broke = bomb["seconds"] > BOMB_SECONDS or bomb["peak_mb"] > BOMB_MB or not bomb["problems"]
        over = over or broke
        lines.append(
            f"Zip bomb refused ({label}; {bomb['bytes'] / 1024:.0f} KB unpacking to "
            f"{unpacked_mb(file):.0f} MB): {bomb['seconds']:.2f} s "
            f"({bomb['cpu_seconds']:.2f} s of CPU), peak memory "
            f"{bomb['peak_mb']:.0f} MB, as {', '.join(bomb['problems']) or 'NOT REFUSED'} "
            f"(budget {BOMB_SECONDS:.0f} s and {BOMB_MB:.0f} MB)"
            f"{' - OVER BUDGET' if broke else ''}."
        )
    return lines, over


if __name__ == "__main__":
    if len(sys.argv) == 3:
        print(json.dumps(child(sys.argv[1], sys.argv[2])))
    else:
        text, broken = report()
        print("\n".join(text))
        sys.exit(1 if broken else 0)
