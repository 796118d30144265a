"""Worklists: the persons behind the counts, for a manager to act on (issue 15).

Person-level (pseudonyms), so for the leder and admin roles only, audited wherever shown or
exported, and never in committee mode (data_access/access.py). Each list is one SQL query; the
definitions match the caseload page's:

- waiting: requests made on or before `today` with no start and no end by then. Days waited
  are whole days from the request; the deadline is the request date plus the department's
  guarantee days. Day 14 is within a 14-day guarantee (0 days left), day 15 a breach. Breaches
  come first, the longest overdue at the top;
- late starts: starts in the period more than the guarantee days after the request;
- referrals not started: requests with referral source "outreach" made in the period at least
  more than `start_days` (30) days before today with no start within `start_days` of the
  request (day 30 is within, day 31 not);
- gone quiet: engaged persons (came back at least once, or had a plan made) whose last
  contact lies (whatever the period chosen) more than `quiet_days` (90) before today but
  not more than `quiet_days` + `quiet_window_days` (180: by then they have exited, the exit
  rule of US street-outreach programmes, HMIS), and who are not in treatment today. The
  alert rule "quiet" lists the same persons.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal, get_args

import pandas as pd
from sqlalchemy import Date, Engine, and_, case, func, literal, or_, select

from data_access.conditions import C, T, active_on, contact_sites, department_filter
from data_access.filters import Filters
from data_access.schema import departments, persons, treatment_courses
from data_access.sql import as_date, days_between, end_of_day

Worklist = Literal["waiting", "late", "referrals", "quiet"]
WORKLISTS: tuple[Worklist, ...] = get_args(Worklist)
REFERRAL_START_DAYS = 30
QUIET_DAYS = 90
QUIET_WINDOW_DAYS = 90  # after quiet_days plus this, a quiet person has exited
P = persons.c
D = departments.c

WAITING_COLUMNS = [
    "course_id",
    "pseudonym",
    "department",
    "requested_on",
    "days_waited",
    "deadline",
    "days_left",
    "breach",
]
LATE_COLUMNS = [
    "course_id",
    "pseudonym",
    "department",
    "requested_on",
    "started_on",
    "days_waited",
    "days_over",
]
REFERRAL_COLUMNS = [
    "course_id",
    "pseudonym",
    "department",
    "requested_on",
    "started_on",
    "ended_on",
    "status",
    "days",
]
QUIET_COLUMNS = [
    "person_id",
    "pseudonym",
    "first_contact",
    "last_contact",
    "days_since",
    "contacts",
    "last_site",
]


def _frame(rows: list, columns: list[str], dates: tuple[str, ...]) -> pd.DataFrame:
    frame = pd.DataFrame([tuple(r) for r in rows], columns=columns)
    for column in dates:
        frame[column] = [as_date(v) if v is not None else None for v in frame[column]]
    return frame


def waiting(engine: Engine, today: dt.date, f: Filters | None = None) -> pd.DataFrame:
    """Requests waiting for a start on `today`, breaches first (see the module docstring)."""
    waited = days_between(literal(today, Date), T.requested_on, engine.dialect.name)
    query = (
        select(
            T.id,
            P.pseudonym,
            T.department_id,
            T.requested_on,
            waited.label("waited"),
            D.guarantee_days,
        )
        .select_from(treatment_courses.join(persons).join(departments))
        .where(
            T.requested_on <= today,
            or_(T.started_on.is_(None), T.started_on > today),
            or_(T.ended_on.is_(None), T.ended_on > today),
            *(department_filter(f) if f else []),
        )
    )
    with engine.connect() as conn:
        rows = conn.execute(query).all()
    out = []
    for course_id, pseudonym, dept, requested, days, guarantee in rows:
        requested = as_date(requested)
        days = int(days)
        left = int(guarantee) - days
        deadline = requested + dt.timedelta(days=int(guarantee))
        out.append((course_id, pseudonym, dept, requested, days, deadline, left, left < 0))
    frame = pd.DataFrame(out, columns=WAITING_COLUMNS)
    return frame.sort_values(
        ["days_left", "requested_on", "pseudonym"], ignore_index=True, kind="stable"
    )


def late_starts(engine: Engine, f: Filters) -> pd.DataFrame:
    """Starts in the period after the department's guarantee, the longest over first."""
    waited = days_between(T.started_on, T.requested_on, engine.dialect.name)
    query = (
        select(
            T.id,
            P.pseudonym,
            T.department_id,
            T.requested_on,
            T.started_on,
            waited,
            waited - D.guarantee_days,
        )
        .select_from(treatment_courses.join(persons).join(departments))
        .where(
            T.started_on >= f.start,
            T.started_on <= f.end,
            waited > D.guarantee_days,
            *department_filter(f),
        )
        .order_by((waited - D.guarantee_days).desc(), T.started_on, P.pseudonym)
    )
    with engine.connect() as conn:
        rows = conn.execute(query).all()
    frame = _frame(rows, LATE_COLUMNS, ("requested_on", "started_on"))
    return frame.astype({"days_waited": int, "days_over": int})


def referrals_not_started(
    engine: Engine, f: Filters, today: dt.date, start_days: int = REFERRAL_START_DAYS
) -> pd.DataFrame:
    """Outreach referrals in the period with no start within `start_days` of the request.

    Status: "waiting" (no start, no end by today), "late" (started after `start_days`),
    "ended" (ended without a start). Days: from the request to the start, or to today (or
    the end) when there is none. Waiting ones first, the longest first.
    """
    dialect = engine.dialect.name
    latest_request = today - dt.timedelta(days=start_days + 1)  # day 30 is within, 31 not
    started_by_today = and_(T.started_on.is_not(None), T.started_on <= today)
    ended_by_today = and_(T.ended_on.is_not(None), T.ended_on <= today)
    status = case(
        (started_by_today, "late"),
        (ended_by_today, "ended"),
        else_="waiting",
    )
    days = case(
        (started_by_today, days_between(T.started_on, T.requested_on, dialect)),
        (ended_by_today, days_between(T.ended_on, T.requested_on, dialect)),
        else_=days_between(literal(today, Date), T.requested_on, dialect),
    )
    query = (
        select(
            T.id,
            P.pseudonym,
            T.department_id,
            T.requested_on,
            case((started_by_today, T.started_on), else_=None),
            case((ended_by_today, T.ended_on), else_=None),
            status,
            days,
        )
        .select_from(treatment_courses.join(persons))
        .where(
            T.referral_source == "outreach",
            T.requested_on >= f.start,
            T.requested_on <= min(f.end, latest_request),
            or_(
                T.started_on.is_(None),
                T.started_on > today,
                days_between(T.started_on, T.requested_on, dialect) > start_days,
            ),
            *department_filter(f),
        )
    )
    with engine.connect() as conn:
        rows = conn.execute(query).all()
    frame = _frame(rows, REFERRAL_COLUMNS, ("requested_on", "started_on", "ended_on"))
    frame["days"] = frame["days"].astype(int)
    order = frame["status"].map({"waiting": 0, "late": 1, "ended": 2})
    return (
        frame.assign(_order=order)
        .sort_values(["_order", "days", "pseudonym"], ascending=[True, False, True])
        .drop(columns="_order")
        .reset_index(drop=True)
    )


def gone_quiet(
    engine: Engine,
    f: Filters,
    today: dt.date,
    quiet_days: int = QUIET_DAYS,
    window_days: int = QUIET_WINDOW_DAYS,
) -> pd.DataFrame:
    """Engaged persons not met for more than `quiet_days`, and not for more than `quiet_days`
    + `window_days` (after that they have exited, HMIS's rule, and the alert for them is
    resolved: the list and the alerts count the same persons), not in treatment today; the
    most recently quiet first. The site filters choose persons by the site of their last
    contact."""
    history = (
        select(
            C.person_id.label("person_id"),
            func.min(C.contact_at).label("first"),
            func.max(C.contact_at).label("last"),
            func.count().label("contacts"),
            func.count().filter(C.outcome == "plan").label("planned"),
        )
        .where(C.person_id.is_not(None), C.contact_at < end_of_day(today))
        .group_by(C.person_id)
        .subquery("history")
    )
    last_site = (
        select(C.site_id)
        .where(C.person_id == history.c.person_id, C.contact_at == history.c.last)
        .order_by(C.site_id)
        .limit(1)
        .scalar_subquery()
    )
    quiet_since = today - dt.timedelta(days=quiet_days)
    exited_before = today - dt.timedelta(days=quiet_days + window_days)
    in_treatment = select(T.id).where(T.person_id == history.c.person_id, active_on(today)).exists()
    site_conditions = contact_sites(f)
    query = (
        select(
            history.c.person_id,
            P.pseudonym,
            history.c.first,
            history.c.last,
            history.c.contacts,
            last_site.label("site"),
        )
        .select_from(history.join(persons, P.id == history.c.person_id))
        .where(
            or_(history.c.contacts >= 2, history.c.planned > 0),
            history.c.last < dt.datetime.combine(quiet_since, dt.time()),
            # The window, not the period: who has gone quiet is a question about today.
            history.c.last >= dt.datetime.combine(exited_before, dt.time()),
            ~in_treatment,
        )
    )
    if site_conditions:
        query = query.where(
            select(C.id)
            .where(
                C.person_id == history.c.person_id,
                C.contact_at == history.c.last,
                *site_conditions,
            )
            .exists()
        )
    with engine.connect() as conn:
        rows = conn.execute(query).all()
    out = []
    for person_id, pseudonym, first, last, contacts, site in rows:
        first_day = _day(first)
        last_day = _day(last)
        out.append(
            (
                person_id,
                pseudonym,
                first_day,
                last_day,
                (today - last_day).days,
                int(contacts),
                site,
            )
        )
    frame = pd.DataFrame(out, columns=QUIET_COLUMNS)
    return frame.sort_values(["days_since", "pseudonym"], ignore_index=True)


def _day(value: object) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.datetime.fromisoformat(str(value)).date()


def worklist(
    engine: Engine,
    name: Worklist,
    f: Filters,
    today: dt.date,
    *,
    quiet_days: int = QUIET_DAYS,
    quiet_window_days: int = QUIET_WINDOW_DAYS,
    start_days: int = REFERRAL_START_DAYS,
) -> pd.DataFrame:
    """One worklist by name."""
    if name == "waiting":
        return waiting(engine, today, f)
    if name == "late":
        return late_starts(engine, f)
    if name == "referrals":
        return referrals_not_started(engine, f, today, start_days)
    return gone_quiet(engine, f, today, quiet_days, quiet_window_days)
