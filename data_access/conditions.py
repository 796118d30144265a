"""WHERE conditions that turn the shared filters into SQL, used by every query module."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import and_, case, or_, select
from sqlalchemy.sql.elements import ColumnElement

from data_access.filters import Filters
from data_access.schema import departments, outreach_contacts, sites, treatment_courses
from data_access.sql import days_between, end_of_day

C = outreach_contacts.c
T = treatment_courses.c


def contact_sites(f: Filters, site: ColumnElement = C.site_id) -> list[ColumnElement]:
    """The site and site-kind filters on outreach contacts (or another table's site column)."""
    conditions = []
    if f.sites:
        conditions.append(site.in_(f.sites))
    if f.site_kinds:
        conditions.append(site.in_(select(sites.c.id).where(sites.c.kind.in_(f.site_kinds))))
    return conditions


def contact_filter(f: Filters, start: dt.date | None = None) -> list[ColumnElement]:
    """Contacts in the period (from `start` instead of the period start, if given)."""
    return [
        C.contact_at >= (start or f.start),
        C.contact_at < end_of_day(f.end),
        *contact_sites(f),
    ]


def department_filter(f: Filters) -> list[ColumnElement]:
    return [T.department_id.in_(f.departments)] if f.departments else []


def active_on(day: ColumnElement | dt.date) -> ColumnElement:
    """Courses active on `day`: started on or before it, not ended before it."""
    return and_(T.started_on <= day, or_(T.ended_on.is_(None), T.ended_on >= day))


def within_guarantee(dialect: str) -> ColumnElement:
    """1 for a start at most the department's guarantee days after the request, else 0
    (day 14 is within, day 15 a breach). Needs treatment_courses joined to departments."""
    waited = days_between(T.started_on, T.requested_on, dialect)
    return case((waited <= departments.c.guarantee_days, 1), else_=0)
