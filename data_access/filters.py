"""The shared filters every page reads: a period, departments, sites and site kinds."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Literal

Grain = Literal["week", "month", "quarter"]


@dataclass(frozen=True)
class Filters:
    """An empty tuple means "all"; dates are inclusive."""

    start: dt.date
    end: dt.date
    departments: tuple[str, ...] = ()
    sites: tuple[str, ...] = ()
    site_kinds: tuple[str, ...] = ()
    coarse: bool = (
        False  # quarters instead of months: committee-safe series (publication/count.too_sparse)
    )
    # Committee mode (data_access/publication): series by month or quarter, never by week
    # (weeks are not publication cells), compared with the previous cell of the same kind.
    committee: bool = False
    previous_range: tuple[dt.date, dt.date] | None = None

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError("the period ends before it starts")

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def previous(self) -> Filters:
        """The period compared with: the one given (the previous publication cell), else the
        period of the same length just before this one; with the same selections."""
        if self.previous_range is not None:
            start, end = self.previous_range
            return replace(self, start=start, end=end, previous_range=None)
        length = dt.timedelta(days=self.days)
        return replace(self, start=self.start - length, end=self.start - dt.timedelta(days=1))

    def comparable_since(self, first: dt.date | None) -> bool:
        """Whether the previous period lies wholly on or after `first` (the start of the
        recorded data): only then is a change against it meaningful, not "+64 against nothing".
        """
        return first is not None and self.previous().start >= first

    def overlaps(self, first: dt.date, last: dt.date) -> bool:
        """Whether the period shares at least one day with [first, last] (the recorded data)."""
        return self.start <= last and self.end >= first

    @property
    def whole_project(self) -> bool:
        """Whether the outreach figures cover every site: the project's target and grant are
        for the whole project, and beside one site's persons they say nothing."""
        return not (self.sites or self.site_kinds)

    def focus_on(self, site_id: str | None) -> Filters:
        """The same period and departments, narrowed to one site (None: unchanged)."""
        return self if site_id is None else replace(self, sites=(site_id,), site_kinds=())

    @property
    def grain(self) -> Grain:
        """Weeks for short periods (up to about a quarter), months otherwise; quarters when
        the series must be coarse."""
        if self.coarse:
            return "quarter"
        return "week" if self.days <= 92 and not self.committee else "month"


def bucket_starts(start: dt.date, end: dt.date, grain: Grain) -> list[dt.date]:
    """The first day of every week (Monday) or month that overlaps [start, end]."""
    if grain == "week":
        current = start - dt.timedelta(days=start.weekday())
        step = dt.timedelta(days=7)
        out = []
        while current <= end:
            out.append(current)
            current += step
        return out
    current = start.replace(day=1)
    if grain == "quarter":
        current = current.replace(month=3 * ((current.month - 1) // 3) + 1)
    out = []
    while current <= end:
        out.append(current)
        current = _next_bucket(current, grain)
    return out


def bucket_of(day: dt.date, grain: Grain) -> dt.date:
    """The first day of the week (Monday), month or quarter that `day` lies in."""
    if grain == "week":
        return day - dt.timedelta(days=day.weekday())
    if grain == "quarter":
        return dt.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    return day.replace(day=1)


def _next_bucket(bucket: dt.date, grain: Grain) -> dt.date:
    months = 3 if grain == "quarter" else 1
    index = bucket.year * 12 + bucket.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def bucket_end(bucket: dt.date, grain: Grain) -> dt.date:
    if grain == "week":
        return bucket + dt.timedelta(days=6)
    return _next_bucket(bucket, grain) - dt.timedelta(days=1)
