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

import datetime as dt
import math
from dataclasses import dataclass
from typing import Literal

import pandas as pd
from sqlalchemy import Connection, Date, Engine, case, func, literal, or_, select

from data_access.aggregates import AGE_GROUPS
from data_access.conditions import T, department_filter
from data_access.course_events import CourseEvents, course_events, start_waits
from data_access.filters import Filters, Grain, bucket_end, bucket_of, bucket_starts
from data_access.schema import course_end_counts, course_request_counts, staffing
from data_access.sql import as_date, days_between

Split = Literal["address", "modality"]
WAITING_BUCKETS = ("0-7", "8-14", "15+")
__all__ = ["AGE_GROUPS", "WAITING_BUCKETS"]  # AGE_GROUPS lives with the stored age groups
SPLIT_KEYS: dict[Split | None, tuple[str, ...]] = {
    None: ("department",),
    "address": ("department", "address"),
    "modality": ("department", "modality"),
}
ALL_KEYS = ("department", "address", "modality")
EVENTS = {"requests": "requests", "starts": "starts", "ends": "ends"}


def _events(conn: Connection, f: Filters, first: dt.date | None = None, keys=ALL_KEYS):
    return course_events(conn, first or f.start, f.end, f.departments, keys)


# ---- figures computed from fetched events (shared by the page and the single functions) ----
def series_from_events(
    events: CourseEvents, f: Filters, split: Split | None = None, grain: Grain | None = None
) -> pd.DataFrame:
    """Active courses at the end of each week or month (capped at the period end).

    Columns: bucket, day, department, [group,] active.
    """
    grain = grain or f.grain
    buckets = bucket_starts(f.start, f.end, grain)
    ends = [min(bucket_end(b, grain), f.end) for b in buckets]
    keys = list(SPLIT_KEYS[split])
    active = events.active_on(ends)
    active = active.groupby(["day", *keys], as_index=False)["active"].sum()
    if split:
        active = active.rename(columns={split: "group"})
    active.insert(0, "bucket", active["day"].map(dict(zip(ends, buckets, strict=True))))
    active["active"] = active["active"].astype(int)
    return active.reset_index(drop=True)


def flow_from_events(events: CourseEvents, f: Filters) -> pd.DataFrame:
    """Requests, starts and ends per week or month and department (no zero rows).

    Columns: bucket, department, event, count.
    """
    daily = events.between(f.start, f.end)
    frames = []
    for event, column in EVENTS.items():
        part = daily[daily[column] > 0]
        counts = (
            part.assign(bucket=part["day"].map(lambda d: bucket_of(d, f.grain)))
            .groupby(["bucket", "department"], as_index=False)[column]
            .sum()
            .rename(columns={column: "count"})
        )
        counts.insert(2, "event", event)
        frames.append(counts)
    frame = pd.concat(frames, ignore_index=True)
    frame["count"] = frame["count"].astype(int)
    return frame[["bucket", "department", "event", "count"]]


def histogram_from_waits(waits: pd.DataFrame, current: bool = True) -> pd.DataFrame:
    """The waiting-time distribution of the current (or, with False, the earlier) starts.

    Columns: department, days, starts, guarantee_days.
    """
    part = waits[waits["bucket"].notna() == current]
    frame = part.groupby(["department", "days", "guarantee_days"], as_index=False)["starts"].sum()
    return frame[["department", "days", "starts", "guarantee_days"]]


def guarantee_from_waits(waits: pd.DataFrame) -> pd.DataFrame:
    """Starts and starts within the guarantee per week or month and department.

    Columns: bucket, department, starts, within.
    """
    part = waits[waits["bucket"].notna()].copy()
    part["within"] = part["starts"].where(part["days"] <= part["guarantee_days"], 0)
    frame = part.groupby(["bucket", "department"], as_index=False)[["starts", "within"]].sum()
    return frame.astype({"starts": int, "within": int})


def figures_from(
    events: CourseEvents, histogram: pd.DataFrame, start: dt.date, end: dt.date
) -> dict[str, DepartmentFigures]:
    """The comparison table's figures per department, and "all" for them together."""
    active = events.active_on([end]).groupby("department")["active"].sum()
    daily = events.between(start, end)
    totals = daily.groupby("department")[list(EVENTS.values())].sum()
    stats = waiting_stats(histogram)
    with_events = totals[(totals > 0).any(axis=1)]
    names = {*active.index, *with_events.index, *stats} - {"all"}
    empty = WaitingStats(0, 0, None, None)
    out = {}
    for dept in [*sorted(names), "all"]:
        row = totals.sum() if dept == "all" else totals.reindex([dept], fill_value=0).iloc[0]
        out[dept] = DepartmentFigures(
            active_at_end=int(active.sum() if dept == "all" else active.get(dept, 0)),
            requests=int(row.get("requests", 0)),
            starts=int(row.get("starts", 0)),
            ends=int(row.get("ends", 0)),
            waiting=stats.get(dept, empty),
        )
    return out


def per_fte_from_events(conn: Connection, events: CourseEvents, f: Filters) -> pd.DataFrame:
    """Active courses at each month's end per FTE, for months with staffing.

    Columns: month, department, active, fte, per_fte.
    """
    months = bucket_starts(f.start, f.end, "month")
    active = series_from_events(events, f, grain="month")
    query = select(staffing.c.department_id, staffing.c.month, staffing.c.fte).where(
        staffing.c.month.between(months[0], months[-1]),
        *([staffing.c.department_id.in_(f.departments)] if f.departments else []),
    )
    fte = pd.DataFrame(
        [(d, as_date(m), float(v)) for d, m, v in conn.execute(query)],
        columns=["department", "month", "fte"],
    )
    active = active.rename(columns={"bucket": "month"})[["month", "department", "active"]]
    frame = active.merge(fte, on=["month", "department"], how="inner")
    frame = frame[frame["fte"] > 0].copy()
    frame["per_fte"] = frame["active"] / frame["fte"]
    return frame.reset_index(drop=True)


def _requests(conn: Connection, f: Filters) -> pd.DataFrame:
    """Requests in the period per department, referral source and age group."""
    rc = course_request_counts.c
    query = (
        select(rc.department_id, rc.referral_source, rc.age_group, func.sum(rc.requests))
        .where(
            rc.day.between(f.start, f.end),
            *([rc.department_id.in_(f.departments)] if f.departments else []),
        )
        .group_by(rc.department_id, rc.referral_source, rc.age_group)
    )
    rows = [(d, s, g, int(n)) for d, s, g, n in conn.execute(query)]
    return pd.DataFrame(rows, columns=["department", "source", "group", "requests"])


def _sum_requests(requests: pd.DataFrame, by: str) -> pd.DataFrame:
    frame = requests.groupby(["department", by], as_index=False)["requests"].sum()
    return frame[frame["requests"] > 0].reset_index(drop=True)


def _ends_by_reason(conn: Connection, f: Filters) -> pd.DataFrame:
    ec = course_end_counts.c
    query = (
        select(ec.department_id, ec.end_reason, func.sum(ec.ends))
        .where(
            ec.day.between(f.start, f.end),
            *([ec.department_id.in_(f.departments)] if f.departments else []),
        )
        .group_by(ec.department_id, ec.end_reason)
    )
    rows = [(d, r, int(n)) for d, r, n in conn.execute(query)]
    return pd.DataFrame(rows, columns=["department", "reason", "ends"])


def _waiting_now(conn: Connection, f: Filters) -> pd.DataFrame:
    # Raw courses (waiting is a relation between two dates, no daily count holds it); the
    # start index is date-leading, so "started later or never" is two range searches.
    waited = days_between(literal(f.end, Date), T.requested_on, conn.dialect.name)
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
    rows = [(d, b, int(n), int(m)) for d, b, n, m in conn.execute(query)]
    return pd.DataFrame(rows, columns=["department", "bucket", "requests", "oldest_days"])


# ---- the single figures (each fetches what it needs) ---------------------------------------
def active_series(
    engine: Engine, f: Filters, split: Split | None = None, grain: Grain | None = None
) -> pd.DataFrame:
    """Active courses at the end of each week or month, per department (and address/modality).

    Columns: bucket, day, department, [group,] active.
    """
    with engine.connect() as conn:
        events = _events(conn, f, keys=SPLIT_KEYS[split])
    return series_from_events(events, f, split, grain)


def flow(engine: Engine, f: Filters) -> pd.DataFrame:
    """Requests, starts and ends per week or month and department.

    Columns: bucket, department, event ("requests", "starts", "ends"), count.
    """
    with engine.connect() as conn:
        return flow_from_events(_events(conn, f, keys=("department",)), f)


def ends_by_reason(engine: Engine, f: Filters) -> pd.DataFrame:
    """Ends in the period per department and end reason. Columns: department, reason, ends."""
    with engine.connect() as conn:
        return _ends_by_reason(conn, f)


def _waits(conn: Connection, f: Filters, first: dt.date | None = None) -> pd.DataFrame:
    return start_waits(conn, first or f.start, f.end, f.departments, f.start, f.grain)


def waiting_histogram(engine: Engine, f: Filters) -> pd.DataFrame:
    """Starts in the period per department and waiting days. Columns: department, days, starts,
    guarantee_days."""
    with engine.connect() as conn:
        return histogram_from_waits(_waits(conn, f))


@dataclass(frozen=True)
class WaitingStats:
    starts: int
    within: int
    median_days: float | None
    p90_days: int | None

    @property
    def share_within(self) -> float | None:
        return self.within / self.starts if self.starts else None


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
    with engine.connect() as conn:
        return guarantee_from_waits(_waits(conn, f))


def waiting_now(engine: Engine, f: Filters) -> pd.DataFrame:
    """Requests still waiting on the period's last day, by days waited.

    Columns: department, bucket ("0-7", "8-14", "15+"), requests, oldest_days.
    """
    with engine.connect() as conn:
        return _waiting_now(conn, f)


def caseload_per_fte(engine: Engine, f: Filters) -> pd.DataFrame:
    """Active courses at each month's end per FTE, for months with staffing.

    Columns: month, department, active, fte, per_fte.
    """
    with engine.connect() as conn:
        return per_fte_from_events(conn, _events(conn, f, keys=("department",)), f)


def referral_sources(engine: Engine, f: Filters) -> pd.DataFrame:
    """Requests in the period per department and referral source. Columns: department, source,
    requests."""
    with engine.connect() as conn:
        return _sum_requests(_requests(conn, f), "source")


def age_groups(engine: Engine, f: Filters) -> pd.DataFrame:
    """Requests in the period per department and age group at the request.

    Columns: department, group ("under 18", "18-24", "25+", "unknown"), requests.
    """
    with engine.connect() as conn:
        return _sum_requests(_requests(conn, f), "group")


@dataclass(frozen=True)
class DepartmentFigures:
    active_at_end: int
    requests: int
    starts: int
    ends: int
    waiting: WaitingStats


def department_figures(engine: Engine, f: Filters) -> dict[str, DepartmentFigures]:
    """The comparison table's figures per department, and "all" for them together."""
    with engine.connect() as conn:
        events = _events(conn, f, keys=("department",))
        histogram = histogram_from_waits(_waits(conn, f))
    return figures_from(events, histogram, f.start, f.end)


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


def caseload_page(engine: Engine, f: Filters) -> CaseloadData:
    """Every figure of the page from six statements: the daily events and the waiting times
    are fetched once for the period and the previous one together, and every series, total
    and comparison is computed from them."""
    previous = f.previous()
    with engine.connect() as conn:
        events = _events(conn, f, first=previous.start)
        waits = _waits(conn, f, first=previous.start)
        requests = _requests(conn, f)
        reasons = _ends_by_reason(conn, f)
        now = _waiting_now(conn, f)
        per_fte = per_fte_from_events(conn, events, f)
    return CaseloadData(
        filters=f,
        by_address=series_from_events(events, f, "address"),
        by_modality=series_from_events(events, f, "modality"),
        flow=flow_from_events(events, f),
        ends_by_reason=reasons,
        waiting=histogram_from_waits(waits),
        guarantee=guarantee_from_waits(waits),
        waiting_now=now,
        per_fte=per_fte,
        sources=_sum_requests(requests, "source"),
        ages=_sum_requests(requests, "group"),
        current=figures_from(events, histogram_from_waits(waits), f.start, f.end),
        previous=figures_from(
            events, histogram_from_waits(waits, current=False), previous.start, previous.end
        ),
    )
