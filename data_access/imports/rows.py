"""One row of a file, checked: Danish dates and words, plausible values, nothing that can
raise anything but a row problem.

Every validator raises ValueError with a code (worded by the UI as "import.<code>"), so a
row either becomes a typed model or a list of problems naming its row and column. A test
feeds these parsers hypothesis-generated junk and fails on any other exception.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from pydantic import BaseModel, ValidationError, ValidationInfo, field_validator, model_validator

from data_access import schema
from data_access.organisation import Organisation

LOCAL = ZoneInfo("Europe/Copenhagen")
PSEUDONYM = re.compile(r"^[A-Za-z0-9ÆØÅæøå][A-Za-z0-9ÆØÅæøå_-]{1,19}$")  # no spaces, no markup
COURSE_ID = re.compile(r"^[\w.:/#-]{1,64}$")
SUBSTANCE = re.compile(r"[a-zæøå0-9 _-]{1,30}")
YEAR = re.compile(r"^(\d{4})(?:[.,]0+)?$")
EARLIEST_BIRTH_YEAR = 1900

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
# A problem of the whole row, named at the column a person would correct.
MODEL_CODES = {
    "start_before_request": "started_on",
    "end_before_start": "ended_on",
    "end_needs_reason": "end_reason",
}


@dataclass(frozen=True)
class RowContext:
    org: Organisation
    now: dt.datetime  # local time, naive
    earliest: dt.date

    @property
    def today(self) -> dt.date:
        return self.now.date()


def _context(info: ValidationInfo) -> RowContext:
    return info.context["row"]


def _text(value: object) -> str:
    return "" if value is None else str(value).strip()


def _required(value: object) -> str:
    text = _text(value)
    if not text:
        raise ValueError("missing_value")
    return text


# Danish day-first dates (01-03-2025, 1.3.2025, 01/03/2025) with an optional time
# (14:30, 14.30, 14:30:15); and ISO dates with one-digit parts (2025-3-1).
_DAY_FIRST = re.compile(
    r"^(\d{1,2})[-./](\d{1,2})[-./](\d{4})(?:[ T](\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?)?$"
)
_YEAR_FIRST = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


def _day_first(text: str) -> dt.datetime | None:
    match = _DAY_FIRST.match(text)
    if not match:
        return None
    day, month, year, hour, minute, second = (int(g) if g else 0 for g in match.groups())
    try:
        return dt.datetime(year, month, day, hour, minute, second)
    except ValueError:
        return None


def parse_datetime(text: str) -> dt.datetime:
    """A local, naive time. An offset (`+01:00`, `Z`) is turned into Copenhagen time."""
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        moment = _day_first(text)
    if moment is None:
        raise ValueError("bad_datetime")
    if moment.tzinfo is not None:
        try:
            moment = moment.astimezone(LOCAL).replace(tzinfo=None)
        except (OverflowError, ValueError):
            # Only the first and last days of the calendar cannot move to local time.
            raise ValueError("too_early" if moment.year < 2 else "in_future") from None
    return moment


def parse_date(text: str) -> dt.date:
    match = _YEAR_FIRST.match(text)
    if match:
        try:
            return dt.date(*(int(g) for g in match.groups()))
        except ValueError:
            raise ValueError("bad_date") from None
    moment = _day_first(text)
    if moment is not None and moment.time() == dt.time(0) and len(text) <= 10:
        return moment.date()
    try:  # Excel cells arrive as "2024-03-01 00:00:00", some systems add an offset
        return parse_datetime(text).date()
    except ValueError:
        raise ValueError("bad_date") from None


def plausible_day(day: dt.date, ctx: RowContext) -> None:
    if day < ctx.earliest:
        raise ValueError("too_early")
    if day > ctx.today:
        raise ValueError("in_future")


def code(field_name: str, value: str) -> str:
    text = value.strip().lower()
    coded = VALUES.get(field_name, {}).get(text, text)
    if field_name == "sex" and coded.lower() in ("m", "f", "x"):
        coded = coded.upper()
    if coded not in ALLOWED[field_name]:
        raise ValueError("unknown_value")
    return coded


def site_id(value: str, org: Organisation) -> str:
    text = " ".join(value.split()).casefold()
    for site in org.sites:
        if text in (site.id.casefold(), " ".join(site.name.split()).casefold()):
            return site.id
    raise ValueError("unknown_site")


def pseudonym(value: str) -> str:
    """A pseudonym in capitals: "bb-abc12" and "BB-ABC12" are one person."""
    if not PSEUDONYM.match(value):
        raise ValueError("bad_pseudonym")
    return value.upper()


class _Row(BaseModel):
    model_config = {"str_strip_whitespace": True, "frozen": True}


class ContactRow(_Row):
    pseudonym: str | None = None
    site: str
    time: dt.datetime
    contact_type: str
    outcome: str

    @field_validator("pseudonym", mode="before")
    @classmethod
    def _pseudonym(cls, value: object) -> str | None:
        text = _text(value)
        return pseudonym(text) if text else None  # empty: an anonymous contact

    @field_validator("site", mode="before")
    @classmethod
    def _site(cls, value: object, info: ValidationInfo) -> str:
        return site_id(_required(value), _context(info).org)

    @field_validator("time", mode="before")
    @classmethod
    def _time(cls, value: object, info: ValidationInfo) -> dt.datetime:
        moment = parse_datetime(_required(value))
        ctx = _context(info)
        if moment.date() < ctx.earliest:
            raise ValueError("too_early")
        if moment > ctx.now:
            raise ValueError("in_future")
        return moment.replace(microsecond=0)

    @field_validator("contact_type", "outcome", mode="before")
    @classmethod
    def _coded(cls, value: object, info: ValidationInfo) -> str:
        return code(info.field_name, _required(value))


class CourseRow(_Row):
    course_id: str | None = None
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

    @field_validator("course_id", mode="before")
    @classmethod
    def _course_id(cls, value: object) -> str | None:
        text = _text(value)
        if not text:
            return None
        if not COURSE_ID.match(text):
            raise ValueError("bad_course_id")
        return text

    @field_validator("pseudonym", mode="before")
    @classmethod
    def _pseudonym(cls, value: object) -> str:
        return pseudonym(_required(value))

    @field_validator("department", mode="before")
    @classmethod
    def _department(cls, value: object, info: ValidationInfo) -> str:
        text = " ".join(_required(value).split()).casefold()
        for dept in _context(info).org.departments:
            if text in (dept.id.casefold(), dept.name.casefold(), (dept.name_en or "").casefold()):
                return dept.id
        raise ValueError("unknown_department")

    @field_validator("address", mode="before")
    @classmethod
    def _address(cls, value: object, info: ValidationInfo) -> str | None:
        text = _text(value)
        return site_id(text, _context(info).org) if text else None

    @field_validator("requested_on", "started_on", "ended_on", mode="before")
    @classmethod
    def _date(cls, value: object, info: ValidationInfo) -> dt.date | None:
        text = _text(value)
        if not text:
            if info.field_name == "requested_on":
                raise ValueError("missing_value")
            return None
        day = parse_date(text)
        plausible_day(day, _context(info))
        return day

    @field_validator("end_reason", "sex", mode="before")
    @classmethod
    def _optional_code(cls, value: object, info: ValidationInfo) -> str | None:
        text = _text(value)
        return code(info.field_name, text) if text else None

    @field_validator("modality", "referral_source", mode="before")
    @classmethod
    def _coded(cls, value: object, info: ValidationInfo) -> str:
        return code(info.field_name, _required(value))

    @field_validator("birth_year", mode="before")
    @classmethod
    def _birth_year(cls, value: object, info: ValidationInfo) -> int | None:
        text = _text(value)
        if not text:
            return None
        match = YEAR.match(text)  # "1990", or "1990,0" from a number column; never inf or 1e400
        if not match:
            raise ValueError("bad_birth_year")
        year = int(match.group(1))
        if not EARLIEST_BIRTH_YEAR <= year <= _context(info).today.year:
            raise ValueError("implausible_birth_year")
        return year

    @field_validator("main_substance", mode="before")
    @classmethod
    def _substance(cls, value: object) -> str | None:
        text = _text(value).lower()
        if not text:
            return None
        if not SUBSTANCE.fullmatch(text):
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

    def identity(self) -> tuple[str, ...]:
        """How a course is recognised: the source system's key, or person, department and
        request date."""
        if self.course_id:
            return ("id", self.course_id)
        return ("natural", self.pseudonym, self.department, self.requested_on.isoformat())


MODELS: dict[str, type[_Row]] = {"contacts": ContactRow, "courses": CourseRow}


@dataclass(frozen=True)
class RowProblem:
    code: str
    field: str | None  # the model field, named as the file's header by the caller


def parse_row(
    kind: str, record: dict[str, str], ctx: RowContext
) -> tuple[_Row | None, list[RowProblem]]:
    """A typed row, or the problems of this row. Raises nothing else for any input."""
    try:
        return MODELS[kind].model_validate(record, context={"row": ctx}), []
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            message = str(error.get("msg", ""))
            found = message.removeprefix("Value error, ")
            if found == message or " " in found or not found:
                found = "bad_value"  # pydantic's own message: the type was wrong
            loc = error.get("loc") or ()
            field_name = str(loc[0]) if loc else MODEL_CODES.get(found)
            problems.append(RowProblem(found, field_name))
        return None, problems
