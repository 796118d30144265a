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

How they are computed (national scale): from the daily counts of data_access/aggregates.py,
the active caseload as an event count (data_access/course_events.py). `caseload_page` fetches
each kind of count once for the period and the previous one, and derives every figure from
that; the single functions below fetch what they need alone.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

import pandas as pd
from sqlalchemy import Connection, Date, Engine, case, func, literal, or_, select, union_all

from data_access.aggregates import AGE_GROUPS as AGE_GROUPS  # re-exported: the page's groups
from data_access.conditions import T, department_filter
from data_access.course_events import (
    ActiveCounts,
    CourseEvents,
    Waits,
    course_events,
    start_waits,
)
from data_access.filters import Filters, Grain, bucket_end, bucket_of, bucket_starts
from data_access.publication.rules import share
from data_access.schema import course_end_counts, course_request_counts, staffing
from data_access.sql import as_date, days_between

Split = Literal["address", "modality"]
WAITING_BUCKETS = ("0-7", "8-14", "15+")
SPLIT_KEYS: dict[Split | None, tuple[str, ...]] = {
    None: ("department",),
    "address": ("department", "address"),
    "modality": ("department", "modality"),
}
ALL_KEYS = ("department", "address", "modality")
EVENTS = ("requests", "starts", "ends")


def _events(conn: Connection, f: Filters, first: dt.date | None = None, keys=ALL_KEYS):
    return course_events(conn, first or f.start, f.end, f.departments, keys)


def _waits(conn: Connection, f: Filters, first: dt.date | None = None) -> list[Waits]:
    return start_waits(conn, first or f.start, f.end, f.departments, f.start, f.grain)


# ---- figures from what was fetched (shared by the page and the single functions) ----------
def bucket_ends(f: Filters, grain: Grain) -> dict[dt.date, dt.date]:
    """The last day of each week or month of the period (capped at its end) -> its start."""
    return {min(bucket_end(b, grain), f.end): b for b in bucket_starts(f.start, f.end, grain)}


def series_from_active(
    active: ActiveCounts, f: Filters, split: Split | None = None, grain: Grain | None = None
) -> pd.DataFrame:
    """Active courses at the end of each week or month (capped at the period end), from active
    counts that include those days.

    Columns: bucket, day, department, [group,] active.
    """
    ends = bucket_ends(f, grain or f.grain)
    rows = [
        (ends[day], day, *key, n) for (day, key), n in active.by(SPLIT_KEYS[split], ends).items()
    ]
    columns = ["bucket", "day", "department", *(["group"] if split else []), "active"]
    return pd.DataFrame(rows, columns=columns).astype({"active": int})


def series_from_events(
    events: CourseEvents, f: Filters, split: Split | None = None, grain: Grain | None = None
) -> pd.DataFrame:
    return series_from_active(events.active_on(bucket_ends(f, grain or f.grain)), f, split, grain)


def flow_from_events(events: CourseEvents, f: Filters) -> pd.DataFrame:
    """Requests, starts and ends per week or month and department (no zero rows).

    Columns: bucket, department, event, count.
    """
    at = events.keys.index("department")
    counts: dict[tuple[str, dt.date, str], int] = defaultdict(int)
    buckets: dict[dt.date, dt.date] = {}
    for e in events.between(f.start, f.end):
        bucket = buckets.get(e.day) or buckets.setdefault(e.day, bucket_of(e.day, f.grain))
        for event, n in zip(EVENTS, (e.requests, e.starts, e.ends), strict=True):
            if n:
                counts[(event, bucket, e.key[at])] += n
    order = {event: i for i, event in enumerate(EVENTS)}
    rows = [
        (bucket, dept, event, n)
        for (event, bucket, dept), n in sorted(counts.items(), key=lambda kv: order[kv[0][0]])
    ]
    return pd.DataFrame(rows, columns=["bucket", "department", "event", "count"]).astype(
        {"count": int}
    )


def _histogram(waits: Iterable[Waits], current: bool = True) -> dict[tuple[str, int, int], int]:
    out: dict[tuple[str, int, int], int] = defaultdict(int)
    for w in waits:
        if (w.bucket is not None) == current:
            out[(w.department, w.days, w.guarantee_days)] += w.starts
    return dict(sorted(out.items()))


def histogram_from_waits(waits: list[Waits], current: bool = True) -> pd.DataFrame:
    """The waiting-time distribution of the current (or, with False, the earlier) starts.

    Columns: department, days, starts, guarantee_days.
    """
    rows = [(d, days, n, g) for (d, days, g), n in _histogram(waits, current).items()]
    return pd.DataFrame(rows, columns=["department", "days", "starts", "guarantee_days"])


def guarantee_from_waits(waits: list[Waits]) -> pd.DataFrame:
    """Starts and starts within the guarantee per week or month and department.

    Columns: bucket, department, starts, within.
    """
    sums: dict[tuple[dt.date, str], list[int]] = defaultdict(lambda: [0, 0])
    for w in waits:
        if w.bucket is not None:
            pair = sums[(w.bucket, w.department)]
            pair[0] += w.starts
            pair[1] += w.starts if w.days <= w.guarantee_days else 0
    rows = [(b, d, s, within) for (b, d), (s, within) in sorted(sums.items())]
    return pd.DataFrame(rows, columns=["bucket", "department", "starts", "within"])


def _stats_from(histogram: dict[tuple[str, int, int], int]) -> dict[str, WaitingStats]:
    """Per department, plus "all" for every department together."""
    groups: dict[str, list[tuple[int, int, int]]] = defaultdict(list)
    for (dept, days, guarantee), n in histogram.items():
        groups[dept].append((days, n, guarantee))
    groups["all"] = [row for rows in list(groups.values()) for row in rows]
    out = {}
    for dept, rows in groups.items():
        values, counts = [r[0] for r in rows], [r[1] for r in rows]
        out[dept] = WaitingStats(
            starts=sum(counts),
            within=sum(n for days, n, guarantee in rows if days <= guarantee),
            median_days=median_from_counts(values, counts),
            p90_days=percentile_nearest_rank(values, counts, 0.9),
        )
    return out


def figures_from(
    active: ActiveCounts,
    events: CourseEvents,
    waits: list[Waits],
    start: dt.date,
    end: dt.date,
    current: bool = True,
) -> dict[str, DepartmentFigures]:
    """The comparison table's figures per department, and "all" for them together: active
    counts that include `end`, the events from `start` to `end`, and the waits of the current
    (or, with False, the earlier) starts."""
    at_end = {key[0]: n for (_, key), n in active.by(["department"], [end]).items()}
    totals = events.totals(start, end)
    stats = _stats_from(_histogram(waits, current))
    with_events = {dept for dept, sums in totals.items() if any(sums)}
    names = {*at_end, *with_events, *stats} - {"all"}
    empty = WaitingStats(0, 0, None, None)
    out = {}
    for dept in [*sorted(names), "all"]:
        sums = (
            [sum(column) for column in zip(*totals.values(), strict=True)] or [0, 0, 0]
            if dept == "all"
            else totals.get(dept, [0, 0, 0])
        )
        out[dept] = DepartmentFigures(
            active_at_end=sum(at_end.values()) if dept == "all" else at_end.get(dept, 0),
            requests=sums[0],
            starts=sums[1],
            ends=sums[2],
            waiting=stats.get(dept, empty),
        )
    return out


def per_fte_from_active(conn: Connection, active: ActiveCounts, f: Filters) -> pd.DataFrame:
    """Active courses at each month's end per FTE, for months with staffing (active counts that
    include every month's end).

    Columns: month, department, active, fte, per_fte.
    """
    months = bucket_starts(f.start, f.end, "month")
    query = select(staffing.c.department_id, staffing.c.month, staffing.c.fte).where(
        staffing.c.month.between(months[0], months[-1]),
        *([staffing.c.department_id.in_(f.departments)] if f.departments else []),
    )
    fte = {(as_date(m), d): float(v) for d, m, v in conn.execute(query)}
    ends = bucket_ends(f, "month")
    rows = []
    for (day, (dept,)), n in active.by(["department"], ends).items():
        month = ends[day]
        staff = fte.get((month, dept), 0.0)
        if staff > 0:
            rows.append((month, dept, n, staff, n / staff))
    return pd.DataFrame(rows, columns=["month", "department", "active", "fte", "per_fte"])


def _requests(conn: Connection, f: Filters) -> list[tuple[str, str, str, int]]:
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
    return [(d, s, g, int(n)) for d, s, g, n in conn.execute(query)]


def _sum_requests(requests: list[tuple[str, str, str, int]], by: str) -> pd.DataFrame:
    """Requests per department and referral source ("source") or age group ("group")."""
    at = 1 if by == "source" else 2
    sums: dict[tuple[str, str], int] = defaultdict(int)
    for row in requests:
        sums[(row[0], row[at])] += row[3]
    rows = [(d, value, n) for (d, value), n in sorted(sums.items()) if n > 0]
    return pd.DataFrame(rows, columns=["department", by, "requests"])


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
    # Raw courses (waiting is a relation between two dates, no daily count holds it), as two
    # range searches on the date-leading start index: started after the day (then the end is
    # after it too: an end is never before its start), or not started and not ended by then.
    later = select(T.department_id, T.requested_on).where(
        T.started_on > f.end, T.requested_on <= f.end, *department_filter(f)
    )
    never = select(T.department_id, T.requested_on).where(
        T.started_on.is_(None),
        T.requested_on <= f.end,
        or_(T.ended_on.is_(None), T.ended_on > f.end),
        *department_filter(f),
    )
    waiting = union_all(later, never).subquery("waiting")
    waited = days_between(literal(f.end, Date), waiting.c.requested_on, conn.dialect.name)
    bucket = case(
        (waited <= 7, WAITING_BUCKETS[0]),
        (waited <= 14, WAITING_BUCKETS[1]),
        else_=WAITING_BUCKETS[2],
    ).label("bucket")
    query = select(waiting.c.department_id, bucket, func.count(), func.max(waited)).group_by(
        waiting.c.department_id, bucket
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


def waiting_histogram(engine: Engine, f: Filters) -> pd.DataFrame:
    """Starts in the period per department and waiting days. Columns: department, days, starts,
    guarantee_days."""
    with engine.connect() as conn:
        return histogram_from_waits(_waits(conn, f))


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
    """Per department, plus "all" for every department together (from waiting_histogram)."""
    return _stats_from(
        {
            (row.department, int(row.days), int(row.guarantee_days)): int(row.starts)
            for row in histogram.itertuples()
        }
    )


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
        events = _events(conn, f, keys=("department",))
        return per_fte_from_active(conn, events.active_on(bucket_ends(f, "month")), f)


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
        waits = _waits(conn, f)
    return figures_from(events.active_on([f.end]), events, waits, f.start, f.end)


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
    # Each department's own active counts (in committee mode as published: a sum of rounded
    # addresses is not the rounded total).
    by_department: pd.DataFrame | None = None
    # Committee mode (data_access/publication): waiting times in four bins.
    waiting_bins: pd.DataFrame | None = None
    protected: bool = False


def caseload_page(engine: Engine, f: Filters) -> CaseloadData:
    """Every figure of the page from six statements: the daily events and the waiting times
    are fetched once for the period and the previous one together, the active caseload is
    counted once for every day a figure needs, and every series, total and comparison is
    computed from them."""
    previous = f.previous()
    with engine.connect() as conn:
        events = _events(conn, f, first=previous.start)
        waits = _waits(conn, f, first=previous.start)
        requests = _requests(conn, f)
        reasons = _ends_by_reason(conn, f)
        now = _waiting_now(conn, f)
        active = events.active_on(
            [*bucket_ends(f, f.grain), *bucket_ends(f, "month"), f.end, previous.end]
        )
        per_fte = per_fte_from_active(conn, active, f)
    return CaseloadData(
        filters=f,
        by_address=series_from_active(active, f, "address"),
        by_modality=series_from_active(active, f, "modality"),
        by_department=series_from_active(active, f),
        flow=flow_from_events(events, f),
        ends_by_reason=reasons,
        waiting=histogram_from_waits(waits),
        guarantee=guarantee_from_waits(waits),
        waiting_now=now,
        per_fte=per_fte,
        sources=_sum_requests(requests, "source"),
        ages=_sum_requests(requests, "group"),
        current=figures_from(active, events, waits, f.start, f.end),
        previous=figures_from(active, events, waits, previous.start, previous.end, False),
    )
