"""Invariants of the demo generator: realistic ranges, consistent dates, determinism."""

import datetime as dt
from collections import Counter

import pytest
from sqlalchemy import text

from data_access.db import create_engine_for
from data_access.demo import generate, main, write_demo
from data_access.organisation import load_organisation
from tests.conftest import OTHER_ORG_FILE


@pytest.fixture(scope="module")
def demo(helsingor):
    return generate(helsingor)


def test_outreach_reaches_60_to_70_distinct_persons(demo):
    persons = {c["person_id"] for c in demo.contacts if c["person_id"] is not None}
    assert 60 <= len(persons) <= 70


def test_outreach_has_repeat_and_anonymous_contacts(demo):
    per_person = Counter(c["person_id"] for c in demo.contacts if c["person_id"] is not None)
    assert sum(1 for n in per_person.values() if n > 1) >= 30
    anonymous = sum(1 for c in demo.contacts if c["person_id"] is None)
    assert 0.2 <= anonymous / len(demo.contacts) <= 0.45


def test_contacts_lie_inside_the_project_period_and_opening_hours(demo, helsingor):
    from opening_hours import OpeningHours

    hours = {s.id: OpeningHours(s.opening_hours) for s in helsingor.sites}
    for contact in demo.contacts:
        assert helsingor.outreach.start <= contact["contact_at"].date() <= helsingor.outreach.end
        assert hours[contact["site_id"]].is_open(contact["contact_at"])
    assert not any(c["site_id"] == "rusmiddelcenter" for c in demo.contacts)


def test_places_have_their_own_rhythm(demo):
    station_hours = [
        c["contact_at"].hour for c in demo.contacts if c["site_id"] == "helsingor-station"
    ]
    assert sum(14 <= h <= 22 for h in station_hours) / len(station_hours) > 0.7
    camping = [c["contact_at"].month for c in demo.contacts if "camping" in c["site_id"]]
    assert sum(5 <= m <= 9 for m in camping) / len(camping) > 0.75
    shelter = [c["contact_at"] for c in demo.contacts if c["site_id"] == "vinternatherberget"]
    assert shelter and all(t.month in (11, 12, 1, 2, 3) and t.hour >= 20 for t in shelter)


def test_outreach_referrals_and_starts(demo):
    referred = [c for c in demo.courses if c["referral_source"] == "outreach"]
    started = [c for c in referred if c["started_on"] is not None]
    assert 10 <= len(referred) <= 35
    assert 0.5 <= len(started) / len(referred) <= 0.9


def test_course_dates_are_consistent(demo, helsingor):
    earliest = helsingor.outreach.start - dt.timedelta(days=366)
    for course in demo.courses:
        assert earliest <= course["requested_on"] <= helsingor.outreach.end
        if course["started_on"]:
            assert course["started_on"] >= course["requested_on"]
            assert course["started_on"] <= helsingor.outreach.end
        if course["ended_on"]:
            assert course["ended_on"] >= (course["started_on"] or course["requested_on"])
            assert course["ended_on"] <= helsingor.outreach.end
            assert course["end_reason"]
        # Opening stock from before the period must still be open on its first day.
        if course["requested_on"] < helsingor.outreach.start:
            assert course["ended_on"] is None or course["ended_on"] >= helsingor.outreach.start


def test_waiting_times_mostly_within_the_guarantee(demo):
    waits = [(c["started_on"] - c["requested_on"]).days for c in demo.courses if c["started_on"]]
    breaches = sum(w > 14 for w in waits)
    assert 0.05 <= breaches / len(waits) <= 0.25
    still_waiting = [c for c in demo.courses if c["started_on"] is None and c["ended_on"] is None]
    assert 1 <= len(still_waiting) <= 15


@pytest.mark.parametrize(
    ("dept", "low", "high"), [("stof", 150, 250), ("alkohol", 100, 200), ("unge", 30, 60)]
)
def test_persons_in_treatment_per_year_match_the_calibration(demo, dept, low, high):
    for year in (2024, 2025):
        first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
        in_treatment = {
            c["person_id"]
            for c in demo.courses
            if c["department_id"] == dept
            and c["started_on"]
            and c["started_on"] <= last
            and (c["ended_on"] is None or c["ended_on"] >= first)
        }
        assert low <= len(in_treatment) <= high, (year, len(in_treatment))


def test_modalities_end_reasons_and_staffing(demo, helsingor):
    assert {c["modality"] for c in demo.courses} == {"individual", "group"}
    assert {"completed", "dropped_out", "withdrawn"} <= {c["end_reason"] for c in demo.courses}
    months = {(s["department_id"], s["month"]) for s in demo.staffing}
    assert len(months) == 3 * 24
    assert all(s["fte"] > 0 for s in demo.staffing)


def test_persons_have_no_identifying_fields(demo):
    assert all(
        set(p) == {"id", "pseudonym", "birth_year", "sex", "main_substance"} for p in demo.persons
    )
    assert len({p["pseudonym"] for p in demo.persons}) == len(demo.persons)


def test_generation_is_deterministic(helsingor, demo):
    again = generate(helsingor)
    assert again.contacts == demo.contacts
    assert again.courses == demo.courses
    assert generate(helsingor, seed=1).contacts != demo.contacts


def test_scale_multiplies_the_volume(helsingor, demo):
    doubled = generate(helsingor, scale=2)
    assert 1.6 <= len(doubled.contacts) / len(demo.contacts) <= 2.4
    assert 1.6 <= len(doubled.courses) / len(demo.courses) <= 2.4


def test_writes_through_the_database_and_works_for_another_organisation(tmp_path):
    other = load_organisation(OTHER_ORG_FILE)
    engine = create_engine_for(f"sqlite:///{tmp_path / 'other.db'}")
    data = write_demo(engine, other)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM outreach_contacts")).scalar() == len(
            data.contacts
        )
        assert conn.execute(text("SELECT count(*) FROM treatment_courses")).scalar() == len(
            data.courses
        )
        depts = {
            r[0] for r in conn.execute(text("SELECT DISTINCT department_id FROM treatment_courses"))
        }
        batch = conn.execute(text("SELECT source, row_count FROM import_batches")).one()
    assert depts == {"voksne-stof", "ung"}
    assert batch.source == "demo" and batch.row_count > 0


def test_cli_creates_a_database_once(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    assert main(["--url", url]) == 0
    assert "Demo database ready" in capsys.readouterr().out
    assert main(["--url", url, "--if-missing"]) == 0
    assert "already has data" in capsys.readouterr().out
    assert main(["--url", url]) == 1
