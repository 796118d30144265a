"""The built committee publication and how its figures are read: `build` makes every protected
cube of the installation once per data version; the helpers read one flow, stock or person
count of a cell, mark a frame's protected figures for display (`_protected`) and read them
back (`figure_in`), and decide when a series must be shown by quarter (`needs_quarters`).
The pages' figures are assembled from these in publish.py (and outreach_cell.py)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace

import pandas as pd
from sqlalchemy import Engine

from data_access import national_counts
from data_access import overview as overview_queries
from data_access.filters import Filters
from data_access.organisation import Organisation
from data_access.publication import counts, cubes
from data_access.publication.cells import (
    ALL,
    Cell,
    PeriodCell,
    SiteScope,
    cell_of,
    compared_period,
    department_scopes,
    months_in,
    period_cells,
    quarters_in,
    site_scopes,
)
from data_access.publication.count import Count, too_sparse
from data_access.publication.cubes import TOTAL, Cube, figure_id, period_key
from data_access.publication.rounding import HIDDEN_TEXT, WITHHELD, WITHHELD_TEXT, rounded
from data_access.publication.secret import rounding_key
from data_access.schema import MODALITIES

# Comparisons against nothing: a range before any data, so Filters.comparable_since is False.
NO_PREVIOUS = (dt.date.min, dt.date.min)


@dataclass(frozen=True)
class Publication:
    """Every protected additive figure of the database on `as_of`, and the offered cells."""

    as_of: dt.date
    periods: tuple[PeriodCell, ...]
    scopes: tuple[SiteScope, ...]
    departments: tuple[str, ...]
    addresses: tuple[str, ...]
    cubes: dict[str, Cube]
    key: bytes

    def cell(self, f: Filters) -> Cell | None:
        """The publication cell a set of filters names, or None if it is not offered."""
        return cell_of(f, self.periods, self.scopes, self.departments)


def build(engine: Engine, org: Organisation, first: dt.date, as_of: dt.date) -> Publication:
    """Count, round and audit every additive committee figure (the slow part, cached)."""
    key = rounding_key(engine)
    periods = period_cells(org, first, as_of)
    site_groups = cubes.site_scopes(org, cubes.site_members(org, engine))
    dept_groups = cubes.department_scopes(org, cubes.department_members(org, engine))
    days = sorted({p.end for p in periods})
    addresses = tuple(dict.fromkeys(d.address for d in org.departments))
    flows = {
        "contacts": (counts.contact_counts, counts.contact_categories, counts.CONTACT_SPLITS),
        "requests": (counts.request_counts, counts.request_categories, counts.REQUEST_SPLITS),
        "starts": (counts.start_counts, counts.start_categories, counts.START_SPLITS),
        "ends": (counts.end_counts, counts.end_categories, counts.END_SPLITS),
    }
    national = _national_subsets(engine, org, periods, dept_groups)
    built: dict[str, Cube] = {}
    for measure, (count, categorise, splits) in flows.items():
        groups = site_groups if measure == "contacts" else dept_groups
        long = cubes._long(count(engine), categorise)
        built[measure] = cubes.flow_cube(
            measure, long, periods, groups, splits, key, national.get(measure, ())
        )
    active_splits = (
        cubes.Split(tuple(f"addr:{a}" for a in _addresses(engine, org))),
        cubes.Split(tuple(f"mod:{m}" for m in MODALITIES)),
    )
    long = cubes._long(counts.active_counts(engine, days), counts.active_categories)
    built["active"] = cubes.stock_cube("active", long, days, dept_groups, active_splits, key)
    long = cubes._long(counts.waiting_counts(engine, days), counts.waiting_categories)
    built["waiting"] = cubes.stock_cube("waiting", long, days, dept_groups, counts.NOW_SPLITS, key)
    return Publication(
        as_of=as_of,
        periods=tuple(periods),
        scopes=tuple(site_scopes(org)),
        departments=tuple(department_scopes(org)),
        addresses=addresses,
        cubes=built,
        key=key,
    )


NATIONAL = "national"  # the scope the page Landstal's own counts are published under


_WITHIN_SPLIT = cubes.Split(("g:within", "g:breach"), implied=("g:breach",))


def _national_subsets(
    engine: Engine, org: Organisation, periods: Sequence[PeriodCell], groups: cubes.Scopes
) -> dict[str, list[cubes.Subset]]:
    """The page Landstal's own requests, starts (and starts within the guarantee) and ends
    per whole calendar year, as subsets of the national departments' figures, so that they
    are audited with them (persons are not additive: rounded by their own key there)."""
    if org.national is None:
        return {}
    years = {(p.start, p.end): p for p in periods}
    members = tuple(m for m in org.national.departments if m in groups.groups)
    years_held = national_counts.complete_years(overview_queries.data_extent(engine))
    own = national_counts.own_counts(engine, org.national, years_held)
    subsets: dict[str, list[cubes.Subset]] = {}
    for year, year_counts in own.items():
        period = years.get((dt.date(year, 1, 1), dt.date(year, 12, 31)))
        if period is None or not members:
            continue
        for measure in national_counts.EVENTS:
            values = {TOTAL: getattr(year_counts, measure)}
            splits: tuple[cubes.Split, ...] = ()
            if measure == "starts":
                within = year_counts.starts - year_counts.exceeded
                values |= {"g:within": within, "g:breach": year_counts.exceeded}
                splits = (_WITHIN_SPLIT,)
            subsets.setdefault(measure, []).append(
                cubes.Subset(NATIONAL, period, members, values, splits)
            )
    return subsets


def national_figure(pub: Publication, measure: str, year: int, category: str = TOTAL):
    """A Landstal own count as published with its family: 0, None ("<5"), a multiple of 5 or
    WITHHELD (also when the year is no period of the publication)."""
    whole_year = (dt.date(year, 1, 1), dt.date(year, 12, 31))
    period = next((p for p in pub.periods if (p.start, p.end) == whole_year), None)
    if period is None:
        return WITHHELD
    return pub.cubes[measure].shown.get((period_key(period), NATIONAL, category), WITHHELD)


def _addresses(engine: Engine, org: Organisation) -> list[str]:
    """Every treatment address with courses (the organisation's, and any older ones)."""
    from sqlalchemy import select

    from data_access.schema import treatment_courses

    with engine.connect() as conn:
        in_db = list(conn.scalars(select(treatment_courses.c.address_site_id).distinct()))
    return list(dict.fromkeys([*(d.address for d in org.departments), *sorted(in_db)]))


def _flow(pub: Publication, measure: str, period: PeriodCell, scope: str, cat: str = TOTAL):
    return pub.cubes[measure].get(period_key(period), scope, cat)


def _stock(pub: Publication, measure: str, day: dt.date, scope: str, cat: str = TOTAL):
    return pub.cubes[measure].get(str(day), scope, cat)


def _persons(pub: Publication, start: dt.date, end: dt.date, scope: str, value: int) -> int | None:
    """Distinct persons met in [start, end] at a scope: rounded by their own key.

    Nobody met where contacts were made says that every contact there was anonymous: the
    anonymous split of a site is not published, and beside a "<5" of contacts it is a small
    group's split. So 0 persons is shown as 0 only where the contacts are 0 too, else "–"."""
    if value == 0 and _maybe_contacts(pub, start, end, scope):
        return WITHHELD
    return rounded(value, pub.key, figure_id("persons", f"{start}..{end}", scope))


def _maybe_contacts(pub: Publication, start: dt.date, end: dt.date, scope: str) -> bool:
    """Whether the published contacts in [start, end] at a scope may be more than 0: False
    only when the months that tile the range are all shown as exactly 0."""
    cube = pub.cubes["contacts"]
    whole = next((p for p in pub.periods if (p.start, p.end) == (start, end)), None)
    if whole is not None:
        return cube.get(period_key(whole), scope) != 0
    months = sorted(
        (p for p in pub.periods if p.kind == "month" and start <= p.start and p.end <= end),
        key=lambda p: p.start,
    )
    if sum(p.days for p in months) != (end - start).days + 1:
        return True  # not tiled by published months: assume there were contacts
    return any(cube.get(period_key(p), scope) != 0 for p in months)


def _protected(frame: pd.DataFrame, *columns: str) -> pd.DataFrame:
    """Count columns as nullable integers ("<5" and "–" are missing, NA), each with a text
    column `<name>_shown` saying which: "<5", "–" or "" (a number, formatted by the view)."""
    for column in columns:
        # pandas may have made None NaN on the way in: both mean "<5".
        values = [None if v is None or pd.isna(v) else int(v) for v in frame[column]]
        frame[f"{column}_shown"] = [
            HIDDEN_TEXT if v is None else WITHHELD_TEXT if v == WITHHELD else "" for v in values
        ]
        frame[column] = pd.array(
            [None if v is None or v == WITHHELD else int(v) for v in values], dtype="Int64"
        )
    return frame


def figure_in(row: pd.Series, column: str) -> int | None:
    """A figure of a protected frame (see `_protected`) back as the publication's scalar: the
    count, None for "<5" or WITHHELD for "–"."""
    return Count.in_row(row, column).scalar


# The series whose months decide whether a page's committee time series is drawn by quarter.
_SPARSE_SERIES = {
    "overview": lambda data: data.outreach_trend["persons"],
    "outreach": lambda data: data.by_kind["contacts"],
    "caseload": lambda data: data.flow["count"],
}


def needs_quarters(page: str, data) -> bool:
    """Whether a page's committee series is drawn by quarter instead of by month: more than a
    quarter of its non-zero months are "<5" or "–" (publication/count.too_sparse). The one
    place this is decided; pages ask through ui/figures.series, the brief here."""
    return too_sparse(_SPARSE_SERIES[page](data).tolist())


def _series_periods(pub: Publication, period: PeriodCell, coarse: bool) -> list[PeriodCell]:
    cells = list(pub.periods)
    inside = quarters_in(cells, period) if coarse else months_in(cells, period)
    return inside or [period]


def committee_filters(
    pub: Publication, cell: Cell, coarse: bool = False, compare: str = "year"
) -> Filters:
    """The cell's filters, compared with the cell a year earlier (or the previous one,
    `compare="previous"`); NO_PREVIOUS when there is none (no change is then shown)."""
    previous = compared_period(list(pub.periods), cell.period, compare)
    return replace(
        cell.filters(),
        committee=True,
        coarse=coarse,
        previous_range=(previous.start, previous.end) if previous else NO_PREVIOUS,
    )


def _previous_cell(pub: Publication, cell: Cell, compare: str = "year") -> Cell | None:
    previous = compared_period(list(pub.periods), cell.period, compare)
    return replace(cell, period=previous) if previous else None


def _dept_ids(org: Organisation, cell: Cell) -> list[str]:
    return [d.id for d in org.departments if cell.department in (ALL, d.id)]
