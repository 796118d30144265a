"""Caseload aggregates against hand-computed values: February 2024 (a leap month, 29 days).

Edge cases: a course that starts before the period and ends inside it, one still open, a
request on the period's last day, a start on day 14 (within) and day 15 (breach), an end on
the leap day, a withdrawal before start, and a request that starts after the period.
"""

import datetime as dt

import pytest

from data_access import caseload as q
from data_access.db import new_batch
from data_access.filters import Filters
from data_access.records import insert_activity

D = dt.date
FEB = Filters(D(2024, 2, 1), D(2024, 2, 29))


def _course(
    cid,
    dept,
    requested,
    started=None,
    ended=None,
    reason=None,
    source="self",
    modality="individual",
):
    return {
        "id": cid,
        "person_id": cid,
        "department_id": dept,
        "address_site_id": "ungeindsats" if dept == "unge" else "rusmiddelcenter",
        "requested_on": requested,
        "started_on": started,
        "ended_on": ended,
        "end_reason": reason,
        "modality": modality,
        "referral_source": source,
    }


@pytest.fixture
def engine(any_engine):
    birth = {5: 2007, 6: 2004, 8: None}  # ages 17 and 20 at a 2024 request; 8 unknown
    persons = [
        {"id": i, "pseudonym": f"BB-C{i}", "birth_year": birth.get(i, 1984)} for i in range(1, 9)
    ]
    courses = [
        _course(1, "stof", D(2024, 1, 10), D(2024, 1, 15), D(2024, 2, 10), "completed"),
        _course(2, "stof", D(2024, 1, 20), D(2024, 2, 1)),  # 12 days, still open
        _course(3, "alkohol", D(2024, 2, 1), D(2024, 2, 15), modality="group"),  # day 14
        _course(4, "alkohol", D(2024, 2, 1), D(2024, 2, 16), D(2024, 2, 29), "dropped_out"),
        _course(5, "unge", D(2024, 2, 29)),  # requested on the last day
        _course(6, "unge", D(2024, 2, 10)),  # waited 19 days by 29 Feb
        _course(7, "stof", D(2024, 2, 20), None, D(2024, 2, 25), "withdrawn"),
        _course(8, "unge", D(2024, 2, 14), D(2024, 3, 5), source="outreach"),  # 15 days by then
    ]
    staffing = [{"department_id": "stof", "month": D(2024, 2, 1), "fte": 2.0}]
    with any_engine.begin() as conn:
        insert_activity(
            conn, new_batch(conn, "test"), persons=persons, courses=courses, staffing=staffing
        )
    return any_engine


def test_active_at_the_end_counts_a_course_ending_on_the_leap_day(engine):
    series = q.active_series(engine, FEB)
    last = series[series["day"] == D(2024, 2, 29)]
    assert dict(zip(last["department"], last["active"], strict=True)) == {"stof": 1, "alkohol": 2}
    first_week = series[series["day"] == D(2024, 2, 4)]  # Sunday of the week of 1 Feb
    assert dict(zip(first_week["department"], first_week["active"], strict=True)) == {"stof": 2}


def test_active_by_modality_and_address(engine):
    by_modality = q.active_series(engine, FEB, "modality")
    end = by_modality[by_modality["day"] == D(2024, 2, 29)]
    assert sorted(zip(end["department"], end["group"], end["active"], strict=True)) == [
        ("alkohol", "group", 1),
        ("alkohol", "individual", 1),
        ("stof", "individual", 1),
    ]
    by_address = q.active_series(engine, FEB, "address")
    assert set(by_address["group"]) == {"rusmiddelcenter"}


def test_flow_counts_requests_starts_and_ends_inside_the_period(engine):
    totals = q.flow(engine, FEB).groupby(["department", "event"])["count"].sum().to_dict()
    assert totals == {
        ("stof", "requests"): 1,
        ("alkohol", "requests"): 2,
        ("unge", "requests"): 3,
        ("stof", "starts"): 1,
        ("alkohol", "starts"): 2,
        ("stof", "ends"): 2,
        ("alkohol", "ends"): 1,
    }
    reasons = q.ends_by_reason(engine, FEB)
    assert sorted(zip(reasons["department"], reasons["reason"], reasons["ends"], strict=True)) == [
        ("alkohol", "dropped_out", 1),
        ("stof", "completed", 1),
        ("stof", "withdrawn", 1),
    ]


def test_day_14_is_within_and_day_15_a_breach(engine):
    stats = q.waiting_stats(q.waiting_histogram(engine, FEB))
    assert stats["all"] == q.WaitingStats(starts=3, within=2, median_days=14.0, p90_days=15)
    assert stats["alkohol"] == q.WaitingStats(starts=2, within=1, median_days=14.5, p90_days=15)
    assert stats["stof"].share_within == 1.0
    by_week = q.guarantee_by_bucket(engine, FEB)
    got = {(r.bucket, r.department): (r.starts, r.within) for r in by_week.itertuples()}
    assert got == {(D(2024, 1, 29), "stof"): (1, 1), (D(2024, 2, 12), "alkohol"): (2, 1)}


def test_waiting_now_at_the_end_of_the_period(engine):
    now = q.waiting_now(engine, FEB)
    got = {(r.department, r.bucket): (r.requests, r.oldest_days) for r in now.itertuples()}
    # 5: requested that day (0 days); 6: 19 days; 8: 15 days (starts in March); 7 withdrew.
    assert got == {("unge", "0-7"): (1, 0), ("unge", "15+"): (2, 19)}
    # On 14 Feb: 3 and 4 (13 days) and 6 (4 days) and 8 (0 days) wait; 2 started on 1 Feb.
    earlier = q.waiting_now(engine, Filters(D(2024, 2, 1), D(2024, 2, 14)))
    assert {(r.department, r.bucket): r.requests for r in earlier.itertuples()} == {
        ("alkohol", "8-14"): 2,
        ("unge", "0-7"): 2,
    }


def test_caseload_per_fte_only_where_staffing_exists(engine):
    per_fte = q.caseload_per_fte(engine, FEB)
    assert per_fte[["department", "active", "fte", "per_fte"]].values.tolist() == [
        ["stof", 1, 2.0, 0.5]
    ]


def test_referral_sources_and_age_groups(engine):
    sources = q.referral_sources(engine, FEB)
    assert sources[sources["source"] == "outreach"][["department", "requests"]].values.tolist() == [
        ["unge", 1]
    ]
    ages = {(r.department, r.group): r.requests for r in q.age_groups(engine, FEB).itertuples()}
    assert ages == {
        ("unge", "under 18"): 1,
        ("unge", "18-24"): 1,
        ("unge", "unknown"): 1,
        ("alkohol", "25+"): 2,
        ("stof", "25+"): 1,
    }


def test_department_figures_for_the_comparison(engine):
    figures = q.department_figures(engine, FEB)
    assert figures["all"].active_at_end == 3
    assert (figures["all"].requests, figures["all"].starts, figures["all"].ends) == (6, 3, 3)
    assert figures["unge"].waiting.starts == 0
    previous = q.department_figures(engine, FEB.previous())  # 3 Jan - 31 Jan
    assert previous["stof"].starts == 1 and previous["all"].requests == 2


@pytest.mark.parametrize(
    ("values", "counts", "median", "p90"),
    [
        ([5], [1], 5.0, 5),
        ([1, 2], [1, 1], 1.5, 2),
        ([3, 10, 20], [5, 4, 1], 6.5, 10),
        ([], [], None, None),
        ([7, 1], [0, 2], 1.0, 1),
    ],
)
def test_median_and_p90_from_counts(values, counts, median, p90):
    assert q.median_from_counts(values, counts) == median
    assert q.percentile_nearest_rank(values, counts, 0.9) == p90
