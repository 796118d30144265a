"""The naive peer: a dashboard that loads the whole contacts, courses and persons tables into
pandas on every filter change and computes the overview and caseload figures there.

It is the yardstick for `make bench` (issue 14): the project's SQL must beat it by a wide
margin in time and memory, and its figures must equal the project's (checked before timing).
It shares only the result dataclasses and the period arithmetic with the project; every
figure is computed here again from the definitions in data_access/overview.py and
data_access/caseload.py, so a difference points at a bug on one side.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, fields

import numpy as np
import pandas as pd
from sqlalchemy import Engine

from data_access.caseload import (
    AGE_GROUPS,
    WAITING_BUCKETS,
    CaseloadData,
    DepartmentFigures,
    WaitingStats,
)
from data_access.filters import Filters, bucket_end, bucket_starts
from data_access.overview import Guarantee, OutreachTotals, OverviewData, Referrals

DAY = pd.Timedelta(days=1)


@dataclass(frozen=True)
class Tables:
    contacts: pd.DataFrame
    courses: pd.DataFrame
    persons: pd.DataFrame
    departments: pd.DataFrame
    sites: pd.DataFrame
    staffing: pd.DataFrame


def load(engine: Engine) -> Tables:
    """Every row of the tables the two pages need, as a naive dashboard reads them."""
    with engine.connect() as conn:

        def read(table: str, dates: list[str]) -> pd.DataFrame:
            frame = pd.read_sql_query(f"SELECT * FROM {table}", conn)
            for column in dates:
                frame[column] = pd.to_datetime(frame[column])
            return frame

        return Tables(
            contacts=read("outreach_contacts", ["contact_at"]),
            courses=read("treatment_courses", ["requested_on", "started_on", "ended_on"]),
            persons=read("persons", []),
            departments=read("departments", []),
            sites=read("sites", []),
            staffing=read("staffing", ["month"]),
        )


# ---- helpers -------------------------------------------------------------------------------
def _ts(day: dt.date) -> pd.Timestamp:
    return pd.Timestamp(day)


def _bucket(series: pd.Series, grain: str) -> pd.Series:
    """The first day (as a date) of each value's week, month or quarter."""
    if grain == "week":
        starts = series.dt.normalize() - pd.to_timedelta(series.dt.day_of_week, unit="D")
    elif grain == "quarter":
        starts = series.dt.to_period("Q").dt.start_time
    else:
        starts = series.dt.to_period("M").dt.start_time
    return starts.dt.date


def _contacts(t: Tables, f: Filters, start: dt.date | None = None) -> pd.DataFrame:
    c = t.contacts
    mask = (c["contact_at"] >= _ts(start or f.start)) & (c["contact_at"] < _ts(f.end) + DAY)
    if f.sites:
        mask &= c["site_id"].isin(f.sites)
    if f.site_kinds:
        mask &= c["site_id"].isin(t.sites.loc[t.sites["kind"].isin(f.site_kinds), "id"])
    return c[mask]


def _courses(t: Tables, f: Filters) -> pd.DataFrame:
    c = t.courses
    return c[c["department_id"].isin(f.departments)] if f.departments else c


def _between(column: pd.Series, start: dt.date, end: dt.date) -> pd.Series:
    return (column >= _ts(start)) & (column <= _ts(end))


def _active_mask(courses: pd.DataFrame, day: dt.date) -> pd.Series:
    when = _ts(day)
    return (courses["started_on"] <= when) & (
        courses["ended_on"].isna() | (courses["ended_on"] >= when)
    )


def _filled(frame: pd.DataFrame, f: Filters, columns: list[str]) -> pd.DataFrame:
    buckets = bucket_starts(f.start, f.end, f.grain)
    out = frame.groupby("bucket")[columns].sum().reindex(buckets, fill_value=0)
    return out.rename_axis("bucket").reset_index().astype(dict.fromkeys(columns, int))


def _waited(courses: pd.DataFrame) -> pd.Series:
    return (courses["started_on"] - courses["requested_on"]).dt.days


def _with_guarantee(t: Tables, courses: pd.DataFrame) -> pd.DataFrame:
    days = t.departments.set_index("id")["guarantee_days"]
    return courses.assign(
        days=_waited(courses), guarantee_days=courses["department_id"].map(days).astype(int)
    )


# ---- overview ------------------------------------------------------------------------------
def _outreach_totals(t: Tables, f: Filters) -> OutreachTotals:
    c = _contacts(t, f)
    return OutreachTotals(
        len(c), int(c["person_id"].isna().sum()), int(c["person_id"].dropna().nunique())
    )


def _referrals(t: Tables, f: Filters) -> Referrals:
    c = _courses(t, f)
    c = c[(c["referral_source"] == "outreach") & _between(c["requested_on"], f.start, f.end)]
    return Referrals(len(c), int(c["started_on"].notna().sum()))


def _caseload(t: Tables, f: Filters, day: dt.date) -> dict[str, int]:
    c = _courses(t, f)
    counts = c[_active_mask(c, day)].groupby("department_id").size()
    return {d: int(n) for d, n in counts.items() if n}


def _guarantee(t: Tables, f: Filters) -> Guarantee:
    c = _courses(t, f)
    c = _with_guarantee(t, c[_between(c["started_on"], f.start, f.end)])
    return Guarantee(len(c), int((c["days"] <= c["guarantee_days"]).sum()))


def _active_series(t: Tables, f: Filters, split: str | None, grain: str) -> pd.DataFrame:
    c = _courses(t, f)
    keys = ["department_id"] + (
        ["address_site_id"] if split == "address" else ["modality"] if split == "modality" else []
    )
    rows = []
    for bucket in bucket_starts(f.start, f.end, grain):
        day = min(bucket_end(bucket, grain), f.end)
        counts = c[_active_mask(c, day)].groupby(keys).size()
        for key, n in counts.items():
            key = key if isinstance(key, tuple) else (key,)
            rows.append((bucket, day, *key, int(n)))
    names = ["bucket", "day", "department", *(["group"] if split else []), "active"]
    return pd.DataFrame(rows, columns=names)


def overview(t: Tables, f: Filters, project_start: dt.date) -> OverviewData:
    previous = f.previous()
    contacts = _contacts(t, f)
    outreach_trend = (
        contacts.assign(bucket=_bucket(contacts["contact_at"], f.grain))
        .groupby("bucket")
        .agg(contacts=("site_id", "size"), persons=("person_id", "nunique"))
    )
    buckets = bucket_starts(f.start, f.end, f.grain)
    outreach_trend = (
        outreach_trend.reindex(buckets, fill_value=0)
        .rename_axis("bucket")
        .reset_index()
        .astype({"contacts": int, "persons": int})
    )
    c = _courses(t, f)
    referred = c[(c["referral_source"] == "outreach") & _between(c["requested_on"], f.start, f.end)]
    referral_trend = _filled(
        referred.assign(
            bucket=_bucket(referred["requested_on"], f.grain),
            requests=1,
            started=referred["started_on"].notna().astype(int),
        ),
        f,
        ["requests", "started"],
    )
    starts = _with_guarantee(t, c[_between(c["started_on"], f.start, f.end)])
    guarantee_trend = _filled(
        starts.assign(
            bucket=_bucket(starts["started_on"], f.grain),
            starts=1,
            within=(starts["days"] <= starts["guarantee_days"]).astype(int),
        ),
        f,
        ["starts", "within"],
    )
    reached = (
        int(_contacts(t, f, start=project_start)["person_id"].dropna().nunique())
        if f.end >= project_start
        else 0
    )
    return OverviewData(
        filters=f,
        outreach=_outreach_totals(t, f),
        outreach_previous=_outreach_totals(t, previous),
        reached_since_start=reached,
        referrals=_referrals(t, f),
        referrals_previous=_referrals(t, previous),
        caseload=_caseload(t, f, f.end),
        caseload_previous=_caseload(t, f, previous.end),
        guarantee=_guarantee(t, f),
        guarantee_previous=_guarantee(t, previous),
        outreach_trend=outreach_trend,
        referral_trend=referral_trend,
        caseload_trend=_active_series(t, f, None, f.grain),
        guarantee_trend=guarantee_trend,
    )


# ---- caseload ------------------------------------------------------------------------------
def _stats(days: pd.Series) -> tuple[float | None, int | None]:
    """Median and nearest-rank P90 of waiting days."""
    if days.empty:
        return None, None
    values = np.sort(days.to_numpy())
    rank = max(1, math.ceil(0.9 * len(values)))
    return float(np.median(values)), int(values[rank - 1])


def _figures(t: Tables, f: Filters) -> dict[str, DepartmentFigures]:
    c = _courses(t, f)
    active = c[_active_mask(c, f.end)].groupby("department_id").size()
    requests = c[_between(c["requested_on"], f.start, f.end)].groupby("department_id").size()
    ends = c[_between(c["ended_on"], f.start, f.end)].groupby("department_id").size()
    starts = _with_guarantee(t, c[_between(c["started_on"], f.start, f.end)])
    names = sorted({*active.index, *requests.index, *ends.index, *starts["department_id"]})
    out = {}
    for dept in [*names, "all"]:
        part = starts if dept == "all" else starts[starts["department_id"] == dept]
        median, p90 = _stats(part["days"])
        waiting = WaitingStats(
            starts=len(part),
            within=int((part["days"] <= part["guarantee_days"]).sum()),
            median_days=median,
            p90_days=p90,
        )

        def pick(counts: pd.Series, name: str = dept) -> int:
            return int(counts.sum() if name == "all" else counts.get(name, 0))

        out[dept] = DepartmentFigures(
            active_at_end=pick(active),
            requests=pick(requests),
            starts=len(part),
            ends=pick(ends),
            waiting=waiting,
        )
    return out


def _flow(t: Tables, f: Filters) -> pd.DataFrame:
    c = _courses(t, f)
    frames = []
    for event, column in (
        ("requests", "requested_on"),
        ("starts", "started_on"),
        ("ends", "ended_on"),
    ):
        part = c[_between(c[column], f.start, f.end)]
        counts = (
            part.assign(bucket=_bucket(part[column], f.grain))
            .groupby(["bucket", "department_id"])
            .size()
            .reset_index(name="count")
            .rename(columns={"department_id": "department"})
        )
        counts.insert(2, "event", event)
        frames.append(counts)
    return pd.concat(frames, ignore_index=True)


def _waiting_now(t: Tables, f: Filters) -> pd.DataFrame:
    c = _courses(t, f)
    end = _ts(f.end)
    c = c[
        (c["requested_on"] <= end)
        & (c["started_on"].isna() | (c["started_on"] > end))
        & (c["ended_on"].isna() | (c["ended_on"] > end))
    ]
    waited = (end - c["requested_on"]).dt.days
    bucket = np.select([waited <= 7, waited <= 14], WAITING_BUCKETS[:2], WAITING_BUCKETS[2])
    return (
        c.assign(bucket=bucket, waited=waited)
        .groupby(["department_id", "bucket"])
        .agg(requests=("waited", "size"), oldest_days=("waited", "max"))
        .reset_index()
        .rename(columns={"department_id": "department"})
    )


def _per_fte(t: Tables, f: Filters) -> pd.DataFrame:
    active = _active_series(t, f, None, "month").rename(columns={"bucket": "month"})
    staffing = t.staffing.assign(month=t.staffing["month"].dt.date).rename(
        columns={"department_id": "department"}
    )
    frame = active[["month", "department", "active"]].merge(
        staffing[["month", "department", "fte"]], on=["month", "department"]
    )
    frame = frame[frame["fte"] > 0].copy()
    frame["per_fte"] = frame["active"] / frame["fte"]
    return frame.reset_index(drop=True)


def _requests_with_age(t: Tables, f: Filters) -> pd.DataFrame:
    c = _courses(t, f)
    c = c[_between(c["requested_on"], f.start, f.end)]
    born = c["person_id"].map(t.persons.set_index("id")["birth_year"])
    age = c["requested_on"].dt.year - born
    group = np.select(
        [born.isna(), age < 18, age <= 24], ["unknown", AGE_GROUPS[0], AGE_GROUPS[1]], AGE_GROUPS[2]
    )
    return c.assign(group=group)


def caseload(t: Tables, f: Filters) -> CaseloadData:
    c = _courses(t, f)
    ended = c[_between(c["ended_on"], f.start, f.end)]
    starts = _with_guarantee(t, c[_between(c["started_on"], f.start, f.end)])
    requests = _requests_with_age(t, f)
    guarantee = (
        starts.assign(
            bucket=_bucket(starts["started_on"], f.grain),
            within=(starts["days"] <= starts["guarantee_days"]).astype(int),
        )
        .groupby(["bucket", "department_id"])
        .agg(starts=("days", "size"), within=("within", "sum"))
        .reset_index()
        .rename(columns={"department_id": "department"})
    )
    return CaseloadData(
        filters=f,
        by_address=_active_series(t, f, "address", f.grain),
        by_modality=_active_series(t, f, "modality", f.grain),
        by_department=_active_series(t, f, None, f.grain),
        flow=_flow(t, f),
        ends_by_reason=ended.groupby(["department_id", "end_reason"])
        .size()
        .reset_index(name="ends")
        .rename(columns={"department_id": "department", "end_reason": "reason"}),
        waiting=starts.groupby(["department_id", "days", "guarantee_days"])
        .size()
        .reset_index(name="starts")
        .rename(columns={"department_id": "department"})[
            ["department", "days", "starts", "guarantee_days"]
        ],
        guarantee=guarantee,
        waiting_now=_waiting_now(t, f),
        per_fte=_per_fte(t, f),
        sources=requests.groupby(["department_id", "referral_source"])
        .size()
        .reset_index(name="requests")
        .rename(columns={"department_id": "department", "referral_source": "source"}),
        ages=requests.groupby(["department_id", "group"])
        .size()
        .reset_index(name="requests")
        .rename(columns={"department_id": "department"}),
        current=_figures(t, f),
        previous=_figures(t, f.previous()),
    )


# ---- the same figures? ---------------------------------------------------------------------
def _frame_rows(frame: pd.DataFrame) -> list[tuple]:
    """A frame's rows as sorted tuples of plain values (dates as dates, counts as ints)."""

    def plain(value: object) -> object:
        if isinstance(value, pd.Timestamp):
            return value.date()
        if isinstance(value, np.integer):
            return int(value)
        if isinstance(value, np.floating | float):
            return round(float(value), 9)
        return value

    rows = [tuple(plain(v) for v in row) for row in frame.itertuples(index=False)]
    return sorted(rows, key=repr)


def differences(project: object, peer: object, prefix: str = "") -> list[str]:
    """Where two OverviewData or CaseloadData disagree (empty: the same figures)."""
    out = []
    for item in fields(project):
        name = f"{prefix}{item.name}"
        a, b = getattr(project, item.name), getattr(peer, item.name)
        if isinstance(a, pd.DataFrame):
            if list(a.columns) != list(b.columns):
                out.append(f"{name}: columns {list(a.columns)} != {list(b.columns)}")
            elif _frame_rows(a) != _frame_rows(b):
                out.append(f"{name}: rows differ")
        elif a != b:
            out.append(f"{name}: {a!r} != {b!r}")
    return out
