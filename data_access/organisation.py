"""The organisation as configuration: one TOML file with sites, departments and targets.

Nothing about Helsingør is hard-coded elsewhere; the file is validated on load so that a wrong
file fails with the file name, the key and what is wrong.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path
from typing import Annotated, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from opening_hours import OpeningHours
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from language.format import by_language

SiteKind = Literal["public", "partner", "municipal", "treatment"]
SITE_KINDS: tuple[SiteKind, ...] = ("public", "partner", "municipal", "treatment")

Slug = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=60)]
Colour = Annotated[str, Field(pattern=r"^#[0-9a-fA-F]{6}$")]  # "#1f6f78"

# One colour per site kind and per department, everywhere (charts, maps, legends, the brief,
# the route sheet). The file may set them; these are used where it does not.
DEFAULT_KIND_COLOURS: dict[str, str] = {
    "public": "#1f6f78",
    "partner": "#e07a5f",
    "municipal": "#5c6185",
    "treatment": "#2d6a4f",
}
DEFAULT_DEPARTMENT_COLOURS = ("#2a6f97", "#e09f3e", "#8e5572", "#6a994e", "#bc4749", "#7f5539")


class _Strict(BaseModel):
    # extra="forbid": a misspelt key is an error, not a silently ignored line.
    model_config = ConfigDict(extra="forbid", frozen=True)


class Site(_Strict):
    id: Slug
    name: Annotated[str, Field(min_length=1, max_length=120)]
    kind: SiteKind
    address: str
    lat: Annotated[float, Field(ge=-90, le=90)]
    lon: Annotated[float, Field(ge=-180, le=180)]
    precision: Literal["exact", "approximate"]
    opening_hours: str
    note: str = ""

    @field_validator("opening_hours")
    @classmethod
    def _parse_opening_hours(cls, value: str) -> str:
        try:
            OpeningHours(value)
        except Exception as exc:  # the parser raises its own error types
            first_line = str(exc).splitlines()[0]
            raise ValueError(
                f"not valid OpenStreetMap opening_hours syntax ({first_line})"
            ) from exc
        return value


class LawReference(_Strict):
    """A provision the department's treatment guarantee rests on, e.g. "Serviceloven § 101";
    `applies_to` narrows it ("under 18 år"), in Danish with an optional English text."""

    ref: Annotated[str, Field(min_length=1, max_length=80)]
    applies_to: str | None = None
    applies_to_en: str | None = None

    def label(self, lang: str) -> str:
        scope = by_language(lang, self.applies_to, self.applies_to_en)
        return f"{self.ref} ({scope})" if scope else self.ref


class Department(_Strict):
    id: Slug
    name: Annotated[str, Field(min_length=1, max_length=60)]
    name_en: str | None = None
    address: Slug  # id of a site of kind "treatment"
    guarantee_days: Annotated[int, Field(ge=1, le=365)] = 14
    color: Colour | None = None  # this department's colour in every chart and legend
    # The law behind the guarantee (shown where the guarantee is): a text or {ref, applies_to}.
    law: list[LawReference] = []

    @field_validator("law", mode="before")
    @classmethod
    def _law_from_text(cls, value: object) -> object:
        if isinstance(value, list):
            return [{"ref": v} if isinstance(v, str) else v for v in value]
        return value

    def label(self, lang: str) -> str:
        return by_language(lang, self.name, self.name_en)

    def law_label(self, lang: str) -> str:
        """The provisions as one line ("" when none is configured)."""
        return ", ".join(ref.label(lang) for ref in self.law)


class OutreachProject(_Strict):
    start: dt.date
    end: dt.date
    target_persons: Annotated[int, Field(gt=0)]
    grant_dkk: Annotated[int, Field(ge=0)]
    funder: str = ""

    @model_validator(mode="after")
    def _end_after_start(self) -> OutreachProject:
        if self.end <= self.start:
            raise ValueError("end must be after start")
        return self


class NationalComparison(_Strict):
    """Which of the organisation's courses are drug treatment in Statistics Denmark's sense
    (Serviceloven § 101, Sundhedsloven § 142, Barnets Lov § 33), for the page Landstal."""

    departments: Annotated[list[Slug], Field(min_length=1)]
    # A youth unit treats alcohol too; DST's tables count drug treatment only.
    exclude_main_substances: list[str] = ["alcohol"]


class Recipients(_Strict):
    """One recipient list of the e-mail digest of alerts."""

    name: Slug
    emails: Annotated[
        list[Annotated[str, Field(pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")]], Field(min_length=1)
    ]
    lang: Literal["da", "en"] = "da"


class AlertRules(_Strict):
    """Thresholds of the alerts (data_access/alerts): the defaults are the issue's."""

    deadline_warning_days: Annotated[int, Field(ge=0, le=60)] = 3
    quiet_days: Annotated[int, Field(ge=1, le=730)] = 90
    # After quiet_days plus this many, a quiet person has exited (the alert is resolved).
    quiet_window_days: Annotated[int, Field(ge=1, le=730)] = 90
    referral_start_days: Annotated[int, Field(ge=1, le=365)] = 30
    # Days without a visit, by site kind (days the site is open, by its opening hours).
    site_limits: dict[SiteKind, Annotated[int, Field(ge=1, le=365)]] = {
        "public": 21,
        "partner": 21,
        "municipal": 30,
    }
    # Persons reached may fall this share behind the straight line to the target.
    pace_tolerance: Annotated[float, Field(ge=0, lt=1)] = 0.1
    app_url: str = "http://localhost:8501"
    sender: str = "brobygger@localhost"
    recipients: list[Recipients] = []


class Organisation(_Strict):
    name: str
    municipality: str
    municipality_code: Annotated[str, Field(pattern=r"^\d{3,4}$")]
    outline_file: str | None = None
    outreach: OutreachProject
    departments: Annotated[list[Department], Field(min_length=1)]
    sites: Annotated[list[Site], Field(min_length=1)]
    national: NationalComparison | None = None
    # Every local time shown or entered (contact form, stamps) is in this zone, never the
    # server's (data_access/clock.py).
    timezone: str = "Europe/Copenhagen"
    site_kind_colors: dict[SiteKind, Colour] = {}

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            message = f"'{value}' is not an IANA time zone (e.g. Europe/Copenhagen)"
            raise ValueError(message) from exc
        return value

    alerts: AlertRules = AlertRules()

    @model_validator(mode="after")
    def _check_references(self) -> Organisation:
        for field, items in (("sites", self.sites), ("departments", self.departments)):
            seen: set[str] = set()
            for item in items:
                if item.id in seen:
                    raise ValueError(f"{field}: id '{item.id}' appears twice")
                seen.add(item.id)
        treatment_sites = {s.id for s in self.sites if s.kind == "treatment"}
        for i, dept in enumerate(self.departments):
            if dept.address not in treatment_sites:
                raise ValueError(
                    f"departments[{i}] (id={dept.id}).address: '{dept.address}' is not the id "
                    f"of a site of kind 'treatment' (those are: {sorted(treatment_sites)})"
                )
        colours = [d.color.lower() for d in self.departments if d.color]
        if len(colours) != len(set(colours)):
            raise ValueError("departments: two departments have the same color")
        known = {d.id for d in self.departments}
        for dept in self.national.departments if self.national else []:
            if dept not in known:
                raise ValueError(f"national.departments: '{dept}' is not a department id")
        return self

    def department_colors(self) -> dict[str, str]:
        """Each department's colour: its own from the file, else the next of the defaults."""
        spare = iter(c for c in DEFAULT_DEPARTMENT_COLOURS if c not in self._set_colours())
        return {d.id: d.color or next(spare, "#6b6f76") for d in self.departments}

    def _set_colours(self) -> set[str]:
        return {d.color.lower() for d in self.departments if d.color}

    def kind_colors(self) -> dict[str, str]:
        return {k: self.site_kind_colors.get(k, DEFAULT_KIND_COLOURS[k]) for k in SITE_KINDS}

    def site(self, site_id: str) -> Site:
        return next(s for s in self.sites if s.id == site_id)

    def department(self, dept_id: str) -> Department:
        return next(d for d in self.departments if d.id == dept_id)

    @property
    def outreach_sites(self) -> list[Site]:
        """Places the outreach team visits: every site except treatment addresses."""
        return [s for s in self.sites if s.kind != "treatment"]


class OrganisationFileError(ValueError):
    """A broken organisation file; the message names the file, the key and the problem."""


def _key_path(loc: tuple[int | str, ...], raw: dict) -> str:
    parts: list[str] = []
    node: object = raw
    for step in loc:
        if isinstance(step, int):
            parts[-1] += f"[{step}]"
            node = node[step] if isinstance(node, list) and step < len(node) else None
            if isinstance(node, dict) and "id" in node:
                parts[-1] += f" (id={node['id']})"
        else:
            parts.append(str(step))
            node = node.get(step) if isinstance(node, dict) else None
    return ".".join(parts) or "(top level)"


def load_organisation(path: str | Path) -> Organisation:
    """Read and validate an organisation file; raise OrganisationFileError on any fault."""
    path = Path(path)
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise OrganisationFileError(f"{path}: file not found") from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise OrganisationFileError(f"{path}: not a valid TOML file: {exc}") from exc
    try:
        return Organisation.model_validate(raw)
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            key = _key_path(tuple(err["loc"]), raw)
            message = err["msg"].removeprefix("Value error, ")
            problems.append(f"  {key}: {message}")
        raise OrganisationFileError(
            f"{path}: invalid organisation file\n" + "\n".join(problems)
        ) from exc


def outline_path(org: Organisation, org_file: str | Path) -> Path | None:
    """The municipality outline (GeoJSON) beside the organisation file, if configured."""
    if not org.outline_file:
        return None
    return Path(org_file).parent / org.outline_file
