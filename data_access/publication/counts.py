"""The counts the committee publication is made from, at their finest grain (day, site or
department, category), read in SQL from the daily count tables; with each measure's
categories (weekday, time of day, age group, waiting bin...) and the splits it is published by.
data_access/publication/cubes.py turns them into protected figures."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import numpy as np
import pandas as pd
from sqlalchemy import Engine, func, or_, select

from data_access.conditions import T
from data_access.course_events import course_events
from data_access.publication.cubes import Split
from data_access.schema import (
    END_REASONS,
    REFERRAL_SOURCES,
    contact_hour_counts,
    course_end_counts,
    course_request_counts,
    course_start_waits,
    departments,
)
from data_access.sql import as_date

WEEKDAYS = tuple(f"wd:{d}" for d in range(7))


DAYPARTS = ("part:night", "part:morning", "part:afternoon", "part:evening")  # 0-6-12-18-24


AGE_GROUPS = ("age:under 18", "age:18-24", "age:25+", "age:unknown")


WAIT_BINS = ("wait:1", "wait:2", "wait:3", "wait:4")  # half a guarantee each, the last open


NOW_BINS = ("now:0-7", "now:8-14", "now:15+")


def _frame(engine: Engine, query, columns: list[str]) -> pd.DataFrame:
    with engine.connect() as conn:
        rows = conn.execute(query).all()
    frame = pd.DataFrame(rows, columns=columns)
    if "day" in frame:
        frame["day"] = frame["day"].map(as_date)
    return frame


def contact_counts(engine: Engine) -> pd.DataFrame:
    """Contacts per day, site, hour and anonymity. Columns: day, member, hour, anon, n."""
    h = contact_hour_counts.c
    query = select(h.day, h.site_id, h.hour, h.contacts, h.anonymous)
    frame = _frame(engine, query, ["day", "member", "hour", "contacts", "anonymous"])
    anonymous = frame.assign(anon=1, n=frame["anonymous"])
    named = frame.assign(anon=0, n=frame["contacts"] - frame["anonymous"])
    both = pd.concat([anonymous, named], ignore_index=True)
    return both.loc[both["n"] > 0, ["day", "member", "hour", "anon", "n"]].reset_index(drop=True)


def contact_categories(frame: pd.DataFrame) -> dict[str, pd.Series]:
    """Each contact row's category in each split."""
    weekday = frame["day"].map(lambda d: f"wd:{d.weekday()}")
    part = frame["hour"].map(lambda h: DAYPARTS[min(3, int(h) // 6)])
    anon = frame["anon"].map({1: "anon:yes", 0: "anon:no"})
    return {"wd": weekday, "part": part, "anon": anon}


CONTACT_SPLITS = (
    Split(WEEKDAYS),
    Split(DAYPARTS),
    # Anonymous contacts are published; the named ones are implied (total minus anonymous).
    Split(("anon:yes", "anon:no"), implied=("anon:no",)),
)


def request_counts(engine: Engine) -> pd.DataFrame:
    """Requests per day, department, referral source, age group at the request and whether
    they started. Columns: day, member, source, age, started, n."""
    r = course_request_counts.c
    query = select(r.day, r.department_id, r.referral_source, r.age_group, r.requests, r.started)
    frame = _frame(engine, query, ["day", "member", "source", "age", "requests", "n_started"])
    started = frame.assign(started=1, n=frame["n_started"])
    waiting = frame.assign(started=0, n=frame["requests"] - frame["n_started"])
    both = pd.concat([started, waiting], ignore_index=True)
    columns = ["day", "member", "source", "age", "started", "n"]
    return both.loc[both["n"] > 0, columns].reset_index(drop=True)


def request_categories(frame: pd.DataFrame) -> dict[str, pd.Series]:
    source = "src:" + frame["source"]
    outreach = np.where(
        frame["source"] != "outreach",
        None,
        np.where(frame["started"] == 1, "out:started", "out:waiting"),
    )
    return {"age": "age:" + frame["age"], "src": source, "out": pd.Series(outreach)}


REQUEST_SPLITS = (
    Split(AGE_GROUPS),
    Split(tuple(f"src:{s}" for s in REFERRAL_SOURCES)),
    # Of the requests from outreach: started so far, and (implied) not started.
    Split(("out:started", "out:waiting"), parent="src:outreach", implied=("out:waiting",)),
)


def start_counts(engine: Engine) -> pd.DataFrame:
    """Starts per day, department and whole days waited, with the department's guarantee."""
    w = course_start_waits.c
    query = select(
        w.day, w.department_id, w.waited_days, departments.c.guarantee_days, w.starts
    ).select_from(course_start_waits.join(departments, departments.c.id == w.department_id))
    return _frame(engine, query, ["day", "member", "waited", "guarantee", "n"])


def wait_bin(waited: int, guarantee: int) -> str:
    """Waiting time in halves of the guarantee: 0..g/2, ..g (within), ..2g, beyond (breach)."""
    half = max(1, guarantee // 2)
    if waited <= half:
        return WAIT_BINS[0]
    if waited <= guarantee:
        return WAIT_BINS[1]
    if waited <= 2 * guarantee:
        return WAIT_BINS[2]
    return WAIT_BINS[3]


def start_categories(frame: pd.DataFrame) -> dict[str, pd.Series]:
    bins = [
        wait_bin(int(w), int(g)) for w, g in zip(frame["waited"], frame["guarantee"], strict=True)
    ]
    within = np.where(frame["waited"] <= frame["guarantee"], "g:within", "g:breach")
    return {"wait": pd.Series(bins, index=frame.index), "g": pd.Series(within, index=frame.index)}


START_SPLITS = (
    Split(WAIT_BINS),
    # Within the guarantee is published; breaches are implied.
    Split(("g:within", "g:breach"), implied=("g:breach",)),
    Split(WAIT_BINS[:2], parent="g:within"),
    Split(WAIT_BINS[2:], parent="g:breach"),
)


def end_counts(engine: Engine) -> pd.DataFrame:
    e = course_end_counts.c
    query = select(e.day, e.department_id, e.end_reason, e.ends)
    return _frame(engine, query, ["day", "member", "reason", "n"])


def end_categories(frame: pd.DataFrame) -> dict[str, pd.Series]:
    return {"reason": "reason:" + frame["reason"]}


END_SPLITS = (Split(tuple(f"reason:{r}" for r in END_REASONS)),)


def active_counts(engine: Engine, days: Sequence[dt.date]) -> pd.DataFrame:
    """Active courses on each day, per department, address and modality: an event count over
    the daily counts, one statement for every day."""
    columns = ["day", "member", "address", "modality", "n"]
    if not days:
        return pd.DataFrame(columns=columns)
    keys = ("department", "address", "modality")
    with engine.connect() as conn:
        events = course_events(conn, min(days), max(days), keys=keys)
    active = events.active_on(days)
    rows = [(day, *key, n) for (day, key), n in active.counts.items()]
    return pd.DataFrame(rows, columns=columns)


def active_categories(frame: pd.DataFrame) -> dict[str, pd.Series]:
    return {"addr": "addr:" + frame["address"], "mod": "mod:" + frame["modality"]}


def waiting_counts(engine: Engine, days: Sequence[dt.date]) -> pd.DataFrame:
    """Requests waiting at the end of each day (no start, no end by then), by days waited.

    A request stops waiting on its start, or its end when it never started (an end is never
    before a start). One statement fetches the requests that may wait on any of the days, as
    counts per department, request day and that day; each day is then a mask over them."""
    columns = ["day", "member", "bucket", "n"]
    if not days:
        return pd.DataFrame(columns=columns)
    left = func.coalesce(T.started_on, T.ended_on).label("left_on")
    query = (
        select(T.department_id, T.requested_on, left, func.count())
        .where(
            T.requested_on <= max(days),
            or_(T.started_on > min(days), T.started_on.is_(None)),
            or_(T.ended_on.is_(None), T.ended_on > min(days)),
        )
        .group_by(T.department_id, T.requested_on, left)
    )
    with engine.connect() as conn:
        rows = conn.execute(query).all()
    if not rows:
        return pd.DataFrame(columns=columns)
    members, member_at = np.unique(
        np.array([r[0] for r in rows], dtype=object), return_inverse=True
    )
    requested = np.array([as_date(r[1]).toordinal() for r in rows])
    never = np.iinfo(np.int64).max  # still waiting today
    left_on = np.array([as_date(r[2]).toordinal() if r[2] is not None else never for r in rows])
    n = np.array([int(r[3]) for r in rows], dtype=np.int64)
    unique_days = list(dict.fromkeys(days))
    grid = np.zeros((len(unique_days), len(members), len(NOW_BINS)), dtype=np.int64)
    for i, day in enumerate(unique_days):
        d = day.toordinal()
        waiting = (requested <= d) & (left_on > d)
        waited = d - requested[waiting]
        bucket = np.where(waited <= 7, 0, np.where(waited <= 14, 1, 2))
        np.add.at(grid[i], (member_at[waiting], bucket), n[waiting])
    at = np.nonzero(grid)
    return pd.DataFrame(
        {
            "day": [unique_days[i] for i in at[0]],
            "member": members[at[1]],
            "bucket": [NOW_BINS[b] for b in at[2]],
            "n": grid[at],
        },
        columns=columns,
    )


def waiting_categories(frame: pd.DataFrame) -> dict[str, pd.Series]:
    return {"now": frame["bucket"]}


NOW_SPLITS = (Split(NOW_BINS),)
