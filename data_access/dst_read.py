"""Reading Statistics Denmark's own formats into figures: the statbank API's CSV (semicolon,
`INDHOLD` the value column, cells as codes, texts or "code text"), JSON-stat (version 1, as the
API's JSONSTAT gives it, and version 2), and the semicolon files statistikbanken.dk saves by
hand (a title line, the years across, the rows' labels written once and left blank below).

Every file becomes cells first (variable -> cell per observation); the table's metadata, from
the API or derived from the file itself, then says what each cell means (dst_metadata.py).
DST's ".." (confidential, or not approved by the municipality) is kept as a missing figure,
never as 0. A problem names the row and the column.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass

from data_access import dk_areas
from data_access.dst_metadata import (
    DstProblem,
    Layout,
    TableInfo,
    TableSpec,
    Variable,
    period_year,
    resolve_layout,
    spec_for,
    table_id_in,
)

MISSING = {"..", "...", ":", "-", ""}  # DST's "..": confidential or missing; never a zero
VALUE_COLUMN = "INDHOLD"
_PERIOD = re.compile(r"^\d{4}([KQ][1-4]|M\d{2})?$", re.IGNORECASE)
MAX_BYTES = 20 * 1024 * 1024
MAX_CELLS = 2_000_000  # a JSON-stat cube may promise more cells than its bytes hold


@dataclass(frozen=True)
class Figure:
    measure: str
    area_code: str
    area_name: str
    year: int
    value: float | None  # None: DST's ".."
    source_code: str  # DST's code of the key figure (or the table's content)


@dataclass(frozen=True)
class TableFigures:
    table_id: str
    title: str
    updated: str
    figures: tuple[Figure, ...]
    info: TableInfo


@dataclass(frozen=True)
class _Cells:
    """A file taken apart: per observation, one cell for each variable, and the value."""

    columns: tuple[str, ...]
    rows: tuple[tuple[tuple[str, ...], str | float | None, str], ...]  # cells, value, where
    derived: TableInfo  # the metadata the file itself tells
    title: str
    named: bool = True  # False: the table layout, whose label columns have no names


def parse_number(cell: str | float | None, where: str, column: str) -> float | None:
    """A figure as DST writes it: "1234", "1.234" or "12,5" (Danish), "12.5" (English);
    ".." and blanks are missing. A JSON number is taken as it is."""
    if cell is None or isinstance(cell, int | float):
        if cell is not None and cell < 0:
            raise DstProblem("negative_value", row=where, column=column, value=cell)
        return None if cell is None else float(cell)
    text = cell.strip().replace("\xa0", "").replace(" ", "")
    if text in MISSING:
        return None
    if "," in text:
        text = text.replace(".", "").replace(",", ".")
    elif re.fullmatch(r"-?\d{1,3}(\.\d{3})+", text):  # counts: dots group thousands
        text = text.replace(".", "")
    try:
        value = float(text)
    except ValueError:
        raise DstProblem("bad_number", row=where, column=column, value=cell) from None
    if value < 0:
        raise DstProblem("negative_value", row=where, column=column, value=cell)
    return value


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise DstProblem("bad_encoding")


def _area_variable_from(name: str, cells: list[str]) -> Variable | None:
    """A column that holds areas (names, codes or "code name"), with DST's codes for them."""
    values: dict[str, str] = {}
    for cell in cells:
        text = cell.strip()
        head, _, rest = text.partition(" ")
        if text in dk_areas.AREA_NAMES:
            values[text] = dk_areas.AREA_NAMES[text]
        elif head in dk_areas.AREA_NAMES and rest:
            values[head] = rest
        elif (code := dk_areas.code_for_name(text)) is not None:
            values[code] = text
    if not values or len(values) * 2 < len(set(cells)):
        return None
    return Variable(name, name, False, False, tuple(values.items()))


def _derive_info(
    table_id: str, title: str, columns: list[str], cells: list[list[str]]
) -> TableInfo:
    """Metadata from a file alone (no tableinfo at hand): each column's distinct cells are its
    values; an area column gets DST's codes from the names; the period column is time."""
    variables = []
    for index, name in enumerate(columns):
        column_cells = list(dict.fromkeys(row[index] for row in cells))
        area = _area_variable_from(name, column_cells)
        if area is not None:
            variables.append(area)
            continue
        # A period may come as "2023" or, with codes and texts, "2023 2023".
        heads = [(c.split() or [""])[0] for c in column_cells]
        if all(_PERIOD.match(h) for h in heads):
            values = tuple((h, c.strip()) for h, c in zip(heads, column_cells, strict=True))
            variables.append(Variable(name, name, True, True, values))
            continue
        is_time = name.casefold() == "tid"
        values = tuple((c.strip(), c.strip()) for c in column_cells)
        variables.append(Variable(name, name, is_time, True, values))
    raw = {"id": table_id, "text": title, "variables": [{"id": v.id} for v in variables]}
    return TableInfo(table_id, title, "", "", tuple(variables), raw)


def _long_csv(rows: list[list[str]], header_at: int, table_id: str, title: str) -> _Cells:
    header = [c.strip() for c in rows[header_at]]
    value_at = next(i for i, c in enumerate(header) if c.upper() == VALUE_COLUMN)
    columns = header[:value_at]
    body = []
    for line, row in enumerate(rows[header_at + 1 :], start=header_at + 2):
        if not any(c.strip() for c in row):
            continue
        if len(row) <= value_at:
            raise DstProblem("short_row", row=line, column=VALUE_COLUMN)
        body.append((tuple(row[:value_at]), row[value_at], str(line)))
    derived = _derive_info(table_id, title, columns, [list(r[0]) for r in body])
    return _Cells(tuple(columns), tuple(body), derived, title)


def _matrix_csv(rows: list[list[str]], table_id: str) -> _Cells:
    """statistikbanken.dk's table layout: periods across, row labels down the left."""
    for at, row in enumerate(rows):
        cells = [c.strip() for c in row]
        stubs = next((i for i, c in enumerate(cells) if c), len(cells))
        periods = [c for c in cells[stubs:] if c]
        if stubs and periods and all(_PERIOD.match(c) for c in periods):
            header_at, heads = at, cells
            break
    else:
        raise DstProblem("unknown_layout")
    title = " ".join(c.strip() for r in rows[:header_at] for c in r if c.strip())
    columns = [f"{index + 1}" for index in range(stubs)] + ["Tid"]
    body, carried = [], [""] * stubs
    for line, row in enumerate(rows[header_at + 1 :], start=header_at + 2):
        labels = [c.strip() for c in row[:stubs]] + [""] * (stubs - len(row[:stubs]))
        carried = [label or carried[i] for i, label in enumerate(labels)]
        values = row[stubs:]
        if not any(v.strip() for v in values):
            continue  # a footnote or a blank line
        for offset, period in enumerate(heads[stubs:]):
            if period and offset < len(values):
                body.append((tuple([*carried, period]), values[offset], f"{line}, {period}"))
    derived = _derive_info(table_id, title, columns, [list(r[0]) for r in body])
    return _Cells(tuple(columns), tuple(body), derived, title, named=False)


def _csv_cells(text: str, table_id: str) -> _Cells:
    sample = "\n".join(text.splitlines()[:20])
    try:
        delimiter = csv.Sniffer().sniff(sample, delimiters=";,\t").delimiter
    except csv.Error:
        delimiter = ";"
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    for at, row in enumerate(rows):
        if any(c.strip().upper() == VALUE_COLUMN for c in row):
            title = " ".join(c.strip() for r in rows[:at] for c in r if c.strip())
            return _long_csv(rows, at, table_id, title)
    return _matrix_csv(rows, table_id)


def _jsonstat_dataset(data: dict) -> tuple[dict, dict, list[str], list[int], dict]:
    """(dataset, dimensions, dimension ids, sizes, roles) for JSON-stat 2 or 1."""
    if data.get("class") == "dataset" or ("id" in data and "dimension" in data):
        return data, data["dimension"], list(data["id"]), list(data["size"]), data.get("role", {})
    dataset = data.get("dataset") or next(v for v in data.values() if isinstance(v, dict))
    dims = dataset["dimension"]
    return dataset, dims, list(dims["id"]), list(dims["size"]), dims.get("role", {})


def _category_codes(category: dict) -> list[str]:
    index = category.get("index")
    if index is None:
        return list(category.get("label", {}))
    if isinstance(index, list):
        return [str(c) for c in index]
    return [str(c) for c, _ in sorted(index.items(), key=lambda item: item[1])]


def _jsonstat_cells(data: object, table_id: str) -> _Cells:
    try:
        dataset, dims, ids, sizes, roles = _jsonstat_dataset(data)  # type: ignore[arg-type]
        time_ids = set(roles.get("time", []))
        variables, codes = [], []
        for dim_id, size in zip(ids, sizes, strict=True):
            category = dims[dim_id]["category"]
            dim_codes = _category_codes(category)
            if len(dim_codes) != size:
                raise ValueError(f"{dim_id}: {len(dim_codes)} categories, size {size}")
            labels = category.get("label", {})
            values = tuple((c, str(labels.get(c, c))) for c in dim_codes)
            is_time = dim_id in time_ids or dim_id.casefold() == "tid"
            label = str(dims[dim_id].get("label", dim_id))
            variables.append(Variable(dim_id, label, is_time, True, values))
            codes.append(dim_codes)
        raw_values = dataset.get("value", [])
        status = dataset.get("status") or {}
        title = str(dataset.get("label", ""))
        updated = str(dataset.get("updated", ""))
    except (KeyError, TypeError, AttributeError, StopIteration, ValueError) as exc:
        raise DstProblem("bad_jsonstat", detail=exc) from exc
    total = 1
    for size in sizes:
        total *= size
    if total > MAX_CELLS:
        raise DstProblem("too_many_figures", limit=MAX_CELLS)
    body = []
    for flat in range(total):
        cells, rest = [], flat
        for dim_codes, size in zip(reversed(codes), reversed(sizes), strict=True):
            cells.append(dim_codes[rest % size])
            rest //= size
        value = _at(raw_values, flat)
        if _at(status, flat) == ".." or not isinstance(value, int | float | str):
            value = None  # JSON-stat's null (or a ".." status): missing, never 0
        body.append((tuple(reversed(cells)), value, f"value {flat + 1}"))
    raw = {"id": table_id, "description": title, "updated": updated}
    derived = TableInfo(table_id, title, "", updated, tuple(variables), raw)
    return _Cells(tuple(ids), tuple(body), derived, title)


def _at(container: object, index: int) -> object:
    """Item `index` of a JSON-stat value or status, which may be a list or a sparse object."""
    if isinstance(container, dict):
        return container.get(str(index))
    if isinstance(container, list) and index < len(container):
        return container[index]
    return None


def _check_against(info: TableInfo, cells: _Cells) -> list[Variable]:
    """The file's columns as the metadata's variables; a column the metadata does not know is a
    changed or wrong code and stops the read."""
    matched = []
    for column, derived in zip(cells.columns, cells.derived.variables, strict=True):
        variable = info.variable(column)
        if variable is None and not cells.named and not derived.time:
            # the table layout's label columns have no names: match them by their content
            variable = next(
                (
                    v
                    for v in info.variables
                    if not v.time and all(v.code_of(c) is not None for c, _ in derived.values)
                ),
                None,
            )
        if variable is None and len(derived.values) == 1:
            variable = derived  # a one-value dimension such as JSON-stat's ContentsCode
        if variable is None:
            known = ", ".join(v.id for v in info.variables)
            raise DstProblem("unknown_column", table=info.id, column=column, known=known)
        matched.append(variable)
    return matched


def _observations(
    cells: _Cells, variables: list[Variable]
) -> Iterator[tuple[dict[str, str], str, str]]:
    for row, value, where in cells.rows:
        codes = {}
        for column, variable, cell in zip(cells.columns, variables, row, strict=True):
            code = variable.code_of(cell)
            if code is None:
                raise DstProblem("unknown_value", row=where, column=column, value=cell)
            codes[variable.id] = code
        yield codes, value, where


def _figures(cells: _Cells, layout: Layout, variables: list[Variable]) -> tuple[Figure, ...]:
    spec, present = layout.spec, {v.id for v in variables}
    for needed in (layout.time, layout.area, layout.measure):
        if needed is not None and needed.id not in present:
            raise DstProblem("missing_column", table=spec.id, column=needed.id)
    measure_of = {code: name for name, code in layout.measure_codes.items()}
    seen: dict[tuple[str, str, int], str] = {}
    out = []
    for codes, value, where in _observations(cells, variables):
        if any(codes.get(var, total) != total for var, total in layout.fixed.items()):
            continue  # a breakdown (men, an age group ...): Brobygger reads the totals
        if layout.measure is None:
            measure, source = spec.content or "value", spec.id
        else:
            source = codes[layout.measure.id]
            if source not in measure_of:
                continue
            measure = measure_of[source]
        year = period_year(spec, codes[layout.time.id])
        area = codes[layout.area.id]
        if year is None or area not in dk_areas.AREA_NAMES:
            continue  # another quarter of FOLK1A, or an area such as "unknown municipality"
        key = (measure, area, year)
        if key in seen:
            raise DstProblem("duplicate_figure", row=where, first=seen[key])
        seen[key] = where
        number = parse_number(value, where, VALUE_COLUMN)
        out.append(Figure(measure, area, dk_areas.AREA_NAMES[area], year, number, source))
    if not out:
        raise DstProblem("no_figures", table=spec.id)
    return tuple(out)


def read(
    data: bytes, file_name: str = "", info: TableInfo | None = None, table_id: str | None = None
) -> TableFigures:
    """Figures from a DST file (CSV or JSON-stat). `info` is the table's metadata when at hand;
    without it the file's own labels are used."""
    if not data.strip():
        raise DstProblem("empty_file")
    if len(data) > MAX_BYTES:
        raise DstProblem("too_big", limit=f"{MAX_BYTES // (1024 * 1024)} MB")
    text = _decode(data)
    parsed: object = None
    if text.lstrip().startswith("{"):
        try:
            parsed = json.loads(text)
        except json.JSONDecodeError as exc:
            raise DstProblem("bad_jsonstat", detail=exc.msg) from exc
    head = text[:2000] if parsed is None else str(_title_of(parsed))
    table_id = (
        table_id or (info.id if info else None) or table_id_in(file_name) or table_id_in(head)
    )
    if table_id is None:
        raise DstProblem("which_table", file=file_name or "-")
    spec: TableSpec = spec_for(table_id)
    if info is not None and info.id != spec.id:
        raise DstProblem("wrong_tableinfo", table=spec.id, tableinfo=info.id)
    cells = _jsonstat_cells(parsed, spec.id) if parsed is not None else _csv_cells(text, spec.id)
    metadata = info or cells.derived
    variables = _check_against(metadata, cells) if info else list(cells.derived.variables)
    layout = resolve_layout(metadata, spec)
    figures = _figures(cells, layout, variables)
    title = (info.text if info else "") or cells.title
    return TableFigures(spec.id, title, metadata.updated, figures, metadata)


def _title_of(parsed: object) -> str:
    if not isinstance(parsed, dict):
        return ""
    dataset = parsed.get("dataset", parsed)
    return str(dataset.get("label", "")) if isinstance(dataset, dict) else ""
