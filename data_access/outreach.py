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
import statistics
from dataclasses import dataclass

import pandas as pd
from sqlalchemy import Engine, func, or_, select

from data_access.conditions import C, T, contact_filter, contact_sites
from data_access.filters import Filters, bucket_starts
from data_access.publication.rules import per_person, share
from data_access.schema import outreach_contacts, sites
from data_access.sql import as_date, bucket_start, day_of, end_of_day, hour_of, weekday_of

WEEKDAYS = 7
HOURS = 24


def _dialect(engine: Engine) -> str:
    return engine.dialect.name


def site_activity(engine: Engine, f: Filters) -> pd.DataFrame:
    """One row per site with contacts in the period or a visit before its end.

    Columns: site_id, contacts, persons, anonymous, last_visit (datetime or NaT),
    days_since (whole days from the last visit to the period's end).
    """
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
    last_visits = (
        select(C.site_id, func.max(C.contact_at).label("last_visit"))
        .where(C.contact_at < end_of_day(f.end), *contact_sites(f))
        .group_by(C.site_id)
    )
    with engine.connect() as conn:
        counts = pd.DataFrame(
            conn.execute(in_period).all(), columns=["site_id", "contacts", "persons", "anonymous"]
        )
        last = pd.DataFrame(conn.execute(last_visits).all(), columns=["site_id", "last_visit"])
    frame = last.merge(counts, on="site_id", how="outer")
    for column in ("contacts", "persons", "anonymous"):
        frame[column] = frame[column].fillna(0).astype(int)
    frame["last_visit"] = pd.to_datetime(frame["last_visit"])
    end = pd.Timestamp(f.end)
    frame["days_since"] = (end - frame["last_visit"].dt.normalize()).dt.days.astype("Int64")
    return frame[["site_id", "contacts", "persons", "anonymous", "last_visit", "days_since"]]


def contacts_by_kind(engine: Engine, f: Filters) -> pd.DataFrame:
    """Contacts per week or month and site kind, zeros filled in (bucket, kind, contacts)."""
    bucket = bucket_start(C.contact_at, f.grain, _dialect(engine)).label("bucket")
    query = (
        select(bucket, sites.c.kind, func.count())
        .select_from(outreach_contacts.join(sites, sites.c.id == C.site_id))
        .where(*contact_filter(f))
        .group_by(bucket, sites.c.kind)
    )
    with engine.connect() as conn:
        rows = [(as_date(b), kind, int(n)) for b, kind, n in conn.execute(query)]
    kinds = sorted({kind for _, kind, _ in rows})
    grid = pd.MultiIndex.from_product(
        [bucket_starts(f.start, f.end, f.grain), kinds], names=["bucket", "kind"]
    )
    counts = pd.DataFrame(rows, columns=["bucket", "kind", "contacts"]).set_index(
        ["bucket", "kind"]
    )
    return counts.reindex(grid, fill_value=0).reset_index()


def weekday_hour(engine: Engine, f: Filters) -> pd.DataFrame:
    """Contacts per weekday (0 = Monday) and hour of day, all 7 x 24 cells present."""
    dialect = _dialect(engine)
    weekday = weekday_of(C.contact_at, dialect).label("weekday")
    hour = hour_of(C.contact_at, dialect).label("hour")
    query = select(weekday, hour, func.count()).where(*contact_filter(f)).group_by(weekday, hour)
    with engine.connect() as conn:
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
    before_end = C.contact_at < end_of_day(f.end)
    cohort = (
        select(C.person_id)
        .where(*contact_filter(f), C.person_id.is_not(None))
        .distinct()
        .subquery()
    )
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
    engaged = or_(history.c.contacts >= 2, history.c.planned > 0)
    query = select(
        func.count(),
        func.count().filter(engaged),
        func.count(referral.c.person_id),
        func.count(referral.c.started_on),
    ).select_from(history.outerjoin(referral, referral.c.person_id == history.c.person_id))
    days_query = (
        select(day_of(history.c.first_contact, _dialect(engine)), referral.c.started_on)
        .select_from(history.join(referral, referral.c.person_id == history.c.person_id))
        .where(referral.c.started_on.is_not(None))
    )
    with engine.connect() as conn:
        reached, n_engaged, referred, started = conn.execute(query).one()
        # One row per started person (a handful): the median is taken here, portably.
        days = [(as_date(s) - as_date(fc)).days for fc, s in conn.execute(days_query)]
    return Funnel(
        reached=int(reached),
        engaged=int(n_engaged),
        referred=int(referred),
        started=int(started),
        median_days_to_start=statistics.median(days) if days else None,
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
    as_of = max(project_start, min(f.end, project_end))
    first = (
        select(C.person_id, func.min(C.contact_at).label("first_contact"))
        .where(
            C.person_id.is_not(None),
            C.contact_at >= project_start,
            C.contact_at < end_of_day(as_of),
            *contact_sites(f),
        )
        .group_by(C.person_id)
        .subquery()
    )
    day = day_of(first.c.first_contact, _dialect(engine)).label("day")
    query = select(day, func.count()).group_by(day).order_by(day)
    with engine.connect() as conn:
        rows = [(as_date(d), int(n)) for d, n in conn.execute(query)]
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
    return OutreachData(
        filters=f,
        sites=site_activity(engine, f),
        by_kind=contacts_by_kind(engine, f),
        weekday_hour=weekday_hour(engine, f),
        funnel=funnel(engine, f),
        reach=cumulative_reach(engine, f, project_start, project_end, target, grant_dkk),
    )
