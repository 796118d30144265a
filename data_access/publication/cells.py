"""The fixed publication cells a committee may ask for.

In committee mode a view is one *cell*: a period from a fixed calendar (a month, a quarter, a
half-year, a calendar year or the project period; no free date range), one site or one site
kind or all sites (no unions), and one department or all. Every figure a committee sees is a
figure of such a cell, so the whole set of publishable figures is known in advance and can be
protected together (data_access/publication/audit.py): a hidden month cannot be recovered from
its quarter and the other months, a hidden site not from its kind and the other sites.

Cell ids are stable text, used in URLs: periods "2025-03", "2025-Q1", "2025-H1", "2025",
"project"; site scopes "all", "kind:public", "site:kronborg"; departments "all" or an id.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Literal

from data_access.filters import Filters
from data_access.organisation import Organisation

PeriodKind = Literal["month", "quarter", "half", "year", "project"]
PERIOD_KINDS: tuple[PeriodKind, ...] = ("month", "quarter", "half", "year", "project")
ALL = "all"


@dataclass(frozen=True, order=True)
class PeriodCell:
    start: dt.date
    end: dt.date  # inclusive; capped at the last day with data for the running period
    kind: PeriodKind
    id: str

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def contains(self, other: PeriodCell) -> bool:
        return self.start <= other.start and other.end <= self.end


@dataclass(frozen=True)
class SiteScope:
    """All sites, one site kind, or one site."""

    level: Literal["all", "kind", "site"]
    value: str = ""

    @property
    def id(self) -> str:
        return ALL if self.level == "all" else f"{self.level}:{self.value}"


@dataclass(frozen=True)
class Cell:
    period: PeriodCell
    sites: SiteScope
    department: str  # "all" or a department id

    def filters(self) -> Filters:
        return Filters(
            start=self.period.start,
            end=self.period.end,
            departments=() if self.department == ALL else (self.department,),
            sites=(self.sites.value,) if self.sites.level == "site" else (),
            site_kinds=(self.sites.value,) if self.sites.level == "kind" else (),
        )

    @property
    def id(self) -> str:
        return f"{self.period.id}|{self.sites.id}|{self.department}"


def _month_end(day: dt.date) -> dt.date:
    return (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)


def _month_start(year: int, month: int) -> dt.date:
    return dt.date(year, month, 1)


def period_cells(org: Organisation, first: dt.date, as_of: dt.date) -> list[PeriodCell]:
    """Every offered period from the month of `first` (the first recorded day) to `as_of`.

    The running month, quarter, half and year end at `as_of` (there is no data after it). The
    project period is offered when it has begun."""
    first = min(first, as_of)
    cells: list[PeriodCell] = []
    for year in range(first.year, as_of.year + 1):
        for month in range(1, 13):
            start = _month_start(year, month)
            if _month_end(start) < first or start > as_of:
                continue
            cells.append(
                PeriodCell(start, min(_month_end(start), as_of), "month", f"{start:%Y-%m}")
            )
        for kind, months, label in (("quarter", 3, "Q"), ("half", 6, "H")):
            for index in range(12 // months):
                start = _month_start(year, index * months + 1)
                end = _month_end(_month_start(year, index * months + months))
                if end < first or start > as_of:
                    continue
                cells.append(
                    PeriodCell(start, min(end, as_of), kind, f"{year}-{label}{index + 1}")  # type: ignore[arg-type]
                )
        start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
        if end >= first and start <= as_of:
            cells.append(PeriodCell(start, min(end, as_of), "year", str(year)))
    project = org.outreach
    if project.start <= as_of:
        cells.append(PeriodCell(project.start, min(project.end, as_of), "project", "project"))
    return cells


def site_scopes(org: Organisation) -> list[SiteScope]:
    """All sites, each kind with outreach sites, and each outreach site."""
    kinds = list(dict.fromkeys(s.kind for s in org.outreach_sites))
    return [
        SiteScope("all"),
        *(SiteScope("kind", k) for k in kinds),
        *(SiteScope("site", s.id) for s in org.outreach_sites),
    ]


def department_scopes(org: Organisation) -> list[str]:
    return [ALL, *(d.id for d in org.departments)]


_PERIOD_ID = re.compile(r"^(\d{4})(?:-(\d{2})|-Q([1-4])|-H([12]))?$|^project$")


def find_period(cells: list[PeriodCell], period_id: str) -> PeriodCell | None:
    """The offered period with this id, or None."""
    if not _PERIOD_ID.match(period_id):
        return None
    return next((c for c in cells if c.id == period_id), None)


def latest(cells: list[PeriodCell], kind: PeriodKind, complete_only: bool = True) -> PeriodCell:
    """The latest offered period of a kind; with `complete_only` the latest one that has ended
    (a committee reads finished months and quarters), falling back to the running one."""
    of_kind = [c for c in cells if c.kind == kind]
    if not of_kind:
        raise ValueError(f"no {kind} period offered")
    if complete_only:
        done = [c for c in of_kind if c.end == _natural_end(c)]
        if done:
            return max(done, key=lambda c: c.start)
    return max(of_kind, key=lambda c: c.start)


def _natural_end(cell: PeriodCell) -> dt.date:
    if cell.kind == "month":
        return _month_end(cell.start)
    if cell.kind == "quarter":
        return _month_end(_month_start(cell.start.year, cell.start.month + 2))
    if cell.kind == "half":
        return _month_end(_month_start(cell.start.year, cell.start.month + 5))
    if cell.kind == "year":
        return dt.date(cell.start.year, 12, 31)
    return cell.end


def previous_period(cells: list[PeriodCell], cell: PeriodCell) -> PeriodCell | None:
    """The period of the same kind just before (None for the project period or the first one)."""
    if cell.kind == "project":
        return None
    earlier = [c for c in cells if c.kind == cell.kind and c.start < cell.start]
    return max(earlier, key=lambda c: c.start) if earlier else None


def is_running(cell: PeriodCell) -> bool:
    """Whether a period has not ended yet (it ends on the last day with data)."""
    return cell.end != _natural_end(cell)


def year_earlier_period(cells: list[PeriodCell], cell: PeriodCell) -> PeriodCell | None:
    """The same month, quarter, half or year one year earlier (2025-Q1: 2024-Q1), or None:
    for the project period, a period still running (the year-earlier one is published only
    whole, so they would not cover the same days) or one before the data."""
    if cell.kind == "project" or is_running(cell):
        return None
    wanted = f"{cell.start.year - 1}{cell.id[4:]}"
    return next((c for c in cells if c.id == wanted and c.kind == cell.kind), None)


def compared_period(
    cells: list[PeriodCell], cell: PeriodCell, compare: str = "year"
) -> PeriodCell | None:
    """The period a committee cell is compared with: the same one a year earlier (the
    default, as for a manager's calendar periods) or, with compare="previous", the one just
    before."""
    if compare == "previous":
        return previous_period(cells, cell)
    return year_earlier_period(cells, cell)


def months_in(cells: list[PeriodCell], cell: PeriodCell) -> list[PeriodCell]:
    """The month cells inside a period, in order."""
    return sorted(c for c in cells if c.kind == "month" and cell.contains(c))


def quarters_in(cells: list[PeriodCell], cell: PeriodCell) -> list[PeriodCell]:
    return sorted(c for c in cells if c.kind == "quarter" and cell.contains(c))


def scope_named(f: Filters) -> SiteScope | None:
    """The site scope a set of filters names, or None for a union of sites or kinds (never a
    publication cell)."""
    if (f.sites and f.site_kinds) or len(f.sites) > 1 or len(f.site_kinds) > 1:
        return None
    if f.sites:
        return SiteScope("site", f.sites[0])
    if f.site_kinds:
        return SiteScope("kind", f.site_kinds[0])
    return SiteScope("all")


def scope_for(org: Organisation, f: Filters) -> SiteScope | None:
    """The site scope that a set of filters names among the organisation's sites."""
    scope = scope_named(f)
    if scope is not None and scope.level == "site" and scope.value not in {s.id for s in org.sites}:
        return None
    return scope


def cell_of(
    f: Filters,
    periods: Sequence[PeriodCell],
    scopes: Collection[SiteScope] | None = None,
    departments: Collection[str] | None = None,
) -> Cell | None:
    """The publication cell a set of filters names: the one mapping from filters to a cell
    (the publication's own, and the brief's for a manager's filters). None for a free range,
    a union of sites, kinds or departments, or a scope or department not among those given."""
    period = next((p for p in periods if (p.start, p.end) == (f.start, f.end)), None)
    scope = scope_named(f)
    if period is None or scope is None or len(f.departments) > 1:
        return None
    department = f.departments[0] if f.departments else ALL
    if (scopes is not None and scope not in scopes) or (
        departments is not None and department not in departments
    ):
        return None
    return Cell(period, scope, department)
