"""Statistics Denmark's figures into the database: fetched from the statbank API, or loaded
from files saved by hand from statistikbanken.dk.

    .venv/bin/python -m data_access.dst fetch [--url URL] [--format jsonstat|csv]
    .venv/bin/python -m data_access.dst load FILE... [--tableinfo FILE]
    .venv/bin/python -m data_access.dst status

A fetch asks the API (POST, a JSON body) for each table's metadata (`tableinfo`) first, reads
from it which variable is what (dst_metadata.py), then asks for the data of every area (the
country, the regions, the municipalities: the comparison needs the municipality, its region,
similar municipalities and the range) and every available year, and stores all tables in one
transaction with their source, table, download time and licence (CC BY 4.0). When the API
cannot be reached or answers an error, nothing is changed and the problem says why.

Files placed in the folder BROBYGGER_DST_DIR are loaded once each (by content), when the page
opens or with `load`; a file's table is named in its file name (SMDBV002.csv) or title.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import http.client
import json
import sys
import urllib.error
import urllib.request
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, Engine, and_, delete, insert, select

from data_access import clock, schema
from data_access.dst_metadata import (
    ATTRIBUTION,
    FETCH_ORDER,
    LICENCE,
    DstProblem,
    Layout,
    TableInfo,
    period_year,
    resolve_layout,
    spec_for,
    table_id_in,
)
from data_access.dst_read import TableFigures, read
from data_access.settings import DST_API_URL, DST_DIR, DST_TIMEOUT

FILE_SUFFIXES = (".csv", ".json", ".txt")
TABLEINFO_SUFFIX = ".tableinfo.json"  # metadata saved beside a file: SMDBV002.tableinfo.json
D = schema.dst_downloads.c
F = schema.dst_figures.c


def now_local() -> dt.datetime:
    return clock.local_now()


class StatbankClient:
    """The statbank API: every call POSTs a JSON body to {base}/{function}."""

    def __init__(self, base_url: str | None = None, timeout: float | None = None) -> None:
        self.base_url = (base_url or DST_API_URL.value()).rstrip("/")
        self.timeout = timeout if timeout is not None else _seconds(DST_TIMEOUT.value())

    def _post(self, function: str, body: dict) -> bytes:
        url = f"{self.base_url}/{function}"
        request = urllib.request.Request(
            url,
            data=json.dumps(body, ensure_ascii=False).encode("utf-8"),
            headers={"Content-Type": "application/json", "Accept": "*/*"},
            method="POST",
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return response.read()
        except urllib.error.HTTPError as exc:
            raise DstProblem(
                "api_error",
                table=body.get("table", "-"),
                status=exc.code,
                message=_error_message(exc.read()),
            ) from exc
        except (OSError, http.client.HTTPException) as exc:  # refused, timed out, no DNS ...
            reason = getattr(exc, "reason", exc)
            raise DstProblem("unreachable", url=self.base_url, reason=reason) from exc

    def tableinfo(self, table_id: str) -> TableInfo:
        answer = self._post("tableinfo", {"table": table_id, "format": "JSON", "lang": "da"})
        try:
            return TableInfo.from_text(answer.decode("utf-8-sig"))
        except UnicodeDecodeError as exc:
            raise DstProblem("bad_tableinfo", detail=exc) from exc

    def data(self, body: dict) -> bytes:
        return self._post("data", body)


def _seconds(text: str) -> float:
    """The timeout setting; a value that is not a positive number falls back to its default."""
    try:
        seconds = float(text)
    except ValueError:
        seconds = 0
    return seconds if seconds > 0 else float(DST_TIMEOUT.default)


def _error_message(answer: bytes) -> str:
    """DST's error text ({"errorTypeCode": ..., "message": ...}), or the start of the answer."""
    text = answer.decode("utf-8", "replace")
    try:
        error = json.loads(text)
        return f"{error.get('message', '')} ({error.get('errorTypeCode', '')})"
    except (json.JSONDecodeError, AttributeError):
        return text[:200] or "-"


def data_request(layout: Layout, periods: list[str], fmt: str = "JSONSTAT") -> dict:
    """The data call for one table: every area, the wanted periods, our key figures and the
    totals of anything else (sex, age ...), with codes from the metadata."""
    variables = [{"code": layout.area.id, "values": ["*"]}]
    if layout.measure is not None:
        codes = list(layout.measure_codes.values())
        variables.append({"code": layout.measure.id, "values": codes})
    variables += [{"code": var, "values": [code]} for var, code in layout.fixed.items()]
    variables.append({"code": layout.time.id, "values": periods})
    return {
        "table": layout.spec.id,
        "format": fmt,
        "lang": "da",
        "valuePresentation": "Code",
        "timeOrder": "Ascending",
        "variables": variables,
    }


def _periods(layouts: dict[str, Layout]) -> dict[str, list[str]]:
    """Every year the drug-treatment tables have; FOLK1A's first quarters of those years and
    any later ones (our own data may run past DST's latest year)."""
    years = [
        year
        for table_id, layout in layouts.items()
        if not layout.spec.quarter
        for code, _ in layout.time.values
        if (year := period_year(layout.spec, code)) is not None
    ]
    first = min(years) if years else 0
    out = {}
    for table_id, layout in layouts.items():
        codes = [
            code
            for code, _ in layout.time.values
            if (year := period_year(layout.spec, code)) is not None and year >= first
        ]
        if not codes:
            raise DstProblem("no_periods", table=table_id)
        out[table_id] = codes
    return out


def fetch(
    engine: Engine,
    client: StatbankClient | None = None,
    fmt: str = "JSONSTAT",
    tables: Iterable[str] = FETCH_ORDER,
) -> list[TableFigures]:
    """Fetch the tables and store them; all or nothing."""
    client = client or StatbankClient()
    layouts, infos = {}, {}
    for table_id in tables:
        infos[table_id] = client.tableinfo(table_id)
        layouts[table_id] = resolve_layout(infos[table_id], spec_for(table_id))
    periods = _periods(layouts)
    results = []
    for table_id, layout in layouts.items():
        answer = client.data(data_request(layout, periods[table_id], fmt))
        name = f"{table_id}.{'json' if fmt.upper() == 'JSONSTAT' else 'csv'}"
        results.append(read(answer, name, infos[table_id]))
    with engine.begin() as conn:
        for figures in results:
            store(conn, figures, "api", f"{client.base_url}/data")
    return results


def store(
    conn: Connection,
    figures: TableFigures,
    source: str,
    location: str,
    file_hash: str | None = None,
) -> int:
    """Record a download and its figures; a figure already held for the same table, measure,
    area and year is replaced by the newer one. Returns the download's id."""
    download_id = conn.execute(
        insert(schema.dst_downloads).values(
            table_id=figures.table_id,
            table_title=figures.title[:300] or figures.table_id,
            source=source,
            location=location[:500],
            file_hash=file_hash,
            table_updated=figures.updated[:40],
            downloaded_at=now_local(),
            licence=LICENCE,
            attribution=ATTRIBUTION,
            tableinfo=figures.info.to_text(),
            figure_count=len(figures.figures),
        )
    ).inserted_primary_key[0]
    measures = sorted({f.measure for f in figures.figures})
    areas = sorted({f.area_code for f in figures.figures})
    years = sorted({f.year for f in figures.figures})
    conn.execute(
        delete(schema.dst_figures).where(
            and_(
                F.table_id == figures.table_id,
                F.measure.in_(measures),
                F.area_code.in_(areas),
                F.year.in_(years),
            )
        )
    )
    conn.execute(
        insert(schema.dst_figures),
        [
            {
                "download_id": download_id,
                "table_id": figures.table_id,
                "measure": f.measure,
                "area_code": f.area_code,
                "year": f.year,
                "value": f.value,
                "source_code": f.source_code[:120],
            }
            for f in figures.figures
        ],
    )
    return int(download_id)


@dataclass(frozen=True)
class FileResult:
    file: str
    table_id: str | None = None
    figure_count: int = 0
    problem: DstProblem | None = None
    already_loaded: bool = False


def file_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def load_bytes(engine: Engine, name: str, data: bytes, info: TableInfo | None = None) -> FileResult:
    """Read one file and store its figures; a bad file changes nothing."""
    try:
        figures = read(data, name, info)
        with engine.begin() as conn:
            store(conn, figures, "file", name, file_hash(data))
    except DstProblem as problem:
        return FileResult(name, problem=problem)
    return FileResult(name, figures.table_id, len(figures.figures))


def _sidecar_info(path: Path) -> TableInfo | None:
    """Metadata saved beside a file (SMDBV002.tableinfo.json), if any."""
    table_id = table_id_in(path.name)
    sidecar = path.with_name(f"{table_id}{TABLEINFO_SUFFIX}") if table_id else None
    return (
        TableInfo.from_text(sidecar.read_text("utf-8-sig"))
        if sidecar and sidecar.exists()
        else None
    )


def data_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(
        p
        for p in folder.iterdir()
        if p.is_file()
        and p.suffix.lower() in FILE_SUFFIXES
        and not p.name.endswith(TABLEINFO_SUFFIX)
    )


def sync_folder(engine: Engine, folder: Path | None = None) -> list[FileResult]:
    """Load the files placed in the folder that have not been loaded before (by content)."""
    folder = folder or Path(DST_DIR.value())
    with engine.connect() as conn:
        known = set(conn.scalars(select(D.file_hash).where(D.file_hash.is_not(None))))
    results = []
    for path in data_files(folder):
        data = path.read_bytes()
        if file_hash(data) in known:
            results.append(FileResult(path.name, already_loaded=True))
            continue
        try:
            info = _sidecar_info(path)
        except DstProblem as problem:
            results.append(FileResult(path.name, problem=problem))
            continue
        results.append(load_bytes(engine, path.name, data, info))
    return results


@dataclass(frozen=True)
class DownloadRecord:
    table_id: str
    title: str
    source: str
    location: str
    downloaded_at: dt.datetime
    table_updated: str
    licence: str
    attribution: str
    figure_count: int


def sources(engine: Engine) -> list[DownloadRecord]:
    """The downloads and files the figures now held came from (the page's source line)."""
    query = (
        select(
            D.table_id,
            D.table_title,
            D.source,
            D.location,
            D.downloaded_at,
            D.table_updated,
            D.licence,
            D.attribution,
            D.figure_count,
        )
        .where(D.id.in_(select(F.download_id).distinct()))
        .order_by(D.table_id, D.downloaded_at)
    )
    with engine.connect() as conn:
        return [DownloadRecord(*row) for row in conn.execute(query)]


def _describe(problem: DstProblem) -> str:
    from data_access.dst_problems import problem_text

    return problem_text(problem, "da")


def main(argv: list[str] | None = None) -> int:
    from data_access.db import create_engine_for, create_schema, resolve_url, secrets_file_url

    parser = argparse.ArgumentParser(description="Statistics Denmark's figures for Brobygger.")
    parser.add_argument("--db", help="database URL (default: the app's configured database)")
    commands = parser.add_subparsers(dest="command", required=True)
    fetch_cmd = commands.add_parser("fetch", help="fetch the tables from the statbank API")
    fetch_cmd.add_argument("--url", help=f"the API (default {DST_API_URL.value()})")
    fetch_cmd.add_argument("--format", choices=("jsonstat", "csv"), default="jsonstat")
    load_cmd = commands.add_parser("load", help="load files saved from statistikbanken.dk")
    load_cmd.add_argument("files", nargs="*", type=Path, help=f"default: {DST_DIR.value()}")
    load_cmd.add_argument("--tableinfo", type=Path, help="the table's metadata (JSON)")
    commands.add_parser("status", help="what has been fetched or loaded")
    args = parser.parse_args(argv)

    engine = create_engine_for(args.db or resolve_url(secrets_file_url()))
    create_schema(engine)
    if args.command == "fetch":
        try:
            results = fetch(engine, StatbankClient(args.url), args.format.upper())
        except DstProblem as problem:
            print(_describe(problem), file=sys.stderr)
            return 1
        for figures in results:
            print(f"{figures.table_id}: {len(figures.figures)} tal ({figures.title})")
        return 0
    if args.command == "load":
        try:
            info = (
                TableInfo.from_text(args.tableinfo.read_text("utf-8-sig"))
                if args.tableinfo
                else None
            )
        except (OSError, DstProblem) as exc:
            print(_describe(exc) if isinstance(exc, DstProblem) else exc, file=sys.stderr)
            return 1
        if args.files:
            results = [load_bytes(engine, p.name, p.read_bytes(), info) for p in args.files]
        else:
            results = sync_folder(engine)
            if not results:
                print(f"Ingen filer i {DST_DIR.value()}", file=sys.stderr)
        for result in results:
            if result.problem:
                print(f"{result.file}: {_describe(result.problem)}", file=sys.stderr)
            elif result.already_loaded:
                print(f"{result.file}: allerede indlæst")
            else:
                print(f"{result.file}: {result.table_id}, {result.figure_count} tal")
        return 1 if any(r.problem for r in results) or not results else 0
    for record in sources(engine):
        print(
            f"{record.table_id}: {record.figure_count} tal, {record.source} {record.location}, "
            f"{record.downloaded_at:%d-%m-%Y %H:%M}, {record.licence}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
