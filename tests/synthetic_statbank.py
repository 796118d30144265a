"""A local stand-in for Statistics Denmark's statbank API (api.statbank.dk/v1), serving
SYNTHETIC TEST DATA: made up here, in code, and labelled so in every table's title and note.
None of these numbers are DST's.

The stand-in answers like the real API, as DST's API documentation describes it: `tableinfo`
(JSON metadata: variables, value codes and texts, time and elimination flags), `tables`, and
`data` (a POSTed JSON body, or GET /data/{table}/{format}?VAR=a,b), in the formats CSV and BULK
(semicolon, upper-case headers, `INDHOLD` the value column, ".." for a missing figure, decimal
comma in Danish) and JSONSTAT (JSON-stat 1.0 with a ContentsCode dimension, null for missing),
with value selections by code, "*" and patterns such as "*K1", ">=2015<=2020" and "(1)",
variables left out eliminated where the metadata allows it, and DST's errors
({"errorTypeCode", "message"}, HTTP 400) for an unknown table, variable, value or format.

The SMDBV tables' variable ids and key-figure codes here are this stand-in's own (the real
tables' metadata could not be read offline); Brobygger finds them from the metadata's texts,
and the tests change them to prove that it does.
"""

from __future__ import annotations

import copy
import fnmatch
import functools
import json
import random
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from itertools import product
from urllib.parse import parse_qs, urlparse

from data_access import dk_areas

SYNTHETIC_DA = "SYNTETISKE TESTDATA (ikke Danmarks Statistiks tal)"
SYNTHETIC_EN = "SYNTHETIC TEST DATA (not Statistics Denmark's figures)"
YEARS = tuple(range(2015, 2025))
QUARTERS = tuple(f"{y}K{q}" for y in range(2008, 2026) for q in (1, 2, 3, 4))[:-1]
HELSINGOR = "217"


def _areas() -> list[tuple[str, str]]:
    areas = [(dk_areas.COUNTRY, "Hele landet")]
    for region, name in dk_areas.REGIONS.items():
        areas.append((region, name))
        areas += [(m.code, m.name) for m in dk_areas.MUNICIPALITIES.values() if m.region == region]
    return areas


def _values(*pairs: tuple[str, str, str]) -> list[dict]:
    return [{"id": code, "text": da, "text_en": en} for code, da, en in pairs]


def _variable(var_id: str, da: str, en: str, values: list[dict], **flags: bool) -> dict:
    return {
        "id": var_id,
        "text": da,
        "text_en": en,
        "elimination": flags.get("elimination", False),
        "time": flags.get("time", False),
        "values": values,
    }


def _area_variable(var_id: str) -> dict:
    values = [
        {"id": c, "text": n, "text_en": n.replace("Hele landet", "All Denmark")}
        for c, n in _areas()
    ]
    return _variable(var_id, "område", "region", values)


def _time(codes: tuple[str, ...]) -> dict:
    return _variable(
        "Tid", "tid", "time", [{"id": c, "text": c, "text_en": c} for c in codes], time=True
    )


def _table(table_id: str, da: str, en: str, variables: list[dict]) -> dict:
    return {
        "id": table_id,
        "text": f"{SYNTHETIC_DA}: {da.split(' efter ')[0]}",
        "text_en": f"{SYNTHETIC_EN}: {en.split(' by ')[0]}",
        "description": f"{SYNTHETIC_DA}: {da}",
        "description_en": f"{SYNTHETIC_EN}: {en}",
        "unit": "Antal",
        "unit_en": "Number",
        "suppressedDataValue": "0",
        "updated": "2025-06-19T08:00:00",
        "active": True,
        "contacts": [],
        "documentation": None,
        "footnote": {
            "text": "Syntetiske testdata lavet af Brobyggers tests; ikke Danmarks Statistiks tal.",
            "mandatory": True,
        },
        "variables": variables,
    }


def synthetic_tables() -> dict[str, dict]:
    """The tables' metadata, with both languages' texts (tableinfo answers one)."""
    ages = [("IALT", "Alder i alt", "Age, total")] + [
        (str(a), f"{a} år", f"{a} years") for a in range(126)
    ]
    return {
        "SMDBV001": _table(
            "SMDBV001",
            "Stofmisbrugsbehandling efter område, aktivitet og tid",
            "Drug abuse treatment by region, activity and time",
            [
                _area_variable("OMRÅDE"),
                _variable(
                    "AKTIVITET",
                    "aktivitet",
                    "activity",
                    _values(
                        ("ANM", "Anmodninger", "Requests"),
                        ("IVAERK", "Iværksættelser", "Initiated treatments"),
                        ("AFSL", "Afsluttede behandlinger", "Ended treatments"),
                    ),
                ),
                _time(tuple(map(str, YEARS))),
            ],
        ),
        "SMDBV002": _table(
            "SMDBV002",
            "Stofmisbrugsbehandling efter kommune, nøgletal og tid",
            "Drug abuse treatment by municipality, key figures and time",
            [
                _area_variable("KOMK"),
                _variable(
                    "BNØGLE",
                    "nøgletal",
                    "key figures",
                    _values(
                        ("KONT", "Kontaktforløb", "Contact courses"),
                        ("BEH", "Behandlingsforløb", "Treatment courses"),
                        ("PERS", "Personer i behandling", "Persons in treatment"),
                    ),
                ),
                _time(tuple(map(str, YEARS))),
            ],
        ),
        "SMDBV004": _table(
            "SMDBV004",
            "Stofmisbrugsbehandling efter område, behandlingsgaranti og tid",
            "Drug abuse treatment by region, treatment guarantee and time",
            [
                _area_variable("OMRÅDE"),
                _variable(
                    "GARANTI",
                    "behandlingsgaranti",
                    "treatment guarantee",
                    _values(
                        ("TOT", "Iværksatte behandlinger i alt", "Initiated treatments, total"),
                        ("OVERH", "Behandlingsgaranti overholdt", "Treatment guarantee kept"),
                        ("OVERS", "Behandlingsgaranti overskredet", "Treatment guarantee exceeded"),
                    ),
                ),
                _time(tuple(map(str, YEARS))),
            ],
        ),
        "FOLK1A": _table(
            "FOLK1A",
            "Befolkningen den 1. i kvartalet efter område, køn, alder, civilstand og tid",
            "Population on the first day of the quarter by region, sex, age, marital status, time",
            [
                _area_variable("OMRÅDE") | {"elimination": True},
                _variable(
                    "KØN",
                    "køn",
                    "sex",
                    _values(
                        ("TOT", "I alt", "Total"), ("1", "Mænd", "Men"), ("2", "Kvinder", "Women")
                    ),
                    elimination=True,
                ),
                _variable("ALDER", "alder", "age", _values(*ages), elimination=True),
                _variable(
                    "CIVILSTAND",
                    "civilstand",
                    "marital status",
                    _values(
                        ("TOT", "I alt", "Total"),
                        ("U", "Ugift", "Never married"),
                        ("G", "Gift/separeret", "Married/separated"),
                        ("E", "Enke/enkemand", "Widowed"),
                        ("F", "Fraskilt", "Divorced"),
                    ),
                    elimination=True,
                ),
                _time(QUARTERS),
            ],
        ),
    }


@dataclass(frozen=True)
class _Municipality:
    population: int  # synthetic, on 1 January 2015
    rate: float  # synthetic persons in drug treatment per 1,000
    not_approved: frozenset[int]  # years shown as ".."


def _municipalities() -> dict[str, _Municipality]:
    out = {}
    for code in dk_areas.MUNICIPALITIES:
        rng = random.Random(f"brobygger-synthetic-{code}")
        population = 90 if code == "411" else rng.randint(2_500, 120_000)
        rate = round(rng.uniform(0.4, 8.0), 2)
        missing = {y for y in YEARS if y <= 2020 and rng.random() < 0.12}
        if code == HELSINGOR:  # made up for the demo organisation's municipality
            population, rate, missing = 62_000, 3.1, {2016}
        if code == "411":
            missing = set(YEARS)  # too few to publish: always ".."
        out[code] = _Municipality(population, rate, frozenset(missing))
    return out


_PLACES = _municipalities()


@functools.cache
def _population(code: str, year: int, quarter: int = 1) -> int:
    place = _PLACES[code]
    return round(place.population * (1.004 ** (year - 2015 + (quarter - 1) / 4)))


@functools.cache
def _drug_figure(code: str, year: int, what: str) -> int | None:
    """Synthetic SMDBV figures for one municipality; None where it is not approved."""
    place = _PLACES[code]
    if year in place.not_approved:
        return None
    persons = round(place.rate * (1 + 0.02 * (year - 2015)) * _population(code, year) / 1000)
    requests = round(persons * 0.48)
    starts = round(requests * 0.94)
    exceeded = round(starts * (0.06 + (int(code) % 7) / 70))
    return {
        "persons": persons,
        "contact_courses": round(persons * 1.1),
        "treatment_courses": round(persons * 1.05),
        "requests": requests,
        "starts": starts,
        "ends": round(starts * 0.97),
        "guarantee_exceeded": exceeded,
        "guarantee_kept": starts - exceeded,
    }[what]


_WHAT = {
    ("SMDBV001", "ANM"): "requests",
    ("SMDBV001", "IVAERK"): "starts",
    ("SMDBV001", "AFSL"): "ends",
    ("SMDBV002", "KONT"): "contact_courses",
    ("SMDBV002", "BEH"): "treatment_courses",
    ("SMDBV002", "PERS"): "persons",
    ("SMDBV004", "TOT"): "starts",
    ("SMDBV004", "OVERH"): "guarantee_kept",
    ("SMDBV004", "OVERS"): "guarantee_exceeded",
}


def _members(area: str) -> list[str]:
    if area == dk_areas.COUNTRY:
        return list(dk_areas.MUNICIPALITIES)
    if area in dk_areas.REGIONS:
        return [c for c, m in dk_areas.MUNICIPALITIES.items() if m.region == area]
    return [area]


def synthetic_value(table_id: str, cell: dict[str, str], roles: dict[str, str]) -> int | None:
    """One synthetic figure: `cell` maps the table's original variable ids to value codes."""
    area = cell[roles["area"]]
    if table_id == "FOLK1A":
        year, quarter = int(cell["Tid"][:4]), int(cell["Tid"][-1])
        total = sum(_population(c, year, quarter) for c in _members(area))
        share = {"TOT": 1.0, "1": 0.496, "2": 0.504}[cell.get("KØN", "TOT")]
        if cell.get("ALDER", "IALT") != "IALT":
            share /= 100
        if cell.get("CIVILSTAND", "TOT") != "TOT":
            share /= 4
        return round(total * share)
    what = _WHAT[(table_id, cell[roles["measure"]])]
    year = int(cell["Tid"])
    figures = [_drug_figure(c, year, what) for c in _members(area)]
    if len(figures) == 1:
        return figures[0]
    known = [f for f in figures if f is not None]
    # Persons are counted once nationally, so the country is a little less than the sum.
    return round(sum(known) * (0.98 if what == "persons" and area == dk_areas.COUNTRY else 1))


# Each table's area and key-figure variables, by their original ids.
_ROLES = {
    "SMDBV001": ("OMRÅDE", "AKTIVITET"),
    "SMDBV002": ("KOMK", "BNØGLE"),
    "SMDBV004": ("OMRÅDE", "GARANTI"),
    "FOLK1A": ("OMRÅDE", ""),
}


class ApiError(Exception):
    def __init__(self, kind: str, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.kind, self.message, self.status = kind, message, status


@dataclass
class Statbank:
    """The stand-in's tables. Tests change `tables` (a variable's id, a value's code) to play a
    table whose metadata has changed; the figures follow the original codes."""

    tables: dict[str, dict] = field(default_factory=synthetic_tables)
    requests: list[tuple[str, str, dict]] = field(default_factory=list)
    fail_status: int | None = None  # answer every request with this HTTP status
    # (table, current variable id) -> original id; (table, variable, current code) -> original
    _var_renames: dict[tuple[str, str], str] = field(default_factory=dict)
    _code_renames: dict[tuple[str, str, str], str] = field(default_factory=dict)

    def rename_variable(self, table_id: str, old: str, new: str) -> None:
        for variable in self.tables[table_id]["variables"]:
            if variable["id"] == old:
                variable["id"] = new
        self._var_renames[(table_id, new)] = self._var_renames.pop((table_id, old), old)

    def rename_value(self, table_id: str, var_id: str, old: str, new: str) -> None:
        for variable in self.tables[table_id]["variables"]:
            if variable["id"] == var_id:
                for value in variable["values"]:
                    if value["id"] == old:
                        value["id"] = new
        self._code_renames[(table_id, var_id, new)] = old

    def _original(self, table_id: str, var_id: str, code: str) -> tuple[str, str]:
        return (
            self._var_renames.get((table_id, var_id), var_id),
            self._code_renames.get((table_id, var_id, code), code),
        )

    def table(self, table_id: str) -> dict:
        table = self.tables.get(str(table_id).upper())
        if table is None:
            raise ApiError("EXTRACT-NOTFOUND", f"Tabel findes ikke: {table_id}")
        return table

    def tableinfo(self, table_id: str, lang: str) -> dict:
        info = copy.deepcopy(self.table(table_id))
        suffix = "_en" if lang == "en" else ""
        for key in ("text", "description", "unit"):
            info[key] = info.pop(f"{key}{suffix}", info[key])
            info.pop(f"{key}_en", None)
        for variable in info["variables"]:
            variable["text"] = variable.pop(f"text{suffix}", variable["text"])
            variable.pop("text_en", None)
            for value in variable["values"]:
                value["text"] = value.pop(f"text{suffix}", value["text"])
                value.pop("text_en", None)
        return info

    def data(self, body: dict) -> tuple[bytes, str]:
        table_id = body.get("table")
        if not table_id:
            raise ApiError("REQUEST-MISSING", "Der er ikke angivet nogen tabel-id.")
        fmt = str(body.get("format", "")).upper()
        if fmt not in ("CSV", "BULK", "JSONSTAT"):
            raise ApiError("REQUEST-MISSING", "Format ikke angivet, eller ikke gyldigt.")
        lang = body.get("lang", "da")
        info = self.tableinfo(table_id, lang)
        chosen = _selection(info, body.get("variables") or [], streamed=fmt == "BULK")
        area, measure = _ROLES[info["id"]]
        roles = {"area": area, "measure": measure}
        variables = [v for v in info["variables"] if v["id"] in chosen]
        rows = []
        for codes in product(*(chosen[v["id"]] for v in variables)):
            original = {}
            for variable, code in zip(variables, codes, strict=True):
                var_id, value = self._original(info["id"], variable["id"], code)
                original[var_id] = value
            rows.append((codes, synthetic_value(info["id"], original, roles)))
        if fmt == "JSONSTAT":
            return _jsonstat(info, variables, chosen, rows), "application/json; charset=utf-8"
        presentation = str(body.get("valuePresentation", "Default")).casefold()
        delimiter = {"tab": "\t", "comma": ","}.get(str(body.get("delimiter", "")).casefold(), ";")
        return _csv(variables, rows, presentation, lang, delimiter), "text/csv; charset=utf-8"


def _expand(variable: dict, selector: str) -> list[str]:
    codes = [v["id"] for v in variable["values"]]
    nth = re.fullmatch(r"\((\d+)\)", selector)
    if nth:  # (1): the newest period, (2) the one before ...
        index = len(codes) - int(nth.group(1))
        return [codes[index]] if 0 <= index < len(codes) else []
    compare = re.findall(r"([<>]=?)([^<>=]+)", selector)
    if compare:
        tests = {"<": str.__lt__, "<=": str.__le__, ">": str.__gt__, ">=": str.__ge__}
        return [c for c in codes if all(tests[op](c, bound) for op, bound in compare)]
    if "*" in selector:
        return [c for c in codes if fnmatch.fnmatchcase(c.upper(), selector.upper())]
    found = [c for c in codes if c.upper() == selector.upper()]
    if not found:
        raise ApiError("EXTRACT-NOTFOUND", f"Kan ikke finde værdien: {selector} ({variable['id']})")
    return found


def _selection(info: dict, asked: list[dict], streamed: bool) -> dict[str, list[str]]:
    chosen: dict[str, list[str]] = {}
    for item in asked:
        variable = next(
            (v for v in info["variables"] if v["id"].upper() == str(item.get("code", "")).upper()),
            None,
        )
        if variable is None:
            raise ApiError("EXTRACT-NOTFOUND", f"Kan ikke finde variablen: {item.get('code')}")
        picked = [c for s in item.get("values") or [] for c in _expand(variable, str(s))]
        order = [v["id"] for v in variable["values"]]
        chosen[variable["id"]] = sorted(set(picked), key=order.index)
    for variable in info["variables"]:
        if variable["id"] in chosen:
            continue
        if variable["time"] and not streamed:
            chosen[variable["id"]] = [variable["values"][-1]["id"]]  # the newest period
        elif streamed or not variable["elimination"]:
            raise ApiError(
                "EXTRACT-NOTALLOWED", f"Der skal vælges værdier for variabel: {variable['id']}"
            )
        else:  # eliminated: the total stands for it
            chosen[variable["id"]] = [variable["values"][0]["id"]]
            variable["eliminated"] = True
    return chosen


def _cell_text(value: dict, presentation: str) -> str:
    if presentation == "code":
        return value["id"]
    if presentation == "codeandvalue":
        return f"{value['id']} {value['text']}"
    return value["text"]


def _csv(variables: list[dict], rows: list, presentation: str, lang: str, delimiter: str) -> bytes:
    shown = [v for v in variables if not v.get("eliminated")]
    lines = [delimiter.join([*(v["id"].upper() for v in shown), "INDHOLD"])]
    texts = [{value["id"]: value for value in v["values"]} for v in variables]
    for codes, number in rows:
        cells = [
            _cell_text(texts[i][code], presentation)
            for i, code in enumerate(codes)
            if not variables[i].get("eliminated")
        ]
        lines.append(delimiter.join([*cells, ".." if number is None else str(number)]))
    return ("\ufeff" + "\n".join(lines) + "\n").encode("utf-8")


def _jsonstat(info: dict, variables: list[dict], chosen: dict, rows: list) -> bytes:
    dimension: dict = {}
    variables = [v for v in variables if not v.get("eliminated")]  # one value each: no effect
    for variable in variables:
        labels = {v["id"]: v["text"] for v in variable["values"]}
        codes = chosen[variable["id"]]
        dimension[variable["id"]] = {
            "label": variable["text"],
            "category": {
                "index": {c: i for i, c in enumerate(codes)},
                "label": {c: labels[c] for c in codes},
            },
        }
    dimension["ContentsCode"] = {
        "label": "Indhold",
        "category": {
            "index": {info["id"]: 0},
            "label": {info["id"]: info["description"]},
            "unit": {info["id"]: {"base": info["unit"], "decimals": 0}},
        },
    }
    ids = [*(v["id"] for v in variables), "ContentsCode"]
    dimension["id"] = ids
    dimension["size"] = [*(len(chosen[v["id"]]) for v in variables), 1]
    dimension["role"] = {"time": ["Tid"], "metric": ["ContentsCode"]}
    dataset = {
        "dimension": dimension,
        "label": info["description"],
        "source": "Brobygger test stand-in (synthetic)",
        "updated": info["updated"],
        "value": [number for _, number in rows],
    }
    return json.dumps({"dataset": dataset}, ensure_ascii=False).encode("utf-8")


class _Handler(BaseHTTPRequestHandler):
    statbank: Statbank

    def log_message(self, *args: object) -> None:  # keep the test output quiet
        pass

    def _answer(self, status: int, body: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _handle(self, body: dict) -> None:
        path = urlparse(self.path)
        parts = [p for p in path.path.split("/") if p]
        self.statbank.requests.append((self.command, path.path, body))
        try:
            if self.statbank.fail_status:
                raise ApiError("SERVER-ERROR", "Der opstod en fejl.", self.statbank.fail_status)
            if parts[:1] != ["v1"] or len(parts) < 2:
                raise ApiError("REQUEST-NOTFOUND", "Siden kan ikke findes. / Page not found.", 404)
            function = parts[1].lower()
            if function == "tableinfo":
                table_id = parts[2] if len(parts) > 2 else body.get("table") or body.get("id")
                info = self.statbank.tableinfo(str(table_id), body.get("lang", "da"))
                out = json.dumps(info, ensure_ascii=False).encode("utf-8")
                return self._answer(200, out, "text/json; charset=utf-8")
            if function == "tables":
                listed = [
                    self.statbank.tableinfo(t, body.get("lang", "da")) for t in self.statbank.tables
                ]
                short = [{k: t[k] for k in ("id", "text", "unit", "updated")} for t in listed]
                return self._answer(200, json.dumps(short).encode(), "text/json; charset=utf-8")
            if function == "data":
                if len(parts) > 2:
                    body = {
                        **body,
                        "table": parts[2],
                        "format": parts[3] if len(parts) > 3 else body.get("format"),
                    }
                out, content_type = self.statbank.data(body)
                return self._answer(200, out, content_type)
            raise ApiError("REQUEST-NOTFOUND", "Siden kan ikke findes. / Page not found.", 404)
        except ApiError as error:
            out = json.dumps(
                {"errorTypeCode": error.kind, "message": error.message}, ensure_ascii=False
            )
            self._answer(error.status, out.encode("utf-8"), "text/json; charset=utf-8")

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        try:
            body = json.loads(raw) if raw.strip() else {}
        except json.JSONDecodeError:
            body = None
        if not isinstance(body, dict):
            out = {
                "errorTypeCode": "REQUEST-EMPTY",
                "message": "Medsend gyldigt JSON-objekt når der postes. / "
                "Supply valid JSON-object when posting.",
            }
            return self._answer(400, json.dumps(out).encode(), "text/json; charset=utf-8")
        self._handle(body)

    def do_GET(self) -> None:
        query = parse_qs(urlparse(self.path).query)
        body: dict = {}
        variables = []
        for key, values in query.items():
            value = values[-1]
            if key.lower() in (
                "lang",
                "format",
                "valuepresentation",
                "delimiter",
                "table",
                "id",
                "timeorder",
            ):
                body[
                    {"valuepresentation": "valuePresentation", "timeorder": "timeOrder"}.get(
                        key.lower(), key.lower()
                    )
                ] = value
            else:
                variables.append({"code": key, "values": value.split(",")})
        if variables:
            body["variables"] = variables
        self._handle(body)


@contextmanager
def serve(statbank: Statbank | None = None) -> Iterator[tuple[str, Statbank]]:
    """Run the stand-in on a free port of this machine; yields its base URL (…/v1)."""
    statbank = statbank or Statbank()
    handler = type("Handler", (_Handler,), {"statbank": statbank})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/v1", statbank
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def data_file(statbank: Statbank, table_id: str, fmt: str = "CSV", **options: object) -> bytes:
    """A table as the API would send it, for reader tests: every area and period; the other
    variables eliminated where the metadata allows it."""
    info = statbank.table(table_id)
    variables = [
        {"code": v["id"], "values": ["*"]}
        for v in info["variables"]
        if not v["elimination"] or v["time"] or v["text"] == "område"
    ]
    return statbank.data({"table": table_id, "format": fmt, "variables": variables, **options})[0]
