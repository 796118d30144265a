"""Worklists and alert rules on crafted data at the edges (issue 15): a 14-day guarantee is
kept on day 14 and broken on day 15, a request is close to its deadline from day 11 (3 days
before), a referral is late from day 31, a person quiet from day 91, a site overdue from the
day after its limit; alerts keep a history. SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from data_access import schema, worklists
from data_access.alerts import rules, store
from data_access.db import new_batch
from data_access.filters import Filters
from data_access.records import insert_activity

TODAY = dt.date(2026, 12, 1)  # a Tuesday


def ago(days: int) -> dt.date:
    return TODAY - dt.timedelta(days=days)


def at(days: int, hour: int = 14) -> dt.datetime:
    return dt.datetime.combine(ago(days), dt.time(hour))


def person(pid: int) -> dict:
    return {
        "id": pid,
        "pseudonym": f"BB-T{pid:05d}",
        "birth_year": 1980,
        "sex": "M",
        "main_substance": "opioids",
    }


def course(
    pid: int,
    requested: int,
    started: int | None = None,
    ended: int | None = None,
    dept: str = "stof",
    source: str = "self",
) -> dict:
    return {
        "person_id": pid,
        "department_id": dept,
        "address_site_id": "rusmiddelcenter" if dept != "unge" else "ungeindsats",
        "requested_on": ago(requested),
        "started_on": ago(started) if started is not None else None,
        "ended_on": ago(ended) if ended is not None else None,
        "end_reason": "completed" if ended is not None else None,
        "modality": "individual",
        "referral_source": source,
    }


def contact(
    pid: int | None, days: int, site: str = "helsingor-station", outcome: str = "none"
) -> dict:
    return {
        "person_id": pid,
        "site_id": site,
        "contact_at": at(days),
        "contact_type": "conversation",
        "outcome": outcome,
    }


def write(engine, persons=(), contacts=(), courses=()) -> None:
    with engine.begin() as conn:
        batch = new_batch(conn, "csv", note="crafted")
        insert_activity(
            conn, batch, persons=list(persons), contacts=list(contacts), courses=list(courses)
        )


@pytest.fixture
def waiting_engine(any_engine):
    """Requests waiting on days 10, 11, 14, 15 and 40; one started, one ended (withdrawn)."""
    days = {1: 10, 2: 11, 3: 14, 4: 15, 5: 40}
    write(
        any_engine,
        persons=[person(i) for i in range(1, 8)],
        courses=[
            *(course(i, d) for i, d in days.items()),
            course(6, 20, started=5),  # started on day 15: a late start, not waiting
            {**course(7, 30, ended=2), "end_reason": "withdrawn"},
        ],
    )
    return any_engine


def test_the_waiting_list_counts_days_and_deadlines_breaches_first(waiting_engine):
    frame = worklists.waiting(waiting_engine, TODAY)
    assert frame["pseudonym"].tolist() == [
        "BB-T00005",
        "BB-T00004",
        "BB-T00003",
        "BB-T00002",
        "BB-T00001",
    ]
    by = frame.set_index("pseudonym")
    assert by.loc["BB-T00003", "days_waited"] == 14
    assert by.loc["BB-T00003", "days_left"] == 0  # day 14: the deadline is today, not broken
    assert not by.loc["BB-T00003", "breach"]
    assert by.loc["BB-T00004", "days_left"] == -1  # day 15: broken
    assert by.loc["BB-T00004", "breach"]
    assert by.loc["BB-T00002", "deadline"] == ago(11) + dt.timedelta(days=14)
    assert by.loc["BB-T00001", "days_left"] == 4


def test_deadline_and_breach_alerts_at_days_11_14_and_15(waiting_engine, helsingor):
    # The edges below are those of a 14-day guarantee with a 3-day warning (the demo file's).
    assert helsingor.department("stof").guarantee_days == 14
    assert helsingor.alerts.deadline_warning_days == 3
    found = {f.key: f for f in rules.guarantee_findings(waiting_engine, helsingor, TODAY)}
    ids = {
        row.pseudonym: row.course_id
        for row in worklists.waiting(waiting_engine, TODAY).itertuples()
    }
    rule_of = {
        p: found[f"course:{i}"].rule if f"course:{i}" in found else None for p, i in ids.items()
    }
    assert rule_of == {
        "BB-T00001": None,  # day 10: 4 days left, more than 3
        "BB-T00002": "deadline",  # day 11: 3 days left
        "BB-T00003": "deadline",  # day 14: due today
        "BB-T00004": "breach",  # day 15
        "BB-T00005": "breach",
    }
    assert found[f"course:{ids['BB-T00002']}"].values["days_left"] == 3


def test_late_starts_are_those_after_the_guarantee(any_engine):
    write(
        any_engine,
        persons=[person(i) for i in (1, 2, 3)],
        courses=[course(1, 30, started=16), course(2, 30, started=15), course(3, 40, started=10)],
    )
    frame = worklists.late_starts(any_engine, Filters(ago(60), TODAY))
    # Waited 14 (in time), 15 (one day over) and 30 (sixteen over), the longest first.
    assert frame["pseudonym"].tolist() == ["BB-T00003", "BB-T00002"]
    assert frame["days_over"].tolist() == [16, 1]


def test_referrals_not_started_from_day_31(any_engine, helsingor):
    write(
        any_engine,
        persons=[person(i) for i in range(1, 6)],
        courses=[
            course(1, 30, source="outreach"),  # day 30: still within
            course(2, 31, source="outreach"),  # day 31: late, still waiting
            course(3, 60, started=20, source="outreach"),  # started on day 40: late
            course(4, 60, started=35, source="outreach"),  # started on day 25: in time
            course(5, 60, source="gp"),  # not from outreach
        ],
    )
    frame = worklists.referrals_not_started(any_engine, Filters(ago(365), TODAY), TODAY)
    assert dict(zip(frame["pseudonym"], frame["status"], strict=True)) == {
        "BB-T00002": "waiting",
        "BB-T00003": "late",
    }
    found = rules.referral_findings(any_engine, helsingor, TODAY)
    assert [f.values["days"] for f in found] == [31]  # only the open one is an alert


def test_engaged_persons_quiet_from_day_91_until_they_exit(any_engine, helsingor):
    write(
        any_engine,
        persons=[person(i) for i in range(1, 7)],
        contacts=[
            contact(1, 120),
            contact(1, 90),  # last met on day 90: not yet quiet
            contact(2, 120),
            contact(2, 91),  # day 91: quiet
            contact(3, 91),  # met once, no plan: never engaged
            contact(4, 91, outcome="plan"),  # a plan made: engaged
            contact(5, 300),
            contact(5, 181),  # quiet for 181 days: exited, no alert
            contact(6, 200),
            contact(6, 100),  # quiet, but in treatment now
        ],
        courses=[course(6, 95, started=92)],
    )
    frame = worklists.gone_quiet(any_engine, Filters(ago(400), TODAY), TODAY)
    # The list and the alerts are the same persons: quiet, not yet exited (issue 29).
    assert frame["pseudonym"].tolist() == ["BB-T00002", "BB-T00004"]
    assert frame["days_since"].tolist() == [91, 91]
    found = rules.quiet_findings(any_engine, helsingor, TODAY)
    assert sorted(f.person_id for f in found) == [2, 4]


def test_sites_overdue_after_their_kinds_limit_counting_open_days(any_engine, helsingor):
    visits = {s.id: 1 for s in helsingor.outreach_sites}
    visits["helsingor-station"] = 21  # public, limit 21: on the limit, no alert
    visits["kronborg"] = 22  # one day over
    visits["porten"] = 31  # municipal, limit 30
    write(
        any_engine, contacts=[contact(None, d, site=s, outcome="none") for s, d in visits.items()]
    )
    keys = {f.key for f in rules.site_findings(any_engine, helsingor, TODAY)}
    assert keys == {"site:kronborg", "site:porten"}
    # A winter shelter is not overdue in summer: it has hardly been open since March.
    last_night = {**contact(None, 0, site="vinternatherberget")}
    last_night["contact_at"] = dt.datetime(2026, 3, 31, 21, 0)
    write(any_engine, contacts=[last_night])
    summer = dt.date(2026, 8, 1)
    later = {f.key for f in rules.site_findings(any_engine, helsingor, summer)}
    assert "site:vinternatherberget" not in later
    assert "site:porten" in later  # open every day, not visited since the spring


def test_pace_behind_the_target_only_while_the_project_runs(any_engine, helsingor):
    mid = dt.date(2025, 1, 1)  # half-way: about 30 of 60 expected
    write(
        any_engine,
        persons=[person(i) for i in range(1, 21)],
        contacts=[
            {**contact(i, 0), "contact_at": dt.datetime(2024, 6, 3, 14)} for i in range(1, 21)
        ],
    )
    found = rules.pace_findings(any_engine, helsingor, mid)
    assert [f.values["reached"] for f in found] == [20]
    assert found[0].values["expected"] == 30
    assert rules.pace_findings(any_engine, helsingor, dt.date(2026, 6, 1)) == []


def test_alerts_are_raised_kept_and_resolved_with_a_history(waiting_engine, helsingor):
    now = dt.datetime(2026, 12, 1, 7, 0)
    first = store.refresh(waiting_engine, helsingor, TODAY, now=now)
    assert first.raised >= 4 and first.resolved == 0
    again = store.refresh(waiting_engine, helsingor, TODAY, now=now + dt.timedelta(hours=1))
    assert (again.raised, again.resolved) == (0, 0)
    # The request on day 14 starts today: its deadline alert closes, the rest stay open.
    c = schema.treatment_courses.c
    with waiting_engine.begin() as conn:
        pid = conn.scalar(
            select(schema.persons.c.id).where(schema.persons.c.pseudonym == "BB-T00003")
        )
        conn.execute(
            schema.treatment_courses.update().where(c.person_id == pid).values(started_on=TODAY)
        )
    later = store.refresh(waiting_engine, helsingor, TODAY, now=now + dt.timedelta(hours=2))
    assert (later.raised, later.resolved) == (0, 1)
    history = store.read(waiting_engine, open_only=False)
    closed = history[history["resolved_at"].notna()]
    assert closed["pseudonym"].tolist() == ["BB-T00003"]
    assert closed["rule"].tolist() == ["deadline"]
    assert store.open_count(waiting_engine) == len(history) - 1
    # Next day the day-11 request has 2 days left (still a deadline alert, same alert) and the
    # day-10 one reaches 3 days left: a new alert.
    next_day = store.refresh(waiting_engine, helsingor, TODAY + dt.timedelta(days=1))
    assert next_day.raised == 1


def test_one_open_alert_per_rule_and_object(any_engine):
    finding = rules.Finding("site", "site:kronborg", site="kronborg", values={"days": 30})
    store.sync(any_engine, [finding])
    # The unique open key: a second open alert for the same object cannot exist.
    with pytest.raises(IntegrityError), any_engine.begin() as conn:
        conn.execute(
            schema.alerts.insert().values(
                rule="site",
                object_key="site:kronborg",
                open_key="site|site:kronborg",
                detail="{}",
                raised_at=dt.datetime(2026, 1, 1),
                last_seen_at=dt.datetime(2026, 1, 1),
            )
        )
    assert store.open_count(any_engine) == 1
