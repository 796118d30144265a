"""The alert rules: what is wrong on a given day, from the database and the organisation file.

Each rule returns findings; data_access/alerts/store.py turns them into alerts with a history
(raised when first found, resolved when no longer found). Thresholds come from the
organisation file's [alerts] section (data_access/organisation.AlertRules):

- deadline: a request still waiting with `deadline_warning_days` (3) or fewer days left to its
  deadline (request date + the department's guarantee days). With 14 days: day 11 to day 14;
- breach: a request still waiting after its deadline (day 15 of a 14-day guarantee on);
- site: a site not visited for more than its kind's limit, counting the days it was open
  (a winter shelter is not overdue in summer);
- quiet: an engaged person not met for more than `quiet_days` (90), not in treatment, for
  `quiet_window_days` more; after that the person has exited (HMIS) and the alert resolves;
- referral: an outreach referral still without a start `referral_start_days` (30) after the
  request;
- pace: while the project runs, persons reached since its start more than `pace_tolerance`
  behind the straight line from 0 to the target.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal, get_args

from opening_hours import OpeningHours
from sqlalchemy import Engine, func, select

from data_access import worklists
from data_access.conditions import C
from data_access.filters import Filters
from data_access.organisation import Organisation, Site
from data_access.schema import outreach_contacts
from data_access.sql import end_of_day

Rule = Literal["deadline", "breach", "site", "quiet", "referral", "pace"]
RULES: tuple[Rule, ...] = get_args(Rule)
# Where each rule's alerts are shown in full: a worklist (?list=...) or a page.
RULE_TARGET: dict[Rule, tuple[str, str | None]] = {
    "deadline": ("worklists", "waiting"),
    "breach": ("worklists", "waiting"),
    "site": ("routes", None),
    "quiet": ("worklists", "quiet"),
    "referral": ("worklists", "referrals"),
    "pace": ("outreach", None),
}
# The order alerts are listed in: what breaks the law first.
PRIORITY: tuple[Rule, ...] = ("breach", "deadline", "referral", "quiet", "site", "pace")
PERSON_RULES: frozenset[Rule] = frozenset({"deadline", "breach", "quiet", "referral"})


@dataclass(frozen=True)
class Finding:
    """Something a rule found: `key` names the object (course:12, site:kronborg, project)."""

    rule: Rule
    key: str
    department: str | None = None
    site: str | None = None
    person_id: int | None = None
    values: dict[str, object] = field(default_factory=dict)


def _earliest(org: Organisation) -> dt.date:
    return min(org.outreach.start, dt.date(1990, 1, 1))


def guarantee_findings(engine: Engine, org: Organisation, today: dt.date) -> list[Finding]:
    """Requests waiting near or past their deadline (rules deadline and breach)."""
    warn = org.alerts.deadline_warning_days
    frame = worklists.waiting(engine, today)
    out = []
    for row in frame.itertuples(index=False):
        if row.days_left > warn:
            continue
        rule: Rule = "breach" if row.days_left < 0 else "deadline"
        out.append(
            Finding(
                rule,
                f"course:{row.course_id}",
                department=row.department,
                values={
                    "days_waited": int(row.days_waited),
                    "days_left": int(row.days_left),
                    "deadline": row.deadline.isoformat(),
                    "requested_on": row.requested_on.isoformat(),
                },
            )
        )
    return out


def open_days_since(site: Site, last: dt.date, today: dt.date, stop_after: int) -> int:
    """Days after `last` up to `today` on which the site was open at some hour (counting
    stops once past `stop_after`: the rule only asks whether the limit is passed)."""
    hours = OpeningHours(site.opening_hours)
    count = 0
    day = today
    while day > last and count <= stop_after:
        if any(hours.is_open(dt.datetime.combine(day, dt.time(h, 30))) for h in range(24)):
            count += 1
        day -= dt.timedelta(days=1)
    return count


def site_findings(engine: Engine, org: Organisation, today: dt.date) -> list[Finding]:
    """Sites gone longer without a visit than their kind's limit."""
    limits = org.alerts.site_limits
    query = (
        select(C.site_id, func.max(C.contact_at))
        .where(C.contact_at < end_of_day(today))
        .group_by(C.site_id)
    )
    with engine.connect() as conn:
        last_visits = {site: _date(at) for site, at in conn.execute(query)}
    out = []
    for site in org.outreach_sites:
        limit = limits.get(site.kind)
        if limit is None:
            continue
        last = last_visits.get(site.id)
        since = last or org.outreach.start - dt.timedelta(days=1)
        if since >= today:
            continue
        open_days = open_days_since(site, since, today, limit)
        if open_days > limit:
            out.append(
                Finding(
                    "site",
                    f"site:{site.id}",
                    site=site.id,
                    values={
                        "last_visit": last.isoformat() if last else None,
                        "days": (today - since).days,
                        "limit": limit,
                    },
                )
            )
    return out


def quiet_findings(engine: Engine, org: Organisation, today: dt.date) -> list[Finding]:
    """Engaged persons gone quiet, inside the window before they count as exited."""
    rules = org.alerts
    window_start = today - dt.timedelta(days=rules.quiet_days + rules.quiet_window_days)
    f = Filters(start=max(window_start, _earliest(org)), end=today)
    frame = worklists.gone_quiet(engine, f, today, rules.quiet_days, rules.quiet_window_days)
    return [
        Finding(
            "quiet",
            f"person:{row.person_id}",
            site=row.last_site,
            person_id=int(row.person_id),
            values={"last_contact": row.last_contact.isoformat(), "days": int(row.days_since)},
        )
        for row in frame.itertuples(index=False)
    ]


def referral_findings(engine: Engine, org: Organisation, today: dt.date) -> list[Finding]:
    """Outreach referrals still waiting for a start after referral_start_days."""
    days = org.alerts.referral_start_days
    f = Filters(start=_earliest(org), end=today)
    frame = worklists.referrals_not_started(engine, f, today, days)
    frame = frame[frame["status"] == "waiting"]
    return [
        Finding(
            "referral",
            f"course:{row.course_id}",
            department=row.department,
            values={"requested_on": row.requested_on.isoformat(), "days": int(row.days)},
        )
        for row in frame.itertuples(index=False)
    ]


def pace_findings(engine: Engine, org: Organisation, today: dt.date) -> list[Finding]:
    """The project's reach behind the line to its target (only while the project runs)."""
    project = org.outreach
    if not project.start <= today <= project.end:
        return []
    query = select(func.count(func.distinct(C.person_id))).where(
        C.person_id.is_not(None),
        C.contact_at >= project.start,
        C.contact_at < end_of_day(today),
    )
    with engine.connect() as conn:
        reached = int(conn.scalar(query.select_from(outreach_contacts)) or 0)
    total = (project.end - project.start).days + 1
    elapsed = (today - project.start).days + 1
    expected = project.target_persons * elapsed / total
    if reached >= expected * (1 - org.alerts.pace_tolerance):
        return []
    return [
        Finding(
            "pace",
            "project",
            values={
                "reached": reached,
                "expected": round(expected),
                "target": project.target_persons,
            },
        )
    ]


def evaluate(engine: Engine, org: Organisation, today: dt.date) -> list[Finding]:
    """Every rule's findings on `today`."""
    return [
        *guarantee_findings(engine, org, today),
        *site_findings(engine, org, today),
        *quiet_findings(engine, org, today),
        *referral_findings(engine, org, today),
        *pace_findings(engine, org, today),
    ]


def _date(value: object) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.datetime.fromisoformat(str(value)).date()
