"""Outreach aggregates against values computed by hand on a small fixture database (March 2024)."""

import datetime as dt

import pandas as pd
import pytest

from data_access import outreach as q
from data_access.db import new_batch
from data_access.filters import Filters
from data_access.records import insert_activity

D = dt.date
T = dt.datetime
MARCH = Filters(D(2024, 3, 1), D(2024, 3, 31))
PROJECT = (D(2024, 1, 1), D(2025, 12, 31))


def _contact(person, site, when, outcome="none"):
    return {
        "person_id": person,
        "site_id": site,
        "contact_at": when,
        "contact_type": "brief",
        "outcome": outcome,
    }


def _course(person, source, requested, started=None):
    return {
        "person_id": person,
        "department_id": "stof",
        "address_site_id": "rusmiddelcenter",
        "requested_on": requested,
        "started_on": started,
        "ended_on": None,
        "end_reason": None,
        "modality": "individual",
        "referral_source": source,
    }


@pytest.fixture
def engine(any_engine):
    persons = [{"id": i, "pseudonym": f"BB-P{i}"} for i in range(1, 5)]
    contacts = [
        _contact(1, "helsingor-station", T(2024, 2, 10, 10)),  # p1's first contact, before March
        _contact(1, "helsingor-station", T(2024, 3, 4, 14, 30)),  # Monday
        _contact(1, "kronborg", T(2024, 3, 5, 15)),  # Tuesday
        _contact(2, "stubben", T(2024, 3, 6, 10), outcome="plan"),  # Wednesday, once, a plan
        _contact(3, "helsingor-station", T(2024, 3, 7, 14)),  # Thursday, once
        _contact(None, "helsingor-station", T(2024, 3, 4, 14, 10)),  # Monday, anonymous
        _contact(4, "helsingor-station", T(2024, 4, 2, 12)),  # after March
        _contact(None, "porten", T(2024, 1, 15, 12)),  # January only
    ]
    courses = [
        _course(1, "outreach", D(2024, 3, 5), D(2024, 3, 12)),
        _course(2, "outreach", D(2024, 3, 20), D(2024, 4, 10)),  # starts after March
        _course(3, "self", D(2024, 3, 8), D(2024, 3, 10)),  # not via outreach
    ]
    with any_engine.begin() as conn:
        insert_activity(
            conn, new_batch(conn, "test"), persons=persons, contacts=contacts, courses=courses
        )
    return any_engine


def test_site_activity(engine):
    rows = q.site_activity(engine, MARCH).set_index("site_id")
    assert set(rows.index) == {"helsingor-station", "kronborg", "stubben", "porten"}
    station = rows.loc["helsingor-station"]
    assert (station.contacts, station.persons, station.anonymous) == (3, 2, 1)
    assert station.last_visit == pd.Timestamp(2024, 3, 7, 14)  # April's visit is after the end
    assert station.days_since == 24
    assert (rows.loc["kronborg"].contacts, rows.loc["kronborg"].days_since) == (1, 26)
    porten = rows.loc["porten"]
    assert (porten.contacts, porten.persons, porten.days_since) == (0, 0, 76)


def test_site_activity_follows_the_site_filters(engine):
    partners = Filters(MARCH.start, MARCH.end, site_kinds=("partner",))
    assert q.site_activity(engine, partners)["site_id"].tolist() == ["stubben"]
    one = Filters(MARCH.start, MARCH.end, sites=("kronborg",))
    assert q.site_activity(engine, one)["contacts"].tolist() == [1]


def test_contacts_by_kind_per_month(engine):
    spring = Filters(D(2024, 1, 1), D(2024, 4, 30))
    frame = q.contacts_by_kind(engine, spring)
    got = {(r.bucket, r.kind): r.contacts for r in frame.itertuples() if r.contacts}
    assert got == {
        (D(2024, 1, 1), "municipal"): 1,
        (D(2024, 2, 1), "public"): 1,
        (D(2024, 3, 1), "public"): 4,
        (D(2024, 3, 1), "partner"): 1,
        (D(2024, 4, 1), "public"): 1,
    }
    assert len(frame) == 4 * 3  # every month x every kind present, zeros filled in


def test_weekday_hour_grid(engine):
    grid = q.weekday_hour(engine, MARCH)
    assert len(grid) == 7 * 24
    got = {(r.weekday, r.hour): r.contacts for r in grid.itertuples() if r.contacts}
    assert got == {(0, 14): 2, (1, 15): 1, (2, 10): 1, (3, 14): 1}


def test_funnel(engine):
    funnel = q.funnel(engine, MARCH)
    # Reached p1, p2, p3; engaged p1 (returned) and p2 (a plan); referred p1, p2; started p1.
    assert funnel == q.Funnel(
        reached=3, engaged=2, referred=2, started=1, median_days_to_start=31
    )  # 10 Feb -> 12 Mar
    april = q.funnel(engine, Filters(D(2024, 4, 1), D(2024, 4, 30)))
    assert (april.reached, april.engaged, april.referred, april.started) == (1, 0, 0, 0)
    assert april.median_days_to_start is None


def test_cumulative_reach_and_pace(engine):
    reach = q.cumulative_reach(engine, MARCH, *PROJECT, target=60, grant_dkk=2_935_000)
    assert reach.series["day"].tolist() == [D(2024, 2, 10), D(2024, 3, 6), D(2024, 3, 7)]
    assert reach.series["reached"].tolist() == [1, 2, 3]
    assert reach.reached == 3
    assert reach.as_of == D(2024, 3, 31)
    # 3 persons in 91 days -> 60 persons after 1,820 days.
    assert reach.target_date == D(2024, 1, 1) + dt.timedelta(days=1820)
    assert reach.grant_spent == pytest.approx(2_935_000 * 91 / 731)
    assert reach.grant_per_person == pytest.approx(2_935_000 * 91 / 731 / 3)
    assert reach.on_target_line == pytest.approx(60 * 90 / 730)


def test_cumulative_reach_when_the_target_is_met(engine):
    reach = q.cumulative_reach(engine, MARCH, *PROJECT, target=2, grant_dkk=100)
    assert reach.target_date == D(2024, 3, 6)


def test_funnel_and_reach_at_one_site(engine):
    """With a site filter the persons are counted from the raw contacts at that site."""
    stubben = Filters(MARCH.start, MARCH.end, sites=("stubben",))
    # Only p2 was met there: a plan (engaged), referred, starts after March.
    assert q.funnel(engine, stubben) == q.Funnel(1, 1, 1, 0, None)
    station = Filters(MARCH.start, MARCH.end, sites=("helsingor-station",))
    reach = q.cumulative_reach(engine, station, *PROJECT, target=60, grant_dkk=1)
    assert reach.series["day"].tolist() == [D(2024, 2, 10), D(2024, 3, 7)]  # p1, p3
    assert reach.reached == 2
