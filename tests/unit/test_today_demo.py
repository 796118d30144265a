"""Data up to today (issue 15): the demo runs to its end date, deterministic for a seed and
that date; the project period stays the project's; presets count back from today."""

import datetime as dt
from collections import Counter

import pytest

from data_access import clock
from data_access.db import create_engine_for
from data_access.demo import generate, main, stale_demo, write_demo
from tests.conftest import LATER_TODAY

UNTIL = LATER_TODAY


@pytest.fixture(scope="module")
def later(helsingor):
    return generate(helsingor, until=UNTIL)


def test_the_demo_runs_to_its_end_date_and_no_further(later, helsingor):
    days = [c["contact_at"].date() for c in later.contacts]
    assert max(days) <= UNTIL
    assert max(days) >= UNTIL - dt.timedelta(days=7)  # the team was out last week
    for course in later.courses:
        for column in ("requested_on", "started_on", "ended_on"):
            assert course[column] is None or course[column] <= UNTIL
    months = {(row["month"].year, row["month"].month) for row in later.staffing}
    assert (UNTIL.year, UNTIL.month) in months


def test_same_seed_and_end_date_same_data_another_end_date_other_data(later, helsingor):
    assert generate(helsingor, until=UNTIL) == later
    assert generate(helsingor, until=UNTIL - dt.timedelta(days=30)) != later


def test_outreach_goes_on_after_the_project_at_a_lower_pace(later, helsingor):
    project_end = helsingor.outreach.end
    first_met: dict[int, dt.date] = {}
    for c in later.contacts:
        if c["person_id"] is not None:
            first_met.setdefault(c["person_id"], c["contact_at"].date())
    during = sum(1 for d in first_met.values() if d <= project_end)
    after = sum(1 for d in first_met.values() if d > project_end)
    assert 60 <= during <= 70  # the project's target group is as before
    yearly_during = during / 2
    yearly_after = after / ((UNTIL - project_end).days / 365)
    assert 0.3 * yearly_during <= yearly_after <= 0.9 * yearly_during
    by_year = Counter(c["contact_at"].year for c in later.contacts)
    assert by_year[2026] >= 0.4 * by_year[2025]  # contacts at a believable level


def test_days_since_the_last_visit_are_plausible_for_year_round_sites(later, helsingor):
    last: dict[str, dt.date] = {}
    for c in later.contacts:
        last[c["site_id"]] = max(last.get(c["site_id"], dt.date.min), c["contact_at"].date())
    public = [s.id for s in helsingor.outreach_sites if s.kind == "public"]
    year_round = [s for s in public if "camping" not in s]
    assert all((UNTIL - last[s]).days <= 60 for s in year_round)
    assert min((UNTIL - d).days for d in last.values()) <= 7


def test_requests_are_still_waiting_on_the_last_day(later):
    waiting = [c for c in later.courses if c["started_on"] is None and c["ended_on"] is None]
    assert waiting
    assert all(c["requested_on"] <= UNTIL for c in waiting)


def test_the_demo_defaults_to_today(monkeypatch, helsingor):
    monkeypatch.setenv("BROBYGGER_TODAY", "2026-03-15")
    data = generate(helsingor)
    assert max(c["contact_at"].date() for c in data.contacts) <= dt.date(2026, 3, 15)
    assert max(c["contact_at"].date() for c in data.contacts) > helsingor.outreach.end


def test_an_end_before_the_project_start_is_refused(helsingor, capsys, tmp_path):
    with pytest.raises(ValueError):
        generate(helsingor, until=dt.date(2023, 12, 31))
    url = f"sqlite:///{tmp_path / 'x.db'}"
    assert main(["--url", url, "--until", "2023-12-31"]) == 2
    assert "before the project starts" in capsys.readouterr().err


def test_make_run_remakes_a_stale_demo_but_never_real_data(helsingor, tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'demo.db'}"
    assert main(["--url", url, "--until", "2026-01-31"]) == 0
    engine = create_engine_for(url)
    assert stale_demo(engine, dt.date(2026, 3, 1)) == dt.date(2026, 1, 31)
    assert stale_demo(engine, dt.date(2026, 1, 31)) is None
    engine.dispose()
    assert main(["--url", url, "--if-missing", "--until", "2026-03-01"]) == 0
    assert "making it anew" in capsys.readouterr().out
    engine = create_engine_for(url)
    with engine.connect() as conn:
        last = conn.exec_driver_sql("SELECT max(contact_at) FROM outreach_contacts").scalar()
        conn.exec_driver_sql("SELECT 1").scalar()
    assert str(last)[:7] in ("2026-02", "2026-03")
    with engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO import_batches (source, row_count, created_at) "
            "VALUES ('form', 1, '2026-03-01 10:00:00')"
        )
    assert stale_demo(engine, dt.date(2026, 6, 1)) is None  # a logged contact is real data


def test_clock_pins_and_counts_from_today(monkeypatch):
    monkeypatch.setenv("BROBYGGER_TODAY", "2026-12-01")
    assert clock.today() == dt.date(2026, 12, 1)
    current = (dt.date(2024, 1, 1), dt.date(2026, 11, 28))  # last records on a Saturday
    assert clock.as_of(current, dt.date(2025, 12, 31)) == dt.date(2026, 12, 1)
    archive = (dt.date(2024, 1, 1), dt.date(2025, 12, 31))
    assert clock.as_of(archive, dt.date(2025, 12, 31)) == dt.date(2025, 12, 31)
    monkeypatch.setenv("BROBYGGER_TODAY", "1. december")
    with pytest.raises(ValueError, match="BROBYGGER_TODAY"):
        clock.today()


def test_write_demo_notes_its_end_date(helsingor, tmp_path):
    engine = create_engine_for(f"sqlite:///{tmp_path / 'n.db'}")
    write_demo(engine, helsingor, until=dt.date(2026, 2, 1))
    with engine.connect() as conn:
        note = conn.exec_driver_sql("SELECT note FROM import_batches").scalar()
    assert "until 2026-02-01" in note


def test_period_presets_count_back_from_today(helsingor):
    from ui.filters import preset_period

    assert preset_period("year", helsingor, UNTIL) == (dt.date(2026, 1, 1), UNTIL)
    assert preset_period("month", helsingor, UNTIL) == (dt.date(2026, 11, 1), dt.date(2026, 11, 30))
    assert preset_period("quarter", helsingor, UNTIL) == (dt.date(2026, 7, 1), dt.date(2026, 9, 30))
    assert preset_period("project", helsingor, UNTIL) == (
        helsingor.outreach.start,
        helsingor.outreach.end,
    )
