"""CSV templates with the headers and one example row (semicolons, dd-mm-yyyy)."""

from __future__ import annotations

from data_access.imports.columns import FIELDS, display_name
from data_access.imports.report import Kind

EXAMPLES: dict[Kind, dict[str, str]] = {
    "contacts": {
        "pseudonym": "BB-ABC123",
        "site": "helsingor-station",
        "time": "01-03-2025 14:30",
        "contact_type": "samtale",
        "outcome": "plan",
    },
    "courses": {
        "course_id": "F-1001",
        "pseudonym": "BB-ABC123",
        "department": "stof",
        "requested_on": "01-03-2025",
        "started_on": "10-03-2025",
        "ended_on": "",
        "end_reason": "",
        "modality": "individuel",
        "referral_source": "opsøgende",
        "birth_year": "1990",
        "sex": "M",
        "main_substance": "cannabis",
    },
}


def template_headers(kind: Kind, lang: str = "da") -> list[str]:
    """The columns of a template, named in `lang`."""
    return [display_name(kind, f, lang) for f in FIELDS[kind] if f in EXAMPLES[kind]]


def template(kind: Kind, lang: str = "da") -> bytes:
    fields = [f for f in FIELDS[kind] if f in EXAMPLES[kind]]
    header = template_headers(kind, lang)
    example = [EXAMPLES[kind][f] for f in fields]
    text = ";".join(header) + "\r\n" + ";".join(example) + "\r\n"
    return text.encode("utf-8-sig")
