"""The benchmark's naive peer (bench/naive.py: whole tables in pandas) computes the same
overview and caseload figures as the project's SQL, on several periods and filters: the
project's event counts over the daily tables are checked against a second implementation of
the definitions. (Timings are `make bench`, never a test.)"""

from __future__ import annotations

import datetime as dt

import pytest

from bench import naive
from data_access.caseload import caseload_page
from data_access.db import create_engine_for
from data_access.demo import write_demo
from data_access.filters import Filters
from data_access.overview import overview

D = dt.date
PERIODS = [
    Filters(D(2024, 1, 1), D(2025, 12, 31)),  # the project, by month
    Filters(D(2024, 3, 4), D(2024, 9, 19)),  # 200 days, by month, previous period in warm-up
    Filters(D(2025, 2, 1), D(2025, 3, 31), departments=("alkohol",)),  # by week, one department
    Filters(D(2024, 6, 1), D(2025, 5, 31), site_kinds=("public",), coarse=True),  # by quarter
]


def _check(engine, helsingor, periods) -> None:
    tables = naive.load(engine)
    start = helsingor.outreach.start
    for f in periods:
        assert naive.differences(overview(engine, f, start), naive.overview(tables, f, start)) == []
        assert naive.differences(caseload_page(engine, f), naive.caseload(tables, f)) == []


@pytest.mark.parametrize("f", PERIODS, ids=["project", "200-days", "weeks-one-dept", "quarters"])
def test_the_peer_equals_the_project_on_the_demo_data(demo_db_url, helsingor, f):
    _check(create_engine_for(demo_db_url), helsingor, [f])


def test_the_peer_equals_the_project_on_postgresql(postgres_engine, helsingor):
    write_demo(postgres_engine, helsingor)
    _check(postgres_engine, helsingor, PERIODS[:2])


def test_a_difference_is_found(demo_db_url, helsingor):
    """The comparison can fail: one changed count is reported by name."""
    engine = create_engine_for(demo_db_url)
    f = PERIODS[0]
    project = overview(engine, f, helsingor.outreach.start)
    peer = naive.overview(naive.load(engine), f, helsingor.outreach.start)
    peer.outreach_trend.loc[0, "contacts"] += 1
    assert naive.differences(project, peer) == ["outreach_trend: rows differ"]
