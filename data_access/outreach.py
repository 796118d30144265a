"""Aggregates for the outreach page, computed in SQL.

Definitions (the page's help texts repeat them):
- site activity: contacts, distinct persons and anonymous contacts per site in the period; the
  last visit is the latest contact at the site on or before the period's end (any time before);
- the funnel follows the persons reached in the period (the cohort), up to the period's end:
  engaged = came back at least once or had a plan made; referred = a treatment request with
  the outreach team as referral source; started = that request led to a start. Days to start
  run from the person's first outreach contact ever;
- cumulative reach counts each person once, on the day of their first outreach contact.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd
from sqlalchemy import Connection, Engine, case, func, or_, select
from sqlalchemy.sql.elements import ColumnElement

from data_access.caseload import median_from_counts
from data_access.concurrent_reads import read_at_once
from data_access.conditions import C, T, contact_filter, contact_sites
from data_access.contact_counts import first_contacts_per_day, persons_met
from data_access.filters import Filters, bucket_of, bucket_starts
from data_access.publication.rules import per_person, share
from data_access.schema import contact_hour_counts, sites
from data_access.sql import as_date, date_of, days_between, end_of_day, weekday_of

WEEKDAYS = 7
HOURS = 24
H = contact_hour_counts.c


def site_activity(engine: Engine, f: Filters) -> pd.DataFrame:
    """One row per site with contacts in the period or a visit before its end.

    Columns: site_id, contacts, persons, anonymous, last_visit (datetime or NaT),
    days_since (whole days from the last visit to the period's end).
    """
    with engine.connect() as conn:
        return _site_activity(conn, f)


def _site_activity(conn: Connection, f: Filters) -> pd.DataFrame:
    in_period = (
        select(
            C.site_id,
            func.count().label("contacts"),
            func.count(C.person_id.distinct()).label("persons"),
            func.count().filter(C.person_id.is_(None)).label("anonymous"),
        )
        .where(*contact_filter(f))
        .group_by(C.site_id)
    )
    # One index seek per site (site, time), not a scan of every earlier contact.
    latest = (
        select(func.max(C.contact_at))
        .where(C.site_id == sites.c.id, C.contact_at < end_of_day(f.end))
        .scalar_subquery()
    )
    last_visits = select(sites.c.id, latest).where(*contact_sites(f, sites.c.id))
    counts = pd.DataFrame(
        conn.execute(in_period).all(), columns=["site_id", "contacts", "persons", "anonymous"]
    )
    last = pd.DataFrame(
        [(s, v) for s, v in conn.execute(last_visits) if v is not None],
        columns=["site_id", "last_visit"],
    )
    frame = last.merge(counts, on="site_id", how="outer")
    for column in ("contacts", "persons", "anonymous"):
        frame[column] = frame[column].fillna(0).astype(int)
    frame["last_visit"] = pd.to_datetime(frame["last_visit"])
    end = pd.Timestamp(f.end)
    frame["days_since"] = (end - frame["last_visit"].dt.normalize()).dt.days.astype("Int64")
    return frame[["site_id", "contacts", "persons", "anonymous", "last_visit", "days_since"]]


def _hour_counts_filter(f: Filters) -> list[ColumnElement]:
    return [H.day.between(f.start, f.end), *contact_sites(f, H.site_id)]


def contacts_by_kind(engine: Engine, f: Filters) -> pd.DataFrame:
    """Contacts per week or month and site kind, zeros filled in (bucket, kind, contacts)."""
    with engine.connect() as conn:
        return _contacts_by_kind(conn, f)


def _contacts_by_kind(conn: Connection, f: Filters) -> pd.DataFrame:
    # From the daily counts: one row per day and kind, put into weeks or months here.
    query = (
        select(H.day, sites.c.kind, func.sum(H.contacts))
        .select_from(contact_hour_counts.join(sites, sites.c.id == H.site_id))
        .where(*_hour_counts_filter(f))
        .group_by(H.day, sites.c.kind)
    )
    rows = [(bucket_of(as_date(d), f.grain), kind, int(n)) for d, kind, n in conn.execute(query)]
    kinds = sorted({kind for _, kind, _ in rows})
    grid = pd.MultiIndex.from_product(
        [bucket_starts(f.start, f.end, f.grain), kinds], names=["bucket", "kind"]
    )
    counts = (
        pd.DataFrame(rows, columns=["bucket", "kind", "contacts"])
        .groupby(["bucket", "kind"])[["contacts"]]
        .sum()
    )
    return counts.reindex(grid, fill_value=0).reset_index()


def weekday_hour(engine: Engine, f: Filters) -> pd.DataFrame:
    """Contacts per weekday (0 = Monday) and hour of day, all 7 x 24 cells present."""
    with engine.connect() as conn:
        return _weekday_hour(conn, f)


def _weekday_hour(conn: Connection, f: Filters) -> pd.DataFrame:
    weekday = weekday_of(H.day, conn.dialect.name).label("weekday")
    query = (
        select(weekday, H.hour, func.sum(H.contacts))
        .where(*_hour_counts_filter(f))
        .group_by(weekday, H.hour)
    )
    counts = {(int(w), int(h)): int(n) for w, h, n in conn.execute(query)}
    return pd.DataFrame(
        [
            {"weekday": w, "hour": h, "contacts": counts.get((w, h), 0)}
            for w in range(WEEKDAYS)
            for h in range(HOURS)
        ]
    )


@dataclass(frozen=True)
class Funnel:
    reached: int | None
    engaged: int | None
    referred: int | None
    started: int | None
    median_days_to_start: float | None
    protected: bool = False  # committee figures (data_access/publication)

    def stages(self) -> list[tuple[str, int | None, float | None]]:
        """(stage, persons, share of the stage before), by the publication rules."""
        steps = [
            ("reached", self.reached),
            ("engaged", self.engaged),
            ("referred", self.referred),
            ("started", self.started),
        ]
        out = []
        for i, (name, count) in enumerate(steps):
            before = steps[i - 1][1] if i else None
            out.append((name, count, share(count, before, self.protected) if i else None))
        return out


def funnel(engine: Engine, f: Filters) -> Funnel:
    """From first contact to treatment for the persons reached in the period."""
    with engine.connect() as conn:
        return _funnel(conn, f)


def _funnel(conn: Connection, f: Filters) -> Funnel:
    before_end = C.contact_at < end_of_day(f.end)
    cohort = persons_met(f).subquery()
    history = (
        select(
            C.person_id,
            func.count().label("contacts"),
            func.count().filter(C.outcome.in_(("plan", "referred"))).label("planned"),
            func.min(C.contact_at).label("first_contact"),
        )
        .where(before_end, C.person_id.in_(select(cohort.c.person_id)))
        .group_by(C.person_id)
        .subquery()
    )
    referral = (
        select(
            T.person_id,
            func.min(T.requested_on).label("requested_on"),
            func.min(T.started_on).filter(T.started_on <= f.end).label("started_on"),
        )
        .where(T.referral_source == "outreach", T.requested_on <= f.end)
        .group_by(T.person_id)
        .subquery()
    )
    engaged = case((or_(history.c.contacts >= 2, history.c.planned > 0), 1), else_=0)
    referred = case((referral.c.person_id.is_not(None), 1), else_=0)
    # Days from the first contact to the start (NULL: not started). One statement gives the
    # counts and the distribution of the days, from which the median is taken here.
    days = days_between(
        referral.c.started_on,
        date_of(history.c.first_contact, conn.dialect.name),
        conn.dialect.name,
    )
    query = (
        select(engaged, referred, days, func.count())
        .select_from(history.outerjoin(referral, referral.c.person_id == history.c.person_id))
        .group_by(engaged, referred, days)
    )
    rows = [
        (int(e), int(r), None if d is None else int(d), int(n))
        for e, r, d, n in conn.execute(query)
    ]
    started = [(d, n) for _, _, d, n in rows if d is not None]
    return Funnel(
        reached=sum(n for *_, n in rows),
        engaged=sum(n for e, _, _, n in rows if e),
        referred=sum(n for _, r, _, n in rows if r),
        started=sum(n for _, n in started),
        median_days_to_start=median_from_counts([d for d, _ in started], [n for _, n in started]),
    )


@dataclass(frozen=True)
class Reach:
    """Cumulative distinct persons reached since the project start, with the pace."""

    series: pd.DataFrame  # day, reached (cumulative)
    reached: int
    target: int
    project_start: dt.date
    project_end: dt.date
    as_of: dt.date
    target_date: dt.date | None  # when the target is (or, at the current pace, would be) reached
    grant_dkk: int
    protected: bool = False  # committee figures: month-end totals, rounded (publication)

    @property
    def on_target_line(self) -> float:
        """Where the straight line from 0 to the target stands on `as_of`."""
        total = (self.project_end - self.project_start).days
        done = (self.as_of - self.project_start).days
        return self.target * min(1.0, max(0.0, done / total))

    @property
    def grant_spent(self) -> float:
        """Grant used by `as_of`, assuming an even spend over the project period."""
        total = (self.project_end - self.project_start).days + 1
        done = (min(self.as_of, self.project_end) - self.project_start).days + 1
        return self.grant_dkk * min(1.0, max(0.0, done / total))

    @property
    def grant_per_person(self) -> float | None:
        return per_person(self.grant_spent, self.reached)

    @property
    def share_of_target(self) -> float | None:
        return share(self.reached, self.target, self.protected, part=False)


def cumulative_reach(
    engine: Engine,
    f: Filters,
    project_start: dt.date,
    project_end: dt.date,
    target: int,
    grant_dkk: int,
) -> Reach:
    """First contacts per day from the project start to the period's end (site filters apply)."""
    with engine.connect() as conn:
        return _cumulative_reach(conn, f, project_start, project_end, target, grant_dkk)


def _cumulative_reach(
    conn: Connection,
    f: Filters,
    project_start: dt.date,
    project_end: dt.date,
    target: int,
    grant_dkk: int,
) -> Reach:
    as_of = max(project_start, min(f.end, project_end))
    rows = first_contacts_per_day(conn, f, project_start, as_of)
    series = pd.DataFrame(rows, columns=["day", "new"])
    series["reached"] = series["new"].cumsum()
    reached = int(series["reached"].iloc[-1]) if len(series) else 0
    target_date = None
    if reached >= target:
        target_date = series.loc[series["reached"] >= target, "day"].iloc[0]
    elif reached:
        elapsed = (as_of - project_start).days + 1
        target_date = project_start + dt.timedelta(days=round(elapsed * target / reached))
    return Reach(
        series=series[["day", "reached"]],
        reached=reached,
        target=target,
        project_start=project_start,
        project_end=project_end,
        as_of=as_of,
        target_date=target_date,
        grant_dkk=grant_dkk,
    )


@dataclass(frozen=True)
class OutreachData:
    filters: Filters
    sites: pd.DataFrame
    by_kind: pd.DataFrame
    weekday_hour: pd.DataFrame
    funnel: Funnel
    reach: Reach
    # Committee mode: contacts by weekday and by time of day instead of the weekday x hour
    # grid (its 168 cells are nearly all "<5"); None for managers.
    by_weekday: pd.DataFrame | None = None
    by_daypart: pd.DataFrame | None = None
    protected: bool = False


def outreach_page(
    engine: Engine,
    f: Filters,
    project_start: dt.date,
    project_end: dt.date,
    target: int,
    grant_dkk: int,
) -> OutreachData:
    # Five independent statements, read at once (the longest first); at scale 1000 the site
    # table and the funnel take most of the time.
    read = read_at_once(
        engine,
        {
            "sites": lambda conn: _site_activity(conn, f),
            "funnel": lambda conn: _funnel(conn, f),
            "reach": lambda conn: _cumulative_reach(
                conn, f, project_start, project_end, target, grant_dkk
            ),
            "by_kind": lambda conn: _contacts_by_kind(conn, f),
            "weekday_hour": lambda conn: _weekday_hour(conn, f),
        },
    )
    return OutreachData(filters=f, **read)
