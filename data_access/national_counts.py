"""Our own counts for the page Landstal, in Statistics Denmark's sense: the organisation file's
[national] departments, without the persons whose main substance is excluded there (alcohol by
default), per whole calendar year inside our recorded data.

Its own module because two layers need the same counts: the page (data_access/national.py)
and the committee publication, which audits them with the rest of their family
(data_access/publication/publish.py), so that a Landstal count is never one more, separately
rounded measurement of figures the family protects.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import Date, Engine, and_, distinct, extract, func, literal, or_, select, union_all

from data_access.conditions import T, within_guarantee
from data_access.organisation import NationalComparison
from data_access.schema import departments, persons, treatment_courses

EVENTS = ("requests", "starts", "ends")
CHECKED = ("persons", *EVENTS)  # measures in both our data and DST's (the consistency check)


@dataclass(frozen=True)
class OwnYear:
    persons: int
    requests: int
    starts: int
    ends: int
    exceeded: int  # starts beyond the guarantee


def complete_years(extent: tuple[dt.date, dt.date] | None) -> list[int]:
    """Calendar years wholly inside the recorded data."""
    if extent is None:
        return []
    first, last = extent
    start = first.year if first <= dt.date(first.year, 1, 1) else first.year + 1
    end = last.year if last >= dt.date(last.year, 12, 31) else last.year - 1
    return list(range(start, end + 1))


def _course_filter(national: NationalComparison) -> list:
    conditions = [T.department_id.in_(national.departments)]
    if national.exclude_main_substances:
        substance = persons.c.main_substance
        conditions.append(
            or_(substance.is_(None), substance.not_in(national.exclude_main_substances))
        )
    return conditions


def own_counts(
    engine: Engine, national: NationalComparison, years: Iterable[int]
) -> dict[int, OwnYear]:
    """Our persons in drug treatment and our requests, starts and ends, per year."""
    years = list(years)
    if not years:
        return {}
    courses = treatment_courses.join(persons, persons.c.id == T.person_id)
    where = _course_filter(national)
    bounds = union_all(
        *[
            select(
                literal(y).label("year"),
                literal(dt.date(y, 1, 1), Date).label("first"),
                literal(dt.date(y, 12, 31), Date).label("last"),
            )
            for y in years
        ]
    ).subquery("years")
    in_treatment = and_(
        T.started_on <= bounds.c.last, or_(T.ended_on.is_(None), T.ended_on >= bounds.c.first)
    )
    person_query = (
        select(bounds.c.year, func.count(distinct(T.person_id)))
        .select_from(bounds.join(courses, in_treatment))
        .where(*where)
        .group_by(bounds.c.year)
    )
    counts: dict[int, dict[str, int]] = {y: dict.fromkeys((*CHECKED, "exceeded"), 0) for y in years}
    with engine.connect() as conn:
        for year, n in conn.execute(person_query):
            counts[int(year)]["persons"] = int(n)
        for event, column in zip(EVENTS, (T.requested_on, T.started_on, T.ended_on), strict=True):
            year = extract("year", column)
            query = (
                select(year, func.count())
                .select_from(courses)
                .where(column.between(dt.date(years[0], 1, 1), dt.date(years[-1], 12, 31)), *where)
                .group_by(year)
            )
            for y, n in conn.execute(query):
                if int(y) in counts:
                    counts[int(y)][event] = int(n)
        year = extract("year", T.started_on)
        breaches = func.count() - func.sum(within_guarantee(engine.dialect.name))
        query = (
            select(year, breaches)
            .select_from(courses.join(departments, departments.c.id == T.department_id))
            .where(T.started_on.between(dt.date(years[0], 1, 1), dt.date(years[-1], 12, 31)))
            .where(*where)
            .group_by(year)
        )
        for y, n in conn.execute(query):
            if int(y) in counts:
                counts[int(y)]["exceeded"] = int(n or 0)
    return {y: OwnYear(**c) for y, c in counts.items()}
