"""Aggregates for the caseload page (stof, alkohol, unge and the 14-day guarantee), in SQL.

Definitions (the page's help texts repeat them):
- active on a day: started on or before it and not ended before it (a course ending on the day
  still counts); series are taken at the end of each week or month, capped at the period end;
- flow: requests, starts and ends dated inside each week or month of the period;
- waiting time: whole days from request to start, for starts in the period; within the
  guarantee when at most the department's guarantee days (14): day 14 is within, day 15 a
  breach. The median is the middle waiting time; P90 is the waiting time that 90 % of starts
  were at or under (nearest rank);
- waiting now: requests made on or before the period's last day with no start and no end by
  then, by days waited on that day;
- caseload per FTE: active courses at the month's end divided by the FTE of that month;
- age: the year of the request minus the birth year (an approximation: no birth dates kept).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Literal

import pandas as pd
from sqlalchemy import Date, Engine, case, func, literal, or_, select, union_all

from data_access.conditions import T, active_on, department_filter, within_guarantee
from data_access.filters import Filters, Grain, bucket_end, bucket_starts
from data_access.publication.rules import share
from data_access.schema import departments, persons, staffing, treatment_courses
from data_access.sql import as_date, bucket_start, days_between

Split = Literal["address", "modality"]
WAITING_BUCKETS = ("0-7", "8-14", "15+")
AGE_GROUPS = ("under 18", "18-24", "25+")


def _dialect(engine: Engine) -> str:
    return engine.dialect.name


def active_series(
    engine: Engine, f: Filters, split: Split | None = None, grain: Grain | None = None
) -> pd.DataFrame:
    """Active courses at the end of each week or month, per department (and address/modality).

    Columns: bucket, day, department, [group,] active. One query: the bucket end days are a
    small derived table (UNION ALL of literals, accepted by SQLite and PostgreSQL).
    """
    grain = grain or f.grain
    buckets = bucket_starts(f.start, f.end, grain)
    ends = [min(bucket_end(b, grain), f.end) for b in buckets]
    days = union_all(*[select(literal(d, Date).label("day")) for d in ends]).subquery("days")
    group_columns = [days.c.day, T.department_id]
    if split == "address":
        group_columns.append(T.address_site_id.label("group"))
    elif split == "modality":
        group_columns.append(T.modality.label("group"))
    query = (
        select(*group_columns, func.count().label("active"))
        .select_from(days.join(treatment_courses, active_on(days.c.day)))
        .where(*department_filter(f))
        .group_by(*group_columns)
    )
    names = ["day", "department", *(["group"] if split else []), "active"]
    with engine.connect() as conn:
        rows = [(as_date(r[0]), *r[1:]) for r in conn.execute(query)]
    frame = pd.DataFrame(rows, columns=names)
    frame["active"] = frame["active"].astype(int)
    frame.insert(0, "bucket", frame["day"].map(dict(zip(ends, buckets, strict=True))))
    return frame


def flow(engine: Engine, f: Filters) -> pd.DataFrame:
    """Requests, starts and ends per week or month and department.

    Columns: bucket, department, event ("requests", "starts", "ends"), count.
    """
    dialect = _dialect(engine)
    frames = []
    for event, column in (
        ("requests", T.requested_on),
        ("starts", T.started_on),
        ("ends", T.ended_on),
    ):
        bucket = bucket_start(column, f.grain, dialect).label("bucket")
        query = (
            select(bucket, T.department_id, func.count())
            .where(column.between(f.start, f.end), *department_filter(f))
            .group_by(bucket, T.department_id)
        )
        with engine.connect() as conn:
            rows = [(as_date(b), d, event, int(n)) for b, d, n in conn.execute(query)]
        frames.append(pd.DataFrame(rows, columns=["bucket", "department", "event", "count"]))
    return pd.concat(frames, ignore_index=True)


def ends_by_reason(engine: Engine, f: Filters) -> pd.DataFrame:
    """Ends in the period per department and end reason. Columns: department, reason, ends."""
    query = (
        select(T.department_id, T.end_reason, func.count())
        .where(T.ended_on.between(f.start, f.end), *department_filter(f))
        .group_by(T.department_id, T.end_reason)
    )
    with engine.connect() as conn:
        rows = [(d, r, int(n)) for d, r, n in conn.execute(query)]
    return pd.DataFrame(rows, columns=["department", "reason", "ends"])


def waiting_histogram(engine: Engine, f: Filters) -> pd.DataFrame:
    """Starts in the period per department and waiting days. Columns: department, days, starts,
    guarantee_days."""
    waited = days_between(T.started_on, T.requested_on, _dialect(engine)).label("days")
    query = (
        select(T.department_id, waited, func.count(), departments.c.guarantee_days)
        .select_from(treatment_courses.join(departments, departments.c.id == T.department_id))
        .where(T.started_on.between(f.start, f.end), *department_filter(f))
        .group_by(T.department_id, waited, departments.c.guarantee_days)
    )
    with engine.connect() as conn:
        rows = [(d, int(w), int(n), int(g)) for d, w, n, g in conn.execute(query)]
    return pd.DataFrame(rows, columns=["department", "days", "starts", "guarantee_days"])


@dataclass(frozen=True)
class WaitingStats:
    starts: int | None
    within: int | None
    median_days: float | None
    p90_days: int | None
    protected: bool = False  # committee figures (data_access/publication)

    @property
    def share_within(self) -> float | None:
        return share(self.within, self.starts, self.protected)


def median_from_counts(values: list[int], counts: list[int]) -> float | None:
    """The median of a distribution given as (value, count) pairs."""
    total = sum(counts)
    if total == 0:
        return None
    pairs = sorted(zip(values, counts, strict=True))

    def nth(k: int) -> int:  # k-th smallest, 1-based
        seen = 0
        for value, count in pairs:
            seen += count
            if seen >= k:
                return value
        raise IndexError(k)

    if total % 2:
        return float(nth(total // 2 + 1))
    return (nth(total // 2) + nth(total // 2 + 1)) / 2


def percentile_nearest_rank(values: list[int], counts: list[int], share: float) -> int | None:
    """The smallest value that at least `share` of the distribution is at or under."""
    total = sum(counts)
    if total == 0:
        return None
    rank = max(1, math.ceil(share * total))
    seen = 0
    for value, count in sorted(zip(values, counts, strict=True)):
        seen += count
        if seen >= rank:
            return value
    raise AssertionError("unreachable")


def waiting_stats(histogram: pd.DataFrame) -> dict[str, WaitingStats]:
    """Per department, plus "all" for every department together."""
    out: dict[str, WaitingStats] = {}
    groups = [(d, g) for d, g in histogram.groupby("department")] + [("all", histogram)]
    for dept, group in groups:
        values, counts = group["days"].tolist(), group["starts"].tolist()
        within = int(group.loc[group["days"] <= group["guarantee_days"], "starts"].sum())
        out[dept] = WaitingStats(
            starts=int(sum(counts)),
            within=within,
            median_days=median_from_counts(values, counts),
            p90_days=percentile_nearest_rank(values, counts, 0.9),
        )
    return out


def guarantee_by_bucket(engine: Engine, f: Filters) -> pd.DataFrame:
    """Starts and starts within the guarantee per week or month and department.

    Columns: bucket, department, starts, within.
    """
    dialect = _dialect(engine)
    bucket = bucket_start(T.started_on, f.grain, dialect).label("bucket")
    query = (
        select(bucket, T.department_id, func.count(), func.sum(within_guarantee(dialect)))
        .select_from(treatment_courses.join(departments, departments.c.id == T.department_id))
        .where(T.started_on.between(f.start, f.end), *department_filter(f))
        .group_by(bucket, T.department_id)
    )
    with engine.connect() as conn:
        rows = [(as_date(b), d, int(s), int(w)) for b, d, s, w in conn.execute(query)]
    return pd.DataFrame(rows, columns=["bucket", "department", "starts", "within"])


def waiting_now(engine: Engine, f: Filters) -> pd.DataFrame:
    """Requests still waiting on the period's last day, by days waited.

    Columns: department, bucket ("0-7", "8-14", "15+"), requests, oldest_days.
    """
    waited = days_between(literal(f.end, Date), T.requested_on, _dialect(engine))
    bucket = case(
        (waited <= 7, WAITING_BUCKETS[0]),
        (waited <= 14, WAITING_BUCKETS[1]),
        else_=WAITING_BUCKETS[2],
    ).label("bucket")
    query = (
        select(T.department_id, bucket, func.count(), func.max(waited))
        .where(
            T.requested_on <= f.end,
            or_(T.started_on.is_(None), T.started_on > f.end),
            or_(T.ended_on.is_(None), T.ended_on > f.end),
            *department_filter(f),
        )
        .group_by(T.department_id, bucket)
    )
    with engine.connect() as conn:
        rows = [(d, b, int(n), int(m)) for d, b, n, m in conn.execute(query)]
    return pd.DataFrame(rows, columns=["department", "bucket", "requests", "oldest_days"])


def caseload_per_fte(engine: Engine, f: Filters) -> pd.DataFrame:
    """Active courses at each month's end per FTE, for months with staffing.

    Columns: month, department, active, fte, per_fte.
    """
    months = bucket_starts(f.start, f.end, "month")
    active = active_series(engine, f, grain="month")
    query = select(staffing.c.department_id, staffing.c.month, staffing.c.fte).where(
        staffing.c.month.between(months[0], months[-1]),
        *([staffing.c.department_id.in_(f.departments)] if f.departments else []),
    )
    with engine.connect() as conn:
        fte = pd.DataFrame(
            [(d, as_date(m), float(v)) for d, m, v in conn.execute(query)],
            columns=["department", "month", "fte"],
        )
    active = active.rename(columns={"bucket": "month"})[["month", "department", "active"]]
    frame = active.merge(fte, on=["month", "department"], how="inner")
    frame = frame[frame["fte"] > 0].copy()
    frame["per_fte"] = frame["active"] / frame["fte"]
    return frame.reset_index(drop=True)


def referral_sources(engine: Engine, f: Filters) -> pd.DataFrame:
    """Requests in the period per department and referral source. Columns: department, source,
    requests."""
    query = (
        select(T.department_id, T.referral_source, func.count())
        .where(T.requested_on.between(f.start, f.end), *department_filter(f))
        .group_by(T.department_id, T.referral_source)
    )
    with engine.connect() as conn:
        rows = [(d, s, int(n)) for d, s, n in conn.execute(query)]
    return pd.DataFrame(rows, columns=["department", "source", "requests"])


def age_groups(engine: Engine, f: Filters) -> pd.DataFrame:
    """Requests in the period per department and age group at the request.

    Columns: department, group ("under 18", "18-24", "25+", "unknown"), requests.
    """
    if _dialect(engine) == "sqlite":
        year = func.cast(func.strftime("%Y", T.requested_on), type_=persons.c.birth_year.type)
    else:
        year = func.cast(func.extract("year", T.requested_on), persons.c.birth_year.type)
    age = year - persons.c.birth_year
    group = case(
        (persons.c.birth_year.is_(None), "unknown"),
        (age < 18, AGE_GROUPS[0]),
        (age <= 24, AGE_GROUPS[1]),
        else_=AGE_GROUPS[2],
    ).label("group")
    query = (
        select(T.department_id, group, func.count())
        .select_from(treatment_courses.join(persons, persons.c.id == T.person_id))
        .where(T.requested_on.between(f.start, f.end), *department_filter(f))
        .group_by(T.department_id, group)
    )
    with engine.connect() as conn:
        rows = [(d, g, int(n)) for d, g, n in conn.execute(query)]
    return pd.DataFrame(rows, columns=["department", "group", "requests"])


@dataclass(frozen=True)
class DepartmentFigures:
    active_at_end: int
    requests: int
    starts: int
    ends: int
    waiting: WaitingStats


def department_figures(engine: Engine, f: Filters) -> dict[str, DepartmentFigures]:
    """The comparison table's figures per department, and "all" for them together."""
    active = active_series(engine, replace(f, start=f.end)).groupby("department")["active"].sum()
    counts: dict[tuple[str, str], int] = {}
    for row in flow(engine, f).itertuples():
        for key in ((row.department, row.event), ("all", row.event)):
            counts[key] = counts.get(key, 0) + row.count
    stats = waiting_stats(waiting_histogram(engine, f))
    names = {*active.index, *(dept for dept, _ in counts), *stats} - {"all"}
    empty = WaitingStats(0, 0, None, None)
    out = {}
    for dept in [*sorted(names), "all"]:
        out[dept] = DepartmentFigures(
            active_at_end=int(active.sum() if dept == "all" else active.get(dept, 0)),
            requests=counts.get((dept, "requests"), 0),
            starts=counts.get((dept, "starts"), 0),
            ends=counts.get((dept, "ends"), 0),
            waiting=stats.get(dept, empty),
        )
    return out


@dataclass(frozen=True)
class CaseloadData:
    filters: Filters
    by_address: pd.DataFrame
    by_modality: pd.DataFrame
    flow: pd.DataFrame
    ends_by_reason: pd.DataFrame
    waiting: pd.DataFrame
    guarantee: pd.DataFrame
    waiting_now: pd.DataFrame
    per_fte: pd.DataFrame
    sources: pd.DataFrame
    ages: pd.DataFrame
    current: dict[str, DepartmentFigures]
    previous: dict[str, DepartmentFigures]
    # Committee mode (data_access/publication): the departments' own active counts (a sum of
    # rounded addresses is not the rounded total) and waiting times in four bins.
    by_department: pd.DataFrame | None = None
    waiting_bins: pd.DataFrame | None = None
    protected: bool = False


def caseload_page(engine: Engine, f: Filters) -> CaseloadData:
    return CaseloadData(
        filters=f,
        by_address=active_series(engine, f, "address"),
        by_modality=active_series(engine, f, "modality"),
        flow=flow(engine, f),
        ends_by_reason=ends_by_reason(engine, f),
        waiting=waiting_histogram(engine, f),
        guarantee=guarantee_by_bucket(engine, f),
        waiting_now=waiting_now(engine, f),
        per_fte=caseload_per_fte(engine, f),
        sources=referral_sources(engine, f),
        ages=age_groups(engine, f),
        current=department_figures(engine, f),
        previous=department_figures(engine, f.previous()),
    )
