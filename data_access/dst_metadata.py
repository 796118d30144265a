"""Statistics Denmark's table metadata (the statbank API's `tableinfo`) and how Brobygger reads
a table from it.

Nothing here guesses DST's codes. A table's variables and their value codes come from its
metadata; which variable is the area, which the key figure and which value is "persons in
treatment" is found from the metadata's own texts (Danish or English), so a table whose codes
change (OMRÅDE becoming KOMK, a key figure getting a new code) is still read right, and one
whose texts no longer say what we need fails with a message naming what is missing.

Problems are raised as `DstProblem` codes with parameters; the UI words them
(language/locale, "dst.problem.<code>").
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass, field

from data_access import dk_areas

LICENCE = "CC BY 4.0"
ATTRIBUTION = "Danmarks Statistik, statistikbanken.dk"


class DstProblem(Exception):
    """Something about DST's files, metadata or API that stops a read or a fetch."""

    def __init__(self, code: str, **params: object) -> None:
        self.code = code
        self.params = {key: str(value) for key, value in params.items()}
        super().__init__(f"{code} {self.params}")


@dataclass(frozen=True)
class Variable:
    id: str
    text: str
    time: bool
    elimination: bool
    values: tuple[tuple[str, str], ...]  # (code, text) in DST's order

    @functools.cached_property
    def _lookup(self) -> dict[str, str]:
        """Every way a cell may write a value (code, text, "code text"), folded, to its code."""
        lookup: dict[str, str] = {}
        for code, text in reversed(self.values):  # the first value wins a shared text
            lookup[f"{code} {text}".casefold()] = code
            lookup[text.casefold()] = code
        for code, _ in self.values:
            lookup[code.casefold()] = code
        return lookup

    def code_of(self, cell: str) -> str | None:
        """The value code a cell stands for: the code itself, the text, or "code text"
        (the API's valuePresentation Code, Value/Default or CodeAndValue)."""
        cell = cell.strip()
        return cell if cell in self._codes else self._lookup.get(cell.casefold())

    @functools.cached_property
    def _codes(self) -> frozenset[str]:
        return frozenset(code for code, _ in self.values)

    def text_of(self, code: str) -> str:
        return dict(self.values).get(code, code)


@dataclass(frozen=True)
class TableInfo:
    id: str
    text: str
    unit: str
    updated: str
    variables: tuple[Variable, ...]
    raw: dict = field(repr=False, compare=False, hash=False)

    @classmethod
    def from_json(cls, data: object) -> TableInfo:
        """Parse the API's tableinfo answer (format JSON)."""
        try:
            variables = tuple(
                Variable(
                    id=str(v["id"]),
                    text=str(v.get("text", v["id"])),
                    time=bool(v.get("time", False)),
                    elimination=bool(v.get("elimination", False)),
                    values=tuple((str(x["id"]), str(x.get("text", x["id"]))) for x in v["values"]),
                )
                for v in data["variables"]  # type: ignore[index]
            )
            return cls(
                id=str(data["id"]).upper(),  # type: ignore[index]
                text=str(data.get("description") or data.get("text") or ""),  # type: ignore[union-attr]
                unit=str(data.get("unit") or ""),  # type: ignore[union-attr]
                updated=str(data.get("updated") or ""),  # type: ignore[union-attr]
                variables=variables,
                raw=data,  # type: ignore[arg-type]
            )
        except (KeyError, TypeError, AttributeError) as exc:
            raise DstProblem("bad_tableinfo", detail=exc) from exc

    @classmethod
    def from_text(cls, text: str) -> TableInfo:
        try:
            return cls.from_json(json.loads(text))
        except json.JSONDecodeError as exc:
            raise DstProblem("bad_tableinfo", detail=exc.msg) from exc

    def to_text(self) -> str:
        return json.dumps(self.raw, ensure_ascii=False)

    def variable(self, name: str) -> Variable | None:
        """A variable by id, as a file's header may write it (TID for Tid)."""
        return next((v for v in self.variables if v.id.casefold() == name.casefold()), None)


@dataclass(frozen=True)
class Measure:
    """One figure Brobygger reads from a table, found by the key figure's text."""

    name: str
    include: str  # regular expression on DST's value text, Danish or English
    exclude: str | None = None
    required: bool = True

    def matches(self, text: str) -> bool:
        if not re.search(self.include, text, re.IGNORECASE):
            return False
        return not (self.exclude and re.search(self.exclude, text, re.IGNORECASE))


@dataclass(frozen=True)
class TableSpec:
    id: str
    measures: tuple[Measure, ...]  # empty: the table holds one figure, named `content`
    content: str | None = None
    quarter: str | None = None  # FOLK1A: the quarter whose figure stands for the year ("K1")


_SHARE = r"pct|procent|andel|per ?cent|share"
TABLES: dict[str, TableSpec] = {
    spec.id: spec
    for spec in (
        TableSpec(
            "SMDBV001",
            (
                Measure("requests", r"anmod|request"),
                Measure("starts", r"iværks|initiat|start", exclude=r"anmod|request|afslut|ended"),
                Measure("ends", r"afslut|\bended\b|\bends?\b"),
            ),
        ),
        TableSpec(
            "SMDBV002",
            (
                Measure("persons", r"person"),
                Measure("contact_courses", r"kontaktforløb|contact", required=False),
                Measure(
                    "treatment_courses",
                    r"behandlingsforløb|treatment course",
                    exclude=r"person",
                    required=False,
                ),
            ),
        ),
        TableSpec(
            "SMDBV004",
            (
                Measure(
                    "guarantee_starts",
                    r"i alt|total|\balle\b|\ball\b",
                    exclude=rf"overskred|exceed|overhold|\bkept\b|\bmet\b|{_SHARE}",
                ),
                Measure(
                    "guarantee_exceeded",
                    r"overskred|exceed|ikke overhold|not (been )?met|not kept",
                    exclude=_SHARE,
                ),
            ),
        ),
        TableSpec("FOLK1A", (), content="population", quarter="K1"),
    )
}
FETCH_ORDER = ("SMDBV002", "SMDBV004", "SMDBV001", "FOLK1A")

TABLE_ID = re.compile(r"(SMDBV00[1-4]|FOLK1A)", re.IGNORECASE)
_TOTAL_TEXT = re.compile(r"(^|\s)(i alt|total)$|^alle\b|^all\b", re.IGNORECASE)
_TOTAL_CODES = {"TOT", "IALT", "I ALT"}


def table_id_in(text: str) -> str | None:
    """The id of a table Brobygger reads, if `text` (a file name or a title) names one."""
    found = TABLE_ID.search(text)
    return found.group(1).upper() if found else None


def spec_for(table_id: str) -> TableSpec:
    spec = TABLES.get(table_id.upper())
    if spec is None:
        raise DstProblem("unknown_table", table=table_id, known=", ".join(TABLES))
    return spec


@dataclass(frozen=True)
class Layout:
    """How to read one table: which of its variables is what, found from its metadata."""

    spec: TableSpec
    time: Variable
    area: Variable
    measure: Variable | None
    measure_codes: dict[str, str]  # our measure name -> DST's value code
    fixed: dict[str, str]  # any other variable -> the code of its total


def _is_area(variable: Variable) -> bool:
    """Most of its value codes are DST's area codes (the country, regions, municipalities)."""
    codes = [code for code, _ in variable.values]
    known = [code for code in codes if code in dk_areas.AREA_NAMES]
    return bool(known) and len(known) * 2 >= len(codes)


def _total_code(variable: Variable) -> str | None:
    if len(variable.values) == 1:
        return variable.values[0][0]
    for code, text in variable.values:
        if code.upper() in _TOTAL_CODES or _TOTAL_TEXT.search(text.strip()):
            return code
    return None


def _measure_codes(spec: TableSpec, variable: Variable) -> dict[str, str] | None:
    """Our measures found among `variable`'s values, or None if a required one is not there."""
    found: dict[str, str] = {}
    for measure in spec.measures:
        hits = [code for code, text in variable.values if measure.matches(text)]
        if len(hits) > 1:
            texts = ", ".join(variable.text_of(code) for code in hits)
            raise DstProblem("measure_ambiguous", table=spec.id, measure=measure.name, values=texts)
        if hits:
            found[measure.name] = hits[0]
        elif measure.required:
            return None
    return found


def resolve_layout(info: TableInfo, spec: TableSpec | None = None) -> Layout:
    """Find the area, time and key-figure variables of a table from its metadata."""
    spec = spec or spec_for(info.id)
    names = ", ".join(v.id for v in info.variables)
    time = next((v for v in info.variables if v.time), None) or info.variable("Tid")
    if time is None:
        raise DstProblem("no_time_variable", table=spec.id, variables=names)
    area = next((v for v in info.variables if v is not time and _is_area(v)), None)
    if area is None:
        raise DstProblem("no_area_variable", table=spec.id, variables=names)
    others = [v for v in info.variables if v is not time and v is not area]
    measure, codes = None, {}
    if spec.measures:
        for candidate in others:
            found = _measure_codes(spec, candidate)
            if found is not None:
                measure, codes = candidate, found
                break
        if measure is None:
            wanted = next(m for m in spec.measures if m.required)
            offered = "; ".join(f"{v.id}: " + ", ".join(t for _, t in v.values) for v in others)
            raise DstProblem(
                "measure_not_found", table=spec.id, measure=wanted.name, offered=offered or "-"
            )
    fixed: dict[str, str] = {}
    for variable in others:
        if variable is measure:
            continue
        total = _total_code(variable)
        if total is not None:
            fixed[variable.id] = total
        elif not variable.elimination:
            raise DstProblem("no_total", table=spec.id, variable=variable.id)
    return Layout(spec, time, area, measure, codes, fixed)


def period_year(spec: TableSpec, code: str) -> int | None:
    """The year a period code stands for: "2023" -> 2023; for FOLK1A "2023K1" -> 2023 and
    other quarters -> None (the first quarter's population stands for the year)."""
    code = code.strip().upper()
    if spec.quarter:
        found = re.fullmatch(rf"(\d{{4}}){spec.quarter}", code)
    else:
        found = re.fullmatch(r"(\d{4})", code)
    return int(found.group(1)) if found else None
