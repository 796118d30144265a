"""Contacts and distinct persons over ranges of days, shared by the overview and the outreach
page.

Without site filters they come from the daily tables (data_access/aggregates.py): contacts
from contact_hour_counts, persons from person_contact_days, where a person met in [a, b] is
exactly one row: their first contact day in the range, the one whose previous contact day is
before a (or none). So distinct persons are a range count, and "first met since a day" is a
filter, at any scale. With site filters (a person's previous day may be at another site) they
are counted from the raw contacts, on the date-leading covering index.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import Connection, func, literal, or_, select, union_all
from sqlalchemy.sql import Select

from data_access.conditions import C, contact_sites
from data_access.filters import Filters
from data_access.schema import contact_hour_counts, person_contact_days
from data_access.sql import as_date, date_of, end_of_day

H = contact_hour_counts.c
P = person_contact_days.c


@dataclass(frozen=True)
class OutreachTotals:
    contacts: int
    anonymous_contacts: int
    persons: int


def _site_filtered(f: Filters) -> bool:
    return bool(f.sites or f.site_kinds)


def first_in(first: dt.date, last: dt.date):
    """person_contact_days rows of the persons met from `first` to `last`, one per person."""
    return (
        P.day.between(first, last),
        or_(P.previous_day.is_(None), P.previous_day < first),
    )


def contact_ranges(
    conn: Connection, f: Filters, ranges: Mapping[str, tuple[dt.date, dt.date]]
) -> dict[str, OutreachTotals]:
    """Contacts, anonymous contacts and distinct persons from the first to the last day of
    each named range (the site filters apply), in one statement of range searches."""
    wanted = {name: days for name, days in ranges.items() if days[0] <= days[1]}
    parts: list[Select] = []
    for name, (first, last) in wanted.items():
        if _site_filtered(f):
            parts.append(
                select(
                    literal(name),
                    func.count(),
                    func.count().filter(C.person_id.is_(None)),
                    func.count(C.person_id.distinct()),
                ).where(C.contact_at >= first, C.contact_at < end_of_day(last), *contact_sites(f))
            )
        else:
            parts.append(
                select(
                    literal(name), func.sum(H.contacts), func.sum(H.anonymous), literal(0)
                ).where(H.day.between(first, last))
            )
            parts.append(
                select(literal(name), literal(0), literal(0), func.count()).where(
                    *first_in(first, last)
                )
            )
    sums: dict[str, list[int]] = {name: [0, 0, 0] for name in ranges}
    if parts:
        statement = parts[0] if len(parts) == 1 else union_all(*parts)
        for name, *values in conn.execute(statement):
            sums[name] = [a + int(b or 0) for a, b in zip(sums[name], values, strict=True)]
    return {name: OutreachTotals(*values) for name, values in sums.items()}


def first_contacts_per_day(
    conn: Connection, f: Filters, since: dt.date, until: dt.date
) -> list[tuple[dt.date, int]]:
    """Persons per day of their first contact from `since` to `until` (the site filters
    apply), ascending by day."""
    if _site_filtered(f):
        first = (
            select(C.person_id, func.min(C.contact_at).label("first_contact"))
            .where(
                C.person_id.is_not(None),
                C.contact_at >= since,
                C.contact_at < end_of_day(until),
                *contact_sites(f),
            )
            .group_by(C.person_id)
            .subquery()
        )
        day = date_of(first.c.first_contact, conn.dialect.name).label("day")
        query = select(day, func.count()).group_by(day).order_by(day)
    else:
        query = (
            select(P.day, func.count())
            .where(*first_in(since, until))
            .group_by(P.day)
            .order_by(P.day)
        )
    return [(as_date(d), int(n)) for d, n in conn.execute(query)]


def persons_met(f: Filters):
    """A selectable of the distinct persons met in the period (the site filters apply)."""
    if _site_filtered(f):
        return (
            select(C.person_id)
            .where(
                C.contact_at >= f.start,
                C.contact_at < end_of_day(f.end),
                C.person_id.is_not(None),
                *contact_sites(f),
            )
            .distinct()
        )
    return select(P.person_id).where(*first_in(f.start, f.end))
