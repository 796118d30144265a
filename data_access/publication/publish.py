"""Committee publications: the protected figures of one cell, in the shapes the views draw.

A page in committee mode asks for `overview(...)`, `outreach(...)` or `caseload(...)` of a
publication cell (data_access/publication/cells.py) and gets the same data classes the
manager views get (OverviewData, OutreachData, CaseloadData), but every count in them is a
protected figure: 0, a multiple of 5, None for "<5", or WITHHELD for "–". Shares, ratios,
per-person costs, series, tooltips, radii and captions are then computed by the views from
these values only; there is nothing raw left in them to leak.

Additive figures come from the protected cubes (data_access/publication/cubes.py); counts of
distinct persons (not additive: a person met in two months is one person in the quarter) are
rounded one by one with the same keyed rounding, so each is the same wherever it appears, and
the funnel's stages are audited with the persons who did not go on. Medians and P90 of
waiting times are computed from the true times but shown only for at least MIN_MEDIAN_BASE
starts; last visits (a dated contact) are not published.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace

import pandas as pd
from sqlalchemy import Engine

from data_access import caseload as caseload_queries
from data_access import national_counts, privacy
from data_access import outreach as outreach_queries
from data_access import overview as overview_queries
from data_access.filters import Filters
from data_access.organisation import Organisation
from data_access.publication import cubes
from data_access.publication.audit import Family, protect
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
from data_access.publication.cubes import TOTAL, Cube, figure_id, period_key
from data_access.publication.rounding import HIDDEN_TEXT, WITHHELD, WITHHELD_TEXT, rounded
from data_access.publication.secret import rounding_key
from data_access.schema import END_REASONS, MODALITIES, REFERRAL_SOURCES

MIN_MEDIAN_BASE = 10  # medians and P90 of fewer starts describe persons, not a service
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
        "contacts": (cubes.contact_counts, cubes.contact_categories, cubes.CONTACT_SPLITS),
        "requests": (cubes.request_counts, cubes.request_categories, cubes.REQUEST_SPLITS),
        "starts": (cubes.start_counts, cubes.start_categories, cubes.START_SPLITS),
        "ends": (cubes.end_counts, cubes.end_categories, cubes.END_SPLITS),
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
    long = cubes._long(cubes.active_counts(engine, days), cubes.active_categories)
    built["active"] = cubes.stock_cube("active", long, days, dept_groups, active_splits, key)
    long = cubes._long(cubes.waiting_counts(engine, days), cubes.waiting_categories)
    built["waiting"] = cubes.stock_cube("waiting", long, days, dept_groups, cubes.NOW_SPLITS, key)
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
    for year, counts in own.items():
        period = years.get((dt.date(year, 1, 1), dt.date(year, 12, 31)))
        if period is None or not members:
            continue
        for measure in national_counts.EVENTS:
            values = {TOTAL: getattr(counts, measure)}
            splits: tuple[cubes.Split, ...] = ()
            if measure == "starts":
                values |= {"g:within": counts.starts - counts.exceeded, "g:breach": counts.exceeded}
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


# ---- small helpers --------------------------------------------------------------------
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
    mark = row.get(f"{column}_shown", "")
    if mark == HIDDEN_TEXT:
        return None
    if mark == WITHHELD_TEXT:
        return WITHHELD
    return int(row[column])


# The series whose months decide whether a page's committee time series is drawn by quarter.
_SPARSE_SERIES = {
    "overview": lambda data: data.outreach_trend["persons"],
    "outreach": lambda data: data.by_kind["contacts"],
    "caseload": lambda data: data.flow["count"],
}


def needs_quarters(page: str, data) -> bool:
    """Whether a page's committee series is drawn by quarter instead of by month: more than a
    quarter of its non-zero months are "<5" or "–" (data_access/privacy.too_sparse). The one
    place this is decided; pages ask through ui/figures.series, the brief here."""
    return privacy.too_sparse(_SPARSE_SERIES[page](data).tolist())


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


# ---- the overview ---------------------------------------------------------------------
def overview(
    pub: Publication,
    engine: Engine,
    org: Organisation,
    cell: Cell,
    coarse: bool = False,
    compare: str = "year",
) -> overview_queries.OverviewData:
    f = committee_filters(pub, cell, coarse, compare)
    previous = _previous_cell(pub, cell, compare)
    series = _series_periods(pub, cell.period, coarse)
    project_start = org.outreach.start
    # The target belongs to the project period: counted to its end at the latest (then the
    # figure is the project cell's own persons figure).
    _, until = overview_queries.target_range(f, project_start, org.outreach.end)
    reached_raw = overview_queries.persons_reached_since(engine, project_start, f, until)
    reached = (
        _persons(pub, project_start, until, cell.sites.id, reached_raw)
        if cell.period.end >= project_start
        else 0
    )
    persons_by_month = _persons_series(pub, engine, cell, series)
    depts = _dept_ids(org, cell)
    return overview_queries.OverviewData(
        filters=f,
        outreach=_outreach_totals(pub, engine, cell),
        outreach_previous=_outreach_totals(pub, engine, previous),
        reached_since_start=reached,
        referrals=_referrals(pub, cell),
        referrals_previous=_referrals(pub, previous),
        caseload={d: _stock(pub, "active", cell.period.end, d) for d in depts},
        caseload_previous={
            d: _stock(pub, "active", previous.period.end, d) if previous else 0 for d in depts
        },
        guarantee=_guarantee(pub, cell),
        guarantee_previous=_guarantee(pub, previous),
        outreach_trend=_protected(
            pd.DataFrame(
                {
                    "bucket": [p.start for p in series],
                    "contacts": [_flow(pub, "contacts", p, cell.sites.id) for p in series],
                    "persons": persons_by_month,
                }
            ),
            "contacts",
            "persons",
        ),
        referral_trend=_protected(
            pd.DataFrame(
                {
                    "bucket": [p.start for p in series],
                    "requests": [
                        _flow(pub, "requests", p, cell.department, "src:outreach") for p in series
                    ],
                    "started": [
                        _flow(pub, "requests", p, cell.department, "out:started") for p in series
                    ],
                }
            ),
            "requests",
            "started",
        ),
        caseload_trend=_active_series(pub, series, depts),
        guarantee_trend=_protected(
            pd.DataFrame(
                {
                    "bucket": [p.start for p in series],
                    "starts": [_flow(pub, "starts", p, cell.department) for p in series],
                    "within": [
                        _flow(pub, "starts", p, cell.department, "g:within") for p in series
                    ],
                }
            ),
            "starts",
            "within",
        ),
        protected=True,
    )


def _persons_series(
    pub: Publication, engine: Engine, cell: Cell, series: list[PeriodCell]
) -> list[int | None]:
    out = []
    for period in series:
        f = replace(cell.filters(), start=period.start, end=period.end)
        raw = overview_queries.outreach_totals(engine, f).persons
        out.append(_persons(pub, period.start, period.end, cell.sites.id, raw))
    return out


def _outreach_totals(
    pub: Publication, engine: Engine, cell: Cell | None
) -> overview_queries.OutreachTotals:
    if cell is None:
        return overview_queries.OutreachTotals(0, 0, 0)
    raw = overview_queries.outreach_totals(engine, cell.filters())
    return overview_queries.OutreachTotals(
        contacts=_flow(pub, "contacts", cell.period, cell.sites.id),
        anonymous_contacts=_flow(pub, "contacts", cell.period, cell.sites.id, "anon:yes"),
        persons=_persons(pub, cell.period.start, cell.period.end, cell.sites.id, raw.persons),
    )


def _referrals(pub: Publication, cell: Cell | None) -> overview_queries.Referrals:
    if cell is None:
        return overview_queries.Referrals(0, 0)
    return overview_queries.Referrals(
        requests=_flow(pub, "requests", cell.period, cell.department, "src:outreach"),
        started=_flow(pub, "requests", cell.period, cell.department, "out:started"),
    )


def _guarantee(pub: Publication, cell: Cell | None) -> overview_queries.Guarantee:
    if cell is None:
        return overview_queries.Guarantee(0, 0, protected=True)
    return overview_queries.Guarantee(
        starts=_flow(pub, "starts", cell.period, cell.department),
        within=_flow(pub, "starts", cell.period, cell.department, "g:within"),
        protected=True,
    )


def _active_series(pub: Publication, series: list[PeriodCell], depts: list[str]) -> pd.DataFrame:
    rows = [(p.start, p.end, d, _stock(pub, "active", p.end, d)) for p in series for d in depts]
    return _protected(
        pd.DataFrame(rows, columns=["bucket", "day", "department", "active"]), "active"
    )


# ---- the outreach page ------------------------------------------------------------------
def outreach(
    pub: Publication,
    engine: Engine,
    org: Organisation,
    cell: Cell,
    coarse: bool = False,
    compare: str = "year",
) -> outreach_queries.OutreachData:
    f = committee_filters(pub, cell, coarse, compare)
    project = org.outreach
    series = _series_periods(pub, cell.period, coarse)
    raw_sites = outreach_queries.site_activity(engine, cell.filters()).set_index("site_id")
    in_scope = [
        s
        for s in org.outreach_sites
        if cell.sites.level == "all"
        or (cell.sites.level == "kind" and s.kind == cell.sites.value)
        or (cell.sites.level == "site" and s.id == cell.sites.value)
    ]
    sites = pd.DataFrame(
        {
            "site_id": [s.id for s in in_scope],
            "contacts": [_flow(pub, "contacts", cell.period, f"site:{s.id}") for s in in_scope],
            "persons": (
                [
                    _persons(
                        pub,
                        cell.period.start,
                        cell.period.end,
                        f"site:{s.id}",
                        int(raw_sites["persons"].get(s.id, 0)),
                    )
                    for s in in_scope
                ]
            ),
            # Anonymous contacts per site are not published (a site's split is too fine).
            "anonymous": [WITHHELD] * len(in_scope),
            "last_visit": pd.Series([pd.NaT] * len(in_scope), dtype="datetime64[ns]"),
            "days_since": pd.array([None] * len(in_scope), dtype="Int64"),
        }
    )
    sites = _protected(sites, "contacts", "persons", "anonymous")
    kind_scopes = _kind_scopes(org, cell)
    by_kind = pd.DataFrame(
        [
            (p.start, kind, _flow(pub, "contacts", p, scope))
            for p in series
            for kind, scope in kind_scopes
        ],
        columns=["bucket", "kind", "contacts"],
    )
    by_kind = _protected(by_kind, "contacts")
    weekday = _protected(
        pd.DataFrame(
            {
                "weekday": range(7),
                "contacts": [
                    _flow(pub, "contacts", cell.period, cell.sites.id, c) for c in cubes.WEEKDAYS
                ],
            }
        ),
        "contacts",
    )
    daypart = _protected(
        pd.DataFrame(
            {
                "part": [c.removeprefix("part:") for c in cubes.DAYPARTS],
                "contacts": [
                    _flow(pub, "contacts", cell.period, cell.sites.id, c) for c in cubes.DAYPARTS
                ],
            }
        ),
        "contacts",
    )
    return outreach_queries.OutreachData(
        filters=f,
        sites=sites,
        by_kind=by_kind,
        weekday_hour=pd.DataFrame(columns=["weekday", "hour", "contacts"]),
        funnel=_funnel(pub, engine, cell),
        reach=_reach(pub, engine, org, cell, project.target_persons, project.grant_dkk),
        by_weekday=weekday,
        by_daypart=daypart,
        protected=True,
    )


def _kind_scopes(org: Organisation, cell: Cell) -> list[tuple[str, str]]:
    """(kind, scope id) pairs for the contacts-by-kind series of a cell."""
    if cell.sites.level == "site":
        return [(org.site(cell.sites.value).kind, cell.sites.id)]
    if cell.sites.level == "kind":
        return [(cell.sites.value, cell.sites.id)]
    kinds = dict.fromkeys(s.kind for s in org.outreach_sites)
    return [(k, f"kind:{k}") for k in kinds]


def _funnel(pub: Publication, engine: Engine, cell: Cell) -> outreach_queries.Funnel:
    """The funnel's stages and who did not go on from each, audited together; the persons
    reached are the cell's persons figure, as everywhere else."""
    raw = outreach_queries.funnel(engine, cell.filters())
    scope = f"funnel|{cell.period.start}..{cell.period.end}|{cell.sites.id}"
    reached_id = figure_id("persons", f"{cell.period.start}..{cell.period.end}", cell.sites.id)
    family = Family()
    family.add(reached_id, raw.reached)
    for stage, value in (("engaged", raw.engaged), ("referred", raw.referred)):
        family.add(f"{scope}|{stage}", value)
        family.add(f"{scope}|not {stage}", raw.reached - value, published=False)
        family.add_sum(reached_id, [f"{scope}|{stage}", f"{scope}|not {stage}"])
    family.add(f"{scope}|started", raw.started)
    family.add(f"{scope}|not started", raw.referred - raw.started, published=False)
    family.add_sum(f"{scope}|referred", [f"{scope}|started", f"{scope}|not started"])
    shown = protect(family, pub.key, fixed={reached_id: rounded(raw.reached, pub.key, reached_id)})
    median = raw.median_days_to_start if raw.started >= MIN_MEDIAN_BASE else None
    return outreach_queries.Funnel(
        reached=shown[reached_id],
        engaged=shown[f"{scope}|engaged"],
        referred=shown[f"{scope}|referred"],
        started=shown[f"{scope}|started"],
        median_days_to_start=median,
        protected=True,
    )


def _reach(
    pub: Publication,
    engine: Engine,
    org: Organisation,
    cell: Cell,
    target: int,
    grant: int,
) -> outreach_queries.Reach:
    """Persons reached since the project start, at each month's end: no day of anyone's first
    contact is published, only the rounded total at month ends."""
    project = org.outreach
    raw = outreach_queries.cumulative_reach(
        engine, cell.filters(), project.start, project.end, target, grant
    )
    ends = [p.end for p in pub.periods if p.kind == "month" and project.start <= p.end <= raw.as_of]
    if raw.as_of not in ends and raw.as_of >= project.start:
        ends.append(raw.as_of)
    days = (
        pd.to_datetime(raw.series["day"]) if len(raw.series) else pd.Series(dtype="datetime64[ns]")
    )
    values = []
    for end in ends:
        so_far = raw.series["reached"][days <= pd.Timestamp(end)]
        count = int(so_far.iloc[-1]) if len(so_far) else 0
        values.append(_persons(pub, project.start, end, cell.sites.id, count))
    series = _protected(pd.DataFrame({"day": ends, "reached": values}), "reached")
    reached = values[-1] if values else 0
    target_date = None
    shown = [v for v in values if v is not None and v != WITHHELD]
    if shown and shown[-1] >= target:
        target_date = next(d for d, v in zip(ends, values, strict=True) if v and v >= target)
    elif reached and reached != WITHHELD:
        elapsed = (raw.as_of - project.start).days + 1
        target_date = project.start + dt.timedelta(days=round(elapsed * target / reached))
    return replace(
        raw,
        series=series,
        reached=reached,
        target_date=target_date,
        protected=True,
    )


# ---- the caseload page ------------------------------------------------------------------
def caseload(
    pub: Publication,
    engine: Engine,
    org: Organisation,
    cell: Cell,
    coarse: bool = False,
    compare: str = "year",
) -> caseload_queries.CaseloadData:
    f = committee_filters(pub, cell, coarse, compare)
    series = _series_periods(pub, cell.period, coarse)
    depts = _dept_ids(org, cell)
    addresses = [c.removeprefix("addr:") for c in _categories(pub, "active", "addr:")]
    period, end = cell.period, cell.period.end

    def active_by(prefix: str, groups: list[str]) -> pd.DataFrame:
        rows = [
            (p.start, p.end, d, g, _stock(pub, "active", p.end, d, f"{prefix}:{g}"))
            for p in series
            for d in depts
            for g in groups
        ]
        columns = ["bucket", "day", "department", "group", "active"]
        return _protected(pd.DataFrame(rows, columns=columns), "active")

    flow = pd.DataFrame(
        [
            (p.start, d, event, _flow(pub, event, p, d))
            for p in series
            for d in depts
            for event in ("requests", "starts", "ends")
        ],
        columns=["bucket", "department", "event", "count"],
    )
    flow = _protected(flow, "count")
    # A row per department, and "all": the departments together as one published figure
    # (the sum of rounded departments is not the rounded total).
    rows_for = [*((d, d) for d in depts), (ALL, cell.department)]
    reasons = _split_frame(pub, "ends", period, rows_for, "reason", END_REASONS, "ends")
    sources = _split_frame(pub, "requests", period, rows_for, "src", REFERRAL_SOURCES, "requests")
    ages = _split_frame(
        pub,
        "requests",
        period,
        rows_for,
        "age",
        [a.removeprefix("age:") for a in cubes.AGE_GROUPS],
        "requests",
    )
    waiting_bins = _split_frame(
        pub,
        "starts",
        period,
        rows_for,
        "wait",
        [w.removeprefix("wait:") for w in cubes.WAIT_BINS],
        "starts",
    )
    guarantee = pd.DataFrame(
        [
            (p.start, d, _flow(pub, "starts", p, d), _flow(pub, "starts", p, d, "g:within"))
            for p in series
            for d in depts
        ],
        columns=["bucket", "department", "starts", "within"],
    )
    guarantee = _protected(guarantee, "starts", "within")
    waiting_now = pd.DataFrame(
        [
            (label, b.removeprefix("now:"), _stock(pub, "waiting", end, scope, b), None)
            for label, scope in rows_for
            for b in cubes.NOW_BINS
        ],
        columns=["department", "bucket", "requests", "oldest_days"],
    )
    waiting_now = _protected(waiting_now, "requests")
    per_fte = _per_fte(pub, engine, cell, series, depts)
    by_department = _active_series(pub, series, depts)
    return caseload_queries.CaseloadData(
        filters=f,
        by_address=active_by("addr", addresses),
        by_modality=active_by("mod", list(MODALITIES)),
        flow=flow,
        ends_by_reason=reasons,
        waiting=pd.DataFrame(columns=["department", "days", "starts", "guarantee_days"]),
        guarantee=guarantee,
        waiting_now=waiting_now,
        per_fte=per_fte,
        sources=sources,
        ages=ages,
        current=_department_figures(pub, engine, org, cell),
        previous=_department_figures(pub, engine, org, _previous_cell(pub, cell, compare)),
        by_department=by_department,
        waiting_bins=waiting_bins,
        protected=True,
    )


def _categories(pub: Publication, measure: str, prefix: str) -> list[str]:
    return sorted({c for (_, _, c) in pub.cubes[measure].shown if c.startswith(prefix)})


def _split_frame(
    pub: Publication,
    measure: str,
    period: PeriodCell,
    rows_for: list[tuple[str, str]],
    prefix: str,
    categories,
    column: str,
) -> pd.DataFrame:
    """A split of a measure per department, columns (department, <name>, column); `rows_for`
    pairs a row's department label with the scope its figures come from."""
    name = {"reason": "reason", "src": "source", "age": "group", "wait": "bin"}[prefix]
    rows = [
        (label, c, _flow(pub, measure, period, scope, f"{prefix}:{c}"))
        for label, scope in rows_for
        for c in categories
    ]
    return _protected(pd.DataFrame(rows, columns=["department", name, column]), column)


def _per_fte(
    pub: Publication, engine: Engine, cell: Cell, series: list[PeriodCell], depts: list[str]
) -> pd.DataFrame:
    """Active courses per FTE from the protected active counts (months with staffing)."""
    months = [p for p in pub.periods if p.kind == "month" and cell.period.contains(p)]
    raw = caseload_queries.caseload_per_fte(engine, cell.filters())
    fte = {(r.month, r.department): r.fte for r in raw.itertuples()}
    rows = []
    for p in months:
        for d in depts:
            if (p.start, d) not in fte:
                continue
            active = _stock(pub, "active", p.end, d)
            ok = active is not None and active != WITHHELD and active > 0
            rows.append(
                (p.start, d, active, fte[(p.start, d)], active / fte[(p.start, d)] if ok else None)
            )
    frame = pd.DataFrame(rows, columns=["month", "department", "active", "fte", "per_fte"])
    frame["per_fte"] = pd.to_numeric(frame["per_fte"])
    return _protected(frame, "active")


def _department_figures(
    pub: Publication, engine: Engine, org: Organisation, cell: Cell | None
) -> dict[str, caseload_queries.DepartmentFigures]:
    if cell is None:
        return {}
    raw = caseload_queries.department_figures(engine, cell.filters())
    out = {}
    for dept in [*_dept_ids(org, cell), ALL]:
        # "all" is the departments shown together: the cell's one department, if it has one.
        scope = cell.department if dept == ALL else dept
        stats = raw.get(dept)
        starts = _flow(pub, "starts", cell.period, scope)
        enough = stats is not None and stats.waiting.starts >= MIN_MEDIAN_BASE
        out[dept] = caseload_queries.DepartmentFigures(
            active_at_end=_stock(pub, "active", cell.period.end, scope),
            requests=_flow(pub, "requests", cell.period, scope),
            starts=starts,
            ends=_flow(pub, "ends", cell.period, scope),
            waiting=caseload_queries.WaitingStats(
                starts=starts,
                within=_flow(pub, "starts", cell.period, scope, "g:within"),
                median_days=stats.waiting.median_days if enough else None,
                p90_days=stats.waiting.p90_days if enough else None,
                protected=True,
            ),
        )
    return out
