"""Each overview aggregate against values computed by hand on a small fixture database.

Period under test: March 2024 (31 days); the previous period is 30 Jan - 29 Feb 2024 (leap day).
"""

import datetime as dt

import pytest

from data_access import overview as q
from data_access.db import new_batch
from data_access.filters import Filters
from data_access.records import insert_activity

D = dt.date
T = dt.datetime
MARCH = Filters(D(2024, 3, 1), D(2024, 3, 31))


def _contact(person, site, when):
    return {
        "person_id": person,
        "site_id": site,
        "contact_at": when,
        "contact_type": "brief",
        "outcome": "none",
    }


def _course(person, dept, source, requested, started=None, ended=None, reason=None):
    address = "ungeindsats" if dept == "unge" else "rusmiddelcenter"
    return {
        "person_id": person,
        "department_id": dept,
        "address_site_id": address,
        "requested_on": requested,
        "started_on": started,
        "ended_on": ended,
        "end_reason": reason,
        "modality": "individual",
        "referral_source": source,
    }


@pytest.fixture
def engine(any_engine):
    persons = [
        {
            "id": i,
            "pseudonym": f"BB-P{i}",
            "birth_year": 1980,
            "sex": "M",
            "main_substance": "opioids",
        }
        for i in range(1, 6)
    ]
    contacts = [
        _contact(1, "helsingor-station", T(2024, 3, 1, 10)),  # in
        _contact(1, "helsingor-station", T(2024, 3, 15, 16)),  # in, same person
        _contact(2, "stubben", T(2024, 3, 31, 23, 59)),  # in: last minute of the period
        _contact(None, "kronborg", T(2024, 3, 10, 12)),  # in, anonymous
        _contact(3, "helsingor-station", T(2024, 4, 1, 0, 0)),  # out: first minute after
        _contact(3, "helsingor-station", T(2024, 2, 29, 12)),  # previous period (leap day)
        _contact(4, "kronborg", T(2024, 1, 15, 12)),  # before the previous period
    ]
    courses = [
        _course(1, "stof", "outreach", D(2024, 3, 1), D(2024, 3, 15)),  # day 14: within
        _course(
            2,
            "stof",
            "self",
            D(2024, 3, 1),
            D(2024, 3, 16),  # day 15: breach
            D(2024, 3, 31),
            "dropped_out",
        ),
        _course(3, "alkohol", "outreach", D(2024, 3, 31)),  # waiting
        _course(4, "unge", "gp", D(2024, 1, 2), D(2024, 1, 10), D(2024, 3, 5), "completed"),
        _course(5, "alkohol", "self", D(2024, 2, 20), D(2024, 2, 28)),  # previous, within
    ]
    with any_engine.begin() as conn:
        insert_activity(
            conn, new_batch(conn, "test"), persons=persons, contacts=contacts, courses=courses
        )
    return any_engine


def test_outreach_totals(engine):
    assert q.outreach_totals(engine, MARCH) == q.OutreachTotals(4, 1, 2)
    assert q.outreach_totals(engine, MARCH.previous()) == q.OutreachTotals(1, 0, 1)


def test_outreach_totals_by_site_and_kind(engine):
    public = Filters(MARCH.start, MARCH.end, site_kinds=("public",))
    assert q.outreach_totals(engine, public) == q.OutreachTotals(3, 1, 1)
    stubben = Filters(MARCH.start, MARCH.end, sites=("stubben",))
    assert q.outreach_totals(engine, stubben) == q.OutreachTotals(1, 0, 1)
    nothing = Filters(MARCH.start, MARCH.end, sites=("stubben",), site_kinds=("public",))
    assert q.outreach_totals(engine, nothing) == q.OutreachTotals(0, 0, 0)


def test_persons_reached_since_project_start(engine):
    assert q.persons_reached_since(engine, D(2024, 1, 1), MARCH) == 4
    assert q.persons_reached_since(engine, D(2024, 2, 1), MARCH) == 3
    assert q.persons_reached_since(engine, D(2024, 4, 2), MARCH) == 0


def test_outreach_series_fills_empty_buckets(engine):
    quarter = Filters(D(2024, 1, 1), D(2024, 6, 30))
    series = q.outreach_series(engine, quarter)
    assert series["bucket"].tolist() == [D(2024, m, 1) for m in range(1, 7)]
    assert series["contacts"].tolist() == [1, 1, 4, 1, 0, 0]
    assert series["persons"].tolist() == [1, 1, 2, 1, 0, 0]
    weeks = q.outreach_series(engine, MARCH)  # 31 days: weekly buckets from Monday 26 Feb
    assert weeks["bucket"].iloc[0] == D(2024, 2, 26)
    assert weeks["contacts"].sum() == 4


def test_referrals_from_outreach(engine):
    assert q.outreach_referrals(engine, MARCH) == q.Referrals(requests=2, started=1)
    stof = Filters(MARCH.start, MARCH.end, departments=("stof",))
    assert q.outreach_referrals(engine, stof) == q.Referrals(requests=1, started=1)
    assert q.outreach_referrals(engine, MARCH.previous()) == q.Referrals(0, 0)


def test_active_caseload_counts_a_course_on_its_last_day(engine):
    assert q.active_caseload(engine, D(2024, 3, 31), MARCH) == {"stof": 2, "alkohol": 1}
    assert q.active_caseload(engine, D(2024, 2, 29), MARCH) == {"unge": 1, "alkohol": 1}
    unge = Filters(MARCH.start, MARCH.end, departments=("unge",))
    assert q.active_caseload(engine, D(2024, 3, 5), unge) == {"unge": 1}
    assert q.active_caseload(engine, D(2024, 3, 6), unge) == {}


def test_caseload_series_at_each_month_end(engine):
    spring = Filters(D(2023, 12, 1), D(2024, 3, 31))  # over 92 days: monthly buckets
    series = q.caseload_series(engine, spring)
    by_day = {(r.day, r.department): r.active for r in series.itertuples()}
    assert by_day == {
        (D(2024, 1, 31), "unge"): 1,
        (D(2024, 2, 29), "unge"): 1,
        (D(2024, 2, 29), "alkohol"): 1,
        (D(2024, 3, 31), "stof"): 2,
        (D(2024, 3, 31), "alkohol"): 1,
    }


def test_guarantee_day_14_is_within_and_day_15_a_breach(engine):
    assert q.guarantee(engine, MARCH) == q.Guarantee(starts=2, within=1)
    assert q.guarantee(engine, MARCH).share == 0.5
    assert q.guarantee(engine, MARCH.previous()) == q.Guarantee(starts=1, within=1)
    assert q.guarantee(engine, Filters(D(2024, 5, 1), D(2024, 5, 31))).share is None


def test_overview_bundles_current_and_previous(engine):
    data = q.overview(engine, MARCH, project_start=D(2024, 1, 1))
    assert data.outreach.persons == 2 and data.outreach_previous.persons == 1
    assert data.reached_since_start == 4
    assert data.caseload_previous == {"unge": 1, "alkohol": 1}
    assert data.guarantee_trend["starts"].sum() == 2


def test_data_extent(engine):
    assert q.data_extent(engine) == (D(2024, 1, 2), D(2024, 4, 1))
