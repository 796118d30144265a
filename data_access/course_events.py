"""Course events read from the daily counts (data_access/aggregates.py), shared by the overview
and the caseload page.

The active caseload is an event count, never buckets x courses: a course is active on day d
when it started on or before d and did not end before d, so

    active(d) = starts on or before d - ends before d of courses that had started

(an end is never before its start). The starts and ends before the first day of interest are
summed in the database (the opening), the days after it come one row per day and are summed
here. One statement serves every day between `first` and `last`, so a page fetches the
current and the previous period together.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from sqlalchemy import Connection, Date, case, func, literal, select, union_all

from data_access.filters import Grain
from data_access.schema import course_day_counts, course_start_waits, departments
from data_access.sql import as_date, bucket_start

COUNTS = ("requests", "starts", "ends", "started_ends")
# Output name -> column of course_day_counts.
KEY_COLUMNS = {"department": "department_id", "address": "address_site_id", "modality": "modality"}


@dataclass(frozen=True)
class CourseEvents:
    """Requests, starts and ends per day in [first, last], and the starts and ends before."""

    first: dt.date
    last: dt.date
    keys: tuple[str, ...]  # "department", and "address" and/or "modality"
    before: pd.DataFrame  # *keys, requests, starts, ends, started_ends (every day before first)
    daily: pd.DataFrame  # day, *keys, requests, starts, ends, started_ends (no empty days)

    def between(self, start: dt.date, end: dt.date) -> pd.DataFrame:
        """The daily rows from `start` to `end` (inside [first, last])."""
        if start < self.first or end > self.last:
            raise ValueError("outside the fetched days")
        return self.daily[(self.daily["day"] >= start) & (self.daily["day"] <= end)]

    def active_on(self, days: Iterable[dt.date]) -> pd.DataFrame:
        """Active courses on each day (first - 1 <= day <= last), per key.

        Columns: day, *keys, active; groups with none active on a day are left out.
        """
        wanted = sorted(set(days))
        if wanted and (wanted[0] < self.first - dt.timedelta(days=1) or wanted[-1] > self.last):
            raise ValueError("outside the fetched days")
        keys = list(self.keys)
        ordinals = np.array([d.toordinal() for d in wanted], dtype=np.int64)
        opening = {
            _key(row, keys): (row.starts, row.started_ends)
            for row in self.before.itertuples(index=False)
        }
        frames = []
        by_group = {_tuple(k): part for k, part in self.daily.groupby(keys)}
        for group in dict.fromkeys([*opening, *by_group]):
            starts, ends = opening.get(group, (0, 0))
            active = np.full(len(wanted), starts - ends, dtype=np.int64)
            part = by_group.get(group)
            if part is not None:
                part = part.sort_values("day")
                days = np.array([d.toordinal() for d in part["day"]], dtype=np.int64)
                started = np.concatenate([[0], np.cumsum(part["starts"].to_numpy())])
                ended = np.concatenate([[0], np.cumsum(part["started_ends"].to_numpy())])
                # Starts on or before the day, ends on or before the day before.
                active += started[np.searchsorted(days, ordinals, side="right")]
                active -= ended[np.searchsorted(days, ordinals - 1, side="right")]
            frames.append(
                pd.DataFrame(
                    {"day": wanted, **dict(zip(keys, group, strict=True)), "active": active}
                )
            )
        columns = ["day", *keys, "active"]
        if not frames:
            return pd.DataFrame(columns=columns).astype({"active": int})
        frame = pd.concat(frames, ignore_index=True)
        frame = frame[frame["active"] != 0]
        return frame.sort_values(columns[:-1]).reset_index(drop=True)[columns]


def _tuple(value: object) -> tuple:
    return value if isinstance(value, tuple) else (value,)


def _key(row, keys: list[str]) -> tuple:
    return tuple(getattr(row, k) for k in keys)


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
    names = ["day", *keys, *COUNTS]
    rows = conn.execute(union_all(during, before)).all()
    frame = pd.DataFrame(rows, columns=names)
    frame[list(COUNTS)] = frame[list(COUNTS)].fillna(0).astype(int)
    opening = frame["day"].isna()
    daily = frame[~opening].reset_index(drop=True)
    daily["day"] = daily["day"].map(as_date)
    return CourseEvents(
        first=first,
        last=last,
        keys=tuple(keys),
        before=frame[opening].drop(columns="day").reset_index(drop=True),
        daily=daily,
    )


def start_waits(
    conn: Connection,
    first: dt.date,
    last: dt.date,
    departments_in: Sequence[str],
    current_from: dt.date,
    grain: Grain,
) -> pd.DataFrame:
    """Starts from `first` to `last` per department and days waited, with the department's
    guarantee; starts on or after `current_from` carry their week or month, earlier ones none.

    Columns: bucket (date or None), department, days, guarantee_days, starts.
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
    rows = [
        (as_date(b) if b is not None else None, d, int(w), int(g), int(n))
        for b, d, w, g, n in conn.execute(query)
    ]
    return pd.DataFrame(rows, columns=["bucket", "department", "days", "guarantee_days", "starts"])
