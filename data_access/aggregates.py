"""Pre-aggregated daily counts, kept current by every write path.

At national scale (hundreds of thousands of courses and contacts) a filter change cannot scan
the raw rows of its period several times over. The counts the pages read are kept per day in
small tables (data_access/schema.py, "pre-aggregated counts"), whose size grows with days x
departments x sites, never with the number of rows:

- course_day_counts: requests, starts, ends and ends of started courses per day, department,
  address and modality (the active caseload on any day is an event count from them);
- course_start_waits: starts per day, department and days waited (the guarantee);
- course_request_counts: requests, and of them those started, per day, department, referral
  source and age group at the request;
- course_end_counts: ends per day, department and end reason;
- contact_hour_counts: contacts and anonymous contacts per day, site and hour;
- person_contact_days: each person's contact days, each with the one before: distinct persons
  met in a range are the rows in it whose previous day lies before it (counts of distinct
  persons do not add up over days; this makes them a range count all the same). With site
  filters the pages count distinct persons from the raw contacts instead.

How a write keeps them current, in its own transaction: after inserting a batch's rows call
`refresh_batch(conn, batch_id)`; around writes that remove or change a batch's rows use
`with kept_current(conn, batch_id):` (the days its rows touch, before and after, are
recomputed); any other change calls `refresh(conn, Touched(...))` with the days it touched
(old and new values). Recomputing a day from the raw rows, rather than adding deltas, makes
a refresh idempotent and an undo as simple as an insert. `rebuild` recomputes everything.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from sqlalchemy import (
    ColumnElement,
    Connection,
    Date,
    Table,
    and_,
    case,
    delete,
    func,
    insert,
    literal,
    or_,
    select,
    true,
    union,
    union_all,
)

from data_access.schema import (
    contact_hour_counts,
    course_day_counts,
    course_end_counts,
    course_request_counts,
    course_start_waits,
    import_changes,
    outreach_contacts,
    person_contact_days,
    persons,
    treatment_courses,
)
from data_access.sql import as_date, date_of, days_between, end_of_day, hour_of, year_of

C = outreach_contacts.c
T = treatment_courses.c
AGE_GROUPS = ("under 18", "18-24", "25+")
UNKNOWN_AGE = "unknown"
COURSE_DATES = ("requested_on", "started_on", "ended_on")
COURSE_TABLES = (course_day_counts, course_start_waits, course_request_counts, course_end_counts)
CONTACT_TABLES = (contact_hour_counts, person_contact_days)
# A refresh recomputes runs of consecutive days; this many runs go into one statement.
_RUNS_PER_STATEMENT = 100
# Above this many touched days (persons) a refresh recomputes everything in one scan.
FULL_SCAN_DAYS = 120
FULL_PERSONS = 5000
_PERSONS_PER_STATEMENT = 500


@dataclass
class Touched:
    """What a write touched: contact days, any request, start or end day of a course, and the
    persons whose contacts changed."""

    contact_days: set[dt.date] = field(default_factory=set)
    course_days: set[dt.date] = field(default_factory=set)
    persons: set[int] = field(default_factory=set)

    def __or__(self, other: Touched) -> Touched:
        return Touched(
            self.contact_days | other.contact_days,
            self.course_days | other.course_days,
            self.persons | other.persons,
        )


def age_group(request_day: ColumnElement, dialect: str) -> ColumnElement:
    """Age group at the request: the request's year minus the birth year (no birth dates kept).
    Needs treatment_courses joined to persons."""
    age = year_of(request_day, dialect) - persons.c.birth_year
    return case(
        (persons.c.birth_year.is_(None), UNKNOWN_AGE),
        (age < 18, AGE_GROUPS[0]),
        (age <= 24, AGE_GROUPS[1]),
        else_=AGE_GROUPS[2],
    )


# ---- the raw aggregates (the definitions; a refresh stores their rows) --------------------
def _in_runs(column: ColumnElement, runs: list[tuple[dt.date, dt.date]] | None) -> ColumnElement:
    if runs is None:
        return true()
    return or_(*(column.between(first, last) for first, last in runs))


def _contacts_in_runs(runs: list[tuple[dt.date, dt.date]] | None) -> ColumnElement:
    if runs is None:
        return true()
    return or_(
        *(and_(C.contact_at >= first, C.contact_at < end_of_day(last)) for first, last in runs)
    )


def day_counts_query(runs: list[tuple[dt.date, dt.date]] | None = None):
    """course_day_counts from the raw courses (every day when `runs` is None)."""
    dims = [T.department_id, T.address_site_id, T.modality]
    counts = ("requests", "starts", "ends", "started_ends")

    def events(column: ColumnElement, **given: ColumnElement):
        values = [given.get(name, literal(0)).label(name) for name in counts]
        return (
            select(column.label("day"), *dims, *values)
            .where(column.is_not(None), _in_runs(column, runs))
            .group_by(column, *dims)
        )

    parts = union_all(
        events(T.requested_on, requests=func.count()),
        events(T.started_on, starts=func.count()),
        events(T.ended_on, ends=func.count(), started_ends=func.count(T.started_on)),
    ).subquery("events")
    keys = [parts.c.day, parts.c.department_id, parts.c.address_site_id, parts.c.modality]
    return select(*keys, *(func.sum(parts.c[name]) for name in counts)).group_by(*keys)


def start_waits_query(dialect: str, runs: list[tuple[dt.date, dt.date]] | None = None):
    waited = days_between(T.started_on, T.requested_on, dialect)
    return (
        select(T.started_on, T.department_id, waited, func.count())
        .where(T.started_on.is_not(None), _in_runs(T.started_on, runs))
        .group_by(T.started_on, T.department_id, waited)
    )


def request_counts_query(dialect: str, runs: list[tuple[dt.date, dt.date]] | None = None):
    group = age_group(T.requested_on, dialect)
    return (
        select(
            T.requested_on,
            T.department_id,
            T.referral_source,
            group,
            func.count(),
            func.count(T.started_on),
        )
        .select_from(treatment_courses.join(persons, persons.c.id == T.person_id))
        .where(_in_runs(T.requested_on, runs))
        .group_by(T.requested_on, T.department_id, T.referral_source, group)
    )


def end_counts_query(runs: list[tuple[dt.date, dt.date]] | None = None):
    return (
        select(T.ended_on, T.department_id, T.end_reason, func.count())
        .where(T.ended_on.is_not(None), _in_runs(T.ended_on, runs))
        .group_by(T.ended_on, T.department_id, T.end_reason)
    )


def contact_hours_query(dialect: str, runs: list[tuple[dt.date, dt.date]] | None = None):
    day = date_of(C.contact_at, dialect)
    hour = hour_of(C.contact_at, dialect)
    return (
        select(day, C.site_id, hour, func.count(), func.count().filter(C.person_id.is_(None)))
        .where(_contacts_in_runs(runs))
        .group_by(day, C.site_id, hour)
    )


def person_days_query(dialect: str, persons: list[int] | None = None):
    """person_contact_days from the raw contacts (every person when `persons` is None)."""
    chosen = [C.person_id.in_(persons)] if persons is not None else []
    days = (
        select(C.person_id, date_of(C.contact_at, dialect).label("day"))
        .where(C.person_id.is_not(None), *chosen)
        .distinct()
        .subquery("days")
    )
    previous = func.lag(days.c.day, type_=Date).over(
        partition_by=days.c.person_id, order_by=days.c.day
    )
    return select(days.c.day, days.c.person_id, previous)


def _queries(dialect: str, runs: list[tuple[dt.date, dt.date]] | None) -> dict[Table, object]:
    return {
        course_day_counts: day_counts_query(runs),
        course_start_waits: start_waits_query(dialect, runs),
        course_request_counts: request_counts_query(dialect, runs),
        course_end_counts: end_counts_query(runs),
    }


# ---- keeping the tables current ------------------------------------------------------------
def runs_of(days: Iterable[dt.date]) -> list[tuple[dt.date, dt.date]]:
    """Consecutive days merged into (first, last) runs, in order."""
    runs: list[tuple[dt.date, dt.date]] = []
    for day in sorted(set(days)):
        if runs and day - runs[-1][1] <= dt.timedelta(days=1):
            runs[-1] = (runs[-1][0], day)
        else:
            runs.append((day, day))
    return runs


def _replace(conn: Connection, table: Table, query, runs) -> None:
    conn.execute(delete(table).where(_in_runs(table.c.day, runs)))
    conn.execute(insert(table).from_select([c.name for c in table.columns], query))


def refresh(conn: Connection, touched: Touched) -> None:
    """Recompute the touched days of every pre-aggregated table from the raw rows."""
    dialect = conn.dialect.name
    for runs in _run_chunks(touched.course_days):
        for table, query in _queries(dialect, runs).items():
            _replace(conn, table, query, runs)
    for runs in _run_chunks(touched.contact_days):
        _replace(conn, contact_hour_counts, contact_hours_query(dialect, runs), runs)
    _refresh_persons(conn, touched.persons)


def _refresh_persons(conn: Connection, persons: set[int]) -> None:
    """Recompute the contact days of these persons (all of them past FULL_PERSONS)."""
    dialect = conn.dialect.name
    table = person_contact_days
    columns = [c.name for c in table.columns]
    if len(persons) > FULL_PERSONS:
        conn.execute(delete(table))
        conn.execute(insert(table).from_select(columns, person_days_query(dialect)))
        return
    chosen = sorted(persons)
    for start in range(0, len(chosen), _PERSONS_PER_STATEMENT):
        chunk = chosen[start : start + _PERSONS_PER_STATEMENT]
        conn.execute(delete(table).where(table.c.person_id.in_(chunk)))
        conn.execute(insert(table).from_select(columns, person_days_query(dialect, chunk)))


def _run_chunks(days: set[dt.date]) -> Iterator[list[tuple[dt.date, dt.date]] | None]:
    """The runs to recompute, a statement's worth at a time; None (every day) when a write
    touched so many days that one scan of the table beats a search per day (bulk loads)."""
    if len(days) > FULL_SCAN_DAYS:
        yield None
        return
    runs = runs_of(days)
    for start in range(0, len(runs), _RUNS_PER_STATEMENT):
        yield runs[start : start + _RUNS_PER_STATEMENT]


def rebuild(conn: Connection) -> None:
    """Recompute every pre-aggregated table from the raw rows."""
    dialect = conn.dialect.name
    queries = {
        **_queries(dialect, None),
        contact_hour_counts: contact_hours_query(dialect),
        person_contact_days: person_days_query(dialect),
    }
    for table, query in queries.items():
        conn.execute(delete(table))
        conn.execute(insert(table).from_select([c.name for c in table.columns], query))


def batch_days(conn: Connection, batch_id: int) -> Touched:
    """Every day the rows of an import batch touch: its own contacts and courses, the courses
    it changed (their days now and the dates it replaced, from its change records) and the
    courses of persons whose facts it filled in (the age group at the request)."""
    dialect = conn.dialect.name
    contact_days = select(date_of(C.contact_at, dialect)).where(C.batch_id == batch_id).distinct()
    persons_met = (
        select(C.person_id).where(C.batch_id == batch_id, C.person_id.is_not(None)).distinct()
    )
    X = import_changes.c
    changed = X.batch_id == batch_id
    changed_persons = select(X.row_id).where(changed, X.table_name == "persons")
    # Each part a search of its own index (an OR of them would scan the table).
    courses_of_batch = union(
        select(T.id).where(T.batch_id == batch_id),
        select(X.row_id).where(changed, X.table_name == "treatment_courses"),
        select(T.id).where(T.person_id.in_(changed_persons)),
    )
    dates = select(T.requested_on, T.started_on, T.ended_on).where(T.id.in_(courses_of_batch))
    days = {as_date(day) for row in conn.execute(dates) for day in row if day is not None}
    replaced_dates = select(X.old_value, X.new_value).where(
        changed, X.table_name == "treatment_courses", X.column_name.in_(COURSE_DATES)
    )
    for old, new in conn.execute(replaced_dates):
        days |= {dt.date.fromisoformat(value) for value in (old, new) if value}
    return Touched(
        {as_date(day) for day in conn.scalars(contact_days)},
        days,
        set(conn.scalars(persons_met)),
    )


def refresh_batch(conn: Connection, batch_id: int) -> None:
    """After inserting a batch's rows, inside the same transaction: recompute the days they
    touch."""
    refresh(conn, batch_days(conn, batch_id))


@contextmanager
def kept_current(conn: Connection, batch_id: int) -> Iterator[None]:
    """Around the writes of one batch (insert or undo), inside their transaction: afterwards
    every day its rows touched, before or after, is recomputed."""
    before = batch_days(conn, batch_id)
    yield
    refresh(conn, before | batch_days(conn, batch_id))


def main(argv: list[str] | None = None) -> int:
    """Rebuild the daily counts from the raw rows: after rows were changed outside the app."""
    import argparse

    from data_access.db import create_engine_for, refresh_statistics, resolve_url, secrets_file_url

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("--url", help="database URL (default: the app's configured database)")
    args = parser.parse_args(argv)
    engine = create_engine_for(args.url or resolve_url(secrets_file_url()))
    with engine.begin() as conn:
        rebuild(conn)
        refresh_statistics(conn)
    print(f"Daily counts rebuilt: {engine.url.render_as_string(hide_password=True)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
