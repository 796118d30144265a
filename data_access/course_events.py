"""Course events read from the daily counts (data_access/aggregates.py), shared by the overview
and the caseload page.

The active caseload is an event count, never buckets x courses: a course is active on day d
when it started on or before d and did not end before d, so

    active(d) = starts on or before d - ends before d of courses that had started

(an end is never before its start). The starts and ends before the first day of interest are
summed in the database (the opening), the days after it come one row per day and key and are
summed here. One statement serves every day between `first` and `last`, so a page fetches the
current and the previous period together.

What is fetched is small (days x departments x addresses x modalities), so it is kept in plain
tuples and dicts: at this size pandas' fixed cost per operation would outweigh the queries.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from sqlalchemy import Connection, Date, case, func, literal, select, union_all

from data_access.filters import Grain
from data_access.schema import course_day_counts, course_start_waits, departments
from data_access.sql import as_date, bucket_start

COUNTS = ("requests", "starts", "ends", "started_ends")
# Output name -> column of course_day_counts.
KEY_COLUMNS = {"department": "department_id", "address": "address_site_id", "modality": "modality"}
Key = tuple[str, ...]


class DayEvents(NamedTuple):
    day: dt.date
    key: Key  # values of CourseEvents.keys
    requests: int
    starts: int
    ends: int  # withdrawals before a start included
    started_ends: int  # ends of courses that had started


@dataclass(frozen=True)
class ActiveCounts:
    """Active courses on some days, per key (zeros left out)."""

    keys: tuple[str, ...]
    counts: dict[tuple[dt.date, Key], int]

    def by(self, names: Sequence[str], days: Iterable[dt.date] | None = None) -> dict:
        """Summed over the keys not in `names`: {(day, (value, ...)): active}, by day."""
        wanted = None if days is None else set(days)
        at = [self.keys.index(n) for n in names]
        out: dict[tuple[dt.date, Key], int] = defaultdict(int)
        for (day, key), n in self.counts.items():
            if wanted is None or day in wanted:
                out[(day, tuple(key[i] for i in at))] += n
        return dict(sorted(out.items()))


@dataclass(frozen=True)
class CourseEvents:
    """Requests, starts and ends per day in [first, last], and the starts and ends before."""

    first: dt.date
    last: dt.date
    keys: tuple[str, ...]  # "department", and "address" and/or "modality"
    opening: dict[Key, tuple[int, int]]  # starts and started ends on every day before first
    daily: list[DayEvents]  # ascending by day, no empty days
    _days: list[int] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_days", [e.day.toordinal() for e in self.daily])

    def between(self, start: dt.date, end: dt.date) -> list[DayEvents]:
        """The daily rows from `start` to `end` (inside [first, last])."""
        if start < self.first or end > self.last:
            raise ValueError("outside the fetched days")
        lo = bisect.bisect_left(self._days, start.toordinal())
        hi = bisect.bisect_right(self._days, end.toordinal())
        return self.daily[lo:hi]

    def totals(self, start: dt.date, end: dt.date, name: str = "department") -> dict[str, list]:
        """Requests, starts and ends from `start` to `end` per value of one key."""
        at = self.keys.index(name)
        out: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
        for e in self.between(start, end):
            sums = out[e.key[at]]
            sums[0] += e.requests
            sums[1] += e.starts
            sums[2] += e.ends
        return dict(out)

    def active_on(self, days: Iterable[dt.date]) -> ActiveCounts:
        """Active courses on each day (first - 1 <= day <= last), per key."""
        wanted = sorted(set(days))
        if wanted and (wanted[0] < self.first - dt.timedelta(days=1) or wanted[-1] > self.last):
            raise ValueError("outside the fetched days")
        # Running totals per key, from the opening, at each day of the walk.
        started = {key: s for key, (s, _) in self.opening.items()}
        ended = {key: e for key, (_, e) in self.opening.items()}
        counts: dict[tuple[dt.date, Key], int] = {}
        i = 0
        for day in wanted:
            # Ends of the day before count (an end day is still active); starts of the day too.
            while i < len(self.daily) and self.daily[i].day < day:
                e = self.daily[i]
                started[e.key] = started.get(e.key, 0) + e.starts
                ended[e.key] = ended.get(e.key, 0) + e.started_ends
                i += 1
            starts_today: dict[Key, int] = defaultdict(int)
            j = i
            while j < len(self.daily) and self.daily[j].day == day:
                starts_today[self.daily[j].key] += self.daily[j].starts
                j += 1
            for key in started.keys() | starts_today.keys():
                n = started.get(key, 0) + starts_today.get(key, 0) - ended.get(key, 0)
                if n:
                    counts[(day, key)] = n
        return ActiveCounts(self.keys, counts)


def course_events(
    conn: Connection,
    first: dt.date,
    last: dt.date,
    departments_in: Sequence[str] = (),
    keys: Sequence[str] = ("department",),
) -> CourseEvents:
    """One statement: the opening sums before `first`, then one row per day and key."""
    cd = course_day_counts.c
    columns = [cd[KEY_COLUMNS[k]] for k in keys]
    chosen = [cd.department_id.in_(departments_in)] if departments_in else []
    sums = [func.sum(cd[name]).label(name) for name in COUNTS]
    during = (
        select(cd.day, *columns, *sums)
        .where(cd.day.between(first, last), *chosen)
        .group_by(cd.day, *columns)
    )
    before = (
        select(literal(None, Date).label("day"), *columns, *sums)
        .where(cd.day < first, *chosen)
        .group_by(*columns)
    )
    opening: dict[Key, tuple[int, int]] = {}
    daily = []
    width = len(columns)
    for row in conn.execute(union_all(during, before)):
        key = tuple(row[1 : 1 + width])
        requests, starts, ends, started_ends = (int(v or 0) for v in row[1 + width :])
        if row[0] is None:
            opening[key] = (starts, started_ends)
        else:
            daily.append(DayEvents(as_date(row[0]), key, requests, starts, ends, started_ends))
    daily.sort(key=lambda e: (e.day, e.key))
    return CourseEvents(first, last, tuple(keys), opening, daily)


class Waits(NamedTuple):
    bucket: dt.date | None  # the week or month of a start in the current period, else None
    department: str
    days: int  # waited from request to start
    guarantee_days: int
    starts: int


def start_waits(
    conn: Connection,
    first: dt.date,
    last: dt.date,
    departments_in: Sequence[str],
    current_from: dt.date,
    grain: Grain,
) -> list[Waits]:
    """Starts from `first` to `last` per department and days waited, with the department's
    guarantee; starts on or after `current_from` carry their week or month, earlier ones none.
    """
    sw = course_start_waits.c
    bucket = case((sw.day >= current_from, bucket_start(sw.day, grain, conn.dialect.name))).label(
        "bucket"
    )
    query = (
        select(bucket, sw.department_id, sw.waited_days, departments.c.guarantee_days)
        .add_columns(func.sum(sw.starts))
        .select_from(course_start_waits.join(departments, departments.c.id == sw.department_id))
        .where(
            sw.day.between(first, last),
            *([sw.department_id.in_(departments_in)] if departments_in else []),
        )
        .group_by(bucket, sw.department_id, sw.waited_days, departments.c.guarantee_days)
    )
    return [
        Waits(as_date(b) if b is not None else None, d, int(w), int(g), int(n))
        for b, d, w, g, n in conn.execute(query)
    ]
