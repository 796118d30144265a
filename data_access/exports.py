"""The filtered rows behind the dashboards, for managers to take into Excel; and the rule
every spreadsheet the app hands out follows (CSV and .xlsx, ui/downloads.py)."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Engine, func, select

from data_access import schema
from data_access.conditions import C, T, contact_filter, department_filter
from data_access.filters import Filters

# A cell starting with one of these is run as a formula by Excel and LibreOffice (OWASP "CSV
# injection"): a site name "=HYPERLINK(...)" from the organisation file would become a link.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy in which every text cell (and header) that a spreadsheet would read as a
    formula starts with a single quote, the OWASP way. Numbers, dates and other text stay."""

    def safe(value: object) -> object:
        if isinstance(value, str) and value.startswith(FORMULA_STARTS):
            return "'" + value
        return value

    out = frame.copy()
    out.columns = [safe(c) for c in out.columns]
    for column in out.columns:
        kind = out[column].dtype
        if not (pd.api.types.is_numeric_dtype(kind) or pd.api.types.is_datetime64_any_dtype(kind)):
            out[column] = out[column].map(safe)
    return out


def contacts_count(engine: Engine, f: Filters) -> int:
    """How many rows `contacts` gives (a range count: the rows are built only for a download)."""
    with engine.connect() as conn:
        return int(conn.scalar(select(func.count()).where(*contact_filter(f))))


def courses_count(engine: Engine, f: Filters) -> int:
    """How many rows `courses` gives."""
    query = select(func.count()).select_from(schema.treatment_courses)
    with engine.connect() as conn:
        return int(conn.scalar(query.where(_courses_in(f), *department_filter(f))))


def _courses_in(f: Filters):
    """Courses with any event (request, start, end) in the period."""
    return (
        T.requested_on.between(f.start, f.end)
        | T.started_on.between(f.start, f.end)
        | T.ended_on.between(f.start, f.end)
    )


def contacts(engine: Engine, f: Filters) -> pd.DataFrame:
    query = (
        select(
            schema.persons.c.pseudonym,
            C.site_id,
            schema.sites.c.name.label("site"),
            C.contact_at,
            C.contact_type,
            C.outcome,
        )
        .select_from(
            schema.outreach_contacts.join(schema.sites, schema.sites.c.id == C.site_id).outerjoin(
                schema.persons, schema.persons.c.id == C.person_id
            )
        )
        .where(*contact_filter(f))
        .order_by(C.contact_at)
    )
    with engine.connect() as conn:
        return pd.DataFrame(
            conn.execute(query).mappings().all(),
            columns=["pseudonym", "site_id", "site", "contact_at", "contact_type", "outcome"],
        )


def courses(engine: Engine, f: Filters) -> pd.DataFrame:
    """Courses with any event (request, start, end) in the period."""
    query = (
        select(
            schema.persons.c.pseudonym,
            T.department_id,
            T.address_site_id,
            T.requested_on,
            T.started_on,
            T.ended_on,
            T.end_reason,
            T.modality,
            T.referral_source,
        )
        .select_from(
            schema.treatment_courses.join(schema.persons, schema.persons.c.id == T.person_id)
        )
        .where(_courses_in(f), *department_filter(f))
        .order_by(T.requested_on)
    )
    with engine.connect() as conn:
        return pd.DataFrame(
            conn.execute(query).mappings().all(),
            columns=[
                "pseudonym",
                "department_id",
                "address_site_id",
                "requested_on",
                "started_on",
                "ended_on",
                "end_reason",
                "modality",
                "referral_source",
            ],
        )
