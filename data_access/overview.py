"""Aggregates for the overview page, all computed in SQL.

Definitions (also shown to users in the page's help texts):
- persons reached: distinct pseudonymous persons with an outreach contact in the period;
  anonymous contacts count as contacts, never as persons;
- referrals from outreach: treatment requests in the period whose referral source is the
  outreach team; "started" counts those of them that have a start date (so far);
- active caseload on a day: courses started on or before that day and not ended before it
  (a course ending on the day still counts);
- guarantee kept: starts in the period whose waiting time (start - request, in days) is at most
  the department's guarantee (14 days).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd
from sqlalchemy import Engine, func, select

from data_access.caseload import active_series, guarantee_by_bucket
from data_access.conditions import (
    C,
    T,
    active_on,
    contact_filter,
    department_filter,
    within_guarantee,
)
from data_access.filters import Filters, bucket_starts
from data_access.publication.rules import share
from data_access.schema import departments, outreach_contacts, treatment_courses
from data_access.sql import as_date, bucket_start


def _dialect(engine: Engine) -> str:
    return engine.dialect.name


# ---- series per week or month, every bucket present --------------------------------------
def _fill_buckets(totals: pd.DataFrame, f: Filters) -> pd.DataFrame:
    """`totals` indexed by bucket start; every bucket of the period present, zeros filled in."""
    buckets = bucket_starts(f.start, f.end, f.grain)
    filled = totals.reindex(buckets, fill_value=0).rename_axis("bucket").reset_index()
    return filled.astype(dict.fromkeys(totals.columns, int))


def _per_bucket(engine: Engine, query, f: Filters, columns: list[str]) -> pd.DataFrame:
    """Run a query grouped by bucket (its first column) and fill in the empty buckets."""
    with engine.connect() as conn:
        rows = [(as_date(row[0]), *row[1:]) for row in conn.execute(query)]
    totals = pd.DataFrame(rows, columns=["bucket", *columns]).set_index("bucket")
    return _fill_buckets(totals, f)


# ---- outreach -----------------------------------------------------------------------------
@dataclass(frozen=True)
class OutreachTotals:
    contacts: int
    anonymous_contacts: int
    persons: int


def outreach_totals(engine: Engine, f: Filters) -> OutreachTotals:
    query = select(
        func.count(),
        func.count().filter(C.person_id.is_(None)),
        func.count(C.person_id.distinct()),
    ).where(*contact_filter(f))
    with engine.connect() as conn:
        contacts, anonymous, persons = conn.execute(query).one()
    return OutreachTotals(int(contacts), int(anonymous or 0), int(persons))


def persons_reached_since(engine: Engine, since: dt.date, f: Filters) -> int:
    """Distinct persons met from `since` (the project start) to the end of the period."""
    if f.end < since:
        return 0
    query = select(func.count(C.person_id.distinct())).where(*contact_filter(f, start=since))
    with engine.connect() as conn:
        return int(conn.scalar(query) or 0)


def outreach_series(engine: Engine, f: Filters) -> pd.DataFrame:
    """Contacts and distinct persons per week or month of the period (zeros filled in)."""
    bucket = bucket_start(C.contact_at, f.grain, _dialect(engine)).label("bucket")
    query = (
        select(
            bucket,
            func.count().label("contacts"),
            func.count(C.person_id.distinct()).label("persons"),
        )
        .where(*contact_filter(f))
        .group_by(bucket)
    )
    return _per_bucket(engine, query, f, ["contacts", "persons"])


# ---- bridge from outreach to treatment -------------------------------------------------
@dataclass(frozen=True)
class Referrals:
    requests: int
    started: int


def outreach_referrals(engine: Engine, f: Filters) -> Referrals:
    query = select(func.count(), func.count(T.started_on)).where(
        T.referral_source == "outreach",
        T.requested_on.between(f.start, f.end),
        *department_filter(f),
    )
    with engine.connect() as conn:
        requests, started = conn.execute(query).one()
    return Referrals(int(requests), int(started))


def referral_series(engine: Engine, f: Filters) -> pd.DataFrame:
    bucket = bucket_start(T.requested_on, f.grain, _dialect(engine)).label("bucket")
    query = (
        select(bucket, func.count().label("requests"), func.count(T.started_on).label("started"))
        .where(
            T.referral_source == "outreach",
            T.requested_on.between(f.start, f.end),
            *department_filter(f),
        )
        .group_by(bucket)
    )
    return _per_bucket(engine, query, f, ["requests", "started"])


# ---- caseload -------------------------------------------------------------------------
def active_caseload(engine: Engine, day: dt.date, f: Filters) -> dict[str, int]:
    """Active courses per department on `day` (departments without any are left out)."""
    query = (
        select(T.department_id, func.count())
        .where(active_on(day), *department_filter(f))
        .group_by(T.department_id)
    )
    with engine.connect() as conn:
        return {dept: int(n) for dept, n in conn.execute(query)}


def caseload_series(engine: Engine, f: Filters) -> pd.DataFrame:
    """Active courses per department at the end of each week or month (capped at the period end).
    Columns: bucket, day, department, active."""
    return active_series(engine, f)


# ---- the guarantee --------------------------------------------------------------------
@dataclass(frozen=True)
class Guarantee:
    starts: int | None
    within: int | None
    protected: bool = False  # committee figures (data_access/publication): shares by its rules

    @property
    def share(self) -> float | None:
        return share(self.within, self.starts, self.protected)


def guarantee(engine: Engine, f: Filters) -> Guarantee:
    query = (
        select(func.count(), func.coalesce(func.sum(within_guarantee(_dialect(engine))), 0))
        .select_from(treatment_courses.join(departments, departments.c.id == T.department_id))
        .where(T.started_on.between(f.start, f.end), *department_filter(f))
    )
    with engine.connect() as conn:
        starts, within = conn.execute(query).one()
    return Guarantee(int(starts), int(within))


def guarantee_series(engine: Engine, f: Filters) -> pd.DataFrame:
    """Starts and starts within the guarantee per week or month, all departments together:
    the caseload page's per-department series, summed (zeros filled in)."""
    per_department = guarantee_by_bucket(engine, f)
    return _fill_buckets(per_department.groupby("bucket")[["starts", "within"]].sum(), f)


# ---- everything the overview page shows, in one object --------------------------------
@dataclass(frozen=True)
class OverviewData:
    filters: Filters
    outreach: OutreachTotals
    outreach_previous: OutreachTotals
    reached_since_start: int
    referrals: Referrals
    referrals_previous: Referrals
    caseload: dict[str, int]
    caseload_previous: dict[str, int]
    guarantee: Guarantee
    guarantee_previous: Guarantee
    outreach_trend: pd.DataFrame
    referral_trend: pd.DataFrame
    caseload_trend: pd.DataFrame
    guarantee_trend: pd.DataFrame
    # Committee figures (data_access/publication): counts are 0, multiples of 5, None ("<5")
    # or WITHHELD ("–"); series columns hold them as nullable integers.
    protected: bool = False


def overview(engine: Engine, f: Filters, project_start: dt.date) -> OverviewData:
    previous = f.previous()
    return OverviewData(
        filters=f,
        outreach=outreach_totals(engine, f),
        outreach_previous=outreach_totals(engine, previous),
        reached_since_start=persons_reached_since(engine, project_start, f),
        referrals=outreach_referrals(engine, f),
        referrals_previous=outreach_referrals(engine, previous),
        caseload=active_caseload(engine, f.end, f),
        caseload_previous=active_caseload(engine, previous.end, f),
        guarantee=guarantee(engine, f),
        guarantee_previous=guarantee(engine, previous),
        outreach_trend=outreach_series(engine, f),
        referral_trend=referral_series(engine, f),
        caseload_trend=caseload_series(engine, f),
        guarantee_trend=guarantee_series(engine, f),
    )


def data_extent(engine: Engine) -> tuple[dt.date, dt.date] | None:
    """First and last day with any recorded activity (contacts, requests, starts, ends)."""
    query = select(func.min(C.contact_at), func.max(C.contact_at)).select_from(outreach_contacts)
    course_query = select(
        func.min(T.requested_on),
        func.max(func.coalesce(T.ended_on, T.started_on, T.requested_on)),
    )
    with engine.connect() as conn:
        c_min, c_max = conn.execute(query).one()
        t_min, t_max = conn.execute(course_query).one()
    days = [as_date(str(v)[:10]) for v in (c_min, c_max, t_min, t_max) if v is not None]
    if not days:
        return None
    return min(days), max(days)
