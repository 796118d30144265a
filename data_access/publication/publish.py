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
from dataclasses import replace

import pandas as pd
from sqlalchemy import Engine

from data_access import caseload as caseload_queries
from data_access import outreach as outreach_queries
from data_access import overview as overview_queries
from data_access.organisation import Organisation
from data_access.publication import counts, rules
from data_access.publication.audit import Family, protect
from data_access.publication.caseload_parts import (
    _categories,
    _department_figures,
    _per_fte,
    _split_frame,
)
from data_access.publication.cells import (
    ALL,
    Cell,
    PeriodCell,
)
from data_access.publication.cubes import figure_id
from data_access.publication.rounding import WITHHELD, rounded
from data_access.publication.store import (
    Publication,
    _dept_ids,
    _flow,
    _persons,
    _previous_cell,
    _protected,
    _series_periods,
    _stock,
    committee_filters,
)
from data_access.schema import END_REASONS, MODALITIES, REFERRAL_SOURCES

# ---- small helpers --------------------------------------------------------------------


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
                    _flow(pub, "contacts", cell.period, cell.sites.id, c) for c in counts.WEEKDAYS
                ],
            }
        ),
        "contacts",
    )
    daypart = _protected(
        pd.DataFrame(
            {
                "part": [c.removeprefix("part:") for c in counts.DAYPARTS],
                "contacts": [
                    _flow(pub, "contacts", cell.period, cell.sites.id, c) for c in counts.DAYPARTS
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
    median = raw.median_days_to_start if raw.started >= rules.MIN_MEDIAN_BASE else None
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
        [a.removeprefix("age:") for a in counts.AGE_GROUPS],
        "requests",
    )
    waiting_bins = _split_frame(
        pub,
        "starts",
        period,
        rows_for,
        "wait",
        [w.removeprefix("wait:") for w in counts.WAIT_BINS],
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
            for b in counts.NOW_BINS
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
