"""Importing outreach contacts and treatment courses from CSV and Excel files.

Files as they really come: `;` or `,` separators, decimal commas, dd-mm-yyyy dates, UTF-8 with
or without BOM or Windows-1252, headers in Danish or English. Every row is validated with
pydantic; nothing is written unless the whole file is valid, and then in one transaction.
A file with anything that looks like a CPR number is refused whole and nothing of it is kept.
Rows carry a source key (a fingerprint), so importing a file again, or rows that overlap an
earlier file, adds nothing twice. Every import is recorded as a batch and can be undone.

Problems are returned as codes with parameters; the UI words them (ui/i18n.py, "import.*").
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

import pandas as pd
from pydantic import BaseModel, ValidationError, field_validator, model_validator
from sqlalchemy import Engine, delete, insert, select, update

from data_access import schema
from data_access.aggregates import kept_current, refresh_batch
from data_access.db import refresh_statistics
from data_access.organisation import Organisation

Kind = Literal["contacts", "courses"]
MAX_BYTES = 10 * 1024 * 1024
MAX_ROWS = 50_000
PSEUDONYM = re.compile(r"^[A-Za-z0-9ÆØÅæøå][A-Za-z0-9ÆØÅæøå_-]{1,19}$")  # no spaces, no markup
# Six digits that make a date (ddmmyy), optionally a dash, four digits: the shape of a CPR number.
CPR = re.compile(r"(?<!\d)(0[1-9]|[12]\d|3[01])(0[1-9]|1[0-2])(\d{2})-?(\d{4})(?!\d)")

HEADERS: dict[Kind, dict[str, str]] = {
    "contacts": {
        "pseudonym": "pseudonym",
        "person": "pseudonym",
        "sted": "site",
        "site": "site",
        "tidspunkt": "time",
        "dato og tid": "time",
        "tid": "time",
        "time": "time",
        "datetime": "time",
        "kontakttype": "contact_type",
        "type": "contact_type",
        "contact_type": "contact_type",
        "contact type": "contact_type",
        "udfald": "outcome",
        "resultat": "outcome",
        "outcome": "outcome",
    },
    "courses": {
        "pseudonym": "pseudonym",
        "person": "pseudonym",
        "afdeling": "department",
        "department": "department",
        "anmodningsdato": "requested_on",
        "henvendelsesdato": "requested_on",
        "anmodning": "requested_on",
        "requested_on": "requested_on",
        "request date": "requested_on",
        "startdato": "started_on",
        "start": "started_on",
        "started_on": "started_on",
        "start date": "started_on",
        "slutdato": "ended_on",
        "afslutningsdato": "ended_on",
        "ended_on": "ended_on",
        "end date": "ended_on",
        "afslutningsårsag": "end_reason",
        "årsag": "end_reason",
        "end_reason": "end_reason",
        "end reason": "end_reason",
        "behandlingsform": "modality",
        "form": "modality",
        "modality": "modality",
        "henviser": "referral_source",
        "henvisning": "referral_source",
        "referral_source": "referral_source",
        "referral source": "referral_source",
        "adresse": "address",
        "address": "address",
        "fødselsår": "birth_year",
        "birth_year": "birth_year",
        "birth year": "birth_year",
        "køn": "sex",
        "sex": "sex",
        "hovedstof": "main_substance",
        "main_substance": "main_substance",
        "main substance": "main_substance",
    },
}
REQUIRED: dict[Kind, tuple[str, ...]] = {
    "contacts": ("site", "time", "contact_type", "outcome"),
    "courses": ("pseudonym", "department", "requested_on", "modality", "referral_source"),
}
VALUES = {
    "contact_type": {
        "samtale": "conversation",
        "kort kontakt": "brief",
        "kort": "brief",
        "ledsagelse": "accompaniment",
        "telefon": "phone",
    },
    "outcome": {"ingen": "none", "plan": "plan", "henvist": "referred", "afvist": "declined"},
    "modality": {"individuel": "individual", "gruppe": "group"},
    "referral_source": {
        "egen henvendelse": "self",
        "selv": "self",
        "opsøgende": "outreach",
        "opsøgende indsats": "outreach",
        "egen læge": "gp",
        "læge": "gp",
        "hospital": "hospital",
        "psykiatri": "hospital",
        "kommune": "social_services",
        "sagsbehandler": "social_services",
        "pårørende": "relatives",
        "andet": "other",
    },
    "end_reason": {
        "gennemført": "completed",
        "reduceret": "reduced",
        "stabiliseret": "reduced",
        "udeblevet": "dropped_out",
        "afbrudt": "dropped_out",
        "videresendt": "transferred",
        "trukket": "withdrawn",
        "andet": "other",
    },
    "sex": {"m": "M", "mand": "M", "k": "F", "kvinde": "F", "f": "F", "x": "X", "andet": "X"},
}
ALLOWED = {
    "contact_type": set(schema.CONTACT_TYPES),
    "outcome": set(schema.CONTACT_OUTCOMES),
    "modality": set(schema.MODALITIES),
    "referral_source": set(schema.REFERRAL_SOURCES),
    "end_reason": set(schema.END_REASONS),
    "sex": set(schema.SEXES),
}
DATE_FORMATS = ("%d-%m-%Y", "%d.%m.%Y", "%d/%m/%Y", "%Y-%m-%d")
TIME_FORMATS = ("%H:%M", "%H.%M", "%H:%M:%S")


@dataclass(frozen=True)
class Problem:
    code: str  # e.g. "bad_date", "cpr", "missing_column"; words in ui/i18n.py "import.<code>"
    row: int | None = None  # the row number as a spreadsheet shows it (header = row 1)
    column: str | None = None
    value: str | None = None


@dataclass
class ImportResult:
    kind: Kind
    file_name: str
    rows: int = 0
    added: int = 0
    skipped_duplicates: int = 0
    new_persons: int = 0
    batch_id: int | None = None
    problems: list[Problem] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


class _Refused(Exception):
    def __init__(self, *problems: Problem) -> None:
        super().__init__(problems)
        self.problems = list(problems)


# ---- reading ------------------------------------------------------------------------------
def read_table(data: bytes, file_name: str) -> pd.DataFrame:
    """The file as a table of strings. Raises _Refused for unreadable files."""
    if not data.strip():
        raise _Refused(Problem("empty_file"))
    if len(data) > MAX_BYTES:
        raise _Refused(Problem("too_big", value=f"{MAX_BYTES // (1024 * 1024)}"))
    name = file_name.lower()
    if name.endswith(".xlsx"):
        try:
            frame = pd.read_excel(io.BytesIO(data), dtype=str, engine="openpyxl")
        except Exception as exc:  # openpyxl raises many kinds for a broken workbook
            raise _Refused(Problem("unreadable_excel", value=type(exc).__name__)) from exc
    elif name.endswith((".csv", ".txt")):
        text = _decode(data)
        try:
            dialect = csv.Sniffer().sniff(text[:4096], delimiters=";,\t")
            separator = dialect.delimiter
        except csv.Error:
            separator = ";" if text.count(";") >= text.count(",") else ","
        try:
            frame = pd.read_csv(
                io.StringIO(text),
                sep=separator,
                dtype=str,
                keep_default_na=False,
                skip_blank_lines=True,
            )
        except (pd.errors.ParserError, UnicodeError) as exc:
            raise _Refused(Problem("unreadable_csv", value=str(exc)[:120])) from exc
    else:
        raise _Refused(Problem("wrong_file_type", value=file_name.rsplit(".", 1)[-1]))
    frame = frame.fillna("")
    frame.columns = [str(c).strip() for c in frame.columns]
    frame = frame[~(frame.astype(str).apply(lambda col: col.str.strip()) == "").all(axis=1)]
    if frame.empty:
        raise _Refused(Problem("no_rows"))
    if len(frame) > MAX_ROWS:
        raise _Refused(Problem("too_many_rows", value=str(MAX_ROWS)))
    return frame.reset_index(drop=True)


def _decode(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16")  # Excel's "Unicode text" export
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="replace")  # what Danish Excel saves as "CSV"
    if "\x00" in text:
        raise _Refused(Problem("bad_encoding"))
    return text


def find_cpr(frame: pd.DataFrame) -> list[Problem]:
    """Every cell (headers too) that looks like a CPR number. The value itself is not echoed."""
    problems = [Problem("cpr", row=1, column=c) for c in frame.columns if CPR.search(str(c))]
    for column in frame.columns:
        for index, value in frame[column].items():
            if CPR.search(str(value)):
                problems.append(Problem("cpr", row=int(index) + 2, column=column))
    return problems


def _map_columns(frame: pd.DataFrame, kind: Kind) -> tuple[pd.DataFrame, list[str]]:
    mapping, ignored = {}, []
    for column in frame.columns:
        canonical = HEADERS[kind].get(column.strip().lower())
        if canonical and canonical not in mapping.values():
            mapping[column] = canonical
        else:
            ignored.append(column)
    missing = [c for c in REQUIRED[kind] if c not in mapping.values()]
    if missing:
        raise _Refused(*[Problem("missing_column", column=c) for c in missing])
    return frame.rename(columns=mapping)[list(mapping.values())], ignored


# ---- row validation -----------------------------------------------------------------------
def _parse_date(value: str) -> dt.date:
    text = value.strip()
    for fmt in DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    try:  # Excel cells arrive as "2024-03-01 00:00:00"
        return dt.datetime.fromisoformat(text).date()
    except ValueError:
        raise ValueError("bad_date") from None


def _parse_datetime(value: str) -> dt.datetime:
    text = value.strip()
    try:
        return dt.datetime.fromisoformat(text)
    except ValueError:
        pass
    for date_fmt in DATE_FORMATS:
        for time_fmt in TIME_FORMATS:
            try:
                return dt.datetime.strptime(text, f"{date_fmt} {time_fmt}")
            except ValueError:
                continue
    raise ValueError("bad_datetime")


def _code(field_name: str, value: str) -> str:
    text = value.strip().lower()
    coded = VALUES.get(field_name, {}).get(text, text)
    if field_name == "sex":
        coded = coded.upper() if coded.lower() in ("m", "f", "x") else coded
    if coded not in ALLOWED[field_name]:
        raise ValueError("unknown_value")
    return coded


class _Row(BaseModel):
    """Context (the organisation, today) comes in through validation context."""

    model_config = {"str_strip_whitespace": True}


class ContactRow(_Row):
    pseudonym: str | None = None
    site: str
    time: dt.datetime
    contact_type: str
    outcome: str

    @field_validator("pseudonym", mode="before")
    @classmethod
    def _pseudonym(cls, value: str | None) -> str | None:
        if value is None or not str(value).strip():
            return None  # anonymous
        if not PSEUDONYM.match(str(value).strip()):
            raise ValueError("bad_pseudonym")
        return str(value).strip()

    @field_validator("site", mode="before")
    @classmethod
    def _site(cls, value: str, info) -> str:
        return _site_id(str(value), info.context["org"])

    @field_validator("time", mode="before")
    @classmethod
    def _time(cls, value: str, info) -> dt.datetime:
        moment = _parse_datetime(str(value))
        if moment > info.context["now"]:
            raise ValueError("in_future")
        return moment

    @field_validator("contact_type", "outcome", mode="before")
    @classmethod
    def _coded(cls, value: str, info) -> str:
        return _code(info.field_name, str(value))


class CourseRow(_Row):
    pseudonym: str
    department: str
    address: str | None = None
    requested_on: dt.date
    started_on: dt.date | None = None
    ended_on: dt.date | None = None
    end_reason: str | None = None
    modality: str
    referral_source: str
    birth_year: int | None = None
    sex: str | None = None
    main_substance: str | None = None

    @field_validator("pseudonym", mode="before")
    @classmethod
    def _pseudonym(cls, value: str) -> str:
        if not PSEUDONYM.match(str(value).strip()):
            raise ValueError("bad_pseudonym")
        return str(value).strip()

    @field_validator("department", mode="before")
    @classmethod
    def _department(cls, value: str, info) -> str:
        org: Organisation = info.context["org"]
        text = str(value).strip().lower()
        for dept in org.departments:
            if text in (dept.id.lower(), dept.name.lower(), (dept.name_en or "").lower()):
                return dept.id
        raise ValueError("unknown_department")

    @field_validator("address", mode="before")
    @classmethod
    def _address(cls, value: str | None, info) -> str | None:
        return _site_id(str(value), info.context["org"]) if value and str(value).strip() else None

    @field_validator("requested_on", "started_on", "ended_on", mode="before")
    @classmethod
    def _date(cls, value: str | None, info) -> dt.date | None:
        if value is None or not str(value).strip():
            if info.field_name == "requested_on":
                raise ValueError("missing_value")
            return None
        day = _parse_date(str(value))
        if day > info.context["now"].date():
            raise ValueError("in_future")
        return day

    @field_validator("end_reason", "sex", mode="before")
    @classmethod
    def _optional_code(cls, value: str | None, info) -> str | None:
        return _code(info.field_name, str(value)) if value and str(value).strip() else None

    @field_validator("modality", "referral_source", mode="before")
    @classmethod
    def _coded(cls, value: str, info) -> str:
        return _code(info.field_name, str(value))

    @field_validator("birth_year", mode="before")
    @classmethod
    def _birth_year(cls, value: str | None) -> int | None:
        if value is None or not str(value).strip():
            return None
        year = int(float(str(value).replace(",", ".")))
        if not 1900 <= year <= dt.date.today().year:
            raise ValueError("bad_birth_year")
        return year

    @field_validator("main_substance", mode="before")
    @classmethod
    def _substance(cls, value: str | None) -> str | None:
        text = str(value or "").strip().lower()
        if not text:
            return None
        if not re.fullmatch(r"[a-zæøå0-9 _-]{1,30}", text):
            raise ValueError("bad_substance")
        return text

    @model_validator(mode="after")
    def _order(self) -> CourseRow:
        if self.started_on and self.started_on < self.requested_on:
            raise ValueError("start_before_request")
        if self.ended_on and self.ended_on < (self.started_on or self.requested_on):
            raise ValueError("end_before_start")
        if bool(self.ended_on) != bool(self.end_reason):
            raise ValueError("end_needs_reason")
        return self


def _site_id(value: str, org: Organisation) -> str:
    text = value.strip().lower()
    for site in org.sites:
        if text in (site.id.lower(), site.name.lower()):
            return site.id
    raise ValueError("unknown_site")


def validate(
    frame: pd.DataFrame, kind: Kind, org: Organisation, now: dt.datetime
) -> tuple[list[BaseModel], list[Problem]]:
    model = ContactRow if kind == "contacts" else CourseRow
    rows, problems = [], []
    for index, record in enumerate(frame.to_dict("records")):
        try:
            rows.append(model.model_validate(record, context={"org": org, "now": now}))
        except ValidationError as exc:
            for error in exc.errors():
                code = str(error.get("msg", "")).removeprefix("Value error, ")
                if " " in code or not code:  # pydantic's own message: the type was wrong
                    code = "bad_value"
                column = str(error["loc"][0]) if error["loc"] else None
                raw = record.get(column) if column else None
                problems.append(
                    Problem(
                        code,
                        row=index + 2,
                        column=column,
                        value=None if raw is None else str(raw)[:60],
                    )
                )
    return rows, problems


# ---- writing ------------------------------------------------------------------------------
def _keys(rows: list[BaseModel], kind: Kind) -> list[str]:
    """A fingerprint per row; identical rows in one file get an occurrence number, so two
    identical anonymous contacts both count, and importing the file again adds neither."""
    seen: Counter[str] = Counter()
    keys = []
    for row in rows:
        content = f"{kind}|" + "|".join(f"{k}={v}" for k, v in sorted(row.model_dump().items()))
        seen[content] += 1
        keys.append(hashlib.sha256(f"{content}#{seen[content]}".encode()).hexdigest())
    return keys


def import_file(
    engine: Engine,
    org: Organisation,
    kind: Kind,
    data: bytes,
    file_name: str,
    *,
    now: dt.datetime | None = None,
    before_commit: Callable[[], None] | None = None,
) -> ImportResult:
    """Validate and import a whole file, or nothing. `before_commit` is a test seam: it runs
    inside the transaction after every write, so a test can make the import fail midway."""
    now = now or dt.datetime.now()
    result = ImportResult(kind=kind, file_name=file_name)
    try:
        frame = read_table(data, file_name)
        result.rows = len(frame)
        cpr = find_cpr(frame)
        if cpr:
            raise _Refused(*cpr)
        original = {HEADERS[kind].get(c.strip().lower()): c for c in frame.columns}
        frame, result.ignored_columns = _map_columns(frame, kind)
        rows, problems = validate(frame, kind, org, now)
        if problems:
            # Name the columns as the file does ("sted", not "site").
            raise _Refused(
                *[
                    Problem(p.code, p.row, original.get(p.column, p.column), p.value)
                    for p in problems
                ]
            )
    except _Refused as refused:
        result.problems = refused.problems
        return result
    keys = _keys(rows, kind)
    table = schema.outreach_contacts if kind == "contacts" else schema.treatment_courses
    with engine.begin() as conn:
        existing = set()
        for start in range(0, len(keys), 500):
            chunk = keys[start : start + 500]
            existing |= set(
                conn.scalars(select(table.c.source_key).where(table.c.source_key.in_(chunk)))
            )
        fresh = [(row, key) for row, key in zip(rows, keys, strict=True) if key not in existing]
        result.skipped_duplicates = len(rows) - len(fresh)
        batch = conn.execute(
            insert(schema.import_batches).values(
                source="xlsx" if file_name.lower().endswith(".xlsx") else "csv",
                file_name=file_name[:255],
                file_hash=hashlib.sha256(data).hexdigest(),
                row_count=0,
                created_at=now.replace(microsecond=0),
                note=kind,
            )
        ).inserted_primary_key[0]
        person_ids, result.new_persons = _persons(conn, [r for r, _ in fresh], batch)
        values = [_values(row, key, kind, org, person_ids, batch) for row, key in fresh]
        for start in range(0, len(values), 1000):
            conn.execute(insert(table), values[start : start + 1000])
        refresh_batch(conn, batch)
        refresh_statistics(conn)
        conn.execute(
            update(schema.import_batches)
            .where(schema.import_batches.c.id == batch)
            .values(row_count=len(values))
        )
        if before_commit:
            before_commit()
        result.added = len(values)
        result.batch_id = int(batch)
    return result


def _persons(conn, rows: list[BaseModel], batch: int) -> tuple[dict[str, int], int]:
    wanted = {r.pseudonym: r for r in rows if getattr(r, "pseudonym", None)}
    known = {}
    names = list(wanted)
    for start in range(0, len(names), 500):
        chunk = names[start : start + 500]
        known |= dict(
            conn.execute(
                select(schema.persons.c.pseudonym, schema.persons.c.id).where(
                    schema.persons.c.pseudonym.in_(chunk)
                )
            ).all()
        )
    created = 0
    for name, row in wanted.items():
        if name in known:
            continue
        known[name] = conn.execute(
            insert(schema.persons).values(
                pseudonym=name,
                birth_year=getattr(row, "birth_year", None),
                sex=getattr(row, "sex", None),
                main_substance=getattr(row, "main_substance", None),
                batch_id=batch,
            )
        ).inserted_primary_key[0]
        created += 1
    return known, created


def _values(
    row: BaseModel, key: str, kind: Kind, org: Organisation, persons: dict[str, int], batch: int
) -> dict[str, object]:
    if kind == "contacts":
        return {
            "person_id": persons.get(row.pseudonym) if row.pseudonym else None,
            "site_id": row.site,
            "contact_at": row.time,
            "contact_type": row.contact_type,
            "outcome": row.outcome,
            "batch_id": batch,
            "source_key": key,
        }
    return {
        "person_id": persons[row.pseudonym],
        "department_id": row.department,
        "address_site_id": row.address or org.department(row.department).address,
        "requested_on": row.requested_on,
        "started_on": row.started_on,
        "ended_on": row.ended_on,
        "end_reason": row.end_reason,
        "modality": row.modality,
        "referral_source": row.referral_source,
        "batch_id": batch,
        "source_key": key,
    }


def undo_batch(engine: Engine, batch_id: int) -> int:
    """Remove everything a batch added (persons only if nothing else refers to them)."""
    with engine.begin() as conn, kept_current(conn, batch_id):
        removed = conn.execute(
            delete(schema.outreach_contacts).where(schema.outreach_contacts.c.batch_id == batch_id)
        ).rowcount
        removed += conn.execute(
            delete(schema.treatment_courses).where(schema.treatment_courses.c.batch_id == batch_id)
        ).rowcount
        used = (
            select(schema.outreach_contacts.c.person_id)
            .where(schema.outreach_contacts.c.person_id.is_not(None))
            .union(select(schema.treatment_courses.c.person_id))
        )
        removed += conn.execute(
            delete(schema.persons).where(
                schema.persons.c.batch_id == batch_id, schema.persons.c.id.not_in(used)
            )
        ).rowcount
        conn.execute(delete(schema.import_batches).where(schema.import_batches.c.id == batch_id))
    return removed


def batches(engine: Engine, limit: int = 50) -> pd.DataFrame:
    query = select(schema.import_batches).order_by(schema.import_batches.c.id.desc()).limit(limit)
    with engine.connect() as conn:
        return pd.DataFrame(conn.execute(query).mappings().all())


def template(kind: Kind, lang: str = "da") -> bytes:
    """A CSV template with the headers and one example row (semicolons, dd-mm-yyyy)."""
    if kind == "contacts":
        header = (
            ["pseudonym", "sted", "tidspunkt", "kontakttype", "udfald"]
            if lang == "da"
            else ["pseudonym", "site", "time", "contact_type", "outcome"]
        )
        example = ["BB-ABC123", "helsingor-station", "01-03-2025 14:30", "samtale", "plan"]
    else:
        header = (
            [
                "pseudonym",
                "afdeling",
                "anmodningsdato",
                "startdato",
                "slutdato",
                "afslutningsårsag",
                "behandlingsform",
                "henviser",
                "fødselsår",
                "køn",
                "hovedstof",
            ]
            if lang == "da"
            else [
                "pseudonym",
                "department",
                "requested_on",
                "started_on",
                "ended_on",
                "end_reason",
                "modality",
                "referral_source",
                "birth_year",
                "sex",
                "main_substance",
            ]
        )
        example = [
            "BB-ABC123",
            "stof",
            "01-03-2025",
            "10-03-2025",
            "",
            "",
            "individuel",
            "opsøgende",
            "1990",
            "M",
            "cannabis",
        ]
    text = ";".join(header) + "\r\n" + ";".join(example) + "\r\n"
    return text.encode("utf-8-sig")
