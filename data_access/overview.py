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

How they are computed (national scale): from the daily counts of data_access/aggregates.py,
the caseload as an event count (data_access/course_events.py), persons as a range count
(data_access/contact_counts.py). `overview` runs four statements for the period and the
previous one together; the single functions fetch what they need alone.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd
from sqlalchemy import Connection, Engine, case, func, select

from data_access.caseload import bucket_ends, series_from_active, series_from_events
from data_access.contact_counts import OutreachTotals as OutreachTotals  # part of OverviewData
from data_access.contact_counts import contact_ranges
from data_access.course_events import ActiveCounts, Waits, course_events, start_waits
from data_access.filters import Filters, bucket_end, bucket_starts
from data_access.publication.rules import share
from data_access.schema import (
    contact_hour_counts,
    course_day_counts,
    course_request_counts,
)
from data_access.sql import as_date, bucket_start


# ---- series per week or month, every bucket present --------------------------------------
def _filled(sums: dict[dt.date, list[int]], f: Filters, columns: list[str]) -> pd.DataFrame:
    """Sums per bucket start, every bucket of the period present (zeros filled in)."""
    zero = [0] * len(columns)
    rows = [(b, *sums.get(b, zero)) for b in bucket_starts(f.start, f.end, f.grain)]
    return pd.DataFrame(rows, columns=["bucket", *columns]).astype(dict.fromkeys(columns, int))


# ---- outreach (contact_counts: from the daily tables, or the raw contacts with site filters)
def _bucket_ranges(f: Filters) -> dict[str, tuple[dt.date, dt.date]]:
    return {
        b.isoformat(): (max(b, f.start), min(bucket_end(b, f.grain), f.end))
        for b in bucket_starts(f.start, f.end, f.grain)
    }


def _series_from_ranges(found: dict[str, OutreachTotals], f: Filters) -> pd.DataFrame:
    sums = {
        dt.date.fromisoformat(name): [t.contacts, t.persons]
        for name, t in found.items()
        if name[:1].isdigit()
    }
    return _filled(sums, f, ["contacts", "persons"])


def outreach_totals(engine: Engine, f: Filters) -> OutreachTotals:
    with engine.connect() as conn:
        return contact_ranges(conn, f, {"period": (f.start, f.end)})["period"]


def target_range(f: Filters, start: dt.date, end: dt.date | None) -> tuple[dt.date, dt.date]:
    """The days that count towards the outreach target: from the project start to the end of
    the period, but never past the project's end (the target belongs to the project period;
    after it, the card shows the project period's result)."""
    return start, f.end if end is None else min(f.end, end)


def persons_reached_since(
    engine: Engine, since: dt.date, f: Filters, until: dt.date | None = None
) -> int:
    """Distinct persons met from `since` (the project start) to the end of the period, or to
    `until` (the project end) if that is earlier."""
    with engine.connect() as conn:
        span = target_range(f, since, until)
        return contact_ranges(conn, f, {"since": span})["since"].persons


def outreach_series(engine: Engine, f: Filters) -> pd.DataFrame:
    """Contacts and distinct persons per week or month of the period (zeros filled in)."""
    with engine.connect() as conn:
        return _series_from_ranges(contact_ranges(conn, f, _bucket_ranges(f)), f)


# ---- bridge from outreach to treatment -------------------------------------------------
@dataclass(frozen=True)
class Referrals:
    requests: int
    started: int


def _referrals(conn: Connection, f: Filters, first: dt.date) -> dict[dt.date | None, list]:
    """Outreach referrals [requests, of them started] per week or month of the period; earlier
    requests, from `first` on, under None."""
    rc = course_request_counts.c
    bucket = case((rc.day >= f.start, bucket_start(rc.day, f.grain, conn.dialect.name))).label(
        "bucket"
    )
    query = (
        select(bucket, func.sum(rc.requests), func.sum(rc.started))
        .where(
            rc.referral_source == "outreach",
            rc.day.between(first, f.end),
            *([rc.department_id.in_(f.departments)] if f.departments else []),
        )
        .group_by(bucket)
    )
    return {as_date(b) if b else None: [int(r), int(s)] for b, r, s in conn.execute(query)}


def _referral_totals(sums: dict[dt.date | None, list], current: bool = True) -> Referrals:
    chosen = [v for b, v in sums.items() if (b is not None) == current]
    return Referrals(sum(v[0] for v in chosen), sum(v[1] for v in chosen))


def _referral_series(sums: dict[dt.date | None, list], f: Filters) -> pd.DataFrame:
    return _filled({b: v for b, v in sums.items() if b is not None}, f, ["requests", "started"])


def outreach_referrals(engine: Engine, f: Filters) -> Referrals:
    with engine.connect() as conn:
        return _referral_totals(_referrals(conn, f, f.start))


def referral_series(engine: Engine, f: Filters) -> pd.DataFrame:
    with engine.connect() as conn:
        return _referral_series(_referrals(conn, f, f.start), f)


# ---- caseload -------------------------------------------------------------------------
def _caseload_on(active: ActiveCounts, day: dt.date) -> dict[str, int]:
    """Active courses per department on `day` (counted for it)."""
    return {key[0]: n for (_, key), n in active.by(["department"], [day]).items()}


def active_caseload(engine: Engine, day: dt.date, f: Filters) -> dict[str, int]:
    """Active courses per department on `day` (departments without any are left out)."""
    with engine.connect() as conn:
        return _caseload_on(course_events(conn, day, day, f.departments).active_on([day]), day)


def caseload_series(engine: Engine, f: Filters) -> pd.DataFrame:
    """Active courses per department at the end of each week or month (capped at the period end).
    Columns: bucket, day, department, active."""
    with engine.connect() as conn:
        events = course_events(conn, f.start, f.end, f.departments)
    return series_from_events(events, f)


# ---- the guarantee --------------------------------------------------------------------
@dataclass(frozen=True)
class Guarantee:
    starts: int | None
    within: int | None
    protected: bool = False  # committee figures (data_access/publication): shares by its rules

    @property
    def share(self) -> float | None:
        return share(self.within, self.starts, self.protected)


def _guarantee_from(waits: list[Waits], current: bool = True) -> Guarantee:
    chosen = [w for w in waits if (w.bucket is not None) == current]
    within = sum(w.starts for w in chosen if w.days <= w.guarantee_days)
    return Guarantee(sum(w.starts for w in chosen), within)


def _guarantee_series(waits: list[Waits], f: Filters) -> pd.DataFrame:
    """Starts and starts within the guarantee per week or month, every department together."""
    sums: dict[dt.date, list[int]] = {}
    for w in waits:
        if w.bucket is not None:
            pair = sums.setdefault(w.bucket, [0, 0])
            pair[0] += w.starts
            pair[1] += w.starts if w.days <= w.guarantee_days else 0
    return _filled(sums, f, ["starts", "within"])


def _waits(conn: Connection, f: Filters, first: dt.date) -> list[Waits]:
    return start_waits(conn, first, f.end, f.departments, f.start, f.grain)


def guarantee(engine: Engine, f: Filters) -> Guarantee:
    with engine.connect() as conn:
        return _guarantee_from(_waits(conn, f, f.start))


def guarantee_series(engine: Engine, f: Filters) -> pd.DataFrame:
    """Starts and starts within the guarantee per week or month, all departments together:
    the caseload page's per-department series, summed (zeros filled in)."""
    with engine.connect() as conn:
        return _guarantee_series(_waits(conn, f, f.start), f)


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


def overview(
    engine: Engine, f: Filters, project_start: dt.date, project_end: dt.date | None = None
) -> OverviewData:
    """Every figure of the page from four statements, the previous period's from the same
    ones as the current period's. The persons towards the target are counted within the
    project period (to `project_end`)."""
    previous = f.previous()
    ranges = {
        "period": (f.start, f.end),
        "previous": (previous.start, previous.end),
        "since": target_range(f, project_start, project_end),
        **_bucket_ranges(f),
    }
    with engine.connect() as conn:
        contacts = contact_ranges(conn, f, ranges)
        referrals = _referrals(conn, f, previous.start)
        events = course_events(conn, previous.start, f.end, f.departments)
        waits = _waits(conn, f, previous.start)
    active = events.active_on([*bucket_ends(f, f.grain), f.end, previous.end])
    return OverviewData(
        filters=f,
        outreach=contacts["period"],
        outreach_previous=contacts["previous"],
        reached_since_start=contacts["since"].persons,
        referrals=_referral_totals(referrals),
        referrals_previous=_referral_totals(referrals, current=False),
        caseload=_caseload_on(active, f.end),
        caseload_previous=_caseload_on(active, previous.end),
        guarantee=_guarantee_from(waits),
        guarantee_previous=_guarantee_from(waits, current=False),
        outreach_trend=_series_from_ranges(contacts, f),
        referral_trend=_referral_series(referrals, f),
        caseload_trend=series_from_active(active, f),
        guarantee_trend=_guarantee_series(waits, f),
    )


def data_extent(engine: Engine) -> tuple[dt.date, dt.date] | None:
    """First and last day with any recorded activity (contacts, requests, starts, ends), read
    from the daily counts: every course event and contact day has a row there. Each end is
    its own subquery, so each is one index seek."""
    ends = [
        select(agg(table.c.day)).scalar_subquery()
        for table in (contact_hour_counts, course_day_counts)
        for agg in (func.min, func.max)
    ]
    query = select(*ends)
    with engine.connect() as conn:
        days = [as_date(d) for d in conn.execute(query).one() if d is not None]
    if not days:
        return None
    return min(days), max(days)
