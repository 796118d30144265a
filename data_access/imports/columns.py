"""Which column is which: headers in Danish or English, matched loosely (case, spaces, dashes
and underscores do not matter), duplicates refused, missing ones named in the file's own
language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from data_access.imports.report import Kind, Notice, Problem
from data_access.imports.table import Sheet, letter
from language.format import by_language

# field -> (Danish names, English names); the first of each is how a message names it.
FIELDS: dict[Kind, dict[str, tuple[tuple[str, ...], tuple[str, ...]]]] = {
    "contacts": {
        "pseudonym": (("pseudonym", "person"), ("pseudonym", "person")),
        "site": (("sted",), ("site",)),
        "time": (("tidspunkt", "dato og tid", "tid"), ("time", "datetime", "date and time")),
        "contact_type": (("kontakttype", "type"), ("contact type", "type")),
        "outcome": (("udfald", "resultat"), ("outcome",)),
    },
    "courses": {
        "course_id": (
            ("forløbs-id", "forløbsid", "forløb-id", "forløbsnummer", "forløbsnr"),
            ("course id", "courseid", "course no"),
        ),
        "pseudonym": (("pseudonym", "person"), ("pseudonym", "person")),
        "department": (("afdeling",), ("department",)),
        "requested_on": (
            ("anmodningsdato", "henvendelsesdato", "anmodning"),
            ("requested on", "request date", "requested"),
        ),
        "started_on": (("startdato", "start"), ("started on", "start date", "start")),
        "ended_on": (("slutdato", "afslutningsdato"), ("ended on", "end date", "end")),
        "end_reason": (("afslutningsårsag", "årsag"), ("end reason",)),
        "modality": (("behandlingsform", "form"), ("modality",)),
        "referral_source": (("henviser", "henvisning"), ("referral source", "referral")),
        "address": (("adresse",), ("address",)),
        "birth_year": (("fødselsår",), ("birth year",)),
        "sex": (("køn",), ("sex", "gender")),
        "main_substance": (("hovedstof",), ("main substance",)),
    },
}
REQUIRED: dict[Kind, tuple[str, ...]] = {
    "contacts": ("site", "time", "contact_type", "outcome"),
    "courses": ("pseudonym", "department", "requested_on", "modality", "referral_source"),
}


def key(header: str) -> str:
    """A header as compared: lower case, dashes and underscores as spaces, spaces single."""
    return re.sub(r"\s+", " ", re.sub(r"[-_]", " ", header.casefold())).strip(" :*")


_LOOKUP: dict[Kind, dict[str, tuple[str, str | None]]] = {}
for _kind, _fields in FIELDS.items():
    _LOOKUP[_kind] = {}
    for _field, (_da, _en) in _fields.items():
        for _name in _da:
            _LOOKUP[_kind][key(_name)] = (_field, None if _name in _en else "da")
        for _name in _en:
            _LOOKUP[_kind].setdefault(key(_name), (_field, None if _name in _da else "en"))


def known_count(kind: Kind, headers: list[str]) -> int:
    """How many headers name a known field (used to tell the separator of a CSV file)."""
    return sum(1 for h in headers if key(h) in _LOOKUP[kind])


def any_known_count(headers: list[str]) -> int:
    return max(known_count(kind, headers) for kind in FIELDS)


def display_name(kind: Kind, field_name: str, lang: str) -> str:
    da, en = FIELDS[kind][field_name]
    return by_language(lang, da[0], en[0])


@dataclass
class Mapping:
    """Field -> 0-based column index, for one sheet."""

    columns: dict[str, int] = field(default_factory=dict)
    language: str = "da"  # the language of the file's headers
    ignored: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return not self.problems


def map_columns(sheet: Sheet, kind: Kind) -> Mapping:
    lookup = _LOOKUP[kind]
    mapping = Mapping()
    votes = {"da": 0, "en": 0}
    seen: dict[str, list[int]] = {}
    for index, header in enumerate(sheet.headers):
        if header:
            seen.setdefault(key(header), []).append(index)
    for indexes in seen.values():
        if len(indexes) > 1:
            mapping.problems.append(
                Problem(
                    "duplicate_column",
                    row=sheet.header_row,
                    column=sheet.headers[indexes[0]],
                    sheet=sheet.name,
                    detail=", ".join(letter(i) for i in indexes),
                )
            )
    by_field: dict[str, list[int]] = {}
    for index, header in enumerate(sheet.headers):
        if not header:
            continue
        found = lookup.get(key(header))
        if found is None:
            mapping.ignored.append(header)
            continue
        field_name, language = found
        if language:
            votes[language] += 1
        by_field.setdefault(field_name, []).append(index)
    for field_name, indexes in by_field.items():
        mapping.columns[field_name] = indexes[0]
        if len(indexes) > 1 and len({key(sheet.headers[i]) for i in indexes}) > 1:
            # Two different names for one thing ("sted" and "site"): which is meant?
            mapping.problems.append(
                Problem(
                    "duplicate_field",
                    row=sheet.header_row,
                    column=" / ".join(sheet.headers[i] for i in indexes),
                    sheet=sheet.name,
                    detail=", ".join(letter(i) for i in indexes),
                )
            )
    mapping.language = "en" if votes["en"] > votes["da"] else "da"
    for field_name in REQUIRED[kind]:
        if field_name not in mapping.columns:
            mapping.problems.append(
                Problem(
                    "missing_column",
                    row=sheet.header_row or None,
                    column=display_name(kind, field_name, mapping.language),
                    sheet=sheet.name,
                )
            )
    named = {i for i, header in enumerate(sheet.headers) if header}
    unnamed = sorted(
        {i for _, cells in sheet.rows for i, cell in enumerate(cells) if cell and i not in named}
    )
    if unnamed:
        mapping.notices.append(
            Notice(
                "unnamed_columns", count=len(unnamed), detail=", ".join(letter(i) for i in unnamed)
            )
        )
    return mapping
