"""Alerts with a history: findings become alerts when first seen, and are resolved when a rule
no longer finds them (table alerts). The app and the scheduled command both call `refresh`;
the unique open key keeps one open alert per rule and object whoever checks first.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

import pandas as pd
from sqlalchemy import Engine, Integer, bindparam, case, cast, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from data_access import schema
from data_access.alerts.rules import Finding, evaluate
from data_access.filters import Filters
from data_access.organisation import Organisation

A = schema.alerts.c
P = schema.persons.c


def now_utc() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)


def open_key(finding: Finding) -> str:
    return f"{finding.rule}|{finding.key}"


@dataclass(frozen=True)
class Refresh:
    raised: int
    resolved: int
    open: int


def sync(engine: Engine, findings: list[Finding], now: dt.datetime | None = None) -> Refresh:
    """Make the open alerts exactly the findings: raise new ones, keep the figures of the
    ones still found up to date, resolve the rest; in one transaction."""
    now = now or now_utc()
    wanted = {open_key(f): f for f in findings}
    raised = resolved = 0
    try:
        with engine.begin() as conn:
            query = select(A.open_key, A.id, A.detail).where(A.open_key.is_not(None))
            current = {key: (alert_id, detail) for key, alert_id, detail in conn.execute(query)}
            # Thousands of open alerts at national scale: one statement per kind of change,
            # each run for all its rows, never one round trip per alert.
            seen = [alert_id for key, (alert_id, _) in current.items() if key in wanted]
            details = {key: _detail(wanted[key]) for key in current if key in wanted}
            changed = [
                {"alert_id": alert_id, "new_detail": details[key]}
                for key, (alert_id, detail) in current.items()
                if key in details and detail != details[key]
            ]
            gone = [
                {"alert_id": alert_id}
                for key, (alert_id, _) in current.items()
                if key not in wanted
            ]
            for chunk in _chunks(seen):
                conn.execute(update(schema.alerts).where(A.id.in_(chunk)).values(last_seen_at=now))
            if changed:
                conn.execute(
                    update(schema.alerts)
                    .where(A.id == bindparam("alert_id"))
                    .values(detail=bindparam("new_detail")),
                    changed,
                )
            if gone:
                conn.execute(
                    update(schema.alerts)
                    .where(A.id == bindparam("alert_id"))
                    .values(open_key=None, resolved_at=now),
                    gone,
                )
            resolved = len(gone)
            new = [
                {
                    "rule": f.rule,
                    "object_key": f.key,
                    "open_key": key,
                    "department_id": f.department,
                    "site_id": f.site,
                    "person_id": f.person_id,
                    "detail": _detail(f),
                    "raised_at": now,
                    "last_seen_at": now,
                }
                for key, f in wanted.items()
                if key not in current
            ]
            if new:
                conn.execute(insert(schema.alerts), new)
            raised = len(new)
    except IntegrityError:
        # Another process raised the same alerts at the same moment; its answer stands.
        raised = resolved = 0
    return Refresh(raised, resolved, len(wanted))


def _chunks(ids: list[int], size: int = 500) -> list[list[int]]:
    """Ids in groups small enough for one IN list on any backend."""
    return [ids[i : i + size] for i in range(0, len(ids), size)]


def _detail(finding: Finding) -> str:
    return json.dumps(finding.values, sort_keys=True, ensure_ascii=False)


def refresh(
    engine: Engine, org: Organisation, today: dt.date, now: dt.datetime | None = None
) -> Refresh:
    """Evaluate every rule on `today` and bring the alerts table up to date."""
    return sync(engine, evaluate(engine, org, today), now)


def open_count(engine: Engine) -> int:
    with engine.connect() as conn:
        return int(
            conn.scalar(
                select(func.count()).select_from(schema.alerts).where(A.resolved_at.is_(None))
            )
            or 0
        )


ALERT_COLUMNS = [
    "id",
    "rule",
    "object_key",
    "department",
    "site",
    "person_id",
    "pseudonym",
    "values",
    "raised_at",
    "resolved_at",
]


def in_scope(frame: pd.DataFrame, f: Filters, org: Organisation) -> pd.DataFrame:
    """The alerts that concern the departments and sites chosen: an alert about a department
    (a deadline, a breach, a referral) follows the department filter, one about a site (a
    site not visited, a person's last site) the site filters; one about neither (the
    project's pace) is always there."""
    keep = pd.Series(True, index=frame.index)
    if f.departments:
        keep &= frame["department"].isna() | frame["department"].isin(f.departments)
    if f.sites:
        keep &= frame["site"].isna() | frame["site"].isin(f.sites)
    if f.site_kinds:
        kinds = {s.id: s.kind for s in org.sites}
        keep &= frame["site"].isna() | frame["site"].map(kinds).isin(f.site_kinds)
    return frame[keep].reset_index(drop=True)


def read(engine: Engine, *, open_only: bool = True, limit: int = 2000) -> pd.DataFrame:
    """Alerts, newest first, with the pseudonym of a person's alert (a course's person too).
    Columns: ALERT_COLUMNS; `values` is the dict behind the reason."""
    T = schema.treatment_courses.c
    # A course's alert names it "course:<id>". The id is read out of the key, so the join
    # looks the course up by its primary key; the key built from every course's id instead
    # compared each alert with every course (at scale 1000: 6,000 x 975,000, the alerts page
    # never opened). Other keys (person:, site:, project) give NULL, never a cast error.
    prefix = "course:"
    course_id = case(
        (A.object_key.like(f"{prefix}%"), cast(func.substr(A.object_key, len(prefix) + 1), Integer))
    )
    person_id = func.coalesce(A.person_id, T.person_id)
    query = (
        select(
            A.id,
            A.rule,
            A.object_key,
            A.department_id,
            A.site_id,
            person_id.label("person_id"),
            P.pseudonym,
            A.detail,
            A.raised_at,
            A.resolved_at,
        )
        .select_from(
            schema.alerts.outerjoin(schema.treatment_courses, T.id == course_id).outerjoin(
                schema.persons, P.id == person_id
            )
        )
        .order_by(A.raised_at.desc(), A.id.desc())
        .limit(limit)
    )
    if open_only:
        query = query.where(A.resolved_at.is_(None))
    with engine.connect() as conn:
        rows = [(*row[:7], json.loads(row[7]), row[8], row[9]) for row in conn.execute(query).all()]
    return pd.DataFrame(rows, columns=ALERT_COLUMNS)
