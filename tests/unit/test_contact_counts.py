"""Distinct persons from the daily tables equal distinct persons from the raw contacts.

Without site filters the pages count persons from person_contact_days (a range count); with
a site filter that keeps every site, they count the raw contacts (count distinct). Both must
give the same figures on the demo data, for ranges of every length and position.
"""

from __future__ import annotations

import datetime as dt

import pytest

from data_access.contact_counts import contact_ranges, first_contacts_per_day, persons_met
from data_access.db import create_engine_for
from data_access.filters import Filters
from data_access.organisation import SITE_KINDS

D = dt.date
RANGES = {
    "a day": (D(2024, 5, 14), D(2024, 5, 14)),
    "a week": (D(2024, 9, 2), D(2024, 9, 8)),
    "a month": (D(2025, 2, 1), D(2025, 2, 28)),
    "the project": (D(2024, 1, 1), D(2025, 12, 31)),
    "before the data": (D(2020, 1, 1), D(2020, 12, 31)),
    "across the end": (D(2025, 12, 1), D(2026, 3, 31)),
    "empty": (D(2025, 3, 2), D(2025, 3, 1)),
}


@pytest.fixture(scope="module")
def engine(demo_db_url):
    return create_engine_for(demo_db_url)


def _both(period: Filters) -> tuple[Filters, Filters]:
    every_site = Filters(period.start, period.end, site_kinds=tuple(SITE_KINDS))
    return period, every_site


def test_ranges_from_the_daily_tables_equal_the_raw_count(engine):
    daily, raw = _both(Filters(D(2024, 1, 1), D(2025, 12, 31)))
    with engine.connect() as conn:
        from_daily = contact_ranges(conn, daily, RANGES)
        from_raw = contact_ranges(conn, raw, RANGES)
    assert from_daily == from_raw
    assert from_daily["the project"].persons > from_daily["a month"].persons > 0
    assert from_daily["before the data"].contacts == 0


@pytest.mark.parametrize("since", [D(2024, 1, 1), D(2024, 7, 15), D(2025, 6, 1)])
def test_first_contacts_and_the_persons_met_equal_the_raw_count(engine, since):
    daily, raw = _both(Filters(since, D(2025, 9, 30)))
    with engine.connect() as conn:
        firsts = first_contacts_per_day(conn, daily, since, daily.end)
        assert firsts == first_contacts_per_day(conn, raw, since, raw.end)
        met = sorted(conn.scalars(persons_met(daily)))
        assert met == sorted(conn.scalars(persons_met(raw)))
    assert sum(n for _, n in firsts) == len(met) > 0
